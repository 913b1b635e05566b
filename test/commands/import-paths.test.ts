/**
 * How an import names its file, so the names mean the same from anywhere:
 * the manifest's `file` is the name, `path` the file's place relative to the
 * workspace folder; rows, rejects and archive members use the name; standard
 * input is `<stdin>` everywhere. Messages about the run name the file as typed.
 */
import {copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {zipSync} from 'fflate'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

type Json = Record<string, any>

let root = ''
beforeAll(() => {
  root = tempDir('spendkit-paths-')
  mkdirSync(join(root, 'data', 'sub'), {recursive: true})
  mkdirSync(join(root, 'elsewhere'))
  copyFileSync(fixture('cli', 'uk-25k-small.csv'), join(root, 'data', 'sub', 'spend.csv'))
})
afterAll(() => rmSync(root, {recursive: true, force: true}))

const manifest = (ws: string): Json => JSON.parse(readFileSync(join(ws, 'manifest.json'), 'utf8')) as Json
const rejectFiles = (ws: string, id: string): string[] =>
  readFileSync(join(ws, 'imports', id, 'rejects.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0] as string)

describe('spend import: file is the name, path is relative to the workspace', () => {
  it('stores and prints the name and a path that resolves from the workspace folder', async () => {
    const ws = join(root, 'ws1')
    const r = await runCli(['import', 'data/sub/spend.csv', '--workspace', 'ws1'], {cwd: root})
    expect(r.code).toBe(0)
    const [entry] = manifest(ws).imports as Json[]
    expect([entry.file, entry.path]).toEqual(['spend.csv', '../data/sub/spend.csv'])
    expect(resolve(ws, entry.path)).toBe(join(root, 'data', 'sub', 'spend.csv'))
    // Sources, rows' files and rejects are named by the name too.
    expect(entry.files.map((f: Json) => f.file)).toEqual(['spend.csv'])
    expect(rejectFiles(ws, entry.id)).toEqual(['spend.csv'])
    // The run's own messages name the file as typed in that shell.
    expect(r.stderr).toContain('data/sub/spend.csv: imported 4 rows as')
    const list = await runCli(['imports', '--workspace', ws, '--json'])
    expect(((JSON.parse(list.stdout) as Json).imports as Json[]).map((i) => [i.file, i.path])).toEqual([['spend.csv', '../data/sub/spend.csv']])
  })

  it('stores the same values whatever the directory the import ran in', async () => {
    const ws = join(root, 'ws2')
    const a = await runCli(['import', '../data/sub/spend.csv', '--workspace', ws], {cwd: join(root, 'elsewhere')})
    expect(a.code).toBe(0)
    const [entry] = manifest(ws).imports as Json[]
    expect([entry.file, entry.path]).toEqual(['spend.csv', '../data/sub/spend.csv'])
    // Given by its absolute path from yet another directory, it is the same import.
    const again = await runCli(['import', join(root, 'data', 'sub', 'spend.csv'), '--workspace', ws, '--json'])
    expect(((JSON.parse(again.stdout) as Json).imports as Json[])[0]).toMatchObject({status: 'unchanged', file: 'spend.csv', path: '../data/sub/spend.csv'})
  })

  it('names archive members after the archive\'s name, not its path', async () => {
    const zip = join(root, 'data', 'sub', 'pack.zip')
    writeFileSync(zip, zipSync({'a.csv': readFileSync(fixture('cli', 'uk-25k-small.csv'))}))
    const ws = join(root, 'ws3')
    const r = await runCli(['import', zip, '--workspace', ws])
    expect(r.code).toBe(0)
    const [entry] = manifest(ws).imports as Json[]
    expect([entry.file, entry.path, entry.files[0].file]).toEqual(['pack.zip', '../data/sub/pack.zip', 'pack.zip!a.csv'])
    expect(rejectFiles(ws, entry.id)).toEqual(['pack.zip!a.csv'])
  })

  it('reads entries written before `path` existed, whose file is the path as typed (path unknown: null)', async () => {
    const ws = join(root, 'ws4')
    expect((await runCli(['import', join(root, 'data', 'sub', 'spend.csv'), '--workspace', ws])).code).toBe(0)
    const m = manifest(ws)
    for (const e of m.imports as Json[]) {
      delete e.path
      e.file = '../data/sub/spend.csv'
    }
    writeFileSync(join(ws, 'manifest.json'), JSON.stringify(m, null, 2) + '\n')
    const list = await runCli(['imports', '--workspace', ws, '--json'])
    expect(list.code).toBe(0)
    expect(((JSON.parse(list.stdout) as Json).imports as Json[]).map((i) => [i.file, i.path])).toEqual([['../data/sub/spend.csv', null]])
    const summary = await runCli(['summary', '--workspace', ws, '--json'])
    expect(summary.code).toBe(0)
    expect((JSON.parse(summary.stdout) as Json).rows).toBe(4)
  })
})

describe('spend import -: standard input is <stdin> everywhere', () => {
  it('in the manifest, the rows, the rejects and the JSON; path is null', async () => {
    const ws = join(root, 'ws-stdin')
    const r = await runCli(['import', '-', '--workspace', ws, '--json'], {input: readFileSync(fixture('cli', 'uk-25k-small.csv'))})
    expect(r.code).toBe(0)
    const [imp] = (JSON.parse(r.stdout) as Json).imports as Json[]
    expect([imp.file, imp.path, imp.sources[0].file]).toEqual(['<stdin>', null, '<stdin>'])
    const [entry] = manifest(ws).imports as Json[]
    expect([entry.file, entry.path]).toEqual(['<stdin>', null])
    expect(rejectFiles(ws, entry.id)).toEqual(['<stdin>'])
    // Listed as a name, not as a neutralised formula ('-).
    const csv = await runCli(['imports', '--workspace', ws, '--format', 'csv'])
    expect(csv.stdout.split('\n')[1]).toMatch(/^[0-9a-f]{12},<stdin>,/)
    const cube = await runCli(['cube', '--by', 'supplier', '--workspace', ws, '--json'])
    expect(cube.code).toBe(0)
  })

  it('says "1 row", not "1 rows"', async () => {
    const ws = join(root, 'ws-one')
    const r = await runCli(['import', '-', '--workspace', ws, '--currency', 'GBP'], {input: 'Supplier,Amount\nA,1.00\n'})
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/<stdin>: imported 1 row as [0-9a-f]{12}\n/)
  })
})
