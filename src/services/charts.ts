/**
 * `--chart FILE` for the analysis commands: the chart context from the
 * analysis input (filters as typed, the period of the rows drawn), and the
 * file written atomically in the format its extension names.
 */
import {SpendInputError} from '../errors.js'
import type {SpendFrame} from '../model/frame.js'
import type {Rows} from '../analysis/kernel.js'
import {filterFields, filterText, moneyNote} from '../io/write/analysis-common.js'
import type {Chart} from '../io/write/charts/chart.js'
import {chartFormatOf} from '../io/write/charts/chart.js'
import type {ChartContext} from '../io/write/charts/context.js'
import {writeFileAtomic} from '../io/workspace/fsutil.js'
import type {AnalysisInput} from './analysis-input.js'

/**
 * Where the charted numbers come from: the filters and the first and last
 * date of the selected rows (the frame must hold the `date` column).
 */
export function chartContext(input: AnalysisInput): ChartContext {
  return {filters: filterText(filterFields(input.filters)), period: selectionSpan(input.frame, input.selection), money: moneyNote(input.money)}
}

/** First and last date among the selected rows (null: all rows), or null when none is dated. */
export function selectionSpan(frame: SpendFrame, selection: Rows): [string, string] | null {
  const col = frame.columns.date
  if (!col || col.type !== 'dict') return null
  // Slot 0 is "no date" (code -1), slot c + 1 the date of code c.
  const used = new Uint8Array(col.dict.length + 1)
  if (selection === null) for (let i = 0; i < frame.length; i++) used[col.codes[i] + 1] = 1
  else for (let k = 0; k < selection.length; k++) used[col.codes[selection[k]] + 1] = 1
  let lo: string | null = null
  let hi: string | null = null
  col.dict.forEach((d, c) => {
    if (!used[c + 1]) return
    if (lo === null || d < lo) lo = d
    if (hi === null || d > hi) hi = d
  })
  return lo === null || hi === null ? null : [lo, hi]
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
