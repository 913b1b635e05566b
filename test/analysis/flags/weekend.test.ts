import {describe, expect, it} from 'vitest'
import {weekdayOf} from '../../../src/analysis/flags/calendar.js'
import {resolveParams} from '../../../src/analysis/flags/run.js'
import type {CheckContext} from '../../../src/analysis/flags/types.js'
import {weekendCheck} from '../../../src/analysis/flags/weekend.js'
import type {SpendFrame} from '../../../src/model/frame.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {frameOf} from '../../helpers/analysis-records.js'

function ctx(frame: SpendFrame, params: Record<string, number | string[]> = {}): CheckContext {
  return {frame, selection: null, params: resolveParams('weekend', params), thresholds: [], fiscalYearStart: 4, pick: () => { throw new Error('not read') }}
}

const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** n weekday payments from 2024-04-01 (a Monday) on, Monday to Friday. */
function weekdays(n: number, partial: Partial<SpendRecord> = {}): Partial<SpendRecord>[] {
  const out: Partial<SpendRecord>[] = []
  for (let d = 0; out.length < n; d++) {
    const ms = Date.UTC(2024, 3, 1) + d * DAY
    const wd = new Date(ms).getUTCDay()
    if (wd !== 0 && wd !== 6) out.push({date: iso(ms), amount: 10_000 + out.length, supplier: `S${out.length % 7}`, ...partial})
  }
  return out
}

describe('weekdayOf', () => {
  it('steps one day at a time across years, leap days and centuries, from a known Wednesday', () => {
    expect(weekdayOf('2024-12-25')).toBe(3)
    let prev = weekdayOf('1999-01-01')
    const wrong: string[] = []
    for (let ms = Date.UTC(1999, 0, 2); ms <= Date.UTC(2101, 0, 1); ms += DAY) {
      const wd = weekdayOf(iso(ms))
      if (wd !== (prev + 1) % 7) wrong.push(iso(ms))
      prev = wd
    }
    expect(wrong).toEqual([])
    expect(weekdayOf('2024-13-01x')).toBe(-1)
  })
})

describe('weekend check', () => {
  const base = weekdays(150)
  const saturday = '2024-06-08'
  const sunday = '2025-01-05'
  const planted: Partial<SpendRecord>[] = [
    {date: saturday, supplier: 'ACME', amount: 50_000},
    {date: saturday, supplier: 'ACME', amount: 70_000},
    {date: sunday, supplier: 'Other Ltd', amount: 1_000},
    {date: '2024-12-25', supplier: 'Xmas Co', amount: 2_000},
  ]

  it('flags weekend payments per buyer, supplier and date, and listed holidays', () => {
    const frame = frameOf(...base, ...planted)
    const plain = weekendCheck.run(ctx(frame))
    expect(plain.flags.map((f) => [f.kind, f.supplier, f.rows.length, f.amount])).toEqual([
      ['weekend', 'ACME', 2, 120_000n], ['weekend', 'Other Ltd', 1, 1_000n],
    ])
    expect(plain.flags[0].explanation).toContain('1200.00 GBP')
    const share = 3 / 154
    expect(plain.flags[0].score).toBeCloseTo(1 - share / 0.05, 12)
    const withHolidays = weekendCheck.run(ctx(frame, {holidays: ['2024-12-25', '2024-12-26']}))
    expect(withHolidays.flags.map((f) => f.kind)).toEqual(['weekend', 'weekend', 'holiday'])
    expect(withHolidays.flags[2].supplier).toBe('Xmas Co')
  })

  it('notes a buyer whose weekend dating is routine and flags nothing there', () => {
    const routine = [...weekdays(90, {buyer: 'Posting Run'}), ...Array.from({length: 10}, (_, i) => ({buyer: 'Posting Run', date: saturday, supplier: `R${i}`}))]
    const out = weekendCheck.run(ctx(frameOf(...routine, ...base, ...planted.slice(0, 1))))
    expect(out.flags.map((f) => f.buyer)).toEqual(['Buyer A'])
    expect(out.notes.map((n) => n.buyer)).toEqual(['Posting Run'])
    expect(out.notes[0].text).toContain('10 of 100')
  })

  it('never groups redacted suppliers together', () => {
    const hidden = {supplier: 'REDACTED', supplier_key: 'redacted', redacted: true, date: saturday}
    const out = weekendCheck.run(ctx(frameOf(...base, hidden, hidden)))
    expect(out.flags.map((f) => f.rows.length)).toEqual([1, 1])
  })
})
