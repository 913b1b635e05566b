import {spawn} from 'node:child_process'
import {existsSync, readdirSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {BIN, ROOT, tempDir} from '../helpers/cli.js'

// Ctrl-C during `spend import -` ends through process.exit (the import's own
// signal handler), past the code that removes the spooled copy of standard
// input: the spool must still go.

function bigCsv(rows: number): string {
  const lines = ['Entity,Date,Supplier,Expense Type,Transaction Number,Amount']
  for (let i = 0; i < rows; i++) lines.push(`Department for Tests,0${1 + (i % 9)}/03/2024,Supplier ${i % 5000} Ltd,Type ${i % 40},T${i},${(i % 1000) + 1}.25`)
  return lines.join('\n') + '\n'
}

describe('spend import - interrupted', () => {
  it('removes the spooled standard input when stopped with SIGINT mid-import', async () => {
    const tmp = tempDir('spendkit-spool-')
    const ws = tempDir('spendkit-ws-')
    const child = spawn(process.execPath, [BIN, 'import', '-', '--workspace', ws], {
      cwd: ROOT, env: {PATH: process.env.PATH ?? '', TZ: 'UTC', LANG: 'C', TMPDIR: tmp}, stdio: ['pipe', 'ignore', 'pipe'],
    })
    child.stderr.resume()
    child.stdin.on('error', () => {})
    child.stdin.end(bigCsv(400_000))
    const spooled = () => readdirSync(tmp).filter((n) => n.startsWith('spendkit-stdin-'))
    const reading = () => existsSync(ws) && readdirSync(ws).some((n) => n.startsWith('.tmp-'))
    let sawSpool = false
    const code = await new Promise<number | null>((done) => {
      const poll = setInterval(() => {
        if (spooled().length > 0) sawSpool = true
        if (sawSpool && reading()) {
          clearInterval(poll)
          child.kill('SIGINT')
        }
      }, 5)
      child.on('close', (c) => {
        clearInterval(poll)
        done(c)
      })
    })
    // If the import finished before the signal, the test proves nothing: make that a failure.
    expect(sawSpool).toBe(true)
    expect(code).toBe(130)
    expect(spooled()).toEqual([])
  })
})
