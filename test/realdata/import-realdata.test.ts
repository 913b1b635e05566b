/**
 * Every file under ../shared/realdata imports with no mapping file and matches
 * the independently computed EXPECTED.json: data rows, totals to the minor
 * unit, date range, negatives, distinct suppliers, redactions.
 */
import {readFileSync} from 'node:fs'
import {basename, join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {importOne} from '../../src/services/importer.js'
import {Workspace} from '../../src/io/workspace/index.js'
import {dictValue, type DictColumn, type NumColumn, type BoolColumn, type SpendFrame} from '../../src/model/frame.js'
import {REALDATA, tempDir} from '../helpers/cli.js'

interface Expected {
  kind: string
  data_rows?: number
  total_minor_units?: number
  currency?: string
  date_min?: string | null
  date_max?: string | null
  negatives?: number
  distinct_suppliers?: number
  redacted_or_withheld_supplier_rows?: number
  header_line?: number
}

const EXPECTED: Record<string, Expected> = JSON.parse(readFileSync(join(REALDATA, 'EXPECTED.json'), 'utf8'))
const FILES = Object.keys(EXPECTED).filter((k) => !k.includes('!') && EXPECTED[k].kind !== 'ocds')

/** Facts about the rows of one source file (or all), computed straight from the frame. */
function facts(frame: SpendFrame, sourceFile?: string) {
  const sf = frame.columns.source_file as DictColumn
  const amount = (frame.columns.amount as NumColumn).values
  const date = frame.columns.date as DictColumn
  const supplier = frame.columns.supplier as DictColumn
  const currency = frame.columns.currency as DictColumn
  const redacted = (frame.columns.redacted as BoolColumn).values
  let rows = 0
  let total = 0n
  let negatives = 0
  let red = 0
  let min: string | null = null
  let max: string | null = null
  const suppliers = new Set<string>()
  const currencies = new Set<string>()
  for (let i = 0; i < frame.length; i++) {
    if (sourceFile !== undefined && dictValue(sf, i) !== sourceFile) continue
    rows++
    total += BigInt(amount[i])
    if (amount[i] < 0) negatives++
    if (redacted[i]) red++
    const d = dictValue(date, i)
    if (d !== null) {
      if (min === null || d < min) min = d
      if (max === null || d > max) max = d
    }
    const s = (dictValue(supplier, i) ?? '').trim().toLowerCase()
    if (s) suppliers.add(s)
    currencies.add(dictValue(currency, i) ?? '')
  }
  return {rows, total, negatives, redacted: red, min, max, suppliers: suppliers.size, currencies: [...currencies]}
}

describe.each(FILES)('real data: %s', (key) => {
  const expected = EXPECTED[key]
  let frame: SpendFrame
  let entry: Awaited<ReturnType<typeof importOne>>['entry']

  beforeAll(async () => {
    const ws = new Workspace(tempDir('spendkit-real-'))
    const outcome = await importOne(ws, {input: join(REALDATA, key), toolVersion: 'test'})
    entry = outcome.entry
    frame = await ws.loadFrame(['source_file', 'amount', 'date', 'supplier', 'currency', 'redacted'])
  }, 240_000)

  it('imports every data row and rejects none', () => {
    expect(entry.rows.imported).toBe(expected.data_rows)
    expect(entry.rows.rejected).toBe(0)
    expect(frame.length).toBe(expected.data_rows)
  })

  it('reconciles the control total to the minor unit', () => {
    const f = facts(frame)
    expect(f.total).toBe(BigInt(expected.total_minor_units!))
    expect(f.currencies).toEqual([expected.currency])
    expect(entry.totals).toHaveLength(1)
    const t = entry.totals[0]
    expect(t.currency).toBe(expected.currency)
    expect(BigInt(t.imported_minor)).toBe(BigInt(expected.total_minor_units!))
    expect(BigInt(t.source_minor)).toBe(BigInt(t.imported_minor) + BigInt(t.rejected_minor))
  })

  it('finds the same dates, negatives and suppliers', () => {
    const f = facts(frame)
    if (expected.date_min !== undefined) expect(f.min).toBe(expected.date_min)
    if (expected.date_max !== undefined) expect(f.max).toBe(expected.date_max)
    if (expected.negatives !== undefined) expect(f.negatives).toBe(expected.negatives)
    if (expected.distinct_suppliers !== undefined) expect(f.suppliers).toBe(expected.distinct_suppliers)
    // Redacted suppliers are kept and marked, never dropped.
    if (expected.redacted_or_withheld_supplier_rows !== undefined) expect(f.redacted).toBe(expected.redacted_or_withheld_supplier_rows)
  })

  it('matches each archive member on its own', () => {
    const members = Object.keys(EXPECTED).filter((k) => k.startsWith(`${key}!`))
    for (const m of members) {
      const exp = EXPECTED[m]
      const member = m.slice(key.length + 1)
      const file = entry.files.find((f) => f.file.endsWith(`!${member}`))
      expect(file, `${member} is reported`).toBeDefined()
      expect(file!.rows.imported, member).toBe(exp.data_rows)
      const f = facts(frame, file!.file)
      expect(f.rows, member).toBe(exp.data_rows)
      expect(f.total, member).toBe(BigInt(exp.total_minor_units!))
      if (exp.header_line !== undefined && exp.data_rows) expect(file!.header_line, member).toBe(exp.header_line)
    }
    if (EXPECTED[key].kind !== 'zip') {
      expect(entry.files.map((f) => basename(f.file.split('!')[0]))).toEqual([basename(key)])
      if (expected.header_line !== undefined) expect(entry.files[0].header_line).toBe(expected.header_line)
    }
  })
})

interface OcdsExpected {
  awards: {distinct_awards: number; awards_with_value: number; totals_by_currency: Record<string, {total_minor_units: number; count: number}>}
}
const OCDS = Object.keys(EXPECTED).filter((k) => EXPECTED[k].kind === 'ocds')

describe.each(OCDS)('real OCDS data through the importer: %s', (key) => {
  const expected = EXPECTED[key] as unknown as OcdsExpected

  it('imports each award once with its exact value per currency, or says there is nothing to import', async () => {
    const ws = new Workspace(tempDir('spendkit-real-ocds-'))
    const run = importOne(ws, {input: join(REALDATA, key), toolVersion: 'test'})
    const totals = expected.awards.totals_by_currency
    if (expected.awards.distinct_awards === 0) {
      await expect(run).rejects.toMatchObject({code: 'NO_SPEND_ROWS'})
      expect(await ws.list()).toEqual([])
      return
    }
    const {entry} = await run
    expect(entry.totals.map((t) => t.currency).sort()).toEqual(Object.keys(totals).sort())
    for (const t of entry.totals) {
      expect(BigInt(t.imported_minor), t.currency).toBe(BigInt(totals[t.currency].total_minor_units))
      expect(BigInt(t.source_minor)).toBe(BigInt(t.imported_minor) + BigInt(t.rejected_minor))
    }
    // Awards with no usable value are rejected with a reason, never summed.
    expect(entry.rows.rejected).toBe(expected.awards.distinct_awards - expected.awards.awards_with_value)
    const frame = await ws.loadFrame(['transaction_id'])
    const awards = new Set<string>()
    for (let i = 0; i < frame.length; i++) awards.add(dictValue(frame.columns.transaction_id as DictColumn, i) ?? '')
    expect(awards.size).toBe(expected.awards.awards_with_value)
  })
})
