/**
 * spend export end to end (built binary): CSV and JSON Lines written and
 * parsed back, formula injection neutralised, the --json contract, --force
 * and the temporary-then-rename write, and one-line usage errors.
 */
import {chmodSync, existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createHash} from 'node:crypto'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

let dir = ''
let ws = ''
const run = (args: string[]) => runCli([...args, '--workspace', ws], {cwd: dir})

/** RFC 4180 rows (quoted fields with commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  return rows
}

beforeAll(async () => {
  dir = tempDir()
  ws = join(dir, 'ws')
  writeFileSync(join(dir, 'hostile.csv'), 'Date,Supplier,Amount,Buyer\n2024-01-05,"=HYPERLINK(""http://x"")",12.50,Test Council\n2024-02-05,"Plain, Ltd",-3.25,Test Council\n')
  expect((await run(['import', join(dir, 'hostile.csv'), '--currency', 'GBP'])).code).toBe(0)
  expect((await run(['import', fixture('demo/uk-brackenridge-spend-over-500-2023.csv')])).code).toBe(0)
})

describe('spend export', () => {
  it('--json prints out, rows, bytes, sha256 first, true to the file written', async () => {
    const r = await run(['export', '--out', 'all.csv', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(Object.keys(j).slice(0, 4)).toEqual(['out', 'rows', 'bytes', 'sha256'])
    const bytes = readFileSync(join(dir, 'all.csv'))
    expect(j.bytes).toBe(bytes.length)
    expect(j.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    const summary = JSON.parse((await run(['summary', '--json'])).stdout)
    expect(j.rows).toBe(summary.rows)
    expect(j.totals.map((t: {currency: string; amount: string}) => ({currency: t.currency, amount: t.amount}))).toEqual(summary.totals)
  })

  it('CSV: amount in major units beside currency, dates ISO, quoting and formula injection neutralised', async () => {
    const rows = parseCsv(readFileSync(join(dir, 'all.csv'), 'utf8'))
    const head = rows[0]
    expect(head).toContain('amount')
    expect(head).not.toContain('amount_minor')
    expect(head.indexOf('currency')).toBe(head.indexOf('amount') + 1)
    const at = (r: string[], k: string) => r[head.indexOf(k)]
    const hostile = rows.find((r) => at(r, 'published_supplier').includes('HYPERLINK'))!
    expect(at(hostile, 'published_supplier')).toBe('\'=HYPERLINK("http://x")')
    expect(at(hostile, 'amount')).toBe('12.50')
    expect(at(hostile, 'date')).toBe('2024-01-05')
    const plain = rows.find((r) => at(r, 'published_supplier') === 'Plain, Ltd')!
    expect(at(plain, 'amount')).toBe('-3.25')
    expect(at(plain, 'redacted')).toBe('false')
    expect(rows.length - 1).toBe(316)
  })

  it('JSON Lines: every column, amount_minor a number and amount exact text', async () => {
    const r = await run(['export', '--out', 'gbp.jsonl', '--currency', 'GBP', '--supplier', 'Plain', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const lines = readFileSync(join(dir, 'gbp.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.length).toBe(JSON.parse(r.stdout).rows)
    expect(lines.length).toBe(1)
    expect(lines[0]).toMatchObject({amount_minor: -325, amount: '-3.25', currency: 'GBP', currency_exponent: 2, date: '2024-02-05', supplier_unidentified: false})
    expect(Object.keys(lines[0]).at(-1)).toBe('amount')
  })

  it('refuses an existing target without --force, replaces it with --force', async () => {
    writeFileSync(join(dir, 'keep.csv'), 'old\n')
    const r = await run(['export', '--out', 'keep.csv'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/already exists.*--force/)
    expect(readFileSync(join(dir, 'keep.csv'), 'utf8')).toBe('old\n')
    expect((await run(['export', '--out', 'keep.csv', '--force'])).code).toBe(0)
    expect(readFileSync(join(dir, 'keep.csv'), 'utf8')).toMatch(/^import_id,/)
  })

  it('leaves no file behind when the folder cannot be written', async () => {
    const locked = join(dir, 'locked')
    const {mkdirSync} = await import('node:fs')
    mkdirSync(locked)
    chmodSync(locked, 0o500)
    try {
      const r = await run(['export', '--out', join(locked, 'x.csv')])
      // root ignores the mode: then the write succeeds and the file must be whole.
      if (r.code === 0) expect(readFileSync(join(locked, 'x.csv'), 'utf8')).toMatch(/^import_id,/)
      else {
        expect(r.code).toBe(1)
        expect(r.stderr.trim().split('\n')).toHaveLength(1)
      }
      expect(readdirSync(locked).filter((f) => f.includes('.tmp-'))).toEqual([])
    } finally {
      chmodSync(locked, 0o700)
    }
    const missing = await run(['export', '--out', join(dir, 'no', 'such', 'x.csv')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/cannot write/)
    expect(existsSync(join(dir, 'no'))).toBe(false)
  })

  it('usage errors are one line with exit 2', async () => {
    for (const args of [['--out', 'x.txt'], ['--out', 'x.csv', '--fx', 'rates.csv', '--to', 'EUR'], ['--out', 'x.csv', '--partition-by', 'month']]) {
      const r = await run(['export', ...args])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stdout).toBe('')
    }
    const ext = await run(['export', '--out', 'x.txt'])
    expect(ext.stderr).toMatch(/\.csv, \.jsonl, \.parquet, \.xlsx or \.arrow/)
    expect(existsSync(join(dir, 'x.csv'))).toBe(false)
  })
})
