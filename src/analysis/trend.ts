import {SpendInputError} from '../errors.js'
import type {SpendFrame} from '../model/frame.js'
import {formatMinor} from '../model/money.js'
import {amounts, dim, type DimName, type DimOptions} from './dims.js'
import {dimFields, shareJson} from './json.js'
import type {Rows} from './kernel.js'
import {currencyGroups, groupLevels, sortedChildren} from './levels.js'
import {checkFiscalStart, PERIOD_KINDS, periodLabel, PERIODS_PER_YEAR, type PeriodKind} from './period.js'
import {analysisMsg} from '../messages.js'

export interface TrendOptions extends DimOptions {
  every: PeriodKind
  /** One series per group of this dimension (and currency). */
  by?: DimName | null
  selection?: Rows
}

/** A change against a base period: absolute, and relative to |base| (null when the base is 0 or missing). */
export interface Change {
  abs: bigint | null
  pct: number | null
}

export interface TrendRow {
  group: {id: string | null; label: string | null} | null
  currency: string | null
  period: string
  amount: bigint
  count: number
  /** Against the previous period (null for the first period of the range, and see `trend` on undated rows). */
  change: Change
  /** Against the same period a year earlier (null when that is before the range). */
  yoy: Change
}

/** A series' rows without a usable date: one line of their own, in no period. */
export interface TrendUndated {
  group: {id: string | null; label: string | null} | null
  currency: string | null
  amount: bigint
  count: number
  /** Where the line goes among `rows`: before rows[at] (right after its series' periods). */
  at: number
}

export interface TrendResult {
  every: PeriodKind
  by: DimName | null
  fiscalYearStart: number
  /** First and last period of the range (null when no row has a date). */
  from: string | null
  to: string | null
  rows: TrendRow[]
  /** Rows without a usable date, per series (group and currency) that has any: not in any period. */
  undated: TrendUndated[]
}

/**
 * Totals per period. Every series with a dated row spans the same range,
 * from the first to the last period with data in the selection, and periods
 * without payments are shown as zero (count 0), never skipped. Rows without
 * a date are their series' own `undated` line, never a period: a series with
 * only undated rows has no period rows, and undated amounts are in no change.
 * In a series with undated rows, a period without a dated payment is not
 * known to be zero (the undated spend may belong to it), so no change is
 * computed to or from it. Series come in currency blocks, largest first (ties
 * by id). Periods are fiscal when fiscalYearStart > 1.
 * @example trend(frame, {every: 'quarter', fiscalYearStart: 4}).rows[0].period // '2023-24-Q1'
 */
export function trend(frame: SpendFrame, opts: TrendOptions): TrendResult {
  if (!PERIOD_KINDS.includes(opts.every)) {
    throw new SpendInputError('BAD_PERIOD_KIND', analysisMsg.badPeriodKind(opts.every), {where: '--every', hint: analysisMsg.badPeriodKindHint()})
  }
  if (opts.by && PERIOD_KINDS.includes(opts.by as PeriodKind)) {
    throw new SpendInputError('BAD_DIMENSION', analysisMsg.badTrendSplit(opts.by), {where: '--by'})
  }
  const fy = checkFiscalStart(opts.fiscalYearStart)
  const pd = dim(frame, opts.every, {...opts, fiscalYearStart: fy})
  const cur = dim(frame, 'currency')
  const byDim = opts.by ? dim(frame, opts.by, opts) : null
  const levels = groupLevels(cur, byDim ? [byDim, pd] : [pd], amounts(frame), opts.selection ?? null)
  const leaf = levels[levels.length - 1]
  const periodOf = (g: number) => pd.periods![leaf.child[g]]
  let lo = Infinity
  let hi = -Infinity
  for (let g = 0; g < leaf.size; g++) {
    const p = periodOf(g)
    if (Number.isNaN(p)) continue
    if (p < lo) lo = p
    if (p > hi) hi = p
  }
  const rows: TrendRow[] = []
  const undated: TrendUndated[] = []
  const perYear = PERIODS_PER_YEAR[opts.every]
  for (const c of currencyGroups(levels[0], cur)) {
    const currency = cur.ids[levels[0].child[c]]
    const series = byDim ? sortedChildren(levels[1], c, byDim.ids) : [c]
    for (const s of series) {
      const group = byDim ? {id: byDim.ids[levels[1].child[s]], label: byDim.labels[levels[1].child[s]]} : null
      const byPeriod = new Map<number, number>()
      const none: TrendUndated = {group, currency, amount: 0n, count: 0, at: 0}
      const {start, rows: kids} = leaf.byParent
      for (let j = start[s]; j < start[s + 1]; j++) {
        const g = kids[j]
        if (Number.isNaN(periodOf(g))) {
          none.amount += leaf.sums.total(g)
          none.count += leaf.sums.count[g]
        } else byPeriod.set(periodOf(g), g)
      }
      // A period's total as a base of comparison; null when unknown (before the range, or a gap beside undated spend).
      const known = (p: number): bigint | null => {
        if (p < lo) return null
        const g = byPeriod.get(p)
        if (g === undefined) return none.count > 0 ? null : 0n
        return leaf.sums.total(g)
      }
      for (let p = lo; p <= hi && byPeriod.size > 0; p++) {
        const g = byPeriod.get(p)
        const amount = g === undefined ? 0n : leaf.sums.total(g)
        const now = known(p)
        rows.push({
          group, currency, period: periodLabel(p, opts.every, fy), amount, count: g === undefined ? 0 : leaf.sums.count[g],
          change: trendChange(now, known(p - 1)), yoy: trendChange(now, known(p - perYear)),
        })
      }
      if (none.count > 0) undated.push({...none, at: rows.length})
    }
  }
  const bounds = lo <= hi ? [periodLabel(lo, opts.every, fy), periodLabel(hi, opts.every, fy)] : [null, null]
  return {every: opts.every, by: opts.by ?? null, fiscalYearStart: fy, from: bounds[0], to: bounds[1], rows, undated}
}

/** Change of `now` against `base` (none when either is unknown); pct is relative to |base| so a smaller credit reads as a rise. */
export function trendChange(now: bigint | null, base: bigint | null): Change {
  if (now === null || base === null) return {abs: null, pct: null}
  const abs = now - base
  return {abs, pct: base === 0n ? null : Number(abs) / Math.abs(Number(base))}
}

/**
 * JSON form: `{every, by, fiscal_year_start, from, to, rows: [{buyer?, currency,
 * period, amount, count, change, change_pct, yoy, yoy_pct}], undated: [{buyer?,
 * currency, period: null, amount, count}]}` (one undated line per series that has any).
 * @example trendToJson(trend(frame, {every: 'month'})).rows[0].change // null
 */
export function trendToJson(r: TrendResult): Record<string, unknown> & {rows: Record<string, unknown>[]; undated: Record<string, unknown>[]} {
  const by = r.by ? [r.by] : []
  const money = (v: bigint | null, c: string | null) => (v === null ? null : formatMinor(v, c ?? ''))
  return {
    every: r.every, by: r.by, fiscal_year_start: r.fiscalYearStart, from: r.from, to: r.to,
    rows: r.rows.map((x) => ({
      ...(x.group ? dimFields(by, [x.group.id], [x.group.label]) : {}),
      currency: x.currency, period: x.period, amount: money(x.amount, x.currency), count: x.count,
      change: money(x.change.abs, x.currency), change_pct: shareJson(x.change.pct),
      yoy: money(x.yoy.abs, x.currency), yoy_pct: shareJson(x.yoy.pct),
    })),
    undated: r.undated.map((u) => ({
      ...(u.group ? dimFields(by, [u.group.id], [u.group.label]) : {}),
      currency: u.currency, period: null, amount: money(u.amount, u.currency), count: u.count,
    })),
  }
}
