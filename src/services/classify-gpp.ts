import {gppShares, type GppBuyerRow} from '../analysis/gpp-shares.js'
import type {FrameColumn} from '../model/record.js'
import {classifyGppOutput, type ClassifyGppOutput} from '../io/write/classify-gpp-report.js'
import {type AnalysisFlagValues, type AnalysisInput, loadAnalysisInput} from './analysis-input.js'

/** The columns `spend classify gpp` reads (date too when it draws, for the chart's period). */
export const GPP_COLUMNS: readonly FrameColumn[] = ['buyer_id', 'buyer', 'currency', 'amount', 'classified_by', 'gpp_group']

/** What `spend classify gpp` works out: the input, the per-buyer table and its JSON. */
export interface ClassifyGppRun {
  input: AnalysisInput
  rows: GppBuyerRow[]
  out: ClassifyGppOutput
}

/**
 * Per buyer and currency, the spend in EU GPP product groups of the selected
 * rows (with the workspace's classification rules applied at load).
 * @example const {out} = await classifyGpp({workspace: 'ws'})
 */
export async function classifyGpp(flags: AnalysisFlagValues, opts: {chart?: boolean} = {}): Promise<ClassifyGppRun> {
  const input = await loadAnalysisInput(flags, opts.chart ? [...GPP_COLUMNS, 'date'] : GPP_COLUMNS)
  const rows = gppShares(input.frame, input.selection)
  return {input, rows, out: classifyGppOutput(rows, input.money)}
}

/**
 * Draw the per-buyer GPP bars to `file` (.svg, .png, .vl.json, .html).
 * @example await writeGppChart('gpp.svg', run)
 */
export async function writeGppChart(file: string, run: ClassifyGppRun): Promise<void> {
  const [{writeChartFile, chartContext}, {gppCharts}] = await Promise.all([import('./charts.js'), import('../io/write/charts/gpp-chart.js')])
  await writeChartFile(file, gppCharts(run.rows, chartContext(run.input)))
}
