/**
 * `spend concentration` as bars: the HHI of each market (category or buyer)
 * on the full 0-10,000 scale, coloured by its band, with the band thresholds
 * drawn as named rules. One chart per currency; the markets with the most
 * spend first, at most CONCENTRATION_MAX_BARS of them.
 */
import type {ConcentrationResult, ConcentrationRow} from '../../../analysis/concentration.js'
import {dimHeader, shownLabel} from '../analysis-common.js'
import type {Chart} from './chart.js'
import {contextSentence, slug, subtitleLines, type ChartContext} from './context.js'
import {axisLabels} from './labels.js'
import {chartConfig, PALETTE} from './theme.js'

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json'

/** At most this many bars per chart (the markets with the most spend). */
export const CONCENTRATION_MAX_BARS = 30

const BANDS = ['unconcentrated', 'moderately concentrated', 'highly concentrated']
/** Okabe-Ito blue, orange and vermillion: calm to alarming, told apart without hue too (the bars sit beside named rules). */
const BAND_COLOURS = [PALETTE[0], PALETTE[1], PALETTE[5]]

/**
 * The HHI bar charts of a concentration result, one per currency with a market of positive spend.
 * @example concentrationCharts(concentration(frame, {by: 'category'}), ctx)[0].name // 'concentration-category-gbp'
 */
export function concentrationCharts(result: ConcentrationResult, ctx: ChartContext): Chart[] {
  const blocks = new Map<string, ConcentrationRow[]>()
  for (const row of result.rows) {
    if (row.hhi === null) continue
    const key = row.currency ?? ''
    let list = blocks.get(key)
    if (!list) blocks.set(key, (list = []))
    list.push(row)
  }
  const by = result.by
  const market = by ? dimHeader(by) : 'market'
  const {moderate, high, name: bandsName} = result.bands
  // Currency-code order, as every output (the analysis leaves its rows unsorted; amounts in two currencies never compare).
  const order = [...blocks.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return order.map(([currency, all]) => {
    const cur = currency || 'XXX'
    const rows = [...all].sort((a, b) => (a.amount > b.amount ? -1 : a.amount < b.amount ? 1 : byName(a, b))).slice(0, CONCENTRATION_MAX_BARS)
    const names = rows.map((r) => (by && r.group ? shownLabel(by, r.group.id, r.group.label) : cur))
    const {labels, fullNames} = axisLabels(names)
    const values = rows.map((r, i) => ({
      name: labels[i], order: i, band: r.band, suppliers: r.suppliers,
      // A statistic, drawn: two decimals as in the JSON.
      hhi: Math.round(r.hhi! * 100) / 100,
    }))
    const rules = [
      {hhi: moderate, label: fmt(moderate)},
      {hhi: high, label: fmt(high)},
    ]
    const title = `Supplier concentration (HHI) by ${market}, ${cur}`
    const shown = rows.length < all.length ? `the ${rows.length} ${market} groups with most spend of ${all.length}` : `${rows.length} ${market} ${rows.length === 1 ? 'group' : 'groups'}`
    const notes = `${shown} · dashed: ${bandsName} bands, moderately concentrated from ${fmt(moderate)}, highly above ${fmt(high)}`
    const counts = BANDS.map((b) => `${rows.filter((r) => r.band === b).length} ${b}`).join(', ')
    const y = {field: 'name', type: 'nominal', sort: labels, title: null, axis: {labelLimit: 0}}
    return {
      name: slug('concentration', by, currency),
      title,
      description: `${title}: HHI from 0 to 10,000 for ${shown}; ${counts}; rules at ${fmt(moderate)} and ${fmt(high)} (${bandsName}). ${contextSentence(ctx, cur)}`,
      fullNames,
      spec: {
        $schema: SCHEMA,
        config: chartConfig(),
        title: {text: title, subtitle: [...subtitleLines(ctx, cur), notes]},
        width: 420,
        height: {step: 22},
        layer: [
          {
            data: {values},
            mark: {type: 'bar'},
            encoding: {
              y,
              x: {field: 'hhi', type: 'quantitative', title: 'HHI (0-10,000; 10,000 = one supplier)', scale: {domain: [0, 10_000], nice: false}, axis: {format: ',.0f', values: [0, 2000, 4000, 6000, 8000, 10_000]}},
              color: {field: 'band', type: 'nominal', scale: {domain: BANDS, range: BAND_COLOURS}, title: 'band', legend: {orient: 'bottom', direction: 'horizontal'}},
            },
          },
          {
            data: {values: rules},
            mark: {type: 'rule', color: '#333333', strokeDash: [5, 4]},
            encoding: {x: {field: 'hhi', type: 'quantitative'}},
          },
          // The value labels come after the rules, each over a white halo, so a rule never runs through a number.
          {
            data: {values},
            mark: {type: 'text', align: 'left', dx: 4, fontSize: 10, stroke: '#ffffff', strokeWidth: 4, strokeJoin: 'round', color: '#ffffff', aria: false},
            encoding: {y, x: {field: 'hhi', type: 'quantitative'}, text: {field: 'hhi', type: 'quantitative', format: ',.0f'}},
          },
          {
            data: {values},
            mark: {type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#222222'},
            encoding: {y, x: {field: 'hhi', type: 'quantitative'}, text: {field: 'hhi', type: 'quantitative', format: ',.0f'}},
          },
          {
            data: {values: rules},
            mark: {type: 'text', align: 'center', baseline: 'bottom', y: 0, dy: -3, fontSize: 10, color: '#333333'},
            encoding: {x: {field: 'hhi', type: 'quantitative'}, text: {field: 'label', type: 'nominal'}},
          },
        ],
      },
    } satisfies Chart
  })
}

/** Ties by group id, then label: a stable order whatever the analysis gives. */
function byName(a: ConcentrationRow, b: ConcentrationRow): number {
  const ka = `${a.group?.id ?? ''}\u0000${a.group?.label ?? ''}`
  const kb = `${b.group?.id ?? ''}\u0000${b.group?.label ?? ''}`
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

/** Thousands separators without the locale (outputs are locale-free). */
function fmt(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
