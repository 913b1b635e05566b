import {describe, expect, it} from 'vitest'
import {filterRows} from '../../src/analysis/filter.js'
import {profile, profileToJson} from '../../src/analysis/profile.js'
import {resolveEntity} from '../../src/analysis/resolve.js'
import {frameOf} from '../helpers/analysis-records.js'

const f = frameOf(
  {buyer: 'Oxford City Council', buyer_id: 'GB-OXF', supplier: 'Acme Ltd', supplier_key: 'acme', supplier_id: 'GB-COH-1', date: '2023-05-01', amount: 1000, category: 'IT'},
  {buyer: 'Oxford City Council', buyer_id: 'GB-OXF', supplier: 'ACME LIMITED', supplier_key: 'acme', date: '2024-02-01', amount: -200, category: 'IT'},
  {buyer: 'Oxford City Council', buyer_id: 'GB-OXF', supplier: 'Acme Holdings', supplier_key: 'acme-holdings', date: '2024-01-01', amount: 3000},
  {buyer: 'Trafford Council', buyer_id: 'GB-TRF', supplier: 'Acme Ltd', supplier_key: 'acme', date: '2024-06-30', amount: 500, category: 'Food'},
  {buyer: 'Trafford Council', buyer_id: 'GB-TRF', supplier: 'Beta', supplier_key: 'beta', date: '2024-06-30', amount: 1500},
  {buyer: 'Trafford Council', buyer_id: 'GB-TRF', supplier: 'Acme Ltd', supplier_key: 'acme', date: '2024-07-01', amount: 900, currency: 'EUR'},
)

describe('resolveEntity', () => {
  it('resolves an exact id, a case-insensitive name, or a unique prefix', () => {
    expect(resolveEntity(f, 'supplier', 'acme').id).toBe('acme')
    expect(resolveEntity(f, 'supplier', 'GB-COH-1').id).toBe('acme')
    expect(resolveEntity(f, 'supplier', 'acme limited').id).toBe('acme')
    expect(resolveEntity(f, 'supplier', 'acme h').id).toBe('acme-holdings')
    expect(resolveEntity(f, 'buyer', 'traff').id).toBe('GB-TRF')
  })

  it('lists the candidates when a name is ambiguous', () => {
    expect(() => resolveEntity(f, 'supplier', 'Ac')).toThrow('"Ac" matches 2 suppliers: Acme Holdings (acme-holdings), Acme Ltd (acme)')
    expect(() => resolveEntity(f, 'buyer', 'Nobody')).toThrow(/No buyer matches "Nobody"/)
  })
})

describe('profile', () => {
  it('profiles a supplier: totals per currency, dates, rank, years, buyers with their share, categories', () => {
    const p = profileToJson(profile(f, {kind: 'supplier', query: 'Acme Ltd'}))
    expect(p).toMatchObject({kind: 'supplier', id: 'acme', name: 'Acme Ltd', names: ['ACME LIMITED', 'Acme Ltd'], ids: ['GB-COH-1', 'acme']})
    expect(p.totals).toEqual([
      {currency: 'EUR', amount: '9.00', count: 1, first: '2024-07-01', last: '2024-07-01', rank: 1, of: 1},
      {currency: 'GBP', amount: '13.00', count: 3, first: '2023-05-01', last: '2024-06-30', rank: 3, of: 3},
    ])
    expect(p.years).toEqual([
      {year: '2024', currency: 'EUR', amount: '9.00', count: 1, share: 1},
      {year: '2023', currency: 'GBP', amount: '10.00', count: 1, share: 0.769231},
      {year: '2024', currency: 'GBP', amount: '3.00', count: 2, share: 0.230769},
    ])
    expect(p.counterparts).toEqual([
      {buyer: 'Trafford Council', buyer_id: 'GB-TRF', currency: 'EUR', amount: '9.00', count: 1, share: 1, share_of_counterpart: 1},
      {buyer: 'Oxford City Council', buyer_id: 'GB-OXF', currency: 'GBP', amount: '8.00', count: 2, share: 0.615385, share_of_counterpart: 0.210526},
      {buyer: 'Trafford Council', buyer_id: 'GB-TRF', currency: 'GBP', amount: '5.00', count: 1, share: 0.384615, share_of_counterpart: 0.25},
    ])
    expect((p.categories as {category: string}[]).map((c) => c.category)).toEqual([null, 'IT', 'Food'])
  })

  it('profiles a buyer within a filter, ranking it among all buyers', () => {
    const p = profile(f, {kind: 'buyer', query: 'gb-oxf', selection: filterRows(f, {from: '2024'})})
    expect(p.totals).toEqual([{currency: 'GBP', amount: 2800n, count: 2, first: '2024-01-01', last: '2024-02-01', rank: 1, of: 2}])
    // Acme's own GBP total from 2024 on is -200 (Oxford credit) + 500 (Trafford) = 300.
    expect(p.counterparts.map((c) => [c.id, c.amount])).toEqual([['acme-holdings', 3000n], ['acme', -200n]])
    expect(p.counterparts[1].shareOfCounterpart).toBeCloseTo(-200 / 300, 12)
  })
})
