import {describe, expect, it} from 'vitest'
import {SpendInputError} from '../../../src/errors.js'
import {buyerMonths, commonPeriod, coverage, fiscalYearPeriod, monthPeriod, monthRanges, noCommonPeriodError} from '../../../src/analysis/benchmark/coverage.js'
import {periodLabel} from '../../../src/analysis/period.js'
import {frameOf} from '../../helpers/analysis-records.js'

/** Every month from `from` to `to` (YYYY-MM), both included. */
function span(from: string, to: string): string[] {
  const idx = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
  const out: string[] = []
  for (let m = idx(from); m <= idx(to); m++) out.push(periodLabel(m, 'month'))
  return out
}

const months = (entries: Record<string, string[]>): Map<string, Set<string>> => new Map(Object.entries(entries).map(([b, ms]) => [b, new Set(ms)]))

describe('commonPeriod', () => {
  it('finds the latest 12 months the buyer and every peer cover', () => {
    const m = months({a: span('2022-01', '2024-12'), b: span('2023-01', '2024-12'), c: [...span('2023-06', '2024-04'), ...span('2024-06', '2024-11')]})
    const r = commonPeriod('a', ['b', 'c'], m)
    expect(r.found).toBe(true)
    if (!r.found) return
    // c stops in 2024-11, so the latest period all three cover ends there.
    expect(r.period).toEqual({from: '2023-12', to: '2024-11', label: '2023-12..2024-11'})
    expect(r.buyer_covers).toBe(true)
    expect(r.peers).toEqual(['b', 'c'])
    expect(r.left_out).toEqual([])
    expect(r.gaps).toEqual([{buyer: 'c', months: ['2024-05']}])
  })

  it('names and leaves out a buyer with no payments at the start or end of the period', () => {
    const m = months({a: span('2023-01', '2024-12'), b: span('2023-01', '2024-12'), late: span('2024-03', '2024-12'), old: span('2021-01', '2022-06')})
    const r = commonPeriod('a', ['old', 'b', 'late'], m)
    expect(r.found).toBe(true)
    if (!r.found) return
    expect(r.period.label).toBe('2024-01..2024-12')
    expect(r.peers).toEqual(['b'])
    expect(r.left_out.map((l) => [l.buyer, l.has_first, l.has_last, l.covers])).toEqual([
      ['late', false, true, ['2024-03..2024-12']],
      ['old', false, false, ['2021-01..2022-06']],
    ])
    expect(r.left_out[0].message).toContain('late has no payments at the start or end of 2024-01..2024-12')
  })

  it('takes whole fiscal years when a fiscal start is given, labelled as trend labels them', () => {
    const m = months({a: span('2023-01', '2024-12'), b: span('2023-01', '2024-12'), c: span('2023-06', '2024-12')})
    const r = commonPeriod('a', ['b', 'c'], m, {fiscalYearStart: 4})
    expect(r.found).toBe(true)
    if (!r.found) return
    expect(r.period).toEqual({from: '2023-04', to: '2024-03', label: '2023-24'})
    expect(r.peers).toEqual(['b'])
    expect(r.left_out.map((l) => l.buyer)).toEqual(['c'])
  })

  it('says which months each buyer covers when no common period exists, as a one-line exit-1 error', () => {
    const m = months({a: span('2023-01', '2023-12'), b: [...span('2020-01', '2020-12'), ...span('2024-03', '2024-08')], c: span('2023-05', '2024-04')})
    const r = commonPeriod('a', ['c', 'b'], m)
    expect(r).toEqual({found: false, months: 12, covers: [
      {buyer: 'a', ranges: ['2023-01..2023-12']},
      {buyer: 'b', ranges: ['2020-01..2020-12', '2024-03..2024-08']},
      {buyer: 'c', ranges: ['2023-05..2024-04']},
    ]})
    if (r.found) return
    const e = noCommonPeriodError(r, (id) => id.toUpperCase())
    expect(e).toBeInstanceOf(SpendInputError)
    expect([e.code, e.exit]).toEqual(['NO_COMMON_PERIOD', 1])
    expect(e.oneLine()).toContain('A 2023-01..2023-12; B 2020-01..2020-12, 2024-03..2024-08; C 2023-05..2024-04')
    expect(e.oneLine()).not.toContain('\n')
    // A buyer with no 12 months of its own has no period either.
    expect(commonPeriod('a', [], months({a: span('2024-01', '2024-11')})).found).toBe(false)
    expect(commonPeriod('a', [], months({a: span('2024-01', '2024-12')})).found).toBe(true)
  })
})

describe('coverage of a given period', () => {
  it('checks the first and last month of a fiscal year or a --from/--to range', () => {
    const fy = fiscalYearPeriod(2024, 4)
    expect(fy).toEqual({from: '2024-04', to: '2025-03', label: '2024-25'})
    expect(fiscalYearPeriod(2024)).toEqual({from: '2024-01', to: '2024-12', label: '2024'})
    const m = months({a: span('2024-01', '2025-06'), b: span('2024-04', '2025-02'), c: span('2024-01', '2025-03')})
    const c = coverage(fy, 'a', ['b', 'c'], m)
    expect([c.buyer_covers, c.peers, c.left_out.map((l) => [l.buyer, l.has_first, l.has_last])]).toEqual([true, ['c'], [['b', true, false]]])
    expect(coverage(monthPeriod('2025-04', '2025-06'), 'b', ['a'], m).buyer_covers).toBe(false)
  })
})

describe('monthRanges', () => {
  it('joins consecutive months across year ends; a lone month stands alone', () => {
    expect(monthRanges(['2024-06', '2024-01', '2023-12', '2024-02', '2024-03', '2024-01'])).toEqual(['2023-12..2024-03', '2024-06'])
    expect(monthRanges([])).toEqual([])
  })
})

describe('buyerMonths', () => {
  it('reads each buyer\'s months from the date dictionary, in one currency when asked', () => {
    const f = frameOf(
      {buyer: 'A', date: '2024-01-15'},
      {buyer: 'A', date: '2024-01-31'},
      {buyer: 'A', date: '2024-03-01', amount: -20},
      {buyer: 'A', date: null},
      {buyer: 'B', date: '2023-12-31'},
      {buyer: 'B', date: '2024-02-10', currency: 'EUR'},
    )
    expect(buyerMonths(f)).toEqual(new Map([['a', new Set(['2024-01', '2024-03'])], ['b', new Set(['2023-12', '2024-02'])]]))
    expect(buyerMonths(f, {currency: 'EUR'})).toEqual(new Map([['b', new Set(['2024-02'])]]))
    expect(buyerMonths(f, {currency: 'USD'})).toEqual(new Map())
  })
})
