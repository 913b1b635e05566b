/**
 * A heat map of a two-dimension cube (at most the 30 x 20 largest cells, the rest folded into Other), one per currency.
 * (Not drawn yet: returns no chart.)
 */
import type {CubeTable} from '../../../analysis/cube-table.js'
import type {Chart} from './chart.js'
import type {ChartContext} from './context.js'

export function cubeCharts(table: CubeTable, ctx: ChartContext): Chart[] {
  void table
  void ctx
  return []
}
