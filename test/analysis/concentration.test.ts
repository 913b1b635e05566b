import {describe, expect, it} from 'vitest'
import {concentration, concentrationToJson} from '../../src/analysis/concentration.js'
import {emptyFrame, frameOf} from '../helpers/analysis-records.js'

describe('concentration', () => {
  it('computes CR1/CR3/CR5, HHI, effective suppliers and the band per category', () => {
    const f = frameOf(
      {category: 'IT', supplier: 'A', amount: 5000},
      {category: 'IT', supplier: 'B', amount: 3000},
      {category: 'IT', supplier: 'C', amount: 2000},
      {category: 'Food', supplier: 'A', amount: 100},
      {category: 'Food', supplier: 'B', amount: 100},
      {category: 'Food', supplier: 'C', amount: 100},
      {category: 'Food', supplier: 'D', amount: 100},
    )
    const rows = concentrationToJson(concentration(f, {by: 'category'})).rows
    const none = {amount: '0.00', count: 0, share: 0}
    expect(rows).toEqual([
      {category: 'IT', category_code: 'IT', currency: 'GBP', amount: '100.00', suppliers: 3, suppliers_nonpositive: 0,
        cr1: 0.5, cr3: 1, cr5: 1, hhi: 3800, effective_suppliers: 2.63, band: 'highly concentrated', unidentified: none},
      {category: 'Food', category_code: 'Food', currency: 'GBP', amount: '4.00', suppliers: 4, suppliers_nonpositive: 0,
        cr1: 0.25, cr3: 0.75, cr5: 1, hhi: 2500, effective_suppliers: 4, band: 'moderately concentrated', unidentified: none},
    ])
  })

  it('bands exactly on the thresholds, with the 2023 bands on request', () => {
    const four = frameOf({supplier: 'A'}, {supplier: 'B'}, {supplier: 'C'}, {supplier: 'D'})
    expect(concentration(four).rows[0].band).toBe('moderately concentrated')
    expect(concentration(four, {bands: '2023'}).rows[0].band).toBe('highly concentrated')
    expect(concentration(four, {bands: {name: 'custom', moderate: 2500, high: 9000}}).rows[0].band).toBe('moderately concentrated')
    expect(concentration(four, {bands: {name: 'custom', moderate: 2501, high: 9000}}).rows[0].band).toBe('unconcentrated')
  })

  it('computes shares on positive supplier totals only and counts net-credit suppliers apart', () => {
    const f = frameOf({supplier: 'A', amount: 300}, {supplier: 'B', amount: 100}, {supplier: 'C', amount: -500}, {supplier: 'C', amount: 100})
    const r = concentrationToJson(concentration(f)).rows[0]
    expect(r).toMatchObject({amount: '0.00', suppliers: 2, suppliers_nonpositive: 1, cr1: 0.75, hhi: 6250})
  })

  it('gives null measures when no supplier has a positive total', () => {
    const r = concentration(frameOf({amount: -5})).rows[0]
    expect([r.cr1, r.hhi, r.effectiveSuppliers, r.band]).toEqual([null, null, null, null])
  })

  it('keeps currencies apart and returns nothing for an empty frame', () => {
    const f = frameOf({supplier: 'A', currency: 'EUR'}, {supplier: 'B', currency: 'GBP'})
    expect(concentration(f).rows.map((r) => [r.currency, r.suppliers, r.hhi])).toEqual([['EUR', 1, 10000], ['GBP', 1, 10000]])
    expect(concentration(emptyFrame(), {by: 'category'}).rows).toEqual([])
  })

  it('rejects unknown bands', () => {
    expect(() => concentration(frameOf({}), {bands: '1999' as never})).toThrow(/bands/)
  })
})
