/**
 * Trend over time as lines, with the previous year beside it, one per currency.
 * (Not drawn yet: returns no chart.)
 */
import type {TrendResult} from '../../../analysis/trend.js'
import type {Chart} from './chart.js'
import type {ChartContext} from './context.js'

export function trendCharts(result: TrendResult, ctx: ChartContext): Chart[] {
  void result
  void ctx
  return []
}
