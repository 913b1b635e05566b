/**
 * spend export --db (src/services/export/postgres.ts) on a real PostgreSQL:
 * COPY in one transaction, idempotent per import id, texts with tabs,
 * newlines, backslashes and quotes kept as they are, NULL apart from '', and
 * the NUMERIC amount equal to amount_minor / 10^exponent exactly.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {testPg, type TestPg} from '../helpers/pg.js'
import {EXPORT_COLUMNS, type ExportBatch} from '../../src/io/write/export/types.js'
import {exportToPostgres} from '../../src/services/export/postgres.js'
import {runPostgres} from '../../src/sql/engines.js'

let pg: TestPg

beforeAll(async () => {
  pg = await testPg()
}, 120_000)

afterAll(async () => {
  await pg?.close()
})

const TRICKY = ['tab\there', 'line\nbreak', 'back\\slash \\N', 'quote " and \'', '', 'Ærø Øst ÅS', ',comma,', '\\.']

/** `n` rows of import `id`: amounts in GBP (2 decimals), NOK and JPY (0 decimals). */
function batch(id: string, n: number, offset = 0): ExportBatch {
  const values: Record<string, (string | bigint | number | boolean | null)[]> = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.name, []]))
  const cur = ['GBP', 'NOK', 'JPY']
  for (let i = 0; i < n; i++) {
    const k = i + offset
    const currency = cur[k % 3]
    const row: Record<string, string | bigint | number | boolean | null> = {
      import_id: id, source_file: `${id}.csv`, source_line: BigInt(k + 2), buyer_id: `B-${k % 4}`, buyer: `Buyer ${k % 4}`,
      unit: k % 5 === 0 ? null : TRICKY[k % TRICKY.length], supplier_id: null, supplier_key: `s${k % 7}`, supplier: `Supplier ${k % 7}`,
      published_supplier: TRICKY[(k + 3) % TRICKY.length], supplier_unidentified: k % 11 === 0, redacted: k % 11 === 0, supplier_scale: null,
      date: k % 9 === 0 ? null : 19_000 + k, amount_minor: BigInt(k * 1237 - 5000) * (k % 13 === 0 ? 1_000_000_000n : 1n), currency,
      currency_exponent: currency === 'JPY' ? 0 : 2, category_scheme: null, category_code: null, category: null, classified_by: null, gpp_group: null,
      expense_type: null, description: TRICKY[k % TRICKY.length], transaction_id: String(k), invoice_number: null, buyer_origin: 'column',
    }
    for (const c of EXPORT_COLUMNS) values[c.name].push(row[c.name])
  }
  return {length: n, values}
}

async function* batches(...bs: ExportBatch[]): AsyncGenerator<ExportBatch> {
  for (const b of bs) yield b
}

async function* failing(b: ExportBatch): AsyncGenerator<ExportBatch> {
  yield b
  throw new Error('the source broke')
}

function expectedSums(bs: ExportBatch[]): Record<string, string> {
  const out: Record<string, bigint> = {}
  for (const b of bs) b.values.currency.forEach((c, i) => (out[c as string] = (out[c as string] ?? 0n) + (b.values.amount_minor[i] as bigint)))
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, String(v)]))
}

const count = async () => Number((await runPostgres(pg.url, 'SELECT COUNT(*) AS n FROM spend_records'))[0].n)

describe('exportToPostgres', () => {
  const a = [batch('aaaaaaaaaaaa', 700), batch('aaaaaaaaaaaa', 300, 700)]
  const b = [batch('bbbbbbbbbbbb', 250)]

  it('loads batches, and re-loading the same import replaces it (idempotent)', async () => {
    const first = await exportToPostgres(pg.url, batches(...a), [{id: 'aaaaaaaaaaaa'}])
    expect(first).toEqual({table: 'spend_records', rows: 1000, replaced: 0})
    expect(await count()).toBe(1000)
    const again = await exportToPostgres(pg.url, batches(...a), [{id: 'aaaaaaaaaaaa'}])
    expect(again.replaced).toBe(1000)
    expect(await count()).toBe(1000)
  })

  it('adds another import beside the first', async () => {
    await exportToPostgres(pg.url, batches(...b), [{id: 'bbbbbbbbbbbb'}])
    expect(await count()).toBe(1250)
    const per = await runPostgres(pg.url, 'SELECT import_id, COUNT(*) AS n FROM spend_records GROUP BY import_id ORDER BY import_id')
    expect(per).toEqual([{import_id: 'aaaaaaaaaaaa', n: '1000'}, {import_id: 'bbbbbbbbbbbb', n: '250'}])
  })

  it('keeps per-currency sums of amount_minor and of the NUMERIC amount exact', async () => {
    const rows = await runPostgres(pg.url, 'SELECT currency, SUM(amount_minor) AS minor, SUM(amount) AS amount, MAX(currency_exponent) AS e FROM spend_records GROUP BY currency ORDER BY currency')
    const want = expectedSums([...a, ...b])
    expect(Object.fromEntries(rows.map((r) => [r.currency, r.minor]))).toEqual(want)
    for (const r of rows) {
      const e = Number(r.e)
      const minor = BigInt(r.minor!)
      const sign = minor < 0n ? '-' : ''
      const abs = (minor < 0n ? -minor : minor).toString().padStart(e + 1, '0')
      expect(r.amount).toBe(e === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -e)}.${abs.slice(-e)}`)
    }
    expect(Number(rows.find((r) => r.currency === 'GBP')!.minor!.length)).toBeGreaterThan(15)
  })

  it('keeps texts as they are (tabs, newlines, backslashes, quotes) and NULL apart from the empty text', async () => {
    const rows = await runPostgres(pg.url, "SELECT source_line, unit, description, date FROM spend_records WHERE import_id = 'aaaaaaaaaaaa' ORDER BY source_line LIMIT 30")
    for (const r of rows) {
      const k = Number(r.source_line) - 2
      expect(r.unit).toBe(k % 5 === 0 ? null : TRICKY[k % TRICKY.length])
      expect(r.description).toBe(TRICKY[k % TRICKY.length])
      expect(r.date).toBe(k % 9 === 0 ? null : new Date((19_000 + k) * 86_400_000).toISOString().slice(0, 10))
    }
    expect(rows.some((r) => r.description === '')).toBe(true)
  })

  it('leaves the table as it was when a load fails midway (one transaction), with a one-line error', async () => {
    const before = await runPostgres(pg.url, 'SELECT import_id, COUNT(*) AS n, SUM(amount_minor) AS s FROM spend_records GROUP BY import_id ORDER BY import_id')
    await expect(exportToPostgres(pg.url, failing(batch('aaaaaaaaaaaa', 100)), [{id: 'aaaaaaaaaaaa'}])).rejects.toMatchObject({code: 'DB_LOAD_FAILED', message: expect.stringMatching(/^[^\n]*the source broke[^\n]*$/)})
    expect(await runPostgres(pg.url, 'SELECT import_id, COUNT(*) AS n, SUM(amount_minor) AS s FROM spend_records GROUP BY import_id ORDER BY import_id')).toEqual(before)
  })

  it('refuses a table name that is not a plain identifier', async () => {
    await expect(exportToPostgres(pg.url, batches(), [], {table: 'x; DROP TABLE y'})).rejects.toMatchObject({code: 'BAD_FLAG', exit: 2})
  })
})
