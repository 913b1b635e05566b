/**
 * `--chart FILE` for the analysis commands: the chart context from the
 * analysis input (filters as typed, the period of the rows drawn), and the
 * file written atomically in the format its extension names.
 */
import {SpendInputError} from '../errors.js'
import {filterFields, filterText, moneyNote} from '../io/write/analysis-common.js'
import type {Chart} from '../io/write/charts/chart.js'
import {chartFormatOf} from '../io/write/charts/chart.js'
import type {ChartContext} from '../io/write/charts/context.js'
import {writeFileAtomic} from '../io/workspace/fsutil.js'
import {selectionSpan, type AnalysisInput} from './analysis-input.js'

export {selectionSpan}

/**
 * Where the charted numbers come from: the filters and the first and last
 * date of the selected rows (the frame must hold the `date` column).
 */
export function chartContext(input: AnalysisInput): ChartContext {
  return {filters: filterText(filterFields(input.filters)), period: selectionSpan(input.frame, input.selection), money: moneyNote(input.money)}
}

/**
 * Draw `charts` into `file` (several are stacked in one file, each with its
 * own axes). Nothing to draw is an error, so a script never mistakes an
 * empty file for a chart.
 */
export async function writeChartFile(file: string, charts: Chart[]): Promise<void> {
  const format = chartFormatOf(file)
  if (!format) throw new SpendInputError('BAD_CHART_FILE', `cannot tell the chart format of "${file}"`, {where: '--chart', exit: 2})
  if (charts.length === 0) throw new SpendInputError('NOTHING_TO_DRAW', 'no rows to draw, so no chart was written', {where: '--chart', hint: 'widen the filters'})
  const {chartBytes, combineCharts} = await import('../io/write/charts/render.js')
  await writeFileAtomic(file, await chartBytes(combineCharts(charts), format))
}
