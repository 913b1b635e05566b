/**
 * `spend top` as bars: one chart per currency (and per group with --by), the
 * largest first, the folded "Other" row last in grey, amounts on a money axis
 * from zero labelled with the currency.
 */
import {TOP_SUBJECTS, type TopResult} from '../../../analysis/top.js'
import {formatMinor} from '../../../model/money.js'
import {dimHeader, shownLabel} from '../analysis-common.js'
import type {Chart} from './chart.js'
import {contextSentence, slug, subtitleLines, type ChartContext} from './context.js'
import {axisLabels} from './labels.js'
import {chartConfig, OTHER_COLOUR, PALETTE} from './theme.js'

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json'

/**
 * The bar charts of a ranking.
 * @example topCharts(result, {filters: null, period: ['2024-01-01', '2024-12-31']})[0].name // 'top-suppliers-gbp'
 */
export function topCharts(result: TopResult, ctx: ChartContext): Chart[] {
  const subject = TOP_SUBJECTS[result.what]
  const blocks = new Map<string, TopResult['rows']>()
  for (const row of result.rows) {
    const group = result.by && row.group ? shownLabel(result.by, row.group.id, row.group.label) : ''
    const key = `${row.currency ?? ''}\u0000${group}`
    let list = blocks.get(key)
    if (!list) blocks.set(key, (list = []))
    list.push(row)
  }
  return [...blocks.entries()].map(([key, rows]) => {
    const [currency, group] = key.split('\u0000')
    const names = rows.map((r) => (r.other !== null ? (r.label ?? 'Other') : shownLabel(subject, r.id, r.label)))
    const {labels, fullNames} = axisLabels(names)
    const values = rows.map((r, i) => ({
      name: labels[i],
      // Drawn, never summed: a float in major units is exact enough for a bar.
      amount: Number(formatMinor(r.amount, r.currency ?? 'XXX')),
      share: r.share,
      other: r.other !== null,
      order: i,
    }))
    const title = `Top ${result.top} ${result.what}${group ? ` in ${group}` : ''}`
    const cur = currency || 'unknown currency'
    return {
      name: slug('top', result.what, group, currency),
      title,
      description: `Bar chart of the ${rows.length} largest ${result.what}${group ? ` of ${dimHeader(result.by!)} ${group}` : ''} by spend in ${cur}. ${contextSentence(ctx, cur)}`,
      fullNames,
      spec: {
        $schema: SCHEMA,
        config: chartConfig(),
        title: {text: title, subtitle: subtitleLines(ctx, cur)},
        width: 420,
        height: {step: 22},
        data: {values},
        layer: [
          {
            mark: {type: 'bar'},
            encoding: {
              color: {field: 'other', type: 'nominal', scale: {domain: [false, true], range: [PALETTE[0], OTHER_COLOUR]}, legend: null},
            },
          },
          {
            mark: {type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#222222'},
            encoding: {text: {field: 'amount', type: 'quantitative', format: ',.0f'}},
          },
        ],
        encoding: {
          y: {field: 'name', type: 'nominal', sort: {field: 'order', op: 'min', order: 'ascending'}, title: null, axis: {labelLimit: 0}},
          x: {field: 'amount', type: 'quantitative', title: `Amount (${cur})`, scale: {zero: true, nice: true}, axis: {format: ',.0f', tickCount: 5}},
        },
      },
    }
  })
}
