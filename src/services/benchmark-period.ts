import {SpendInputError} from '../errors.js'
import {benchmarkCmdMsg} from '../messages.js'
import type {SpendFrame} from '../model/frame.js'
import {dictColumn, dim} from '../analysis/dims.js'
import {bucketRows, type Rows} from '../analysis/kernel.js'
import {monthIndex, periodBounds} from '../analysis/period.js'
import {commonPeriod, coverage, monthPeriod, monthRanges, noCommonPeriodError, type MonthPeriod} from '../analysis/benchmark/coverage.js'
import type {BenchmarkLeftOut} from '../io/write/benchmark-report.js'
import type {Named} from './benchmark-compare.js'

/** The period of `spend benchmark`, and each buyer's rows in it. */

/**
 * The period compared: the one given (--from/--to, --year), else the latest
 * 12 months the buyer and every peer cover; peers not covering it are left
 * out (named). With no common period, --any-period gives each buyer its own
 * (`periods`), else the error lists the months each buyer covers (exit 1).
 * A given period the buyer itself does not cover is an error (exit 1).
 * @example choosePeriod(target, peers, buyerMonths(frame), null, false, (id) => id).period.label // '2024-01..2024-12'
 */
export function choosePeriod(
  target: Named, peers: readonly Named[], months: ReadonlyMap<string, ReadonlySet<string>>, explicit: MonthPeriod | null, anyPeriod: boolean, nameOf: (id: string) => string,
): {period: MonthPeriod; periods: Map<string, MonthPeriod> | null; leftOut: BenchmarkLeftOut[]} {
  let period = explicit
  if (!period) {
    const common = commonPeriod(target.id, peers.map((p) => p.id), months)
    if (common.found) period = common.period
    else if (anyPeriod) {
      const periods = new Map([target, ...peers].map((x) => [x.id, ownPeriod(x.id, months)]))
      return {period: periods.get(target.id)!, periods, leftOut: []}
    } else throw noCommonPeriodError(common, nameOf)
  }
  const cov = coverage(period, target.id, peers.map((p) => p.id), months)
  if (!cov.buyer_covers) {
    throw new SpendInputError('BUYER_PARTIAL', benchmarkCmdMsg.buyerPartial(target.name, period.label, monthRanges(months.get(target.id) ?? [])), {hint: benchmarkCmdMsg.buyerPartialHint()})
  }
  const leftOut = cov.left_out.map((l): BenchmarkLeftOut => ({
    buyer: nameOf(l.buyer), buyer_id: l.buyer, reason: 'period', message: benchmarkCmdMsg.partialPeer(nameOf(l.buyer), period.label), covers: l.covers,
  }))
  return {period, periods: null, leftOut}
}

/** --from/--to as a period of whole months (the rows are still selected by the exact days given). */
export function fixedPeriod(from: string, to: string): MonthPeriod {
  return monthPeriod(periodBounds(from, '--from')[0].slice(0, 7), periodBounds(to, '--to')[1].slice(0, 7))
}

/** A buyer's own period (for --any-period, and the --auto features): its latest 12 months covered, else all the months it has. */
export function ownPeriod(id: string, months: ReadonlyMap<string, ReadonlySet<string>>): MonthPeriod {
  const own = commonPeriod(id, [], months)
  if (own.found) return own.period
  const list = [...(months.get(id) ?? [])].sort()
  return monthPeriod(list[0], list[list.length - 1])
}

export function earliest(months: ReadonlySet<string> | undefined): number {
  let lo = Infinity
  for (const m of months ?? []) lo = Math.min(lo, monthIndex(m))
  return lo
}

/** Each group buyer's selected rows (with --any-period, only those dated in its own period). */
export function rowsPerBuyer(frame: SpendFrame, selection: Rows, group: readonly Named[], periods: Map<string, MonthPeriod> | null): Map<string, Uint32Array> {
  const b = dim(frame, 'buyer')
  const buckets = bucketRows(b.keys, b.size, selection, frame.length)
  const date = dictColumn(frame, 'date')
  const perCode = date ? Int32Array.from(date.dict, (d) => monthIndex(d)) : new Int32Array(0)
  const out = new Map<string, Uint32Array>()
  for (const g of group) {
    const rows = buckets.rows.subarray(buckets.start[g.key], buckets.start[g.key + 1])
    const p = periods?.get(g.id)
    if (!p || !date) {
      out.set(g.id, rows)
      continue
    }
    const [lo, hi] = [monthIndex(p.from), monthIndex(p.to)]
    out.set(g.id, rows.filter((i) => date.codes[i] >= 0 && perCode[date.codes[i]] >= lo && perCode[date.codes[i]] <= hi))
  }
  return out
}

/**
 * The selected rows of the group's buyers, in frame order (one sequential
 * pass): the same rows as rowsPerBuyer's, and within each buyer in the same
 * order, so every per-buyer figure is the same, but read in order.
 */
export function memberRows(frame: SpendFrame, selection: Rows, group: readonly Named[]): Uint32Array {
  const keys = dim(frame, 'buyer').keys
  const member = new Uint8Array(dim(frame, 'buyer').size)
  for (const g of group) member[g.key] = 1
  // Every buyer in the group (--auto N with N all the others): the selection itself.
  if (selection && member.every((x) => x === 1)) return selection
  const m = selection ? selection.length : frame.length
  const out = new Uint32Array(m)
  let n = 0
  for (let j = 0; j < m; j++) {
    const i = selection ? selection[j] : j
    if (member[keys[i]] === 1) out[n++] = i
  }
  return out.subarray(0, n)
}
