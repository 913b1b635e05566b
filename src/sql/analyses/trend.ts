import type {CategoryLevel, DimName} from '../../analysis/dims.js'
import {compareIds} from '../../analysis/json.js'
import {checkFiscalStart, periodLabel, PERIODS_PER_YEAR, type PeriodKind} from '../../analysis/period.js'
import {trendChange, trendToJson, type TrendResult} from '../../analysis/trend.js'
import {trendOutput, trendViews, type TrendOutput} from '../../io/write/trend-report.js'
import {dimLabelCte, periodSql, sqlDim} from '../dims.js'
import {jsonDim} from '../json-dims.js'
import type {EngineRow, JsonContext, SqlAnalysis, SqlContext} from '../types.js'

export interface TrendOptions {
  every: PeriodKind
  by?: DimName
  fiscalYearStart?: number
  level?: CategoryLevel
  excludeRedacted?: boolean
}

/**
 * trend as SQL: per currency and series (`by` group; one per currency
 * without --by) and period, the exact total and row count (period NULL for
 * rows without a date). Every series with a dated row spans the same periods,
 * the first to the last with data in the selection (generated, so periods
 * without payments are rows of zero). A period's total is `known` unless the
 * series has undated rows and the period no dated payment (that spend may
 * belong to it): the previous period's and the year-earlier period's known
 * totals are the bases of the changes (LAG over the filled series). Each
 * series with undated rows gets one 'undated' row. The JSON works out the
 * changes and percentages from the exact integers, as the native trend does.
 */
function trendSqlText(o: TrendOptions, ctx: SqlContext): string {
  const d = ctx.dialect
  const fy = checkFiscalStart(o.fiscalYearStart)
  const gd = o.by ? sqlDim(o.by, d, {level: o.level, fiscalYearStart: fy}) : null
  const perYear = PERIODS_PER_YEAR[o.every]
  const same = (a: string, b: string) => `${a}.currency = ${b}.currency AND ${a}.g IS NOT DISTINCT FROM ${b}.g`
  const ctes = [`base AS (
  SELECT currency, amount_minor, ${gd ? gd.id : '0'} AS g,
    CASE WHEN date IS NULL THEN NULL ELSE ${periodSql(d, o.every, fy)} END AS p
  FROM ${ctx.source}
  WHERE ${ctx.where}
)`, `cells AS (
  SELECT currency, g, p, ${d.sumExact('amount_minor')} AS amount, COUNT(*) AS n
  FROM base
  GROUP BY currency, g, p
)`, `series AS (
  SELECT currency, g, SUM(amount) AS total,
    SUM(CASE WHEN p IS NULL THEN amount ELSE 0 END) AS undated_amount,
    SUM(CASE WHEN p IS NULL THEN n ELSE 0 END) AS undated_count,
    SUM(CASE WHEN p IS NULL THEN 0 ELSE 1 END) AS periods
  FROM cells
  GROUP BY currency, g
)`, `filled AS (
  SELECT series.currency, series.g, periods.p, series.total,
    COALESCE(cells.amount, 0) AS amount, COALESCE(cells.n, 0) AS n,
    CASE WHEN cells.n IS NOT NULL THEN cells.amount WHEN series.undated_count > 0 THEN NULL ELSE 0 END AS known
  FROM series
  CROSS JOIN ${d.series('(SELECT MIN(p) FROM cells)', '(SELECT MAX(p) FROM cells)', 'periods', 'p')}
  LEFT JOIN cells ON ${same('cells', 'series')} AND cells.p = periods.p
  WHERE series.periods > 0 AND periods.p IS NOT NULL
)`, `result AS (
  SELECT 0 AS kind, currency, g, p, total, amount, n, known,
    LAG(known, 1) OVER (PARTITION BY currency, g ORDER BY p) AS previous,
    LAG(known, ${perYear}) OVER (PARTITION BY currency, g ORDER BY p) AS year_earlier
  FROM filled
  UNION ALL
  SELECT 1 AS kind, currency, g, NULL AS p, total, undated_amount AS amount, undated_count AS n, NULL AS known, NULL AS previous, NULL AS year_earlier
  FROM series
  WHERE undated_count > 0
)`]
  const groupLabel = gd ? dimLabelCte(d, 'group_label', gd, ctx.source, o.level) : null
  if (groupLabel) ctes.push(groupLabel)
  const pct = (base: string) => `CASE WHEN ${base} = 0 THEN NULL ELSE CAST(known - ${base} AS ${d.decimal(10)}) / abs(${base}) END`
  const select = [
    `CASE kind WHEN 0 THEN 'period' ELSE 'undated' END AS kind`,
    'result.currency', 'result.g', ...(groupLabel ? ['group_label.label AS group_label'] : []),
    'p', 'total', 'amount', 'n AS count', 'known', 'previous', 'year_earlier',
    'known - previous AS change', `${pct('previous')} AS change_pct`,
    'known - year_earlier AS yoy', `${pct('year_earlier')} AS yoy_pct`,
  ]
  return `WITH ${ctes.join(',\n')}
SELECT ${select.join(',\n  ')}
FROM result
${groupLabel ? 'LEFT JOIN group_label ON group_label.id = result.g\n' : ''}ORDER BY ${d.bytewise('result.currency')}, total DESC, ${gd ? d.bytewise('result.g') : 'result.g'} NULLS LAST, kind, p`
}

interface Series {
  currency: string | null
  group: {id: string | null; label: string | null} | null
  total: bigint
  periods: EngineRow[]
  undated?: EngineRow
}

/** The native trend result (src/analysis/trend.ts) from the engine's rows: series in the native order, changes from the exact known totals. */
export function trendResultOf(rows: readonly EngineRow[], o: TrendOptions, ctx: JsonContext): TrendResult {
  const fy = checkFiscalStart(o.fiscalYearStart)
  const byKey = new Map<string, Series>()
  let lo = Infinity
  let hi = -Infinity
  for (const r of rows) {
    const key = JSON.stringify([r.currency, r.g])
    let s = byKey.get(key)
    if (!s) byKey.set(key, (s = {currency: r.currency, group: o.by ? jsonDim(o.by, r, 'g', 'group_label', ctx, fy) : null, total: BigInt(r.total!), periods: []}))
    if (r.kind === 'undated') s.undated = r
    else {
      s.periods.push(r)
      lo = Math.min(lo, Number(r.p))
      hi = Math.max(hi, Number(r.p))
    }
  }
  const series = [...byKey.values()].sort((a, b) => {
    const c = compareIds(a.currency, b.currency)
    if (c) return c
    if (a.total !== b.total) return a.total > b.total ? -1 : 1
    return compareIds(a.group?.id ?? null, b.group?.id ?? null)
  })
  const big = (v: string | null) => (v === null ? null : BigInt(v))
  const out: TrendResult = {every: o.every, by: o.by ?? null, fiscalYearStart: fy, from: null, to: null, rows: [], undated: []}
  for (const s of series) {
    for (const r of [...s.periods].sort((a, b) => Number(a.p) - Number(b.p))) {
      const now = big(r.known)
      out.rows.push({
        group: s.group, currency: s.currency, period: periodLabel(Number(r.p), o.every, fy), amount: BigInt(r.amount!), count: Number(r.count),
        change: trendChange(now, big(r.previous)), yoy: trendChange(now, big(r.year_earlier)),
      })
    }
    if (s.undated) out.undated.push({group: s.group, currency: s.currency, amount: BigInt(s.undated.amount!), count: Number(s.undated.count), at: out.rows.length})
  }
  if (lo <= hi) [out.from, out.to] = [periodLabel(lo, o.every, fy), periodLabel(hi, o.every, fy)]
  return out
}

export const trendSql: SqlAnalysis<TrendOptions> = {
  name: 'trend',
  sql: trendSqlText,
  json: (rows, o, ctx) => {
    const result = trendResultOf(rows, o, ctx)
    const body = trendOutput(trendToJson(result) as TrendOutput, {})
    return {body, views: (human) => trendViews(body, result, human, {})}
  },
}
