import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {cube} from '../../src/analysis/cube.js'
import {top} from '../../src/analysis/top.js'
import {openSources} from '../../src/io/read/bytes/sources.js'
import {readTable} from '../../src/io/read/table/table.js'
import {frameFromRecords} from '../../src/model/frame.js'
import type {RejectedRow, SpendRecord} from '../../src/model/record.js'
import {REALDATA} from '../helpers/cli.js'

const REAL = `${REALDATA}/`
const EXPECTED = JSON.parse(readFileSync(`${REAL}EXPECTED.json`, 'utf8')) as Record<string, {total_minor_units: number; top3_suppliers: {supplier: string; total: string}[]}>

async function load(file: string): Promise<{records: SpendRecord[]; rejected: RejectedRow[]}> {
  const records: SpendRecord[] = []
  const rejected: RejectedRow[] = []
  for await (const src of openSources(`${REAL}${file}`)) {
    if (src.kind !== 'table') continue
    await readTable(src, {importId: 'test', label: file}, {add: (r) => records.push(r), reject: (r) => rejected.push(r)})
  }
  return {records, rejected}
}

/** The second computation: a plain reduction over the records, written separately from the kernels. */
function reduce(records: SpendRecord[], key: (r: SpendRecord) => string): Map<string, bigint> {
  const out = new Map<string, bigint>()
  for (const r of records) out.set(`${r.currency}|${key(r)}`, (out.get(`${r.currency}|${key(r)}`) ?? 0n) + BigInt(r.amount))
  return out
}

describe.each([
  'uk-oxford-city-council-over500/expenditure-over-500-jan-mar-2015.csv',
  'uk-bbsrc-over25k/1011-bbsrc-25k-spend-return.csv',
])('real data: %s', (file) => {
  it('totals by supplier and by buyer agree exactly with a plain reduction and with EXPECTED.json', async () => {
    const {records, rejected} = await load(file)
    const frame = frameFromRecords(records)
    const bySupplier = new Map(cube(frame, {by: ['supplier']}).rows.map((r) => [`${r.currency}|${r.ids[0]}`, r.amount]))
    expect(bySupplier).toEqual(reduce(records, (r) => (r.supplier_key.trim() !== '' ? r.supplier_key : r.supplier)))
    const byBuyer = new Map(cube(frame, {by: ['buyer']}).rows.map((r) => [`${r.currency}|${r.ids[0]}`, r.amount]))
    expect(byBuyer).toEqual(reduce(records, (r) => r.buyer_id))
    const whole = cube(frame, {by: []}).rows.reduce((a, r) => a + r.amount, 0n)
    const rejectedTotal = rejected.reduce((a, r) => a + BigInt(r.amount ?? 0), 0n)
    expect(whole + rejectedTotal).toBe(BigInt(EXPECTED[file].total_minor_units))
  })

  it('ranks the same three largest suppliers as EXPECTED.json', async () => {
    const frame = frameFromRecords((await load(file)).records)
    const rows = top(frame, {what: 'suppliers', top: 3}).rows.filter((r) => r.rank !== null)
    expect(rows.map((r) => [r.label?.trim().toLowerCase(), r.amount])).toEqual(
      EXPECTED[file].top3_suppliers.map((s) => [s.supplier, BigInt(s.total.replace('.', ''))]),
    )
  })
})
