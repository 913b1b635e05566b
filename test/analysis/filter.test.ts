import {describe, expect, it} from 'vitest'
import {filterColumns, filterOptions, filterRows} from '../../src/analysis/filter.js'
import {applyCrosswalk} from '../../src/analysis/entities/apply.js'
import {loadLegalForms} from '../../src/io/read/legal-forms.js'
import type {CrosswalkRow} from '../../src/model/crosswalk.js'
import {supplierKey} from '../../src/model/supplier.js'
import {emptyFrame, frameOf} from '../helpers/analysis-records.js'

const f = frameOf(
  {buyer: 'Oxford City Council', buyer_id: 'GB-OXF', supplier: 'Acme Ltd', supplier_key: 'acme', supplier_id: 'GB-COH-1', date: '2024-01-31', category_code: '72212000'},
  {buyer: 'Trafford Council', buyer_id: 'GB-TRF', supplier: 'Beta', supplier_key: 'beta', date: '2024-04-01', currency: 'EUR', category: 'Cleaning'},
  {buyer: 'Oxford City Council', buyer_id: 'GB-OXF', supplier: 'Redacted', supplier_key: 'redacted', date: '2024-03-31', redacted: true},
  {buyer: 'Trafford Council', buyer_id: 'GB-TRF', supplier: 'Acme Ltd', supplier_key: 'acme', date: null, category_code: '45000000'},
)
const forms = await loadLegalForms()
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

describe('filterRows --supplier under a stored crosswalk', () => {
  const names: [string, string | null][] = [['ACCENTURE (UK) LTD', null], ['Accenture UK Limited', null], ['Accenture', 'GB-COH-9'], ['Beta Services', null], ['Accenture Song Ltd', null]]
  const published = frameOf(...names.map(([supplier, id]) => ({supplier, supplier_id: id, supplier_key: id ?? supplierKey(supplier)})))
  const cw = (variant: string, decision: CrosswalkRow['decision'], supplier_id: string | null = null): CrosswalkRow =>
    ({variant, entity_key: 'accenture-uk', entity_name: 'Accenture UK', score: 1, evidence: 'key', decision, supplier_id})
  const rows = [cw('ACCENTURE (UK) LTD', 'auto'), cw('Accenture UK Limited', 'auto'), cw('Accenture', 'accept', 'GB-COH-9'), cw('Accenture Song Ltd', 'reject')]
  const frame = applyCrosswalk(published, rows, forms)
  const pick = (supplier: string) => Array.from(filterRows(frame, {supplier}) ?? [])
  const entity = [0, 1, 2]

  it('a published variant, its published key or its id selects the whole entity', () => {
    expect(pick('Accenture UK Limited')).toEqual(entity)
    expect(pick('accenture (uk) ltd')).toEqual(entity)
    expect(pick(supplierKey('ACCENTURE (UK) LTD'))).toEqual(entity)
    expect(pick('GB-COH-9')).toEqual(entity)
    // The entity's own key and display name, as before.
    expect(pick('accenture-uk')).toEqual(entity)
    expect(pick('Accenture UK')).toEqual(entity)
  })

  it('a rejected variant stays its own supplier; a part of several entities\' names is ambiguous', () => {
    expect(pick('Accenture Song Ltd')).toEqual([4])
    expect(() => pick('accent')).toThrow(/2 supplier/)
  })

  it('without a crosswalk the published names are the supplier column itself (no column is searched twice)', () => {
    expect(filterColumns({supplier: 'x'})).toContain('published_supplier')
    const plain = {...published, columns: {...published.columns, published_supplier: published.columns.supplier}}
    for (const q of ['Accenture UK Limited', 'accenture', 'GB-COH-9', 'beta']) {
      expect(Array.from(filterRows(plain, {supplier: q}) ?? [])).toEqual(Array.from(filterRows(published, {supplier: q}) ?? []))
    }
  })
})

describe('filterOptions', () => {
  it('picks the filter flags, kebab-case included, and ignores the rest', () => {
    expect(filterOptions({buyer: 'Oxford', 'exclude-redacted': true, top: 5, to: '2024', from: undefined})).toEqual({
      buyer: 'Oxford', to: '2024', excludeRedacted: true,
    })
  })
})
