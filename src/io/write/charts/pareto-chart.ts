/**
 * `spend pareto` as its curve: the cumulative share of spend (y) made by the
 * largest share of suppliers (x), with rules at 80% and 95% (the ends of
 * classes A and B) and the diagonal of an even spread. One chart per
 * currency; with --by, one curve per group (the largest groups only).
 */
import type {ParetoGroup, ParetoResult} from '../../../analysis/pareto.js'
import {dimHeader, shownLabel} from '../analysis-common.js'
import {groupThousands} from '../view.js'
import type {Chart} from './chart.js'
import {contextSentence, slug, subtitleLines, type ChartContext} from './context.js'
import {axisLabels} from './labels.js'
import {chartConfig, OTHER_COLOUR, PALETTE} from './theme.js'

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json'

/** At most this many curves per chart (the groups with the most positive spend). */
export const PARETO_MAX_CURVES = 8

const RULES = [
  {spend: 0.8, label: '80% of spend (class A)'},
  {spend: 0.95, label: '95% of spend (classes A and B)'},
]

/**
 * The Pareto charts of a result computed with `curve: true`, one per
 * currency with a supplier of positive total.
 * @example paretoCharts(pareto(frame, {curve: true}), ctx)[0].name // 'pareto-gbp'
 */
export function paretoCharts(result: ParetoResult, ctx: ChartContext): Chart[] {
  const blocks = new Map<string, ParetoGroup[]>()
  for (const g of result.groups) {
    if (!g.curve || g.curve.length < 2) continue
    const key = g.currency ?? ''
    let list = blocks.get(key)
    if (!list) blocks.set(key, (list = []))
    list.push(g)
  }
  return [...blocks.entries()].map(([currency, all]) => {
    const cur = currency || 'XXX'
    const by = result.by
    const ranked = [...all].sort((a, b) => (a.positive > b.positive ? -1 : a.positive < b.positive ? 1 : 0))
    const groups = ranked.slice(0, PARETO_MAX_CURVES)
    const names = groups.map((g) => (by && g.group ? shownLabel(by, g.group.id, g.group.label) : cur))
    const {labels, fullNames} = axisLabels(names, 160)
    const values = groups.flatMap((g, k) => g.curve!.map((p, i) => ({series: labels[k], suppliers: p.suppliers, spend: p.spend, order: i})))
    const title = `Pareto curve of suppliers${by ? ` by ${dimHeader(by)}` : ''}, ${cur}`
    const counts = groups.map((g) => `${groupThousands(String(positiveSuppliers(g)))} suppliers, ${groupThousands(String(g.suppliers80))} make 80%`)
    const notes = by
      ? `${groups.length < all.length ? `the ${groups.length} largest of ${all.length} ${dimHeader(by)} groups` : `${groups.length} ${dimHeader(by)} ${groups.length === 1 ? 'group' : 'groups'}`} · suppliers with a positive total`
      : `${counts[0]} · suppliers with a positive total`
    const x = {
      field: 'suppliers', type: 'quantitative', title: 'Share of suppliers, largest first',
      scale: {domain: [0, 1], nice: false}, axis: {format: '.0%', tickCount: 5},
    }
    const y = {
      field: 'spend', type: 'quantitative', title: `Cumulative share of spend (${cur})`,
      scale: {domain: [0, 1], nice: false}, axis: {format: '.0%', tickCount: 5},
    }
    const spec = {
      $schema: SCHEMA,
      config: chartConfig(),
      title: {text: title, subtitle: [...subtitleLines(ctx, cur), notes]},
      width: 420,
      height: 300,
      layer: [
        {
          data: {values: [{suppliers: 0, spend: 0}, {suppliers: 1, spend: 1}]},
          mark: {type: 'line', color: OTHER_COLOUR, strokeDash: [2, 3], strokeWidth: 1},
          encoding: {x, y},
        },
        {
          data: {values: RULES},
          mark: {type: 'rule', color: '#555555', strokeDash: [5, 4]},
          encoding: {y},
        },
        {
          data: {values: RULES},
          // Beside the plot, right of its edge: inside it a label crossed the diagonal (and could cross the curve).
          mark: {type: 'text', align: 'left', baseline: 'middle', dx: 6, x: 'width', fontSize: 10, color: '#444444'},
          encoding: {y, text: {field: 'label', type: 'nominal'}},
        },
        {
          data: {values},
          mark: {type: 'line', strokeWidth: 2, interpolate: 'linear'},
          encoding: {
            x,
            y,
            order: {field: 'order', type: 'quantitative'},
            color: {
              field: 'series', type: 'nominal', sort: labels,
              scale: {domain: labels, range: labels.map((_, k) => PALETTE[k % PALETTE.length])},
              // Below the plot: on its right the legend would sit over the rules' labels.
              ...(by ? {title: dimHeader(by), legend: {orient: 'bottom', direction: 'vertical', columns: 2}} : {legend: null}),
            },
          },
        },
      ],
    }
    return {
      name: slug('pareto', by, currency),
      title,
      description: `${title}: ${by ? groups.map((g, k) => `${names[k]}: ${counts[k]}`).join('; ') : counts[0]}; rules at 80% and 95% of spend; the dotted diagonal is an even spread. ${contextSentence(ctx, cur)}`,
      fullNames,
      spec,
    } satisfies Chart
  })
}

function positiveSuppliers(g: ParetoGroup): number {
  return g.classes.filter((c) => c.class !== 'none').reduce((a, c) => a + c.suppliers, 0)
}
