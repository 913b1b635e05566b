/**
 * A supplier or buyer profile: spend by year, one per currency.
 * (Not drawn yet: returns no chart.)
 */
import type {ProfileResult} from '../../../analysis/profile.js'
import type {Chart} from './chart.js'
import type {ChartContext} from './context.js'

export function profileCharts(result: ProfileResult, ctx: ChartContext): Chart[] {
  void result
  void ctx
  return []
}
