import {describe, expect, it} from 'vitest'
import {fiscalYearOf, monthIndex} from '../../../src/analysis/flags/calendar.js'
import {resolveParams} from '../../../src/analysis/flags/run.js'
import type {CheckContext} from '../../../src/analysis/flags/types.js'
import {yearEndCheck} from '../../../src/analysis/flags/year-end.js'
import type {SpendFrame} from '../../../src/model/frame.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {frameOf} from '../../helpers/analysis-records.js'

function ctx(frame: SpendFrame, start = 4, params: Record<string, number> = {}): CheckContext {
  return {frame, selection: null, params: resolveParams('year-end', params), thresholds: [], fiscalYearStart: start, pick: () => { throw new Error('not read') }}
}

/** `perMonth[k]` payments of 1,000.00 in month k from (year, month) on, dated the 10th. */
function months(year: number, month: number, perMonth: number[]): Partial<SpendRecord>[] {
  return perMonth.flatMap((n, k) => {
    const m = month - 1 + k
    const date = `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-10`
    return Array.from({length: n}, () => ({date, amount: 100_000}))
  })
}

describe('fiscal years', () => {
  it('name a year by the calendar year it starts in', () => {
    expect(fiscalYearOf(monthIndex('2024-04-01'), 4)).toBe(2024)
    expect(fiscalYearOf(monthIndex('2025-03-31'), 4)).toBe(2024)
    expect(fiscalYearOf(monthIndex('2025-04-01'), 4)).toBe(2025)
    expect(fiscalYearOf(monthIndex('2024-12-31'), 1)).toBe(2024)
  })
})

describe('year-end check', () => {
  it('flags a last month over twice the monthly average, with its rows as evidence', () => {
    const counts = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 30]
    const frame = frameOf(...months(2024, 4, counts))
    const out = yearEndCheck.run(ctx(frame))
    const total = counts.reduce((s, n) => s + n, 0) * 100_000
    expect(out.flags.length).toBe(1)
    const f = out.flags[0]
    expect(f.kind).toBe('last-month')
    expect(f.score).toBeCloseTo((30 * 100_000 * 12) / total, 12)
    expect(f.amount).toBe(30n * 100_000n)
    expect(f.rows.length).toBe(30)
    const dates = (frame.columns.date as {codes: Int32Array; dict: string[]})
    for (const r of f.rows) expect(dates.dict[dates.codes[r]].startsWith('2025-03')).toBe(true)
    expect([f.supplier, f.category]).toEqual([null, null])
    expect(f.explanation).toContain('2024-25')
    expect(yearEndCheck.run(ctx(frame, 4, {ratio: f.score + 0.01})).flags).toEqual([])
  })

  it('leaves an even year alone and follows the configured fiscal year start', () => {
    const even = frameOf(...months(2024, 4, new Array(12).fill(10)))
    expect(yearEndCheck.run(ctx(even)).flags).toEqual([])
    // A calendar year with a heavy December: flagged with start 1, not with start 4 (the year is cut).
    const calendar = frameOf(...months(2024, 1, [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 40]))
    expect(yearEndCheck.run(ctx(calendar, 1)).flags.map((f) => f.explanation.includes('2024-12'))).toEqual([true])
    const april = yearEndCheck.run(ctx(calendar, 4))
    expect(april.flags).toEqual([])
    expect(april.notes.map((n) => n.text)).toEqual([expect.stringContaining('2023-24, 2024-25')])
  })

  it('notes a partial year instead of testing it', () => {
    const out = yearEndCheck.run(ctx(frameOf(...months(2024, 4, [10, 10, 10, 10, 10, 10, 10, 10, 40]))))
    expect(out.flags).toEqual([])
    expect(out.notes.length).toBe(1)
  })
})
