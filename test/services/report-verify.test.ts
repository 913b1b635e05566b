/**
 * verifyReport and the manifest reader: a changed import is not rebuilt
 * from, a manifest that names files outside the folder is refused, the
 * temporary rebuild is removed whether it succeeds or fails, and the
 * --stamp field is the only thing left out of the manifest comparison.
 */
import {cpSync, readdirSync, readFileSync, truncateSync, writeFileSync} from 'node:fs'
import {join, relative, sep} from 'node:path'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {buildReport} from '../../src/services/report/build.js'
import {verifyLines, verifyReport} from '../../src/services/report/verify.js'
import {readPinned, recordDirFor, unstamped} from '../../src/services/report/verify-manifest.js'

let dir = ''
const savedTmp = process.env.TMPDIR

beforeAll(async () => {
  dir = tempDir('spendkit-report-verify-')
  expect((await runCli(['import', fixture('cli', 'uk-25k-small.csv'), '-w', join(dir, 'ws')])).code).toBe(0)
  await buildReport({workspace: join(dir, 'ws'), configText: 'sections:\n  - type: overview\n  - type: top\n    what: suppliers\n'}, join(dir, 'rep'))
})

afterEach(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = savedTmp
})

/** A copy of the report with its manifest changed by `edit`. */
function edited(name: string, edit: (m: Record<string, any>) => void): string {
  cpSync(join(dir, 'rep'), join(dir, name), {recursive: true})
  const file = join(dir, name, 'manifest.json')
  const m = JSON.parse(readFileSync(file, 'utf8'))
  edit(m)
  writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`)
  return join(dir, name)
}

/** Point os.tmpdir() at a fresh folder, so a test can see what verify leaves there. */
function ownTmp(): string {
  const tmp = tempDir('spendkit-verify-tmp-')
  process.env.TMPDIR = tmp
  return tmp
}

describe('verifyReport', () => {
  it('rebuilds in a temporary folder and removes it', async () => {
    const tmp = ownTmp()
    const r = await verifyReport({dir: join(dir, 'rep')})
    expect(r.ok).toBe(true)
    expect(r.files.every((f) => f.status === 'same' && f.detail === null)).toBe(true)
    expect(readdirSync(tmp)).toEqual([])
  })

  it('removes the temporary folder when the rebuild fails', async () => {
    const rep = edited('bad-config', (m) => (m.config = {sections: 5}))
    const tmp = ownTmp()
    const failed = verifyReport({dir: rep, shown: 'bad-config'})
    await expect(failed).rejects.toThrow(/^the report cannot be rebuilt from its manifest: report\.yml.*sections must be a list/)
    await expect(failed).rejects.toMatchObject({exit: 1, where: 'bad-config'})
    expect(readdirSync(tmp)).toEqual([])
  })

  it('does not rebuild from an import whose SHA-256 changed: files are checked against the manifest only', async () => {
    const rep = edited('changed', (m) => (m.imports[0].sha256 = '0'.repeat(64)))
    const tmp = ownTmp()
    const r = await verifyReport({dir: rep})
    expect([r.ok, r.rebuilt, r.inputs.map((i) => i.status)]).toEqual([false, false, ['changed']])
    expect(r.files.every((f) => f.status === 'same')).toBe(true)
    expect(r.files.map((f) => f.path)).not.toContain('manifest.json')
    expect(readdirSync(tmp)).toEqual([])
    const lines = verifyLines(r)
    expect(lines[0]).toMatch(/^spend: import [0-9a-f]+ \(uk-25k-small\.csv\): changed$/)
    expect(lines.at(-1)).toMatch(/re-import the original file/)
  })

  it('checks against the manifest\'s hashes when not rebuilding: a changed byte differs, a file not listed is added', async () => {
    const rep = edited('unbuilt', (m) => (m.imports[0].id = 'ffffffffffff'))
    writeFileSync(join(rep, 'report.md'), `${readFileSync(join(rep, 'report.md'), 'utf8')} `)
    writeFileSync(join(rep, 'notes.txt'), 'x')
    const r = await verifyReport({dir: rep})
    expect(r.inputs.map((i) => i.status)).toEqual(['missing'])
    expect(r.files.filter((f) => f.status !== 'same').map((f) => [f.path, f.status])).toEqual([['notes.txt', 'added'], ['report.md', 'differs']])
  })

  it('does not read a listed file of another size (a 3 GiB sparse index.html differs, no crash)', async () => {
    cpSync(join(dir, 'rep'), join(dir, 'huge'), {recursive: true})
    truncateSync(join(dir, 'huge', 'index.html'), 3 * 2 ** 30)
    const r = await verifyReport({dir: join(dir, 'huge')})
    expect(r.files.filter((f) => f.status !== 'same').map((f) => [f.path, f.status])).toEqual([['index.html', 'differs']])
    const unbuilt = edited('huge-unbuilt', (m) => (m.imports[0].id = 'ffffffffffff'))
    truncateSync(join(unbuilt, 'report.md'), 3 * 2 ** 30)
    const u = await verifyReport({dir: unbuilt})
    expect(u.files.filter((f) => f.status !== 'same').map((f) => [f.path, f.status])).toEqual([['report.md', 'differs']])
  })

  it('calls a listed file the rebuild does not make differs', async () => {
    const rep = edited('extra-listed', (m) => m.files.push({path: 'tables/zz.csv', sha256: 'a'.repeat(64), bytes: 1}))
    writeFileSync(join(rep, 'tables', 'zz.csv'), 'x')
    const r = await verifyReport({dir: rep})
    expect(r.files.filter((f) => f.status !== 'same').map((f) => [f.path, f.status])).toEqual([['manifest.json', 'differs'], ['tables/zz.csv', 'differs']])
  })
})

describe('readPinned', () => {
  it.each([['../outside.txt'], ['/etc/passwd'], ['tables/../../x'], ['a\\b'], ['./index.html']])('refuses a manifest listing %s', async (path) => {
    const rep = edited(`path-${Buffer.from(path).toString('hex')}`, (m) => m.files.push({path, sha256: 'a'.repeat(64), bytes: 1}))
    await expect(readPinned(rep, 'r')).rejects.toThrow(/manifest.json is not a spendkit report manifest \(files\)/)
  })

  it('refuses a manifest of a newer format', async () => {
    const rep = edited('newer', (m) => (m.format_version = 2))
    await expect(readPinned(rep, 'r')).rejects.toThrow(/report format 2, newer than this spend reads/)
  })
})

describe('unstamped', () => {
  it('drops only the generated_at line', () => {
    const text = '{\n  "as_of": null,\n  "generated_at": "2025-01-01T00:00:00Z",\n  "files": [\n    {"path": "generated_at"}\n  ]\n}\n'
    expect(unstamped(text)).toBe('{\n  "as_of": null,\n  "files": [\n    {"path": "generated_at"}\n  ]\n}\n')
    const plain = '{\n  "as_of": null\n}\n'
    expect(unstamped(plain)).toBe(plain)
  })
})

describe('recordDirFor', () => {
  const rel = (from: string, to: string) => relative(from, to).split(sep).join('/') || '.'
  it.each([
    ['/r/rep', '/r/ws', '../ws'],
    ['/r/rep', '/audit/copy/ws', '../ws'],
    ['/r/rep', '/audit/data/ws', '../../data/ws'],
    ['/r/rep', '/audit/rep/ws', 'ws'],
    ['/r/rep', '/audit/ws', '.'],
  ])('makes %s\'s workspace %s read as the recorded %s', (dir, ws, recorded) => {
    const from = recordDirFor(dir, ws, recorded)
    expect(rel(from, ws)).toBe(recorded)
  })

  it('keeps the report folder when the workspace is where the manifest says, or no folder gives the path', () => {
    expect(recordDirFor('/r/rep', '/r/ws', '../ws')).toBe('/r/rep')
    expect(recordDirFor('/r/rep', '/audit/other', '../ws')).toBe('/r/rep')
    expect(recordDirFor('/r/rep', '/audit/ws', null)).toBe('/r/rep')
  })

  it('lets a copy of the workspace elsewhere, under its own name, verify', async () => {
    cpSync(join(dir, 'ws'), join(dir, 'audit', 'ws'), {recursive: true})
    const r = await verifyReport({dir: join(dir, 'rep'), workspace: join(dir, 'audit', 'ws')})
    expect(r.files.filter((f) => f.status !== 'same')).toEqual([])
    expect(r.ok).toBe(true)
  })
})
