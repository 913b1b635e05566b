import {SpendInputError} from '../../errors.js'
import {benchmarkMsg} from '../../messages.js'
import type {SpendFrame} from '../../model/frame.js'
import {dim, dictColumn} from '../dims.js'
import {compareIds} from '../json.js'
import {checkFiscalStart, monthIndex, periodLabel} from '../period.js'

/**
 * The period a benchmark compares: by default the latest 12 consecutive
 * months that the buyer and every peer cover. A buyer covers a period when
 * it has payments in the period's first month and in its last month (gaps
 * inside are allowed, and listed); a buyer whose data starts after the first
 * month or stops before the last is named and left out, not compared on half
 * a year. Months are `YYYY-MM` strings.
 */

/** A run of whole months, both ends included. */
export interface MonthPeriod {
  from: string
  to: string
  /** `2024-25` for a fiscal year (as `trend` labels it), `2024` for a calendar year, else `2024-03..2025-02`. */
  label: string
}

/** A buyer whose data does not cover the whole period. */
export interface LeftOut {
  buyer: string
  /** False when the buyer has no payments in the period's first month. */
  has_first: boolean
  /** False when the buyer has no payments in the period's last month. */
  has_last: boolean
  /** The months the buyer covers, as ranges (`2023-01..2023-12`). */
  covers: string[]
  message: string
}

/** Who covers a period. */
export interface Coverage {
  period: MonthPeriod
  /** Whether the buyer being benchmarked covers it. */
  buyer_covers: boolean
  /** The peers that cover it, sorted by id. */
  peers: string[]
  /** The peers that do not, sorted by id. */
  left_out: LeftOut[]
  /** Months inside the period without payments, per buyer (the buyer and covering peers; only those with gaps). */
  gaps: {buyer: string; months: string[]}[]
}

/** The result of looking for a common period: one found, or the months each buyer covers. */
export type CommonPeriod =
  | ({found: true} & Coverage)
  | {found: false; months: number; covers: {buyer: string; ranges: string[]}[]}

export interface CommonPeriodOptions {
  /** Length of the period in months (default 12). */
  months?: number
  /** With a fiscal start month (1-12), only whole fiscal years are considered, labelled as `trend` labels them. */
  fiscalYearStart?: number
}

/**
 * The months each buyer (by buyer id) has rows in, read from the date column's
 * dictionary (one parse per distinct date, not per row). Every dated row
 * counts, credits included: what matters is that the month was published.
 * Optionally only the rows in one currency.
 * @example buyerMonths(frame).get('leeds') // Set {'2024-01', '2024-02'}
 */
export function buyerMonths(frame: SpendFrame, opts: {currency?: string} = {}): Map<string, Set<string>> {
  const buyer = dim(frame, 'buyer')
  const date = dictColumn(frame, 'date')
  const cur = dictColumn(frame, 'currency')
  const out = new Map<string, Set<string>>()
  if (!date) return out
  const perCode = Int32Array.from(date.dict, (d) => monthIndex(d))
  let lo = Infinity
  let hi = -Infinity
  for (const m of perCode) if (m >= 0) [lo, hi] = [Math.min(lo, m), Math.max(hi, m)]
  if (lo > hi) return out
  const span = hi - lo + 1
  const seen = new Uint8Array(buyer.size * span)
  const code = opts.currency === undefined ? -2 : (cur?.dict.indexOf(opts.currency) ?? -1)
  for (let i = 0; i < frame.length; i++) {
    if (code !== -2 && (!cur || cur.codes[i] !== code)) continue
    const dc = date.codes[i]
    if (dc < 0 || perCode[dc] < 0) continue
    seen[buyer.keys[i] * span + perCode[dc] - lo] = 1
  }
  const order = [...Array(buyer.size).keys()].filter((b) => buyer.ids[b] !== null).sort((a, b) => compareIds(buyer.ids[a], buyer.ids[b]))
  for (const b of order) {
    const months = new Set<string>()
    for (let m = 0; m < span; m++) if (seen[b * span + m]) months.add(monthText(lo + m))
    if (months.size > 0) out.set(buyer.ids[b]!, months)
  }
  return out
}

/**
 * Months as sorted ranges of consecutive months; a lone month is itself.
 * @example monthRanges(['2024-03', '2023-12', '2024-01', '2024-02', '2024-06']) // ['2023-12..2024-03', '2024-06']
 */
export function monthRanges(months: Iterable<string>): string[] {
  const ms = [...new Set([...months].map(checkMonth))].sort((a, b) => a - b)
  const out: string[] = []
  for (let i = 0; i < ms.length; ) {
    let j = i
    while (j + 1 < ms.length && ms[j + 1] === ms[j] + 1) j++
    out.push(j === i ? monthText(ms[i]) : `${monthText(ms[i])}..${monthText(ms[j])}`)
    i = j + 1
  }
  return out
}

/**
 * A fiscal year as a period: numbered by the calendar year it starts in and
 * labelled as `trend` labels it.
 * @example fiscalYearPeriod(2024, 4) // {from: '2024-04', to: '2025-03', label: '2024-25'}
 */
export function fiscalYearPeriod(year: number, fiscalYearStart = 1): MonthPeriod {
  const fs = checkFiscalStart(fiscalYearStart)
  const first = year * 12 + fs - 1
  return {from: monthText(first), to: monthText(first + 11), label: periodLabel(year, 'year', fs)}
}

/**
 * A period from its first and last month (`YYYY-MM`), labelled `from..to`.
 * @example monthPeriod('2024-03', '2025-02').label // '2024-03..2025-02'
 */
export function monthPeriod(from: string, to: string): MonthPeriod {
  const a = checkMonth(from)
  const b = checkMonth(to)
  return {from: monthText(a), to: monthText(b), label: a === b ? monthText(a) : `${monthText(a)}..${monthText(b)}`}
}

/**
 * Which of `peers` cover `period` (payments in its first and last month),
 * whether `buyer` does, and the gaps inside it.
 * @example coverage(fiscalYearPeriod(2024, 4), 'leeds', ['york'], months).left_out
 */
export function coverage(period: MonthPeriod, buyer: string, peers: readonly string[], months: ReadonlyMap<string, ReadonlySet<string>>): Coverage {
  const first = checkMonth(period.from)
  const last = checkMonth(period.to)
  const idx = indexSets(months)
  const covers = (b: string): boolean => (idx.get(b)?.has(first) ?? false) && (idx.get(b)?.has(last) ?? false)
  const included: string[] = []
  const leftOut: LeftOut[] = []
  for (const p of [...new Set(peers)].filter((p) => p !== buyer).sort(compareIds)) {
    if (covers(p)) {
      included.push(p)
      continue
    }
    const has = idx.get(p) ?? new Set<number>()
    leftOut.push({buyer: p, has_first: has.has(first), has_last: has.has(last), covers: monthRanges(months.get(p) ?? []), message: benchmarkMsg.partialBuyer(p, period.label)})
  }
  const gaps: Coverage['gaps'] = []
  for (const b of [buyer, ...included]) {
    const has = idx.get(b) ?? new Set<number>()
    const missing: string[] = []
    for (let m = first; m <= last; m++) if (!has.has(m)) missing.push(monthText(m))
    if (missing.length > 0) gaps.push({buyer: b, months: missing})
  }
  return {period, buyer_covers: covers(buyer), peers: included, left_out: leftOut, gaps}
}

/**
 * The latest period of `opts.months` (12) consecutive months that the buyer
 * and every peer cover. When no period is covered by all, the latest one the
 * buyer and the most peers cover, leaving the others out (named). When the
 * buyer covers no such period, or none that any peer covers, `found` is
 * false and `covers` lists the months each buyer covers, for the error.
 * @example commonPeriod('leeds', ['york', 'hull'], buyerMonths(frame)).found
 */
export function commonPeriod(buyer: string, peers: readonly string[], months: ReadonlyMap<string, ReadonlySet<string>>, opts: CommonPeriodOptions = {}): CommonPeriod {
  const length = opts.months ?? 12
  if (!Number.isInteger(length) || length < 1) throw new Error(`period length must be a positive whole number, got ${length}`)
  const fs = opts.fiscalYearStart === undefined ? undefined : checkFiscalStart(opts.fiscalYearStart)
  const others = [...new Set(peers)].filter((p) => p !== buyer).sort(compareIds)
  const idx = indexSets(months)
  const own = [...(idx.get(buyer) ?? [])].sort((a, b) => a - b)
  let best = -1
  let bestStart = 0
  // Latest first, so a later period wins only with strictly more peers.
  for (let j = own.length - 1; j >= 0; j--) {
    const a = own[j]
    const z = a + length - 1
    if (fs !== undefined && (length !== 12 || a % 12 !== fs - 1)) continue
    if (!idx.get(buyer)!.has(z)) continue
    let count = 0
    for (const p of others) if (idx.get(p)?.has(a) && idx.get(p)?.has(z)) count++
    if (count > best) [best, bestStart] = [count, a]
    if (count === others.length) break
  }
  if (best < 0 || (best === 0 && others.length > 0)) {
    return {found: false, months: length, covers: [buyer, ...others].map((b) => ({buyer: b, ranges: monthRanges(months.get(b) ?? [])}))}
  }
  const period = fs !== undefined ? fiscalYearPeriod(Math.floor(bestStart / 12), fs) : monthPeriod(monthText(bestStart), monthText(bestStart + length - 1))
  return {found: true, ...coverage(period, buyer, others, months)}
}

/**
 * The one-line error for no common period (exit 1): each buyer and the months it covers.
 * @example throw noCommonPeriodError(result, (id) => names.get(id) ?? id)
 */
export function noCommonPeriodError(result: Extract<CommonPeriod, {found: false}>, name: (buyer: string) => string = (b) => b): SpendInputError {
  const covers = result.covers.map((c) => `${name(c.buyer)} ${c.ranges.length > 0 ? c.ranges.join(', ') : 'no dated payments'}`)
  return new SpendInputError('NO_COMMON_PERIOD', benchmarkMsg.noCommonPeriod(result.months, covers), {hint: benchmarkMsg.noCommonPeriodHint()})
}

function indexSets(months: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>()
  for (const [b, ms] of months) out.set(b, new Set([...ms].map(checkMonth)))
  return out
}

/** The month index of a `YYYY-MM` (a caller's bug otherwise: months come from buyerMonths or parsed flags). */
function checkMonth(m: string): number {
  const i = /^\d{4}-\d{2}$/.test(m) ? monthIndex(m) : -1
  if (i < 0) throw new Error(`not a YYYY-MM month: ${m}`)
  return i
}

function monthText(m: number): string {
  return periodLabel(m, 'month')
}
