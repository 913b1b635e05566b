import {describe, expect, it} from 'vitest'
import {pareto, paretoToJson} from '../../src/analysis/pareto.js'
import {emptyFrame, frameOf} from '../helpers/analysis-records.js'

describe('pareto', () => {
  // Totals 600, 200, 100, 60, 40 (sum 1000): cumulative before = 0, 60%, 80%, 90%, 96%.
  const f = frameOf(
    {supplier: 'S1', amount: 600},
    {supplier: 'S2', amount: 200},
    {supplier: 'S3', amount: 100},
    {supplier: 'S4', amount: 30},
    {supplier: 'S4', amount: 30},
    {supplier: 'S5', amount: 40},
    {supplier: 'S6', amount: -70},
  )

  it('puts the supplier crossing 80% in A, then B to 95%, C the rest, net-credit suppliers in none', () => {
    const g = pareto(f, {detail: true}).groups[0]
    expect(g.detail!.map((s) => [s.id, s.class])).toEqual([
      ['s1', 'A'], ['s2', 'A'], ['s3', 'B'], ['s4', 'B'], ['s5', 'C'], ['s6', 'none'],
    ])
    expect(g.suppliers80).toBe(2)
    expect(g.positive).toBe(1000n)
    expect(g.amount).toBe(930n)
  })

  it('reports the tail: class C suppliers, transactions and spend', () => {
    const json = paretoToJson(pareto(f))
    expect(json.groups[0]).toMatchObject({
      currency: 'GBP', amount: '9.30', suppliers: 6, suppliers_80: 2, tail_suppliers: 1, tail_transactions: 1, tail_amount: '0.40', tail_share: 0.04,
    })
    expect(json.rows.map((r) => [r.class, r.suppliers, r.transactions, r.amount])).toEqual([
      ['A', 2, 2, '8.00'], ['B', 2, 3, '1.60'], ['C', 1, 1, '0.40'], ['none', 1, 1, '-0.70'],
    ])
  })

  it('classifies the same way when totals are too large for the double fast path', () => {
    const scale = 1_000_000_000_000 // 600e12 minor units etc.: the BigInt path
    const big = frameOf(...[600, 200, 100, 60, 40, -70].map((a, i) => ({supplier: `S${i + 1}`, amount: a * scale})))
    const g = pareto(big, {detail: true}).groups[0]
    expect(g.detail!.map((s) => s.class)).toEqual(['A', 'A', 'B', 'B', 'C', 'none'])
    expect(g.positive).toBe(1000n * BigInt(scale))
    expect(g.classes.map((c) => c.amount)).toEqual([800n, 160n, 40n, -70n].map((v) => v * BigInt(scale)))
  })

  it('gives one supplier class A', () => {
    expect(pareto(frameOf({})).groups[0].classes[0]).toMatchObject({class: 'A', suppliers: 1, share: 1})
  })

  it('runs per buyer and currency, never mixing currencies, and ties break by id', () => {
    const g = pareto(frameOf(
      {buyer: 'B1', supplier: 'Y', amount: 100},
      {buyer: 'B1', supplier: 'X', amount: 100},
      {buyer: 'B1', supplier: 'Z', amount: 100, currency: 'EUR'},
    ), {by: 'buyer', detail: true}).groups
    expect(g.map((x) => [x.currency, x.group?.label, x.detail!.map((s) => s.id + s.class)])).toEqual([
      ['EUR', 'B1', ['zA']],
      ['GBP', 'B1', ['xA', 'yA']],
    ])
  })

  it('returns no groups for an empty frame', () => {
    expect(pareto(emptyFrame()).groups).toEqual([])
  })
})
