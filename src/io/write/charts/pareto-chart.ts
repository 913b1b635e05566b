/**
 * The Pareto curve (cumulative share of spend by share of suppliers) with the 80% and 95% lines, one per currency.
 * (Not drawn yet: returns no chart.)
 */
import type {ParetoResult} from '../../../analysis/pareto.js'
import type {Chart} from './chart.js'
import type {ChartContext} from './context.js'

export function paretoCharts(result: ParetoResult, ctx: ChartContext): Chart[] {
  void result
  void ctx
  return []
}
