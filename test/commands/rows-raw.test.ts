/**
 * `spend rows --raw`: the original line of each record, read from its source
 * file when the file is still where the import recorded it and its SHA-256
 * matches; otherwise why not (moved, changed, standard input, archive,
 * spreadsheet). Each case imports copies of fixtures into its own folder,
 * so changing or moving a file touches nothing else.
 */
import {appendFileSync, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import iconv from 'iconv-lite'
import {afterAll, describe, expect, it} from 'vitest'
import {fixture, ROOT, runCli, tempDir} from '../helpers/cli.js'

type Row = Record<string, any>

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true})
})

const QUOTED = 'quoted-newline.csv' // CRLF, a quoted field spanning two lines, "" escapes
const LATIN1 = 'latin1.csv' // Windows-1252 (é, ü, £)

/**
 * A folder with data/<files> copied from fixtures/bytes and a workspace `ws`
 * beside them, imported from inside the folder with relative paths (as a user
 * types them): entries record `file` relative to the folder.
 */
async function project(files: string[]): Promise<{dir: string; ws: string; ids: Record<string, string>}> {
  const dir = tempDir('spendkit-rows-raw-')
  dirs.push(dir)
  mkdirSync(join(dir, 'data'))
  const ids: Record<string, string> = {}
  for (const f of files) {
    copyFileSync(fixture('bytes', f), join(dir, 'data', f))
    const r = await runCli(['import', `data/${f}`, '--workspace', 'ws', '--currency', 'GBP', '--buyer', 'Test', '--json'], {cwd: dir})
    expect(r.code, r.stdout + r.stderr).toBe(0)
    ids[f] = JSON.parse(r.stdout).imports[0].id
  }
  return {dir, ws: join(dir, 'ws'), ids}
}

/** `spend rows --raw --sort file --format json` in `cwd`, with its notes on stderr (--json would silence them). */
async function rawRows(ws: string, cwd: string, extra: string[] = [], env: Record<string, string> = {}): Promise<{out: Row; stderr: string}> {
  const r = await runCli(['rows', '--raw', '--sort', 'file', '--workspace', ws, '--format', 'json', ...extra], {cwd, env})
  expect(r.code, r.stdout + r.stderr).toBe(0)
  return {out: JSON.parse(r.stdout) as Row, stderr: r.stderr}
}

const rowsOf = (out: Row, file: string): Row[] => (out.rows as Row[]).filter((r) => r.file === file)

describe('spend rows --raw', () => {
  it('gives the record\'s lines as in the file: CRLF, a quoted field over two lines, Windows-1252', async () => {
    const {dir, ws} = await project([QUOTED, LATIN1])
    const {out, stderr} = await rawRows(ws, dir)
    const text = readFileSync(join(dir, 'data', QUOTED), 'latin1')
    expect(text.includes('\r\n') && !/[^\r]\n/.test(text)).toBe(true)
    const lines = text.split('\r\n')
    const quoted = rowsOf(out, QUOTED)
    expect(quoted.map((r) => [r.line, r.raw_status])).toEqual([[2, 'ok'], [4, 'ok']])
    // The record of line 2 is lines 2 and 3 of the file, with the file's own line end between them.
    expect(quoted[0].raw).toBe(`${lines[1]}\r\n${lines[2]}`)
    expect(quoted[1].raw).toBe(lines[3])
    expect(quoted[0].description).toBe(`${lines[1].split('"')[1]}\r\n${lines[2].split('"')[0]}`)
    const latin = iconv.decode(readFileSync(join(dir, 'data', LATIN1)), 'windows-1252').split('\r\n')
    const rows = rowsOf(out, LATIN1)
    expect(rows.length).toBe(2)
    for (const r of rows) expect(r.raw).toBe(latin[r.line - 1])
    expect(rows.map((r) => r.raw).join('')).toMatch(/£/)
    expect(out.raw_sources.map((s: Row) => s.status)).toEqual(['ok', 'ok'])
    expect(stderr).toBe('')
    expect((await rawRows(ws, dir, [], {SPENDKIT_HASH_THREAD_MIN_BYTES: '1'})).out).toEqual(out)
  })

  it('says why not for a compressed file and a spreadsheet, and never fails for it', async () => {
    const {dir, ws, ids} = await project(['spend.csv.gz', 'book.xlsx'])
    const {out, stderr} = await rawRows(ws, dir)
    const status = (id: string) => [...new Set((out.rows as Row[]).filter((r) => r.import === id).map((r) => [r.raw, r.raw_status].join()))]
    expect(status(ids['spend.csv.gz'])).toEqual([',archive'])
    expect(status(ids['book.xlsx'])).toEqual([',not_text'])
    expect(stderr).toMatch(new RegExp(`${ids['spend.csv.gz']} spend.csv.gz: no raw lines for 2 rows: inside an archive \\(gz\\)`))
    expect(stderr).toMatch(/raw lines are for CSV\/TSV text files \(this source is xlsx\)/)
  })

  it('says "file changed" when the bytes differ (same size or not) and "file moved" when it is gone', async () => {
    for (const change of ['same size', 'appended', 'moved'] as const) {
      const {dir, ws} = await project([QUOTED])
      const path = join(dir, 'data', QUOTED)
      if (change === 'same size') writeFileSync(path, readFileSync(path, 'latin1').replace('1.50', '1.60'), 'latin1')
      if (change === 'appended') appendFileSync(path, 'C,more,3.00\r\n')
      if (change === 'moved') renameSync(path, join(dir, 'data', 'elsewhere.csv'))
      const {out, stderr} = await rawRows(ws, dir)
      const want = change === 'moved' ? 'file_moved' : 'file_changed'
      // Hashed on another thread while the lines are read (as for files of 8 MB or more): the same answer.
      expect((await rawRows(ws, dir, [], {SPENDKIT_HASH_THREAD_MIN_BYTES: '1'})).out).toEqual(out)
      expect(out.rows.map((r: Row) => [r.raw, r.raw_status]), change).toEqual([[null, want], [null, want]])
      const note = out.raw_sources[0].note as string
      expect(note, change).toMatch(change === 'moved' ? /^file moved: no file at .*quoted-newline\.csv$/ : /^file changed since import .*sha256 differs\)$/)
      expect(stderr).toContain(note)
      // The rows themselves are still listed in full.
      expect(out.rows.map((r: Row) => r.amount)).toEqual(['1.50', '2.00'])
    }
  })

  it('says "read from standard input" for an import from stdin, and "read with --file" for --file', async () => {
    const dir = tempDir('spendkit-rows-raw-')
    dirs.push(dir)
    const imp = await runCli(['import', '-', '--workspace', 'ws', '--currency', 'GBP', '--buyer', 'Test'], {cwd: dir, input: readFileSync(fixture('bytes', QUOTED))})
    expect(imp.code, imp.stderr).toBe(0)
    const {out} = await rawRows(join(dir, 'ws'), dir)
    expect(out.rows.map((r: Row) => r.raw_status)).toEqual(['stdin', 'stdin'])
    expect(out.raw_sources[0]).toMatchObject({path: null, status: 'stdin', note: 'read from standard input: there is no file to read the line from'})
    const direct = await rawRows(join(dir, 'ws'), dir, ['--file', fixture('bytes', LATIN1), '--currency', 'GBP'])
    expect(direct.out.rows.map((r: Row) => r.raw_status)).toEqual(['not_imported', 'not_imported'])
  })
})

describe('what a terminal shows', () => {
  it('escapes control characters (C1, bidi overrides, tabs) of a raw line in tables and Markdown; JSON keeps them exact', async () => {
    const dir = tempDir('spendkit-rows-raw-')
    dirs.push(dir)
    writeFileSync(join(dir, 'esc.csv'), 'Supplier,Description,Amount\r\nA,\u009b31mred\u202efee\tdue,1.50\r\n')
    const imp = await runCli(['import', 'esc.csv', '--workspace', 'ws', '--currency', 'GBP', '--buyer', 'Test'], {cwd: dir})
    expect(imp.code, imp.stderr).toBe(0)
    const {out} = await rawRows('ws', dir)
    expect(out.rows[0].raw).toBe('A,\u009b31mred\u202efee\tdue,1.50')
    for (const format of ['table', 'md']) {
      const r = await runCli(['rows', '--raw', '--workspace', 'ws', '--format', format], {cwd: dir})
      expect(r.code).toBe(0)
      expect(r.stdout).not.toMatch(/[\u009b\u202e\t]/)
      // Markdown escapes the backslash of the escape in turn.
      expect(r.stdout, format).toContain(format === 'md' ? 'A,\\\\u009b31mred\\\\u202efee due,1.50' : 'A,\\u009b31mred')
    }
  })
})

describe('where the source file is looked for', () => {
  it('today\'s entries (no `path`): `file` as typed, relative to the current directory', async () => {
    const {dir, ws, ids} = await project([QUOTED])
    // An entry as spend wrote them before `path`: `file` is the path as typed, relative to where the import ran.
    for (const file of [join(ws, 'manifest.json'), join(ws, 'imports', ids[QUOTED], 'entry.json')]) {
      const json = JSON.parse(readFileSync(file, 'utf8'))
      for (const e of json.imports ?? [json]) {
        e.file = `data/${QUOTED}`
        delete e.path
      }
      writeFileSync(file, JSON.stringify(json, null, 2) + '\n')
    }
    expect((await rawRows(ws, dir)).out.rows.map((r: Row) => r.raw_status)).toEqual(['ok', 'ok'])
    // From another directory the typed path leads nowhere: the file is not found there.
    const elsewhere = await rawRows(ws, ROOT)
    expect(elsewhere.out.rows.map((r: Row) => r.raw_status)).toEqual(['file_moved', 'file_moved'])
    expect(elsewhere.out.raw_sources[0].note).toBe(`file moved: no file at ${join(ROOT, 'data', QUOTED)}`)
  })

  it('entries with `path` (relative to the workspace folder, posix; null for stdin): used from anywhere', async () => {
    const {dir, ws, ids} = await project([QUOTED])
    const id = ids[QUOTED]
    const edit = (change: (e: Row) => void) => {
      for (const file of [join(ws, 'manifest.json'), join(ws, 'imports', id, 'entry.json')]) {
        const json = JSON.parse(readFileSync(file, 'utf8'))
        const entries: Row[] = json.imports ?? [json]
        for (const e of entries) if (e.id === id) change(e)
        writeFileSync(file, JSON.stringify(json, null, 2) + '\n')
      }
    }
    // The contract of the new entries: `file` is the name only, `path` leads from the workspace folder to the file.
    edit((e) => {
      e.file = QUOTED
      e.path = `../data/${QUOTED}`
    })
    for (const cwd of [dir, ROOT, join(dir, 'data')]) {
      const {out} = await rawRows(ws, cwd)
      expect(out.rows.map((r: Row) => r.raw_status), cwd).toEqual(['ok', 'ok'])
      expect(out.raw_sources[0].path).toBe(`../data/${QUOTED}`)
    }
    edit((e) => (e.path = null))
    const {out} = await rawRows(ws, dir)
    expect(out.rows.map((r: Row) => r.raw_status)).toEqual(['stdin', 'stdin'])
  })
})
