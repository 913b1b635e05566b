/**
 * Contracts every data command keeps (csvkit's shared test mixins): on an empty
 * file, a header-only file, a Latin-1 file and a semicolon file, each command
 * either works and its --json parses, or fails with one line and exit 1.
 */
import {describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

const ANALYSES: string[][] = [
  ['summary'],
  ['cube', '--by', 'buyer,supplier'],
  ['top', 'suppliers'],
  ['pareto'],
  ['concentration', '--by', 'buyer'],
  ['trend', '--every', 'month'],
  ['imports'],
]

function expectOneLineError(stderr: string): void {
  const lines = stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^spend: error: /)
}

describe.each([
  ['latin1-semicolon.csv', true],
  ['uk-25k-small.csv', true],
  ['empty.csv', false],
  ['header-only.csv', false],
])('every command on %s', (name, importable) => {
  it(`import ${importable ? 'works' : 'fails with one line'}, then every analysis gives JSON that parses`, async () => {
    const ws = tempDir()
    const imp = await runCli(['import', fixture('cli', name), '--workspace', ws, '--json'])
    if (importable) {
      expect(imp.code).toBe(0)
      expect(JSON.parse(imp.stdout).imports[0].rows.imported).toBeGreaterThan(0)
    } else {
      expect(imp.code).toBe(1)
      expect(JSON.parse(imp.stdout).error.message).toContain(name)
      const text = await runCli(['import', fixture('cli', name), '--workspace', ws])
      expectOneLineError(text.stderr)
    }
    const insp = await runCli(['inspect', fixture('cli', name), '--json'])
    if (insp.code === 0) expect(Array.isArray(JSON.parse(insp.stdout).sources)).toBe(true)
    else expect(JSON.parse(insp.stdout).error).toBeDefined()
    for (const args of ANALYSES) {
      const r = await runCli([...args, '--workspace', ws, '--json'])
      expect(r.code, args.join(' ')).toBe(0)
      const out = JSON.parse(r.stdout)
      expect(typeof out, args.join(' ')).toBe('object')
      if ('rows' in out && Array.isArray(out.rows)) expect(out.rows.length > 0, args.join(' ')).toBe(importable)
    }
  })
})

describe('every analysis command', () => {
  it.each(ANALYSES.filter((a) => a[0] !== 'imports' && a[0] !== 'summary'))('%s reads a file directly with --file, writing no workspace', async (...args) => {
    const cwd = tempDir()
    const r = await runCli([...args, '--file', fixture('cli/latin1-semicolon.csv'), '--json'], {cwd})
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).rows.length).toBeGreaterThan(0)
    const {readdirSync} = await import('node:fs')
    expect(readdirSync(cwd)).toEqual([])
  })

  it.each(ANALYSES)('%s prints CSV with a header row when piped, without colour', async (...args) => {
    const ws = tempDir()
    await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', ws])
    const r = await runCli([...args, '--workspace', ws], {env: {FORCE_COLOR: '0'}})
    expect(r.code).toBe(0)
    const header = r.stdout.split('\n')[0]
    expect(header).toMatch(/^[a-z_]+(,[a-z_0-9]+)+$/)
    expect(r.stdout).not.toMatch(/\u001B\[/)
  })
})
