import {Args} from '@oclif/core'
import {SpendCommand} from '../../base-command.js'
import {analysisFlags} from '../../flags.js'
import {PROFILE_COLUMNS, PROFILE_DIMS} from '../../analysis/columns.js'
import {profile, profileToJson} from '../../analysis/profile.js'
import {chartFlag, fiscalFlag, levelFlag} from '../../analysis-flags.js'
import {loadAnalysisInput} from '../../services/analysis-input.js'
import {categoryLabelsFor} from '../../io/cpv-labels.js'
import {profileOutput, profileViews, type ProfileOutput} from '../../io/write/profile-report.js'

export default class ProfileBuyer extends SpendCommand {
  static override summary = 'One-page profile of a buyer: totals, years, suppliers, categories and rank.'
  static override description = `Give the buyer id, the name, or a unique part of it (case and spacing aside), the rule the --buyer filter follows too; several matches are listed, and a name matching nothing gets the nearest names. Shares of suppliers are of each supplier's income from all buyers. The buyer's rank is among buyers, per currency. Redacted and blank suppliers (many unknown payees) are one line, "(redacted or blank)", kept since the lines add up to the total; --exclude-redacted drops them.`
  static override examples = [
    '<%= config.bin %> <%= command.id %> "Oxford City Council"',
    '<%= config.bin %> <%= command.id %> GB-LAS-OXO --from 2024 --json',
    '<%= config.bin %> <%= command.id %> oxford --format md > oxford.md',
  ]
  static override args = {buyer: Args.string({description: 'Buyer id or name.', required: true})}
  static override flags = {
    level: levelFlag,
    'fiscal-year-start': fiscalFlag,
    ...analysisFlags,
    chart: chartFlag,
  }

  async run(): Promise<ProfileOutput> {
    const {args, flags} = await this.parse(ProfileBuyer)
    const input = await loadAnalysisInput(flags, PROFILE_COLUMNS)
    for (const line of input.notes) this.note(line)
    const result = profile(input.frame, {
      kind: 'buyer', query: args.buyer, level: flags.level, fiscalYearStart: flags['fiscal-year-start'],
      selection: input.selection, categoryLabels: await categoryLabelsFor(input.frame, PROFILE_DIMS),
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
