import {SpendInputError} from '../errors.js'
import {analysisMsg} from '../messages.js'

/**
 * Periods as integers, so period dimensions and trends are typed-array work.
 * A month is `year * 12 + (month - 1)`. Fiscal periods are numbered by the
 * calendar month a fiscal year starts in (1 = calendar years).
 */

export type PeriodKind = 'year' | 'quarter' | 'month'

export const PERIOD_KINDS: readonly PeriodKind[] = ['year', 'quarter', 'month']

/** Months per period of each kind (for "same period a year earlier"). */
export const PERIODS_PER_YEAR: Record<PeriodKind, number> = {year: 1, quarter: 4, month: 12}

/**
 * Month index of an ISO `YYYY-MM-DD` (or `YYYY-MM`) string, or -1 when it is not one.
 * @example monthIndex('2024-03-15') // 2024 * 12 + 2
 */
export function monthIndex(date: string | null): number {
  if (date === null || date.length < 7 || date[4] !== '-') return -1
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  if (!Number.isInteger(y) || !Number.isInteger(m) || m < 1 || m > 12) return -1
  return y * 12 + m - 1
}

/**
 * Validate a fiscal-year start month (1-12; undefined means 1).
 * @example checkFiscalStart(4) // 4
 */
export function checkFiscalStart(month: number | undefined): number {
  const f = month ?? 1
  if (!Number.isInteger(f) || f < 1 || f > 12) {
    throw new SpendInputError('BAD_FISCAL_START', analysisMsg.badFiscalStart(month), {
      where: '--fiscal-year-start',
    })
  }
  return f
}

/**
 * Period number of a month index. Fiscal years are numbered by the calendar
 * year they start in; quarters count from the fiscal year start.
 */
export function periodOfMonth(month: number, kind: PeriodKind, fiscalStart = 1): number {
  if (kind === 'month') return month
  const shifted = month - (fiscalStart - 1)
  const year = Math.floor(shifted / 12)
  if (kind === 'year') return year
  return year * 4 + Math.floor((shifted - year * 12) / 3)
}

/**
 * Label of a period number: `2024`, `2024-Q1`, `2024-03`. A fiscal year that
 * does not start in January is labelled by both calendar years it spans
 * (`2023-24` runs Oct 2023 - Sep 2024 with start month 10), which reads the
 * same to UK (April) and US (October) users; its quarters are `2023-24-Q1`.
 * @example periodLabel(2024 * 4, 'quarter') // '2024-Q1'
 */
export function periodLabel(p: number, kind: PeriodKind, fiscalStart = 1): string {
  if (kind === 'month') return `${Math.floor(p / 12)}-${String((p % 12) + 1).padStart(2, '0')}`
  const year = kind === 'year' ? p : Math.floor(p / 4)
  const y = fiscalStart === 1 ? String(year) : `${year}-${String((year + 1) % 100).padStart(2, '0')}`
  return kind === 'year' ? y : `${y}-Q${(p % 4) + 1}`
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function leap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/**
 * The first and last ISO day of a date or calendar period given on the
 * command line: `2024-03-15`, `2024-03`, `2024-Q1`, `2024`. Throws a
 * SpendInputError naming the flag when the text is none of these.
 * @example periodBounds('2024-Q1', '--from') // ['2024-01-01', '2024-03-31']
 */
export function periodBounds(text: string, where: string): [string, string] {
  const t = text.trim()
  let m = /^(\d{4})$/.exec(t)
  if (m) return [`${m[1]}-01-01`, `${m[1]}-12-31`]
  m = /^(\d{4})-?Q([1-4])$/i.exec(t)
  if (m) {
    const q = Number(m[2])
    return [monthStart(Number(m[1]), q * 3 - 2), monthEnd(Number(m[1]), q * 3)]
  }
  m = /^(\d{4})-(\d{2})$/.exec(t)
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return [monthStart(Number(m[1]), Number(m[2])), monthEnd(Number(m[1]), Number(m[2]))]
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)
  if (m) {
    const y = Number(m[1])
    const mo = Number(m[2])
    const d = Number(m[3])
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && !leap(y) ? 28 : DAYS[mo - 1])) return [t, t]
  }
  throw new SpendInputError('BAD_PERIOD', analysisMsg.badPeriod(text), {
    where,
    hint: analysisMsg.badPeriodHint(),
  })
}

function monthStart(y: number, m: number): string {
  return `${y}-${String(m).padStart(2, '0')}-01`
}

function monthEnd(y: number, m: number): string {
  const d = m === 2 && !leap(y) ? 28 : DAYS[m - 1]
  return `${y}-${String(m).padStart(2, '0')}-${d}`
}
