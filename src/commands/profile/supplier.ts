import {Args} from '@oclif/core'
import {SpendCommand} from '../../base-command.js'
import {analysisFlags} from '../../flags.js'
import {PROFILE_COLUMNS, PROFILE_DIMS} from '../../analysis/columns.js'
import {profile, profileToJson} from '../../analysis/profile.js'
import {chartFlag, fiscalFlag, levelFlag, redactedAsSupplierFlag} from '../../analysis-flags.js'
import {loadAnalysisInput} from '../../services/analysis-input.js'
import {categoryLabelsFor} from '../../io/cpv-labels.js'
import {profileOutput, profileViews, type ProfileOutput} from '../../io/write/profile-report.js'

export default class ProfileSupplier extends SpendCommand {
  static override summary = 'One-page profile of a supplier: totals, years, buyers, categories and rank.'
  static override description = `Give the supplier key or id, the name, or a unique part of it (case and spacing aside), the rule the --supplier filter follows too; several matches are listed, and a name matching nothing gets the nearest names. Shares of buyers are of each buyer's own spend. The rank is among suppliers, per currency. Redacted and blank suppliers are many unknown payees, not one supplier: they are not ranked nor counted among the suppliers (profiling "Redacted" shows their spend, unranked); --redacted-as-supplier ranks them as one supplier; --exclude-redacted drops their rows from everything.`
  static override examples = [
    '<%= config.bin %> <%= command.id %> "ACME Ltd"',
    '<%= config.bin %> <%= command.id %> GB-COH-01234567 --from 2024 --json',
    '<%= config.bin %> <%= command.id %> acme --format md > acme.md',
  ]
  static override args = {supplier: Args.string({description: 'Supplier id or name.', required: true})}
  static override flags = {
    level: levelFlag,
    'fiscal-year-start': fiscalFlag,
    ...analysisFlags,
    'redacted-as-supplier': redactedAsSupplierFlag,
    chart: chartFlag,
  }

  async run(): Promise<ProfileOutput> {
    const {args, flags} = await this.parse(ProfileSupplier)
    const input = await loadAnalysisInput(flags, PROFILE_COLUMNS)
    for (const line of input.notes) this.note(line)
    const result = profile(input.frame, {
      kind: 'supplier', query: args.supplier, level: flags.level, fiscalYearStart: flags['fiscal-year-start'],
      selection: input.selection, categoryLabels: await categoryLabelsFor(input.frame, PROFILE_DIMS),
      redactedAsSupplier: flags['redacted-as-supplier'],
    })
    const out = profileOutput(profileToJson(result), result, input.money)
    if (flags.chart) {
      const [{writeChartFile, chartContext}, {profileCharts}] = await Promise.all([import('../../services/charts.js'), import('../../io/write/charts/profile-chart.js')])
      await writeChartFile(flags.chart, profileCharts(result, chartContext(input)))
    }
    await this.emit(out, (human) => profileViews(out, result, human, input.money), flags.format)
    return out
  }
}
