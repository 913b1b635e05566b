/**
 * Temp folders are removed on every path: the CLI's spool of standard input
 * (imported, refused, too large), and the tests' own folders (tempDir).
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {removeTempDirs} from '../helpers/temp.js'

describe('spend import - (standard input)', () => {
  /** Run `spend` with a temp dir of its own, and say what it left there. */
  async function importStdin(input: Buffer, env: Record<string, string> = {}) {
    const tmp = tempDir('spendkit-stdintmp-')
    const r = await runCli(['import', '-', '--workspace', join(tempDir(), 'ws')], {input, env: {TMPDIR: tmp, ...env}})
    return {...r, left: readdirSync(tmp)}
  }

  it('removes its spool folder after an import', async () => {
    const r = await importStdin(readFileSync(fixture('cli/uk-25k-small.csv')))
    expect(r.code).toBe(0)
    expect(r.left).toEqual([])
  })

  it('removes it when the input is refused', async () => {
    const r = await importStdin(readFileSync(fixture('cli/binary.bin')))
    expect(r.code).toBe(1)
    expect(r.left).toEqual([])
  })

  it('removes it when the input is larger than allowed', async () => {
    const r = await importStdin(Buffer.from('Supplier,Amount\n' + 'A,1.00\n'.repeat(20_000)), {SPENDKIT_MAX_STDIN_BYTES: '1000'})
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('standard input is larger than')
    expect(r.left).toEqual([])
  })
})

describe('tempDir', () => {
  it('makes a folder in the run\'s temp dir that removeTempDirs (run after each test file) removes', () => {
    const dir = tempDir('spendkit-probe-')
    expect(existsSync(dir)).toBe(true)
    expect(dir.startsWith(process.env.TMPDIR!)).toBe(true)
    expect(process.env.TMPDIR).toMatch(/spendkit-run-/) // the run's own folder (test/helpers/temp-run.ts)
    removeTempDirs()
    expect(existsSync(dir)).toBe(false)
  })
})
