import {Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {runOnEngine} from '../services/engine.js'
import {analysisFlags} from '../flags.js'
import {columnsFor} from '../analysis/columns.js'
import {pareto, paretoToJson} from '../analysis/pareto.js'
import {chartFlag, dimFlag, fiscalFlag, levelFlag, REDACTED_HELP, redactedAsSupplierFlag, SPLIT_DIMS, engineFlags} from '../analysis-flags.js'
import {unidentifiedMode} from '../analysis/unidentified.js'
import {loadAnalysisInput} from '../services/analysis-input.js'
import {categoryLabelsFor} from '../io/cpv-labels.js'
import {paretoNote, paretoOutput, paretoViews, type ParetoOutput} from '../io/write/pareto-report.js'

export default class Pareto extends SpendCommand {
  static override summary = 'Pareto (ABC) analysis of suppliers: who makes 80% of spend, and the tail.'
  static override description = `Suppliers ranked by total: class A up to 80% of positive spend, B to 95%, C the rest (the tail). Suppliers netting to zero or less are class "none". Per currency, and per group with --by. ${REDACTED_HELP}`
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --by buyer',
    '<%= config.bin %> <%= command.id %> --detail --format csv > suppliers.csv',
  ]
  static override flags = {
    by: dimFlag(SPLIT_DIMS.filter((d) => d !== 'supplier'), 'One analysis per group of this dimension.'),
    detail: Flags.boolean({description: 'Also list every supplier with its class and cumulative share.', default: false}),
    level: levelFlag,
    'fiscal-year-start': fiscalFlag,
    ...analysisFlags,
    'redacted-as-supplier': redactedAsSupplierFlag,
    chart: chartFlag,
    ...engineFlags,
  }

  async run(): Promise<ParetoOutput> {
    const {flags} = await this.parse(Pareto)
    if (flags.engine) {
      const r = await runOnEngine('pareto', undefined, flags)
      await this.emit(r.body as object, r.views, flags.format, () => paretoNote(r.body as ParetoOutput))
      return r.body as ParetoOutput
    }
    const dims = flags.by ? [flags.by, 'supplier' as const] : ['supplier' as const]
    const input = await loadAnalysisInput(flags, flags.chart ? [...columnsFor(dims), 'date'] : columnsFor(dims))
    for (const line of input.notes) this.note(line)
    const result = pareto(input.frame, {
      by: flags.by, detail: flags.detail, level: flags.level, fiscalYearStart: flags['fiscal-year-start'],
      selection: input.selection, categoryLabels: await categoryLabelsFor(input.frame, dims), redactedAsSupplier: flags['redacted-as-supplier'], curve: Boolean(flags.chart),
    })
    const out = paretoOutput(paretoToJson(result), input.money, unidentifiedMode(flags))
    if (flags.chart) {
      const [{writeChartFile, chartContext}, {paretoCharts}] = await Promise.all([import('../services/charts.js'), import('../io/write/charts/pareto-chart.js')])
      await writeChartFile(flags.chart, paretoCharts(result, chartContext(input)))
    }
    await this.emit(out, (human) => paretoViews(out, human, input.money), flags.format, () => paretoNote(out))
    return out
  }
}
