import {describe, expect, it} from 'vitest'
import {top, topToJson} from '../../src/analysis/top.js'
import {emptyFrame, frameOf} from '../helpers/analysis-records.js'

describe('top', () => {
  const f = frameOf(
    {buyer: 'B1', supplier: 'S1', amount: 500},
    {buyer: 'B1', supplier: 'S2', amount: 300},
    {buyer: 'B1', supplier: 'S3', amount: 300},
    {buyer: 'B2', supplier: 'S3', amount: 50},
    {buyer: 'B2', supplier: 'S1', amount: 10, currency: 'EUR'},
  )

  it('ranks suppliers per currency with the rest folded into an exact Other row', () => {
    const rows = topToJson(top(f, {what: 'suppliers', top: 2})).rows
    expect(rows.map((r) => [r.rank, r.supplier, r.currency, r.amount])).toEqual([
      [1, 'S1', 'EUR', '0.10'],
      [1, 'S1', 'GBP', '5.00'],
      [2, 'S3', 'GBP', '3.50'],
      [null, 'Other (1 supplier)', 'GBP', '3.00'],
    ])
  })

  it('restarts ranks in each --by group', () => {
    const rows = topToJson(top(f, {what: 'suppliers', by: 'buyer', top: 1})).rows
    expect(rows.map((r) => [r.buyer, r.rank, r.supplier, r.amount])).toEqual([
      ['B2', 1, 'S1', '0.10'],
      ['B1', 1, 'S1', '5.00'],
      ['B1', null, 'Other (2 suppliers)', '6.00'],
      ['B2', 1, 'S3', '0.50'],
    ])
  })

  it('ranks buyers and categories too, and nothing on empty input', () => {
    expect(topToJson(top(f, {what: 'buyers'})).rows.map((r) => r.buyer)).toEqual(['B2', 'B1', 'B2'])
    expect(topToJson(top(emptyFrame(), {what: 'categories'})).rows).toEqual([])
  })

  it('rejects ranking a dimension by itself', () => {
    expect(() => top(f, {what: 'buyers', by: 'buyer'})).toThrow(/Cannot rank/)
  })
})
