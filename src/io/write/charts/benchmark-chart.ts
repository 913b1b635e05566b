/**
 * `spend benchmark` as dot plots: one chart of the compared measures stacked
 * vertically, each on its own axis (money in the currency, shares in %), the
 * peers' values as dots, the buyer's value a vermillion diamond named beside
 * it, with the peers' median, P25-P75 and the Tukey fences drawn and the flag
 * in the measure's title line. Measures nobody has a value for are left out;
 * of the category mix only the flagged categories are drawn, or else the
 * largest in the buyer's spend (the subtitle says which). The report's
 * benchmark section and `spend benchmark --chart` both call this.
 */
import {benchmarkCmdMsg} from '../../../messages.js'
import type {BenchmarkJson, BenchmarkMeasureJson} from '../benchmark-report.js'
import {SCHEMA} from './bars.js'
import type {Chart} from './chart.js'
import {slug, type ChartContext} from './context.js'
import {chartFontMetrics, cutToWidth} from './font.js'
import {panelSpec} from './benchmark-panel.js'
import {chartConfig} from './theme.js'

/** Category-mix measures drawn at most (the flagged ones, else the largest in the buyer's spend). */
export const MAX_CATEGORY_PANELS = 6

/** What the marks mean, said once under the title. */
export const BENCHMARK_KEY = [
  '◆ the buyer · ● a peer (dots stack where values are close)',
  'shaded: the peers\' P25-P75 · solid line: peer median · dashed lines: Tukey fences (P25 - 1.5 IQR, P75 + 1.5 IQR)',
] as const

/**
 * The dot plots of a benchmark result: one chart (measures stacked), or none
 * when no measure has a value to draw.
 * @example benchmarkCharts(json, ctx)[0].name // 'benchmark-buyer-a-gbp'
 */
export function benchmarkCharts(json: BenchmarkJson, ctx: ChartContext): Chart[] {
  const {measures, categoryLine} = drawnMeasures(json.measures)
  if (measures.length === 0) return []
  const bold = chartFontMetrics().bold
  const fullNames: Record<string, string> = {}
  const panels = measures.map((m) => {
    const full = measureTitle(m, json.weak)
    const title = cutToWidth(full, 660, 12, bold)
    if (title !== full) fullNames[title] = full
    return panelSpec({measure: m, title, buyer: json.buyer, currency: json.currency, fences: m.measure !== 'total_spend'})
  })
  const n = json.peers.length
  const title = `${json.buyer} against ${n} ${n === 1 ? 'peer' : 'peers'}`
  const lines = subtitle(json, ctx, categoryLine)
  const flagged = measures.filter((m) => m.flag !== null).map((m) => `${m.label} (${m.flag})`)
  return [{
    name: slug('benchmark', json.buyer_id, json.currency),
    title,
    description: `Dot plots of ${measures.length} ${measures.length === 1 ? 'measure' : 'measures'} of ${json.buyer} (a diamond) against ${n} ${n === 1 ? 'peer' : 'peers'} (dots), each with the peers' P25-P75 band, median and Tukey fences; ${flagged.length > 0 ? `flagged: ${flagged.join(', ')}` : 'nothing flagged'}. ${lines.join('; ')}.`,
    fullNames,
    markTitles: true,
    spec: {
      $schema: SCHEMA,
      config: chartConfig(),
      title: {text: title, subtitle: lines},
      vconcat: panels,
      spacing: 26,
      resolve: {scale: {x: 'independent', y: 'independent'}},
    },
  }]
}

/**
 * The measures drawn, in the JSON's order: every measure with a value for
 * the buyer or a peer; of the category mix the flagged ones, else the
 * largest in the buyer's spend (the JSON's order), at most MAX_CATEGORY_PANELS.
 * @example drawnMeasures(json.measures).measures.length // 15
 */
export function drawnMeasures(all: readonly BenchmarkMeasureJson[]): {measures: BenchmarkMeasureJson[]; categoryLine: string | null} {
  const drawable = (m: BenchmarkMeasureJson) => m.value !== null || m.peer_values.some((v) => v.value !== null)
  const others = all.filter((m) => m.measure !== 'category_mix' && drawable(m))
  const cats = all.filter((m) => m.measure === 'category_mix' && drawable(m))
  const flagged = cats.filter((m) => m.flag !== null)
  const shown = (flagged.length > 0 ? flagged : cats).slice(0, MAX_CATEGORY_PANELS)
  let categoryLine: string | null = null
  if (cats.length > 0) {
    const of = `of ${cats.length} ${cats.length === 1 ? 'category' : 'categories'}`
    if (flagged.length > 0) {
      categoryLine = flagged.length > shown.length
        ? `category mix: the ${shown.length} largest of ${flagged.length} flagged categories (${of}), by the buyer's share`
        : `category mix: the ${shown.length} flagged ${shown.length === 1 ? 'category' : 'categories'} (${of})`
    } else {
      categoryLine = shown.length === cats.length
        ? `category mix: ${cats.length === 1 ? 'the one category' : `all ${cats.length} categories`} (none flagged)`
        : `category mix: none flagged; the ${shown.length} largest in the buyer's spend (${of})`
    }
  }
  return {measures: [...others, ...shown], categoryLine}
}

/** A measure's title line: its label, capitalised, and its flag ("Share of the top 5 suppliers: high"). */
function measureTitle(m: BenchmarkMeasureJson, weak: boolean): string {
  const label = m.label.charAt(0).toUpperCase() + m.label.slice(1)
  if (m.flag !== null) return `${label}: ${m.flag}`
  if (m.value === null) return `${label}: not computed for the buyer`
  return weak || m.measure === 'total_spend' ? label : `${label}: within the fences`
}

function subtitle(json: BenchmarkJson, ctx: ChartContext, categoryLine: string | null): string[] {
  const period = json.any_period ? 'no common period: each buyer on its own latest months, share measures only' : `period ${json.period.label}`
  const lines = [[json.currency, period, ctx.money ?? null].filter(Boolean).join(' · '), json.sentence]
  if (ctx.filters) lines.push(`filters: ${ctx.filters}`)
  if (json.weak) lines.push(benchmarkCmdMsg.weak(json.peers.length))
  if (categoryLine) lines.push(categoryLine)
  lines.push(...BENCHMARK_KEY)
  return lines
}
