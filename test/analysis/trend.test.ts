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
    expect(json.undated).toEqual([{buyer: 'B2', buyer_id: 'b2', currency: 'GBP', period: null, amount: '0.05', count: 1}])
  })

  it('gives undated spend a line of its own, never a zero period, and no change against a gap beside it', () => {
    // Like Oxford's 2014: one quarter's file has no usable dates at all.
    const f = frameOf(
      {date: '2014-02-01', amount: 400},
      {date: null, amount: 900},
      {date: null, amount: 100},
      {date: '2014-08-01', amount: 500},
      {date: '2014-11-01', amount: 1000},
    )
    const r = trend(f, {every: 'quarter'})
    const json = trendToJson(r)
    expect(json.rows.map((x) => [x.period, x.amount, x.count, x.change, x.change_pct])).toEqual([
      ['2014-Q1', '4.00', 1, null, null],
      // No dated payment here, but £10 has no date: not a fall of 100%, nor a base for Q3.
      ['2014-Q2', '0.00', 0, null, null],
      ['2014-Q3', '5.00', 1, null, null],
      ['2014-Q4', '10.00', 1, '5.00', 1],
    ])
    expect(json.undated).toEqual([{currency: 'GBP', period: null, amount: '10.00', count: 2}])
    expect(r.undated[0].at).toBe(4)
    // The same series with no undated rows: a gap is a true zero, and changes go through it.
    const dated = trendToJson(trend(frameOf({date: '2014-02-01', amount: 400}, {date: '2014-08-01', amount: 500}), {every: 'quarter'}))
    expect(dated.rows.map((x) => [x.period, x.change_pct])).toEqual([['2014-Q1', null], ['2014-Q2', -1], ['2014-Q3', null]])
    expect(dated.undated).toEqual([])
  })

  it('gives a series or currency with only undated rows no period rows, only its undated line', () => {
    const f = frameOf(
      {buyer: 'B1', date: '2024-01-01', amount: 10},
      {buyer: 'B1', date: '2024-03-01', amount: 30},
      {buyer: 'B2', date: null, amount: 5},
      {buyer: 'B1', date: null, amount: 7, currency: 'EUR'},
    )
    const json = trendToJson(trend(f, {every: 'month', by: 'buyer'}))
    expect(json.rows.map((x) => [x.currency, x.buyer, x.period])).toEqual([['GBP', 'B1', '2024-01'], ['GBP', 'B1', '2024-02'], ['GBP', 'B1', '2024-03']])
    expect(json.undated.map((u) => [u.currency, u.buyer, u.amount])).toEqual([['EUR', 'B1', '0.07'], ['GBP', 'B2', '0.05']])
    const plain = trend(f, {every: 'month'})
    expect(plain.rows.map((x) => x.currency)).toEqual(['GBP', 'GBP', 'GBP'])
    expect(plain.undated.map((u) => [u.currency, u.amount, u.at])).toEqual([['EUR', 7n, 0], ['GBP', 5n, 3]])
  })

  it('gives no rows for an empty frame and rejects a bad period kind', () => {
    expect(trend(emptyFrame(), {every: 'month'})).toMatchObject({rows: [], from: null, to: null})
    expect(() => trend(emptyFrame(), {every: 'week' as never})).toThrow(/Unknown period/)
  })
})
