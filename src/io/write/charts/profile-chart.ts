/**
 * A supplier or buyer profile: spend by (fiscal) year as columns on a money
 * axis from zero, one chart per currency. Years are ordinal labels
 * (`2024`, `2024-25`), never dates. Undated spend is stated in the subtitle.
 */
import type {ProfileResult} from '../../../analysis/profile.js'
import {drawnAmount, moneyText, SCHEMA} from './bars.js'
import type {Chart} from './chart.js'
import {contextSentence, slug, subtitleLines, type ChartContext} from './context.js'
import {cutToWidth} from './font.js'
import {chartConfig, PALETTE} from './theme.js'

/**
 * The spend-by-year charts of a profile.
 * @example profileCharts(profile(frame, {kind: 'supplier', query: 'acme'}), ctx)[0].name // 'profile-supplier-acme-gbp'
 */
export function profileCharts(result: ProfileResult, ctx: ChartContext): Chart[] {
  const currencies: (string | null)[] = []
  for (const y of result.years) if (!currencies.includes(y.currency)) currencies.push(y.currency)
  const name = cutToWidth(result.name, 300, 14)
  return currencies.map((currency) => {
    const cur = currency ?? 'unknown currency'
    const years = result.years.filter((y) => y.currency === currency)
    const dated = years.filter((y) => y.year !== null)
    const undated = years.find((y) => y.year === null)
    const extra = undated ? [`undated, not drawn: ${moneyText(undated.amount, currency)} (${undated.count} ${undated.count === 1 ? 'row' : 'rows'})`] : []
    const title = `${name}: spend by year`
    const labels = dated.map((y) => y.year!)
    return {
      name: slug('profile', result.kind, result.id, currency),
      title: `${result.name}: spend by year`,
      description: `Column chart of ${result.kind} ${result.name}'s spend in ${cur} per year, ${labels.length ? `${labels[0]} to ${labels[labels.length - 1]}` : 'no dated rows'}${extra.length ? ` (${extra[0]})` : ''}. ${contextSentence(ctx, cur)}`,
      fullNames: name === result.name ? {} : {[name]: result.name},
      spec: {
        $schema: SCHEMA,
        config: chartConfig(),
        title: {text: title, subtitle: [`${result.kind} ${result.id}`, ...subtitleLines(ctx, cur), ...extra]},
        width: {step: 80},
        height: 220,
        data: {values: dated.map((y) => ({year: y.year, amount: drawnAmount(y.amount, currency)}))},
        layer: [
          {mark: {type: 'bar', color: PALETTE[0]}},
          {
            mark: {type: 'text', baseline: 'bottom', dy: -3, fontSize: 10, color: '#222222'},
            encoding: {text: {field: 'amount', type: 'quantitative', format: ',.0f'}},
          },
        ],
        encoding: {
          x: {field: 'year', type: 'ordinal', sort: labels, title: 'Year', axis: {labelAngle: 0}},
          y: {field: 'amount', type: 'quantitative', title: `Amount (${cur})`, scale: {zero: true, nice: true}, axis: {format: ',.0f', tickCount: 5}},
        },
      },
    }
  })
}
