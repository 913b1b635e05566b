import {describe, expect, it} from 'vitest'
import {cube, cubeToJson} from '../../src/analysis/cube.js'
import {filterRows} from '../../src/analysis/filter.js'
import {emptyFrame, frameOf} from '../helpers/analysis-records.js'

const amounts = (rows: Record<string, unknown>[]) => rows.map((r) => r.amount)

describe('cube', () => {
  it('returns no rows for an empty frame', () => {
    expect(cubeToJson(cube(emptyFrame(), {by: ['buyer'], rollup: true}))).toEqual({by: ['buyer'], rows: []})
  })

  it('gives one row for one record, with shares of 1', () => {
    const json = cubeToJson(cube(frameOf({amount: 123450}), {by: ['buyer']}))
    expect(json.rows).toEqual([
      {buyer: 'Buyer A', buyer_id: 'buyer-a', currency: 'GBP', amount: '1234.50', count: 1, share: 1, share_total: 1},
    ])
  })

  it('never adds currencies: each currency is its own block, in code order', () => {
    const f = frameOf({amount: 500, currency: 'GBP'}, {amount: 700, currency: 'EUR'}, {amount: 100, currency: 'GBP', buyer: 'Buyer B'})
    const rows = cubeToJson(cube(f, {by: ['buyer']})).rows
    expect(rows.map((r) => [r.currency, r.buyer, r.amount, r.share])).toEqual([
      ['EUR', 'Buyer A', '7.00', 1],
      ['GBP', 'Buyer A', '5.00', 0.833333],
      ['GBP', 'Buyer B', '1.00', 0.166667],
    ])
  })

  it('orders ties by id ascending, whatever the input order', () => {
    const f = frameOf({supplier: 'Zeta', amount: 100}, {supplier: 'Alpha', amount: 100}, {supplier: 'Mid', amount: 300})
    expect(cubeToJson(cube(f, {by: ['supplier']})).rows.map((r) => r.supplier)).toEqual(['Mid', 'Alpha', 'Zeta'])
  })

  it('keeps credit notes: a negative total sorts last and shares use the signed totals', () => {
    const f = frameOf({supplier: 'A', amount: 1000}, {supplier: 'B', amount: -200}, {supplier: 'B', amount: 50})
    const rows = cubeToJson(cube(f, {by: ['supplier']})).rows
    expect(rows.map((r) => [r.supplier, r.amount, r.count, r.share])).toEqual([
      ['A', '10.00', 1, 1.17647],
      ['B', '-1.50', 2, -0.176471],
    ])
  })

  it('adds rollup subtotal rows after their children, and a grand total per currency', () => {
    const f = frameOf(
      {buyer: 'B1', supplier: 'S1', amount: 100},
      {buyer: 'B1', supplier: 'S2', amount: 300},
      {buyer: 'B2', supplier: 'S1', amount: 50},
    )
    const rows = cubeToJson(cube(f, {by: ['buyer', 'supplier'], rollup: true})).rows
    expect(rows.map((r) => [r.buyer, r.supplier, r.amount, r.rollup ?? false, r.share])).toEqual([
      ['B1', 'S2', '3.00', false, 0.75],
      ['B1', 'S1', '1.00', false, 0.25],
      ['B1', null, '4.00', true, 0.888889],
      ['B2', 'S1', '0.50', false, 1],
      ['B2', null, '0.50', true, 0.111111],
      [null, null, '4.50', true, 1],
    ])
  })

  it('folds all but the top N per parent into one exact "Other (k suppliers)" row', () => {
    const f = frameOf(
      {supplier: 'S1', amount: 1001},
      {supplier: 'S2', amount: 333},
      {supplier: 'S3', amount: 333},
      {supplier: 'S4', amount: 1},
      {supplier: 'S4', amount: 1},
    )
    const rows = cubeToJson(cube(f, {by: ['supplier'], top: 2, rollup: true})).rows
    expect(rows.map((r) => [r.supplier, r.amount, r.count, r.other ?? null])).toEqual([
      ['S1', '10.01', 1, null],
      ['S2', '3.33', 1, null],
      ['Other (2 suppliers)', '3.35', 3, 2],
      [null, '16.69', 5, null],
    ])
  })

  it('does not fold when the group has at most N members', () => {
    const f = frameOf({supplier: 'S1'}, {supplier: 'S2'})
    expect(amounts(cubeToJson(cube(f, {by: ['supplier'], top: 2})).rows)).toEqual(['1.00', '1.00'])
  })

  it('groups by quarter and month with a fiscal year start', () => {
    const f = frameOf({date: '2024-03-31', amount: 1}, {date: '2024-04-01', amount: 2}, {date: '2023-10-02', amount: 4})
    const q = cubeToJson(cube(f, {by: ['quarter'], fiscalYearStart: 4})).rows
    expect(q.map((r) => [r.quarter, r.amount])).toEqual([['2023-24-Q3', '0.04'], ['2024-25-Q1', '0.02'], ['2023-24-Q4', '0.01']])
    const y = cubeToJson(cube(f, {by: ['year']})).rows
    expect(y.map((r) => [r.year, r.amount])).toEqual([['2023', '0.04'], ['2024', '0.03']])
  })

  it('cuts CPV codes to a level and uses a label map', () => {
    const f = frameOf(
      {category_code: '72212000', category: 'Programming services', amount: 1},
      {category_code: '72000000-5', category: 'IT services', amount: 2},
      {category_code: '45000000', amount: 4},
    )
    const labels = new Map([['72000000', 'IT services: consulting, software development']])
    const rows = cubeToJson(cube(f, {by: ['category'], level: 'division', categoryLabels: labels})).rows
    expect(rows.map((r) => [r.category_code, r.category, r.amount])).toEqual([
      ['45000000', '45000000', '0.04'],
      ['72000000', 'IT services: consulting, software development', '0.03'],
    ])
  })

  it('labels a supplier entity with its most frequent name, ties alphabetical', () => {
    const f = frameOf(
      {supplier_key: 'acme', supplier: 'ACME LTD'},
      {supplier_key: 'acme', supplier: 'Acme Ltd'},
      {supplier_key: 'acme', supplier: 'Acme Limited'},
      {supplier_key: 'acme', supplier: 'Acme Ltd'},
      {supplier_key: 'beta', supplier: 'Beta'},
    )
    const rows = cubeToJson(cube(f, {by: ['supplier']})).rows
    expect(rows.map((r) => [r.supplier_key, r.supplier, r.count])).toEqual([['acme', 'Acme Ltd', 4], ['beta', 'Beta', 1]])
  })

  it('uses only the selected rows', () => {
    const f = frameOf({buyer: 'B1', amount: 1}, {buyer: 'B2', amount: 2})
    const rows = cubeToJson(cube(f, {by: ['buyer'], selection: filterRows(f, {buyer: 'b2'})})).rows
    expect(rows.map((r) => [r.buyer, r.amount])).toEqual([['B2', '0.02']])
  })

  it('gives byte-identical JSON whatever the row order', () => {
    const parts = [
      {buyer: 'B2', supplier: 'S1', amount: 100, date: '2024-02-01'},
      {buyer: 'B1', supplier: 'S2', amount: 100, date: '2024-01-01', currency: 'EUR'},
      {buyer: 'B1', supplier: 'S1', amount: 100, date: '2024-03-01'},
      {buyer: 'B2', supplier: 'S2', amount: -40, date: null},
      {buyer: 'B1', supplier: 'S3', amount: 100, date: '2024-01-01'},
    ]
    const json = (ps: typeof parts) => JSON.stringify(cubeToJson(cube(frameOf(...ps), {by: ['buyer', 'supplier', 'month'], rollup: true, top: 1})))
    expect(json([...parts].reverse())).toBe(json(parts))
    expect(json([parts[2], parts[0], parts[4], parts[1], parts[3]])).toBe(json(parts))
  })

  it('rejects a repeated dimension and a bad --top', () => {
    const f = frameOf({})
    expect(() => cube(f, {by: ['buyer', 'buyer']})).toThrow(/repeated/)
    expect(() => cube(f, {by: ['buyer'], top: 0})).toThrow(/--top/)
  })
})
