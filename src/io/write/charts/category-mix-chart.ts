/**
 * Category mix: stacked bars per buyer of a buyer x category cube (the 10 largest categories and Other), one per currency.
 * (Not drawn yet: returns no chart.)
 */
import type {CubeTable} from '../../../analysis/cube-table.js'
import type {Chart} from './chart.js'
import type {ChartContext} from './context.js'

export function categoryMixCharts(table: CubeTable, ctx: ChartContext): Chart[] {
  void table
  void ctx
  return []
}
