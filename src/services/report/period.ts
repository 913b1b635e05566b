/**
 * A report's period, resolved to its first and last day. Relative periods
 * are counted back from `--as-of DATE`, never from the clock, so a rerun
 * gives the same report.
 */
import {SpendInputError} from '../../errors.js'
import {reportMsg} from '../../messages.js'
import {periodBounds} from '../../analysis/period.js'
import type {PeriodSpec} from './config.js'

export const RELATIVE_PERIODS = ['last-quarter', 'last-fiscal-year', 'last-12-months', 'year-to-date'] as const

/** A resolved period: first and last ISO day (either open). */
export interface ResolvedPeriod {
  from: string | null
  to: string | null
}

const isRelative = (t: string) => (RELATIVE_PERIODS as readonly string[]).includes(t)

/** Call `bad` unless `text` is a date or period (or, when allowed, a relative period name). */
export function checkPeriodText(text: string, allowRelative: boolean, bad: () => void): void {
  if (allowRelative && isRelative(text)) return
  try {
    periodBounds(text, 'period')
  } catch {
    bad()
  }
}

/** A checked `--as-of` date. */
export function checkAsOf(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new SpendInputError('BAD_AS_OF', reportMsg.badAsOf(text), {where: '--as-of', hint: reportMsg.asOfHint(), exit: 2})
  try {
    periodBounds(text, '--as-of')
  } catch {
    throw new SpendInputError('BAD_AS_OF', reportMsg.badAsOf(text), {where: '--as-of', hint: reportMsg.asOfHint(), exit: 2})
  }
  return text
}

const pad = (n: number) => String(n).padStart(2, '0')
/** Months counted from year 0: y * 12 + (m - 1). */
const monthNo = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1
const firstDay = (m: number) => `${Math.floor(m / 12)}-${pad((m % 12) + 1)}-01`
const lastDay = (m: number) => periodBounds(`${Math.floor(m / 12)}-${pad((m % 12) + 1)}`, 'period')[1]

/**
 * The first and last day of a period as configured (null: no period). A
 * relative period needs `asOf`; quarters and fiscal years follow `fiscalStart`.
 * @example resolvePeriod('last-quarter', {asOf: '2024-05-10', fiscalStart: 1}) // {from: '2024-01-01', to: '2024-03-31'}
 * @example resolvePeriod({from: '2024-03'}, {fiscalStart: 1}) // {from: '2024-03-01', to: null}
 */
export function resolvePeriod(spec: PeriodSpec | undefined, opts: {asOf?: string; fiscalStart: number; where?: string}): ResolvedPeriod | null {
  if (spec === undefined) return null
  if (typeof spec !== 'string') {
    const from = spec.from === undefined ? null : periodBounds(spec.from, 'period')[0]
    const to = spec.to === undefined ? null : periodBounds(spec.to, 'period')[1]
    if (from !== null && to !== null && from > to) {
      throw new SpendInputError('BAD_PERIOD', reportMsg.periodReversed(spec.from!, spec.to!), {where: opts.where, hint: reportMsg.periodReversedHint(), exit: 2})
    }
    return {from, to}
  }
  if (!isRelative(spec)) {
    const [from, to] = periodBounds(spec, 'period')
    return {from, to}
  }
  if (!opts.asOf) throw new SpendInputError('NEEDS_AS_OF', reportMsg.needsAsOf(spec), {where: opts.where, hint: reportMsg.needsAsOfHint(), exit: 2})
  const now = monthNo(opts.asOf)
  // Months since the fiscal year began (0-11).
  const intoYear = (((now % 12) - (opts.fiscalStart - 1)) % 12 + 12) % 12
  switch (spec) {
    case 'last-quarter': {
      const start = now - (intoYear % 3) - 3
      return {from: firstDay(start), to: lastDay(start + 2)}
    }
    case 'last-fiscal-year': {
      const start = now - intoYear - 12
      return {from: firstDay(start), to: lastDay(start + 11)}
    }
    case 'last-12-months':
      return {from: firstDay(now - 12), to: lastDay(now - 1)}
    case 'year-to-date':
      return {from: firstDay(now - intoYear), to: opts.asOf}
  }
  throw new Error(`bug: relative period ${spec}`)
}

/** Whether a configured period needs `--as-of`. */
export function isRelativePeriod(spec: PeriodSpec | undefined): boolean {
  return typeof spec === 'string' && isRelative(spec)
}
