import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'

// A big plain CSV is read on two threads (src/io/read/split.ts) and hashed on
// a third, its id given at commit (src/io/importer.ts). Forced on for a small
// file with SPENDKIT_SPLIT_MIN_BYTES=1 and SPENDKIT_HASH_THREAD_MIN_BYTES=1,
// every output must equal the one-thread read that hashes first: id, hash,
// rows, lines, totals, rejects, warnings.

const ROWS = 60_000
const ONE = {SPENDKIT_SPLIT_MIN_BYTES: '1e15', SPENDKIT_HASH_THREAD_MIN_BYTES: '1e15'}
const TWO = {SPENDKIT_SPLIT_MIN_BYTES: '1', SPENDKIT_HASH_THREAD_MIN_BYTES: '1'}

/**
 * A CSV with quoted fields holding line breaks (one long one across the
 * middle byte), CRLF and LF endings, rejects on both sides, redacted
 * suppliers, blank lines, bad company numbers (one on both sides of the cut:
 * counted once) and a total line at the end.
 */
function writeCsv(path: string, opts: {strayQuote?: boolean} = {}): void {
  const out: string[] = ['Body Name,Date,Supplier Name,Company Number,Expense Type,Transaction Number,Amount,Description\n']
  let size = out[0].length
  const rows: string[] = []
  for (let i = 0; i < ROWS; i++) {
    const pounds = (i * 7919) % 250_000
    const amount = `${pounds}.${String(i % 100).padStart(2, '0')}`
    let date = `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2024`
    if (i % 9001 === 17) date = '31/02/2024' // rejected: no such date
    const supplier = i % 301 === 0 ? 'REDACTED' : `Supplier ${i % 4999} Ltd`
    const id = i % 11 === 0 ? String(10_000_000 + (i % 4999)).padStart(8, '0') : i === 100 || i === 40_000 ? 'XX12' : i === 50_000 ? 'YY9' : ''
    let desc = `Item ${i}`
    if (i % 97 === 0) desc = `"First line ${i}\nsecond line, with comma\r\nthird ""quoted"""`
    if (i % 1013 === 0) desc = `12" pipe and 3" valve ${i}`
    if (opts.strayQuote && i === 1234) desc = `a 12" pipe ${i}`
    const amt = i % 7777 === 5 ? 'n/a' : amount
    const end = i % 3 === 0 ? '\r\n' : '\n'
    rows.push(`Dept ${i % 3},${date},${supplier},${id},Type ${i % 40},T${i},${amt},${desc}${end}`)
    if (i % 5003 === 0) rows.push('\n')
  }
  for (const r of rows) size += r.length
  // A long quoted field across the middle byte, so the cut must skip past it.
  const half = size / 2
  let at = 0
  let pos = out[0].length
  while (pos < half) pos += rows[at++].length
  rows.splice(Math.max(0, at - 3), 0, `Dept 1,01/01/2024,Supplier 1 Ltd,,Type 1,TM,10.00,"${'long\nquoted\n'.repeat(2000)}end"\n`)
  rows.push(',,Total,,,,123456.78,\n')
  writeFileSync(path, out.concat(rows).join(''))
}

interface Outcome {
  summary: unknown
  cube: string
  rejects: string
  entry: Record<string, unknown>
  parts: number
  dictJoin: unknown
}

async function importAndRead(file: string, env: Record<string, string>): Promise<Outcome> {
  const ws = tempDir('spendkit-split-')
  const r = await runCli(['import', file, '--workspace', ws, '--json'], {env})
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  const summary = await runCli(['summary', '--workspace', ws, '--json'])
  const cube = await runCli(['cube', '--by', 'supplier', '--format', 'csv', '--workspace', ws])
  expect(cube.code).toBe(0)
  const [id] = readdirSync(join(ws, 'imports'))
  const dir = join(ws, 'imports', id)
  // The parts and how their dictionaries join depend on the split; nothing else may.
  const {parts, dict_join: dictJoin, ...entry} = JSON.parse(readFileSync(join(dir, 'entry.json'), 'utf8')) as Record<string, unknown> & {parts: unknown[]}
  return {summary: JSON.parse(summary.stdout), cube: cube.stdout, rejects: readFileSync(join(dir, 'rejects.csv'), 'utf8'), entry, parts: parts.length, dictJoin}
}

describe('spend import of a big CSV on two threads', () => {
  const dir = tempDir('spendkit-split-data-')
  const file = join(dir, 'spend.csv')
  const stray = join(dir, 'stray.csv')
  beforeAll(() => {
    writeCsv(file)
    writeCsv(stray, {strayQuote: true})
  })

  it('gives the same rows, lines, totals, rejects and warnings as one thread', async () => {
    const one = await importAndRead(file, ONE)
    const two = await importAndRead(file, TWO)
    // One part per 262,144 rows: the split read ends its first half's part early.
    expect(one.parts).toBe(1)
    expect(two.parts).toBe(2)
    expect(one.dictJoin).toBeUndefined()
    expect(two.dictJoin).toMatchObject({part: 1, file: 'dict-join.json'})
    expect(two.entry).toEqual(one.entry)
    expect(two.summary).toEqual(one.summary)
    expect(two.cube).toBe(one.cube)
    expect(two.rejects).toBe(one.rejects)
    const rows = (one.entry as {rows: {rejected: number; skipped: number}}).rows
    expect(rows.rejected).toBeGreaterThan(10)
    expect(rows.skipped).toBeGreaterThan(10)
    const files = (one.entry as {files: {warnings: string[]}[]}).files
    expect(files[0].warnings.join('\n')).toMatch(/\b2 supplier ids?\b/)
    // Rejects are in file order with their physical lines, across the cut.
    const lines = one.rejects.trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]))
    expect(lines).toEqual([...lines].sort((a, b) => a - b))
  }, 120_000)

  it('reads on by itself when a stray quote makes the cut unsure, with the same result', async () => {
    const one = await importAndRead(stray, ONE)
    const two = await importAndRead(stray, TWO)
    expect(two.entry).toEqual(one.entry)
    expect(two.summary).toEqual(one.summary)
    expect(two.rejects).toBe(one.rejects)
  }, 120_000)

  it('reads on by itself when the file turns non-ASCII past its head, which only the hash thread sees', async () => {
    const late = join(dir, 'late.csv')
    const text = readFileSync(file, 'latin1')
    // A windows-1252 pound sign three quarters in: in the second half, after the first 64 KB.
    const at = text.indexOf('\n', Math.floor(text.length * 0.75)) + 1
    writeFileSync(late, Buffer.from(`${text.slice(0, at)}Dept 2,01/02/2024,Caf\xe9 \xa3 Ltd,,Type 1,TP,5.00,x\n${text.slice(at)}`, 'latin1'))
    const one = await importAndRead(late, ONE)
    const two = await importAndRead(late, TWO)
    expect(two.entry).toEqual(one.entry)
    expect(two.summary).toEqual(one.summary)
    expect((one.entry as {files: {encoding: string}[]}).files[0].encoding).toBe('windows-1252')
    // The second half was dropped: one thread wrote every part, so there is nothing to join.
    expect(two.dictJoin).toBeUndefined()
  }, 120_000)

  it('splits a file whose head is ASCII and the rest valid UTF-8, with the same result', async () => {
    const utf8 = join(dir, 'utf8.csv')
    const text = readFileSync(file, 'latin1')
    const at = text.indexOf('\n', Math.floor(text.length * 0.75)) + 1
    writeFileSync(utf8, Buffer.concat([
      Buffer.from(text.slice(0, at), 'latin1'), Buffer.from('Dept 2,01/02/2024,Café € Ltd,,Type 1,TP,5.00,x\n', 'utf8'), Buffer.from(text.slice(at), 'latin1'),
    ]))
    const one = await importAndRead(utf8, ONE)
    const two = await importAndRead(utf8, TWO)
    expect(two.entry).toEqual(one.entry)
    expect(two.summary).toEqual(one.summary)
    expect(two.cube).toBe(one.cube)
    expect(two.cube).toContain('Café € Ltd')
    expect((one.entry as {files: {encoding: string}[]}).files[0].encoding).toBe('utf-8')
    // The halves joined.
    expect(two.dictJoin).toMatchObject({part: 1, file: 'dict-join.json'})
  }, 120_000)

  it('reads standard input on two threads too (it is spooled to a file first), with the same result', async () => {
    const read = async (env: Record<string, string>) => {
      const ws = tempDir('spendkit-split-stdin-')
      const r = await runCli(['import', '-', '--workspace', ws, '--json'], {env, input: readFileSync(file)})
      expect(r.code).toBe(0)
      const [id] = readdirSync(join(ws, 'imports'))
      const {parts: _p, dict_join: dictJoin, ...entry} = JSON.parse(readFileSync(join(ws, 'imports', id, 'entry.json'), 'utf8')) as Record<string, unknown>
      const cube = await runCli(['cube', '--by', 'supplier', '--format', 'csv', '--workspace', ws])
      return {entry, dictJoin, cube: cube.stdout}
    }
    const one = await read(ONE)
    const two = await read(TWO)
    expect(two.entry).toEqual(one.entry)
    expect(two.cube).toBe(one.cube)
    expect([one.entry.file, one.entry.path]).toEqual(['<stdin>', null])
    expect(two.dictJoin).toMatchObject({part: 1, file: 'dict-join.json'})
  }, 120_000)

  it('knows a re-import of the same bytes, also after an import whose id came at commit', async () => {
    const ws = tempDir('spendkit-split-again-')
    const first = await runCli(['import', file, '--workspace', ws, '--json'], {env: TWO})
    const again = await runCli(['import', file, '--workspace', ws, '--json'], {env: TWO})
    expect(first.code).toBe(0)
    expect(again.code).toBe(0)
    const a = JSON.parse(first.stdout) as {imports: {id: string; status: string}[]}
    const b = JSON.parse(again.stdout) as {imports: {id: string; status: string}[]}
    expect(a.imports[0].status).toBe('imported')
    expect(b.imports[0]).toMatchObject({id: a.imports[0].id, status: 'unchanged'})
  }, 120_000)
})

describe('spend import identified at commit (hash on its own thread), for every kind of file', () => {
  const real = (p: string) => join('..', 'shared', 'realdata', p)
  const files = [
    real('uk-moj-family-over25k-may2010/zip_csv.zip'),
    real('ocds/armenia-release-package-6.json'),
    join('fixtures', 'bytes', 'book.ods'),
    join('fixtures', 'bytes', 'cp850-pound.csv'),
  ]
  for (const f of files) {
    it(`gives the same import as hashing first: ${f}`, async () => {
      const run = async (env: Record<string, string>) => {
        const ws = tempDir('spendkit-late-')
        const r = await runCli(['import', f, '--currency', 'GBP', '--workspace', ws, '--json'], {env})
        expect(r.code).toBe(0)
        return JSON.parse(r.stdout) as unknown
      }
      const first = await run(ONE)
      const late = await run(TWO)
      expect(late).toEqual(first)
    }, 120_000)
  }
})
