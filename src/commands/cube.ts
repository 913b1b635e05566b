import {Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {runOnEngine} from '../services/engine.js'
import {analysisFlags} from '../flags.js'
import {columnsFor} from '../analysis/columns.js'
import {cubeTable} from '../analysis/cube.js'
import {byFlag, chartFlag, fiscalFlag, levelFlag, engineFlags} from '../analysis-flags.js'
import {SpendInputError} from '../errors.js'
import {analysisMsg} from '../messages.js'
import {loadAnalysisInput} from '../services/analysis-input.js'
import {categoryLabelsFor} from '../io/cpv-labels.js'
import {cubeOutput, cubeViews, type CubeOutput} from '../io/write/cube-report.js'

export default class Cube extends SpendCommand {
  static override summary = 'Total spend, counts and shares for any set of dimensions.'
  static override description = 'Dimensions: buyer, unit, supplier, category, expense_type, year, quarter, month, currency. Rows come per currency (currencies are never added), largest first; shares are of the parent group. Redacted and blank suppliers (many unknown payees) are one row, "(redacted or blank)" in tables (unidentified: true in --json), kept since a cube breaks down totals; --exclude-redacted drops their rows. --chart draws one dimension as bars and two as a heat map (at most 30 x 20 cells, the rest folded into Other).'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --by buyer,category',
    '<%= config.bin %> <%= command.id %> --by buyer,supplier --top 5 --rollup',
    '<%= config.bin %> <%= command.id %> --by category --level division --from 2024-Q1 --json',
    '<%= config.bin %> <%= command.id %> --by year,buyer --fx rates.csv --to EUR',
    '<%= config.bin %> <%= command.id %> --by buyer,category --chart cube.png',
  ]
  static override flags = {
    by: Flags.string({description: 'Dimensions, outermost first (comma-separated).', required: true, helpValue: 'DIM[,DIM...]'}),
    rollup: Flags.boolean({description: 'Add subtotal rows (like SQL GROUP BY ROLLUP).', default: false}),
    top: Flags.integer({description: 'Keep the N largest of the last dimension per group; fold the rest into "Other".', min: 1, helpValue: 'N'}),
    level: levelFlag,
    'fiscal-year-start': fiscalFlag,
    ...analysisFlags,
    chart: chartFlag,
    ...engineFlags,
  }

  async run(): Promise<CubeOutput> {
    const {flags} = await this.parse(Cube)
    if (flags.engine) {
      const r = await runOnEngine('cube', undefined, flags)
      await this.emit(r.body as object, r.views, flags.format)
      return r.body as CubeOutput
    }
    const by = byFlag(flags.by)
    const drawn = by.filter((d) => d !== 'currency')
    if (flags.chart && drawn.length > 2) {
      throw new SpendInputError('BAD_CHART_DIMS', analysisMsg.chartTooManyDims(drawn), {where: '--chart', hint: analysisMsg.chartTooManyDimsHint(), exit: 2})
    }
    const input = await loadAnalysisInput(flags, flags.chart ? [...columnsFor(by), 'date'] : columnsFor(by))
    for (const line of input.notes) this.note(line)
    const opts = {by, rollup: flags.rollup, top: flags.top, level: flags.level, fiscalYearStart: flags['fiscal-year-start']}
    const table = cubeTable(input.frame, {...opts, selection: input.selection, categoryLabels: await categoryLabelsFor(input.frame, by)})
    const params = {rollup: flags.rollup, top: flags.top ?? null, level: flags.level ?? null, fiscal_year_start: flags['fiscal-year-start'] ?? 1}
    const out = cubeOutput(table, params, input.money)
    if (flags.chart) {
      const [{writeChartFile, chartContext}, {cubeCharts}] = await Promise.all([import('../services/charts.js'), import('../io/write/charts/cube-chart.js')])
      await writeChartFile(flags.chart, cubeCharts(table, chartContext(input)))
    }
    await this.emit(out, (human) => cubeViews(out, table, human, input.money), flags.format)
    return out
  }
}
