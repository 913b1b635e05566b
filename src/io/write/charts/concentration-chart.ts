/**
 * Concentration by category: HHI bars with the band thresholds drawn.
 * (Not drawn yet: returns no chart.)
 */
import type {ConcentrationResult} from '../../../analysis/concentration.js'
import type {Chart} from './chart.js'
import type {ChartContext} from './context.js'

export function concentrationCharts(result: ConcentrationResult, ctx: ChartContext): Chart[] {
  void result
  void ctx
  return []
}
