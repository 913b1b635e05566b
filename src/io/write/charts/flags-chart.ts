/**
 * Charts of the flags' tests: Benford's observed proportions against the
 * expected ones per buyer, and the histogram of payments around a
 * threshold. (Stub: no chart yet.)
 */
import type {CheckTest} from '../../../analysis/flags/types.js'
import type {Chart} from './chart.js'
import type {ChartContext} from './context.js'

/**
 * The charts of a flags run's tests (one per test worth drawing, in test order).
 * @example flagsCharts(outcome.tests, chartContext(input)).length
 */
export function flagsCharts(tests: readonly CheckTest[], ctx: ChartContext): Chart[] {
  void tests
  void ctx
  return []
}
