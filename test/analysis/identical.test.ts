import {describe, expect, it} from 'vitest'
import {IDENTICAL_DICT_COLUMNS, IDENTICAL_TEXT_COLUMNS, identicalGroups, type TextPick} from '../../src/analysis/identical.js'
import {SUMMARY_COLUMNS} from '../../src/analysis/summary.js'
import {type DictColumn, dictValue, type NumColumn, type SpendFrame} from '../../src/model/frame.js'
import type {SpendRecord} from '../../src/model/record.js'
import {emptyFrame, frameOf} from '../helpers/analysis-records.js'
import {random} from '../helpers/prng.js'

/** The frame without its free-text columns, and a pick reading them from the full frame that records the rows asked for. */
function withoutText(full: SpendFrame): {frame: SpendFrame; pick: TextPick; asked: number[][]} {
  const columns = {...full.columns}
  for (const name of IDENTICAL_TEXT_COLUMNS) delete columns[name]
  const asked: number[][] = []
  const pick: TextPick = (name, rows) => {
    asked.push(Array.from(rows))
    const src = full.columns[name] as DictColumn
    const codes = new Int32Array(full.length).fill(-1)
    for (const r of Array.from(rows)) codes[r] = src.codes[r]
    return {type: 'dict', codes, dict: src.dict}
  }
  return {frame: {...full, columns}, pick, asked}
}

/** Reference: rows grouped by a string of every compared field, straight from the values. */
function reference(frame: SpendFrame, rows: readonly number[]): number[][] {
  const names = [...IDENTICAL_DICT_COLUMNS.filter((c) => c !== 'published_supplier'), 'supplier', ...IDENTICAL_TEXT_COLUMNS] as const
  const by = new Map<string, number[]>()
  for (const i of rows) {
    const key = JSON.stringify([...names.map((n) => {
      const c = frame.columns[n] as DictColumn | undefined
      return c ? dictValue(c, i) : null
    }), (frame.columns.amount as NumColumn).values[i]])
    by.set(key, [...(by.get(key) ?? []), i])
  }
  return [...by.values()].filter((g) => g.length > 1).sort((a, b) => a[0] - b[0])
}

describe('identicalGroups', () => {
  const base: Partial<SpendRecord> = {invoice_number: 'INV1', transaction_id: 'T1', description: 'Rent', date: '2024-05-01', amount: 125000}

  it('groups rows identical on every canonical field, counting k - 1 extra rows; provenance is not compared', () => {
    const frame = frameOf(
      {...base, source_line: 2}, {...base, source_line: 3, source: 'other', source_file: 'b.csv'}, {...base, amount: 125001},
      {...base, source_line: 9},
    )
    const g = identicalGroups(frame, null)
    expect(g.groups.map((x) => [...x])).toEqual([[0, 1, 3]])
    expect(g.extra).toBe(2)
    expect(g.inGroups).toBe(3)
  })

  it('tells rows apart by any one canonical field', () => {
    const changes: Partial<SpendRecord>[] = [
      {buyer_id: 'other-id'}, {buyer: 'Buyer B', buyer_id: 'buyer-a'}, {unit: 'Housing'}, {supplier_id: 'GB-COH-1'}, {supplier: 'ACME LTD', supplier_key: 'acme'},
      {date: '2024-05-02'}, {currency: 'EUR'}, {category_code: '7'}, {category: 'Rent'}, {expense_type: 'Rent'}, {invoice_number: 'INV2'},
      {transaction_id: 'T2'}, {description: 'rent'}, {amount: 125100},
    ]
    for (const change of changes) {
      const frame = frameOf({...base}, {...base, ...change})
      expect(identicalGroups(frame, null).extra, JSON.stringify(change)).toBe(0)
      // The free-text columns through pick give the same answer.
      const {frame: bare, pick} = withoutText(frame)
      expect(identicalGroups(bare, null, pick).extra, JSON.stringify(change)).toBe(0)
    }
  })

  it('compares the supplier as published (published_supplier), not the entity a crosswalk gave', () => {
    const frame = frameOf({...base, supplier: 'Acme'}, {...base, supplier: 'Acme'})
    const published: DictColumn = {type: 'dict', codes: Int32Array.of(0, 1), dict: ['ACME Ltd', 'Acme Limited']}
    expect(identicalGroups(frame, null).extra).toBe(1)
    expect(identicalGroups({...frame, columns: {...frame.columns, published_supplier: published}}, null).extra).toBe(0)
  })

  it('reads the free-text columns only for rows that could have a twin', () => {
    const rows: Partial<SpendRecord>[] = Array.from({length: 200}, (_, k) => ({...base, amount: 1000 + k, transaction_id: `T${k}`}))
    rows.push({...base, amount: 1000, transaction_id: 'T0'}, {...base, amount: 1001, transaction_id: 'T-other'})
    const full = frameOf(...rows)
    const {frame, pick, asked} = withoutText(full)
    const g = identicalGroups(frame, null, pick)
    expect(g.groups.map((x) => [...x])).toEqual([[0, 200]])
    expect(asked.length).toBe(IDENTICAL_TEXT_COLUMNS.length)
    // Rows 0, 1, 200 and 201 are the only ones sharing their dictionary fields and amount; the sieve may let a few more through.
    for (const list of asked) {
      expect(list).toEqual(expect.arrayContaining([0, 1, 200, 201]))
      expect(list.length).toBeLessThan(20)
    }
  })

  it('looks only at the selection', () => {
    const frame = frameOf({...base}, {...base}, {...base})
    expect(identicalGroups(frame, Uint32Array.of(0, 2)).groups.map((x) => [...x])).toEqual([[0, 2]])
    expect(identicalGroups(frame, Uint32Array.of(1)).extra).toBe(0)
    expect(identicalGroups(emptyFrame(), null)).toEqual({groups: [], extra: 0, inGroups: 0})
  })

  it('agrees with a plain grouping by every field on random rows (negative and past-2^32 amounts, nulls)', () => {
    const rand = random(12)
    const pickOf = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
    const recs: Partial<SpendRecord>[] = Array.from({length: 3000}, () => ({
      buyer: pickOf(['A', 'B']), supplier: pickOf(['S1', 'S2', 'S3']), date: pickOf(['2024-01-01', '2024-01-02', null]),
      amount: pickOf([100, -100, 2 ** 33 + 7, 2 ** 33 + 7 + 2 ** 32, 5]), invoice_number: pickOf(['I1', 'I2', null]),
      transaction_id: pickOf(['T1', 'T2', null]), description: pickOf(['x', null]), unit: pickOf(['U', null]),
    }))
    const full = frameOf(...recs)
    const expected = reference(full, [...Array(full.length).keys()])
    const {frame, pick} = withoutText(full)
    const got = identicalGroups(frame, null, pick)
    expect(got.groups.map((x) => [...x])).toEqual(expected)
    expect(got.extra).toBe(expected.reduce((t, g) => t + g.length - 1, 0))
    const odd = Uint32Array.from([...Array(full.length).keys()].filter((i) => i % 2 === 1))
    expect(identicalGroups(frame, odd, pick).groups.map((x) => [...x])).toEqual(reference(full, [...odd]))
  })

  it('summary loads every dictionary column it compares', () => {
    for (const c of IDENTICAL_DICT_COLUMNS) expect(SUMMARY_COLUMNS as readonly string[]).toContain(c)
  })
})
