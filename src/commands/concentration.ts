import {Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {runOnEngine} from '../services/engine.js'
import {analysisFlags} from '../flags.js'
import {columnsFor} from '../analysis/columns.js'
import {concentration, concentrationToJson} from '../analysis/concentration.js'
import {chartFlag, dimFlag, levelFlag, REDACTED_HELP, redactedAsSupplierFlag, engineFlags} from '../analysis-flags.js'
import {unidentifiedMode} from '../analysis/unidentified.js'
import {loadAnalysisInput} from '../services/analysis-input.js'
import {categoryLabelsFor} from '../io/cpv-labels.js'
import {concentrationNote, concentrationOutput, concentrationViews, type ConcentrationOutput} from '../io/write/concentration-report.js'

export default class Concentration extends SpendCommand {
  static override summary = 'Supplier concentration per category or buyer: CR1/CR3/CR5, HHI and its band.'
  static override description = `HHI is on the 0-10,000 scale; the effective number of suppliers is 10,000/HHI. Bands follow the US DOJ/FTC merger guidelines: 2010 (unconcentrated below 1,500, highly concentrated above 2,500) or 2023 (1,000 / 1,800). Shares use suppliers with a positive total. ${REDACTED_HELP}`
  static override examples = [
    '<%= config.bin %> <%= command.id %> --by category',
    '<%= config.bin %> <%= command.id %> --by category --level division --bands 2023',
    '<%= config.bin %> <%= command.id %> --by buyer --json',
  ]
  static override flags = {
    by: dimFlag(['category', 'buyer', 'gpp_group'] as const, 'The markets: one per category (default), per buyer or per GPP group.'),
    bands: Flags.option({options: ['2010', '2023'] as const, description: 'DOJ/FTC HHI bands.', default: '2010'})(),
    level: levelFlag,
    ...analysisFlags,
    'redacted-as-supplier': redactedAsSupplierFlag,
    chart: chartFlag,
    ...engineFlags,
  }

  async run(): Promise<ConcentrationOutput> {
    const {flags} = await this.parse(Concentration)
    if (flags.engine) {
      const r = await runOnEngine('concentration', undefined, flags)
      await this.emit(r.body as object, r.views, flags.format, () => concentrationNote(r.body as ConcentrationOutput))
      return r.body as ConcentrationOutput
    }
    const by = flags.by ?? 'category'
    const input = await loadAnalysisInput(flags, flags.chart ? [...columnsFor([by, 'supplier']), 'date'] : columnsFor([by, 'supplier']))
    for (const line of input.notes) this.note(line)
    const result = concentration(input.frame, {
      by, bands: flags.bands, level: flags.level, selection: input.selection,
      categoryLabels: await categoryLabelsFor(input.frame, [by]), redactedAsSupplier: flags['redacted-as-supplier'],
    })
    const out = concentrationOutput(concentrationToJson(result), input.money, unidentifiedMode(flags))
    if (flags.chart) {
      const [{writeChartFile, chartContext}, {concentrationCharts}] = await Promise.all([import('../services/charts.js'), import('../io/write/charts/concentration-chart.js')])
      await writeChartFile(flags.chart, concentrationCharts(result, chartContext(input)))
    }
    await this.emit(out, (human) => concentrationViews(out, human, input.money), flags.format, () => concentrationNote(out))
    return out
  }
}
