/**
 * `spend trend` as lines: one chart per currency, one line per series (with
 * --by: the largest groups coloured, the rest folded into "Other"), and
 * beside each line the same period a year earlier, dashed, where the range
 * has it. The x axis is the ordinal period labels (never a temporal scale:
 * vega would read dates in the machine's time zone); the money axis starts
 * at zero, labelled with the currency.
 */
import {PERIODS_PER_YEAR} from '../../../analysis/period.js'
import type {TrendResult, TrendRow} from '../../../analysis/trend.js'
import {formatMinor} from '../../../model/money.js'
import {dimHeader, shownLabel} from '../analysis-common.js'
import type {Chart} from './chart.js'
import {contextSentence, slug, subtitleLines, type ChartContext} from './context.js'
import {axisLabels} from './labels.js'
import {chartConfig, OTHER_COLOUR, PALETTE} from './theme.js'

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json'

/** At most this many lines per chart: the largest groups, the rest folded into "Other". */
export const TREND_MAX_SERIES = 8

const STROKE_LEGEND = {symbolType: 'stroke', symbolStrokeWidth: 2}
const NOW = 'in the period'
const EARLIER = 'a year earlier'

interface Series {
  name: string
  amounts: bigint[]
}

/**
 * The line charts of a trend, one per currency with dated rows.
 * @example trendCharts(trend(frame, {every: 'quarter'}), ctx)[0].name // 'trend-quarter-gbp'
 */
export function trendCharts(result: TrendResult, ctx: ChartContext): Chart[] {
  const blocks = new Map<string, TrendRow[]>()
  for (const row of result.rows) {
    const key = row.currency ?? ''
    let list = blocks.get(key)
    if (!list) blocks.set(key, (list = []))
    list.push(row)
  }
  const lag = PERIODS_PER_YEAR[result.every]
  return [...blocks.entries()].map(([currency, rows]) => {
    const cur = currency || 'XXX'
    const {periods, series, folded} = seriesOf(result, rows)
    const {labels, fullNames} = axisLabels(series.map((s) => s.name), 160)
    const values: Record<string, unknown>[] = []
    series.forEach((s, k) => {
      s.amounts.forEach((amount, i) => {
        // Drawn, never summed: a float in major units is exact enough for a line.
        values.push({period: periods[i], order: i, series: labels[k], line: NOW, amount: Number(formatMinor(amount, cur))})
        if (i >= lag) values.push({period: periods[i], order: i, series: labels[k], line: EARLIER, amount: Number(formatMinor(s.amounts[i - lag], cur))})
      })
    })
    const by = result.by
    const colours = by ? labels.map((l, k) => (folded && k === labels.length - 1 ? OTHER_COLOUR : PALETTE[k % PALETTE.length])) : [PALETTE[0], OTHER_COLOUR]
    // With --by, colour names the groups and the subtitle says what is dashed (vega draws no symbol in a dash-only legend).
    const lineLegend = by ? null : STROKE_LEGEND
    const hasEarlier = periods.length > lag
    const undated = result.undated.some((u) => (u.currency ?? '') === currency)
    const title = `Spend per ${result.every}${by ? ` by ${dimHeader(by)}` : ''}, ${cur}`
    const notes = [
      hasEarlier ? `dashed: ${result.every === 'year' ? 'the year before' : `the same ${result.every} a year earlier`}` : `no ${result.every} a year earlier in the range`,
      folded ? `the ${series.length - 1} largest ${dimHeader(by!)} groups, the rest as Other` : null,
      undated ? 'rows without a date not drawn' : null,
    ].filter(Boolean).join(' · ')
    return {
      name: slug('trend', result.every, by, currency),
      title,
      description: `${title}: ${series.length === 1 ? 'one line' : `${series.length} lines`} over ${periods.length} periods (${periods[0]} to ${periods[periods.length - 1]}); ${notes}. ${contextSentence(ctx, cur)}`,
      fullNames,
      spec: {
        $schema: SCHEMA,
        config: chartConfig(),
        title: {text: title, subtitle: [...subtitleLines(ctx, cur), notes]},
        width: periods.length <= 12 ? Math.max(320, periods.length * 64) : Math.min(720, periods.length * 28),
        height: 260,
        data: {values},
        mark: {type: 'line', point: periods.length <= 40, strokeWidth: 2},
        encoding: {
          x: {
            field: 'period', type: 'ordinal', sort: periods, title: null,
            axis: {labelAngle: periods.length > 12 ? -45 : 0, labelOverlap: 'greedy'},
          },
          y: {field: 'amount', type: 'quantitative', title: `Amount (${cur})`, scale: {zero: true, nice: true}, axis: {format: ',.0f', tickCount: 5}},
          color: by
            ? {field: 'series', type: 'nominal', sort: labels, scale: {domain: labels, range: colours}, title: dimHeader(by), legend: STROKE_LEGEND}
            : {field: 'line', type: 'nominal', scale: {domain: [NOW, EARLIER], range: colours}, title: null, legend: STROKE_LEGEND},
          // The line kinds: without --by strokeDash shares the colour legend (same field, title and look), so vega-lite merges them.
          strokeDash: {field: 'line', type: 'nominal', scale: {domain: [NOW, EARLIER], range: [[1, 0], [5, 4]]}, title: null, legend: lineLegend},
        },
      },
    } satisfies Chart
  })
}

/** The periods of a currency block and its series, the groups past the largest folded into "Other". */
function seriesOf(result: TrendResult, rows: TrendRow[]): {periods: string[]; series: Series[]; folded: boolean} {
  const periods: string[] = []
  const byName = new Map<string, Series>()
  for (const row of rows) {
    const name = result.by && row.group ? shownLabel(result.by, row.group.id, row.group.label) : (row.currency ?? '')
    let s = byName.get(name)
    if (!s) byName.set(name, (s = {name, amounts: []}))
    if (s === byName.values().next().value) periods.push(row.period)
    s.amounts.push(row.amount)
  }
  const all = [...byName.values()]
  if (all.length <= TREND_MAX_SERIES) return {periods, series: all, folded: false}
  const kept = all.slice(0, TREND_MAX_SERIES - 1)
  const other: Series = {name: 'Other', amounts: periods.map(() => 0n)}
  for (const s of all.slice(TREND_MAX_SERIES - 1)) s.amounts.forEach((a, i) => (other.amounts[i] += a))
  return {periods, series: [...kept, other], folded: true}
}
