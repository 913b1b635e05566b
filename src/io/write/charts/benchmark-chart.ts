/**
 * `spend benchmark` as dot plots: one small chart per compared measure, the
 * peers' values as dots, the buyer's value marked apart, with the peer median,
 * P25-P75 and the Tukey fences drawn, so a reader sees where the buyer stands.
 * (Stub: the dot plots are being built; the report's benchmark section and
 * `spend benchmark --chart` both call this.)
 */
import type {BenchmarkJson} from '../benchmark-report.js'
import type {Chart} from './chart.js'
import type {ChartContext} from './context.js'

/**
 * The dot plots of a benchmark result (none yet: stub).
 * @example benchmarkCharts(json, ctx).length // 0
 */
export function benchmarkCharts(json: BenchmarkJson, ctx: ChartContext): Chart[] {
  void json
  void ctx
  return []
}
