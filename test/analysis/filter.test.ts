import {describe, expect, it} from 'vitest'
import {filterOptions, filterRows} from '../../src/analysis/filter.js'
import {emptyFrame, frameOf} from '../helpers/analysis-records.js'

const f = frameOf(
  {buyer: 'Oxford City Council', buyer_id: 'GB-OXF', supplier: 'Acme Ltd', supplier_key: 'acme', supplier_id: 'GB-COH-1', date: '2024-01-31', category_code: '72212000'},
  {buyer: 'Trafford Council', buyer_id: 'GB-TRF', supplier: 'Beta', supplier_key: 'beta', date: '2024-04-01', currency: 'EUR', category: 'Cleaning'},
  {buyer: 'Oxford City Council', buyer_id: 'GB-OXF', supplier: 'Redacted', supplier_key: 'redacted', date: '2024-03-31', redacted: true},
  {buyer: 'Trafford Council', buyer_id: 'GB-TRF', supplier: 'Acme Ltd', supplier_key: 'acme', date: null, category_code: '45000000'},
)
const sel = (o: Parameters<typeof filterRows>[1]) => Array.from(filterRows(f, o) ?? [])

describe('filterRows', () => {
  it('returns null (every row) when no filter is set', () => {
    expect(filterRows(f, {})).toBeNull()
  })

  it('matches a buyer by id or by name, case-insensitively', () => {
    expect(sel({buyer: 'gb-oxf'})).toEqual([0, 2])
    expect(sel({buyer: 'TRAFFORD council'})).toEqual([1, 3])
    expect(sel({buyer: ['GB-OXF', 'trafford council']})).toEqual([0, 1, 2, 3])
  })

  it('matches a supplier by key, id or name: every row of the entity found', () => {
    expect(sel({supplier: 'ACME'})).toEqual([0, 3])
    // The id names the supplier acme, whose rows include one published without the id.
    expect(sel({supplier: 'gb-coh-1'})).toEqual([0, 3])
    expect(sel({supplier: 'beta'})).toEqual([1])
  })

  it('matches a CPV code with its sub-codes, a digit prefix, or the category text', () => {
    expect(sel({category: '72000000'})).toEqual([0])
    expect(sel({category: '7221'})).toEqual([0])
    expect(sel({category: 'cleaning'})).toEqual([1])
  })

  it('takes --to inclusive of the whole period and drops undated rows once dates are filtered', () => {
    expect(sel({from: '2024-01-31', to: '2024-Q1'})).toEqual([0, 2])
    expect(sel({to: '2024-03'})).toEqual([0, 2])
    expect(sel({from: '2024'})).toEqual([0, 1, 2])
    expect(sel({from: '2024-04-01', to: '2024-04-01'})).toEqual([1])
  })

  it('filters currency and redacted rows', () => {
    expect(sel({currency: 'eur'})).toEqual([1])
    expect(sel({excludeRedacted: true})).toEqual([0, 1, 3])
  })

  it('combines filters with AND', () => {
    expect(sel({buyer: 'GB-OXF', supplier: 'acme'})).toEqual([0])
  })

  it('throws a SpendInputError naming the flag for a value that matches nothing or a bad period', () => {
    expect(() => filterRows(f, {buyer: 'Nobody'})).toThrow(/No buyer matches "Nobody"/)
    expect(() => filterRows(f, {currency: 'USD'})).toThrow(/No currency matches/)
    expect(() => filterRows(f, {from: '2024-13'})).toThrow(/Not a date or period/)
    expect(() => filterRows(f, {from: '2024-02-30'})).toThrow(/Not a date or period/)
    expect(() => filterRows(f, {from: '2025', to: '2024'})).toThrow(/after/)
  })

  it('gives no rows on an empty frame with a date range', () => {
    expect(Array.from(filterRows(emptyFrame(), {from: '2024'})!)).toEqual([])
  })
})

describe('filterOptions', () => {
  it('picks the filter flags, kebab-case included, and ignores the rest', () => {
    expect(filterOptions({buyer: 'Oxford', 'exclude-redacted': true, top: 5, to: '2024', from: undefined})).toEqual({
      buyer: 'Oxford', to: '2024', excludeRedacted: true,
    })
  })
})
