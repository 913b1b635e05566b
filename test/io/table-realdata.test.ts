import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {unzipSync} from 'fflate'
import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'
import {readTable} from '../../src/io/read/table/table.js'
import {REALDATA as ROOT} from '../helpers/cli.js'
import {CollectSink, tableSourceFromText} from '../helpers/table-source.js'

const EXPECTED = JSON.parse(readFileSync(join(ROOT, 'EXPECTED.json'), 'utf8')) as Record<string, Expected>

interface Expected {
  kind: string
  data_rows: number
  total_minor_units: number
  currency: string
  negatives: number
  distinct_suppliers: number
  redacted_or_withheld_supplier_rows: number
  date_min: string | null
  date_max: string | null
  header_line: number
  excluded_rows: Record<string, unknown>
}

/** Skipped-row counts implied by EXPECTED.json's excluded_rows. */
function expectedSkips(exp: Expected): Record<string, number> {
  const ex = exp.excluded_rows as Record<string, {count?: number; cells?: string[]}[] & {count?: number}>
  const pre = (ex.title_or_preamble_above_header ?? []) as {cells: string[]}[]
  return {
    blank: (ex.blank_rows?.count ?? 0) + pre.filter((r) => r.cells.length === 0).length,
    title: pre.filter((r) => r.cells.length > 0).length,
    header: 1,
    repeated_header: 0,
    total: (ex['total_or_subtotal_(amount_only_row)'] ?? []).length,
    nil: (ex.nil_return ?? []).length,
    note: (ex['no_numeric_amount_(notes/junk)'] ?? []).length,
  }
}

/** Decode as the bytes layer would: UTF-8 when valid, else Windows-1252. */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    return iconv.decode(Buffer.from(bytes), 'win1252')
  }
}

const zips = new Map<string, Record<string, Uint8Array>>()
function bytesOf(key: string): Uint8Array {
  const [file, member] = key.split('!') as [string, string | undefined]
  if (member === undefined) return readFileSync(join(ROOT, file))
  let z = zips.get(file)
  if (!z) {
    z = unzipSync(readFileSync(join(ROOT, file)))
    zips.set(file, z)
  }
  return z[member] as Uint8Array
}

/** Report facts checked for some files, beyond EXPECTED.json. */
const REPORT_FACTS: Record<string, Record<string, unknown>> = {
  'september-2018.csv': {preset: 'us-checkbook', date_order: 'mdy', buyer_origin: 'unknown', mapping: {unit: 'Dept. Descrptn', buyer: null}},
  'gla-2011-12-P13-500.csv': {preset: null, date_order: 'dmy', buyer_origin: 'title', header_line: 7},
  'trafford-supplier-spend-2024-25.zip!trafford-supplier-spend-2024-25.csv': {preset: 'uk-lga', date_order: 'ymd', buyer_origin: 'column'},
  'expenditure-over-500-apr-jun-2014.csv': {preset: 'uk-lga', quality: {no_date: 3836, redacted: 81, with_supplier_id: 0, with_category: 0}},
  '1011-bbsrc-25k-spend-return.csv': {preset: 'uk-25k', date_order: 'dmy'},
}

const cases = Object.entries(EXPECTED).filter(([, v]) => v.kind === 'csv')

describe('readTable on the real published files (EXPECTED.json)', () => {
  it('covers every CSV file and zip member', () => {
    expect(cases.length).toBe(24)
  })
  for (const [key, exp] of cases) {
    it(`imports ${key} exactly as EXPECTED.json`, async () => {
      const name = key.split('/').pop() as string
      const source = tableSourceFromText(name, decode(bytesOf(key)), ',')
      const sink = new CollectSink()
      const report = await readTable(source, {importId: 'test', label: name}, sink)
      const recs = sink.records
      expect(sink.rejects.map((r) => `${r.source_line}: ${r.reason}`)).toEqual([])
      expect(report.rows.imported).toBe(exp.data_rows)
      expect(report.header_line).toBe(exp.header_line)
      let sum = 0n
      let neg = 0
      let redacted = 0
      let min: string | null = null
      let max: string | null = null
      const suppliers = new Set<string>()
      for (const r of recs) {
        sum += BigInt(r.amount)
        if (r.amount < 0) neg++
        if (r.redacted) redacted++
        if (r.date !== null) {
          if (min === null || r.date < min) min = r.date
          if (max === null || r.date > max) max = r.date
        }
        const s = r.supplier.trim().toLowerCase()
        if (s !== '') suppliers.add(s)
        expect(r.currency).toBe(exp.currency)
      }
      expect(sum).toBe(BigInt(exp.total_minor_units))
      expect(report.totals.find((t) => t.currency === exp.currency)?.imported).toBe(BigInt(exp.total_minor_units))
      expect(neg).toBe(exp.negatives)
      expect([min, max]).toEqual([exp.date_min, exp.date_max])
      expect(suppliers.size).toBe(exp.distinct_suppliers)
      expect(redacted).toBe(exp.redacted_or_withheld_supplier_rows)
      expect(report.skipped_detail).toEqual(expectedSkips(exp))
      if (REPORT_FACTS[name]) expect(report).toMatchObject(REPORT_FACTS[name] as object)
      const skipped = Object.values(report.skipped_detail).reduce((a, b) => a + b, 0)
      expect(report.rows.skipped).toBe(skipped)
    }, 30_000)
  }
})
