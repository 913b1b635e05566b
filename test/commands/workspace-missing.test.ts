/**
 * A workspace that does not exist is an error for every command that reads
 * one (CI reads exit 0 as a pass): one line naming the path and how to create
 * it, exit 1, the JSON error shape under --json. A file given as the
 * workspace says it is not a directory. `import` creates the workspace as before.
 */
import {existsSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

// tempDir's folders are removed after this file (test/helpers/temp.ts).
const temp = (): string => tempDir('spendkit-nows-')

/** Every command that reads the workspace. */
const READERS: string[][] = [
  ['summary'],
  ['cube', '--by', 'buyer'],
  ['top', 'suppliers'],
  ['pareto'],
  ['concentration', '--by', 'buyer'],
  ['trend', '--every', 'month'],
  ['profile', 'buyer', 'Oxford'],
  ['profile', 'supplier', 'ACME'],
  ['imports'],
  ['imports', 'remove', '3f2a9c'],
]

describe('a workspace that does not exist', () => {
  it.each(READERS)('%s: one line naming the path and how to create it, exit 1, nothing created', async (...args) => {
    const cwd = temp()
    const r = await runCli([...args, '-w', 'no-such-dir'], {cwd})
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('spend: error: no-such-dir: no such workspace (create one with: spend import FILE --workspace no-such-dir)\n')
    const j = await runCli([...args, '--workspace', 'no-such-dir', '--json'], {cwd})
    expect(j.code).toBe(1)
    expect(JSON.parse(j.stdout)).toEqual({
      error: {code: 'WORKSPACE_NOT_FOUND', message: 'no-such-dir: no such workspace (create one with: spend import FILE --workspace no-such-dir)', exit: 1},
    })
    expect(readdirSync(cwd)).toEqual([])
  })

  it.each(READERS)('%s: the default ./.spendkit absent tells a new user to import first', async (...args) => {
    const cwd = temp()
    const r = await runCli(args, {cwd})
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('spend: error: .spendkit: no workspace in this folder yet (import a file first: spend import FILE; or name a workspace with --workspace DIR)\n')
    expect(existsSync(join(cwd, '.spendkit'))).toBe(false)
  })

  it('the same through $SPENDKIT_WORKSPACE', async () => {
    const cwd = temp()
    const r = await runCli(['summary'], {cwd, env: {SPENDKIT_WORKSPACE: join(cwd, 'gone')}})
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`spend: error: gone: no such workspace (create one with: spend import FILE --workspace gone)\n`)
  })

  it.each(READERS)('%s: a file as the workspace is "not a directory", not an internal error', async (...args) => {
    const cwd = temp()
    writeFileSync(join(cwd, 'README.md'), '# not a workspace\n')
    const r = await runCli([...args, '-w', 'README.md'], {cwd})
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('spend: error: README.md: not a directory, so not a workspace (give a workspace folder with --workspace DIR; spend import FILE --workspace DIR creates one)\n')
    const j = await runCli([...args, '-w', 'README.md', '--json'], {cwd})
    expect(JSON.parse(j.stdout).error).toMatchObject({code: 'WORKSPACE_NOT_A_DIRECTORY', exit: 1})
  })

  it('a folder of other files is not a workspace; an empty folder is an empty one', async () => {
    const cwd = temp()
    mkdirSync(join(cwd, 'data'))
    writeFileSync(join(cwd, 'data', 'spend.csv'), 'Supplier,Amount\nA,1\n')
    const r = await runCli(['cube', '--by', 'buyer', '-w', 'data'], {cwd})
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('spend: error: data: not a spendkit workspace: no manifest.json, and it holds other files (give the workspace folder with --workspace DIR; spend import FILE --workspace NEW-DIR creates one)\n')
    mkdirSync(join(cwd, 'empty'))
    const e = await runCli(['summary', '-w', 'empty', '--json'], {cwd})
    expect(e.code).toBe(0)
    expect(JSON.parse(e.stdout)).toMatchObject({rows: 0})
  })

  it('import creates the workspace as before (and refuses a file as one); --file needs none', async () => {
    const cwd = temp()
    const imp = await runCli(['import', fixture('cli/uk-25k-small.csv'), '-w', 'new-ws'], {cwd})
    expect(imp.code, imp.stderr).toBe(0)
    const s = await runCli(['summary', '-w', 'new-ws', '--json'], {cwd})
    expect(s.code).toBe(0)
    expect(JSON.parse(s.stdout).rows).toBeGreaterThan(0)
    writeFileSync(join(cwd, 'notes.txt'), 'x\n')
    const bad = await runCli(['import', fixture('cli/uk-25k-small.csv'), '-w', 'notes.txt'], {cwd})
    expect(bad.code).toBe(1)
    expect(bad.stderr).toBe('spend: error: notes.txt: not a directory, so not a workspace (give a workspace folder with --workspace DIR; spend import FILE --workspace DIR creates one)\n')
    const direct = await runCli(['cube', '--by', 'buyer', '--file', fixture('cli/uk-25k-small.csv')], {cwd: temp()})
    expect(direct.code).toBe(0)
  })
})
