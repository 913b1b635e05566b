import {describe, expect, it} from 'vitest'
import {trend, trendToJson} from '../../src/analysis/trend.js'
import {emptyFrame, frameOf} from '../helpers/analysis-records.js'

describe('trend', () => {
  it('shows empty periods inside the range as zero, with change vs the previous period', () => {
    const f = frameOf({date: '2024-01-05', amount: 100}, {date: '2024-03-09', amount: 300}, {date: '2024-03-10', amount: -100})
    const rows = trendToJson(trend(f, {every: 'month'})).rows
    expect(rows.map((r) => [r.period, r.amount, r.count, r.change, r.change_pct])).toEqual([
      ['2024-01', '1.00', 1, null, null],
      ['2024-02', '0.00', 0, '-1.00', -1],
      ['2024-03', '2.00', 2, '2.00', null],
    ])
  })

  it('compares with the same period a year earlier, null before the range', () => {
    const f = frameOf({date: '2023-02-01', amount: 200}, {date: '2024-01-01', amount: 50}, {date: '2024-02-01', amount: 300})
    const rows = trendToJson(trend(f, {every: 'quarter'})).rows
    expect(rows.map((r) => [r.period, r.amount, r.yoy, r.yoy_pct])).toEqual([
      ['2023-Q1', '2.00', null, null],
      ['2023-Q2', '0.00', null, null],
      ['2023-Q3', '0.00', null, null],
      ['2023-Q4', '0.00', null, null],
      ['2024-Q1', '3.50', '1.50', 0.75],
    ])
  })

  it('uses fiscal years and measures change against |base| so a smaller credit reads as a rise', () => {
    const f = frameOf({date: '2024-03-31', amount: -200}, {date: '2024-04-01', amount: -100})
    const r = trend(f, {every: 'year', fiscalYearStart: 4})
    expect(r.rows.map((x) => [x.period, x.amount, x.change.pct])).toEqual([['2023-24', -200n, null], ['2024-25', -100n, 0.5]])
  })

  it('splits by a dimension over a shared range, in currency blocks, reporting undated rows apart', () => {
    const f = frameOf(
      {buyer: 'B1', date: '2024-01-01', amount: 10},
      {buyer: 'B2', date: '2024-02-01', amount: 20},
      {buyer: 'B2', date: null, amount: 5},
      {buyer: 'B1', date: '2024-02-01', amount: 7, currency: 'EUR'},
    )
    const json = trendToJson(trend(f, {every: 'month', by: 'buyer'}))
    expect(json.rows.map((r) => [r.currency, r.buyer, r.period, r.amount])).toEqual([
      ['EUR', 'B1', '2024-01', '0.00'],
      ['EUR', 'B1', '2024-02', '0.07'],
      ['GBP', 'B2', '2024-01', '0.00'],
      ['GBP', 'B2', '2024-02', '0.20'],
      ['GBP', 'B1', '2024-01', '0.10'],
      ['GBP', 'B1', '2024-02', '0.00'],
    ])
    expect(json.undated).toEqual([{currency: 'GBP', amount: '0.05', count: 1}])
  })

  it('gives no rows for an empty frame and rejects a bad period kind', () => {
    expect(trend(emptyFrame(), {every: 'month'})).toMatchObject({rows: [], from: null, to: null})
    expect(() => trend(emptyFrame(), {every: 'week' as never})).toThrow(/Unknown period/)
  })
})
