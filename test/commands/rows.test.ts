/**
 * `spend rows`: the records behind a figure. On the demo data (GBP and NOK,
 * CRLF, UTF-8 with BOM and Windows-1252 files): any cube cell followed down
 * with the same filters lists exactly its rows; the orders and --top; every
 * format carries the same rows.
 */
import {readFileSync, rmSync} from 'node:fs'
import iconv from 'iconv-lite'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {check, loadSchema} from '../contracts/schema-check.js'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

type Row = Record<string, any>

let ws = ''
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true})
})

beforeAll(async () => {
  ws = tempDir('spendkit-rows-')
  dirs.push(ws)
  const r = await runCli(['import', fixture('demo'), '--workspace', ws])
  expect(r.code, r.stderr).toBe(0)
})

/** `spend ARGS --json` on the demo workspace. */
async function json(args: string[]): Promise<Row> {
  const r = await runCli([...args, '--workspace', ws, '--json'])
  expect(r.code, `spend ${args.join(' ')}: ${r.stdout.slice(0, 300)}`).toBe(0)
  return JSON.parse(r.stdout) as Row
}

/** An exact decimal string as a bigint scaled by 10^6 (enough for every currency's minor unit). */
function micros(amount: string): bigint {
  const [int, frac = ''] = amount.replace('-', '').split('.')
  const v = BigInt(int + frac.padEnd(6, '0'))
  return amount.startsWith('-') ? -v : v
}

const sum = (rows: Row[]): bigint => rows.reduce((s, r) => s + micros(r.amount), 0n)

describe('following a figure down', () => {
  it('a cube --by buyer,supplier cell -> rows --buyer ID --supplier KEY: exactly its rows (sum and count)', async () => {
    const cube = await json(['cube', '--by', 'buyer,supplier'])
    const cells = cube.rows as Row[]
    // The largest cells of each currency, and the cells of most rows (spellings vary within them).
    const chosen = new Map<string, Row>()
    for (const cur of ['GBP', 'NOK']) for (const c of cells.filter((r) => r.currency === cur).slice(0, 2)) chosen.set(JSON.stringify(c), c)
    for (const c of [...cells].sort((a, b) => b.count - a.count).slice(0, 4)) chosen.set(JSON.stringify(c), c)
    expect(chosen.size).toBeGreaterThanOrEqual(4)
    let spellings = 0
    for (const cell of chosen.values()) {
      const out = await json(['rows', '--buyer', cell.buyer_id, '--supplier', cell.supplier_key, '--currency', cell.currency])
      const where = `${cell.buyer_id} / ${cell.supplier_key}`
      expect(out.rows.length, where).toBe(cell.count)
      expect(sum(out.rows), where).toBe(micros(cell.amount))
      expect(out.totals, where).toEqual([{currency: cell.currency, amount: cell.amount, count: cell.count}])
      for (const r of out.rows as Row[]) expect([r.buyer_id, r.supplier_key, r.currency]).toEqual([cell.buyer_id, cell.supplier_key, cell.currency])
      spellings = Math.max(spellings, new Set((out.rows as Row[]).map((r) => r.supplier)).size)
    }
    // At least one cell gathers several spellings of one supplier: the key, not the text, is followed.
    expect(spellings).toBeGreaterThan(1)
  })

  it('cube cells by unit, expense type and year follow down with --unit, --expense-type and --from/--to', async () => {
    const cube = await json(['cube', '--by', 'year,unit,expense_type'])
    const cells = (cube.rows as Row[]).filter((r) => r.unit !== null && r.expense_type !== null)
    for (const cell of [cells[0], cells[Math.floor(cells.length / 2)], cells[cells.length - 1]]) {
      const out = await json(['rows', '--unit', cell.unit, '--expense-type', cell.expense_type, '--from', cell.year, '--to', cell.year, '--currency', cell.currency])
      expect(out.rows.length).toBe(cell.count)
      expect(sum(out.rows)).toBe(micros(cell.amount))
    }
  })

  it('a top suppliers row -> rows --supplier KEY, with --top N listing its N largest and totals still of all its rows', async () => {
    const top = await json(['top', 'suppliers', '--top', '1'])
    const first = (top.rows as Row[]).find((r) => r.currency === 'NOK')!
    const all = await json(['rows', '--supplier', first.supplier_key, '--currency', 'NOK'])
    expect(all.rows.length).toBe(first.count)
    expect(sum(all.rows)).toBe(micros(first.amount))
    const three = await json(['rows', '--supplier', first.supplier_key, '--currency', 'NOK', '--top', '3'])
    expect(three.rows).toEqual(all.rows.slice(0, 3))
    expect(three.totals).toEqual(all.totals)
    expect(three).toMatchObject({top: 3, count: 3, sort: 'amount'})
  })
})

describe('orders', () => {
  const key = (r: Row) => [r.import, r.line] as const
  const before = (a: Row, b: Row) => a.import < b.import || (a.import === b.import && a.line < b.line)

  it('amount: per currency, largest first, ties in source order; --top N is N per currency', async () => {
    const out = await json(['rows'])
    const rows = out.rows as Row[]
    expect(rows.length).toBe((out.totals as Row[]).reduce((n, t) => n + t.count, 0))
    for (let j = 1; j < rows.length; j++) {
      const [a, b] = [rows[j - 1], rows[j]]
      if (a.currency !== b.currency) {
        expect(a.currency < b.currency).toBe(true)
        continue
      }
      const d = micros(a.amount) - micros(b.amount)
      expect(d >= 0n, `row ${j}`).toBe(true)
      if (d === 0n) expect(before(a, b), `tie at row ${j}`).toBe(true)
    }
    const top = await json(['rows', '--top', '4'])
    const perCurrency = (cur: string) => rows.filter((r) => r.currency === cur).slice(0, 4)
    expect(top.rows).toEqual([...perCurrency('GBP'), ...perCurrency('NOK')])
  })

  it('date: oldest first, then source order; file: import, then line', async () => {
    const byDate = (await json(['rows', '--sort', 'date'])).rows as Row[]
    for (let j = 1; j < byDate.length; j++) {
      const [a, b] = [byDate[j - 1], byDate[j]]
      expect(a.date <= b.date && (a.date < b.date || before(a, b)), `row ${j}`).toBe(true)
    }
    const byFile = (await json(['rows', '--sort', 'file', '--top', '50'])).rows as Row[]
    expect(byFile).toHaveLength(50)
    for (let j = 1; j < byFile.length; j++) expect(before(byFile[j - 1], byFile[j]), `${key(byFile[j])}`).toBe(true)
  })
})

describe('formats', () => {
  const args = ['rows', '--buyer', 'Statens senter for digital arkivering', '--top', '25']

  it('--json conforms to schemas/rows.json, and the schema names exactly the fields', async () => {
    const out = await json(args)
    expect(check(loadSchema('rows'), out)).toEqual([])
    const schema = loadSchema('rows') as Row
    expect(Object.keys(out.rows[0])).toEqual(Object.keys(schema.properties.rows.items.properties).filter((k) => !k.startsWith('raw')))
    const raw = await json([...args, '--raw'])
    expect(check(loadSchema('rows'), raw)).toEqual([])
    expect(Object.keys(raw.rows[0])).toEqual(Object.keys(schema.properties.rows.items.properties))
  })

  it('csv, tsv and --format json carry the same rows as --json; md lists them all', async () => {
    const out = await json(args)
    const cells = (r: Row) => Object.values(r).map((v) => (v === null ? '' : String(v)))
    const csv = await runCli([...args, '--workspace', ws, '--format', 'csv'])
    const lines = csv.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe(Object.keys(out.rows[0]).join(','))
    // These rows hold no commas or quotes (checked), so a plain split reads them.
    expect(csv.stdout).not.toMatch(/"/)
    expect(lines.slice(1).map((l) => l.split(','))).toEqual(out.rows.map(cells))
    const tsv = await runCli([...args, '--workspace', ws, '--format', 'tsv'])
    // Only the final newline goes: a last cell may be empty, and trimEnd would take its tab too.
    expect(tsv.stdout.replace(/\n$/, '').split('\n').slice(1).map((l) => l.split('\t'))).toEqual(out.rows.map(cells))
    const asFormat = await runCli([...args, '--workspace', ws, '--format', 'json'])
    expect(JSON.parse(asFormat.stdout)).toEqual(out)
    expect(asFormat.stdout).toBe(`${JSON.stringify(out, null, 2)}\n`)
    const md = await runCli([...args, '--workspace', ws, '--format', 'md'])
    const body = md.stdout.split('\n').filter((l) => l.startsWith('| ') && /\d{4}-\d{2}-\d{2}/.test(l))
    expect(body.map((l) => l.split(' | ')[2])).toEqual(out.rows.map((r: Row) => r.line.toLocaleString('en-GB')))
  })

  it('tables fit 80 columns, show at most 500 rows with a note, and say nothing else on stdout', async () => {
    // The note counts every row of the workspace: the demo's row count, as spend summary says it.
    const all = ((await json(['summary'])).rows as number).toLocaleString('en-GB')
    for (const extra of [[], ['--raw']]) {
      const r = await runCli(['rows', '--workspace', ws, '--format', 'table', ...extra])
      expect(r.code).toBe(0)
      for (const line of r.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80)
      expect(r.stdout.split('\n').filter((l) => /^│ [0-9a-f]{12} │/.test(l))).toHaveLength(500)
      expect(r.stderr).toContain(`showing the first 500 of ${all} rows`)
    }
  })

  it('are byte-identical in any time zone and locale', async () => {
    const east = {TZ: 'Pacific/Kiritimati', LANG: 'nb_NO.UTF-8', LC_ALL: 'nb_NO.UTF-8'}
    const west = {TZ: 'America/Los_Angeles', LANG: 'C'}
    for (const format of ['md', 'csv', 'json']) {
      const a = await runCli(['rows', '--sort', 'date', '--top', '200', '--raw', '--workspace', ws, '--format', format], {env: east})
      const b = await runCli(['rows', '--sort', 'date', '--top', '200', '--raw', '--workspace', ws, '--format', format], {env: west})
      expect(a.stdout.length).toBeGreaterThan(1000)
      expect(a.stdout).toBe(b.stdout)
    }
  })

  it('an unknown unit or sort is a one-line error', async () => {
    const unit = await runCli(['rows', '--unit', 'No Such Unit', '--workspace', ws])
    expect(unit.code).toBe(1)
    expect(unit.stderr).toBe('spend: error: --unit: No unit matches "No Such Unit" (check the spelling or the ID)\n')
    const sort = await runCli(['rows', '--sort', 'size', '--workspace', ws])
    expect(sort.code).toBe(2)
  })
})

describe('--raw on the demo data', () => {
  /** The file's lines as the importer decodes them. */
  const fileLines = (name: string, encoding: string) => iconv.decode(readFileSync(fixture('demo', name)), encoding).split(/\r\n|\r|\n/)

  it.each([
    // A title line with £ above the header: the rows' lines are counted from it.
    ['uk-dis-spend-over-25k-2024-03.csv', 'windows-1252', '2024-03', false],
    ['no-ssda-leverandorreskontro-2023.csv', 'windows-1252', '2023', true],
    ['no-dkf-leverandorer-2024.csv', 'utf8', '2024', true],
  ])('%s (%s): every row\'s raw line is the line it came from', async (name, encoding, period, letters) => {
    const out = await json(['rows', '--raw', '--sort', 'file', '--from', period, '--to', period])
    const rows = (out.rows as Row[]).filter((r) => r.file === name)
    expect(rows.length).toBeGreaterThan(20)
    const lines = fileLines(name, encoding)
    for (const r of rows) {
      expect(r.raw_status).toBe('ok')
      expect(r.raw, `line ${r.line}`).toBe(lines[r.line - 1])
    }
    // Letters outside ASCII came through the code page (ø, æ, å).
    expect(rows.some((r) => /[æøåÆØÅ]/.test(r.raw))).toBe(letters)
    expect((out.raw_sources as Row[]).find((s) => s.file === name)).toMatchObject({status: 'ok', note: null, rows: rows.length})
  })
})
