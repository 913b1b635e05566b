import {Args, Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {runOnEngine} from '../services/engine.js'
import {SpendInputError} from '../errors.js'
import {analysisFlags} from '../flags.js'
import {columnsFor} from '../analysis/columns.js'
import {top, TOP_SUBJECTS, topToJson, type TopResult, type TopSubject} from '../analysis/top.js'
import {cubeTable} from '../analysis/cube.js'
import type {DimOptions} from '../analysis/dims.js'
import {chartFlag, dimFlag, fiscalFlag, levelFlag, REDACTED_HELP, redactedAsSupplierFlag, SPLIT_DIMS, engineFlags} from '../analysis-flags.js'
import {unidentifiedMode} from '../analysis/unidentified.js'
import {loadAnalysisInput, type AnalysisInput} from '../services/analysis-input.js'
import {categoryLabelsFor} from '../io/cpv-labels.js'
import {topNote, topOutput, topViews, type TopOutput} from '../io/write/top-report.js'

export default class Top extends SpendCommand {
  static override summary = 'Rank suppliers, buyers or categories by total spend.'
  static override description = `Per currency (and per group with --by), largest first, ties by id; the rest are folded into one "Other" row so totals stay exact. ${REDACTED_HELP} --chart draws bars (the folded rest named in a subtitle); \`categories --by buyer --chart\` draws the category mix: stacked bars per buyer of the 10 largest categories and Other.`
  static override examples = [
    '<%= config.bin %> <%= command.id %> suppliers --top 20',
    '<%= config.bin %> <%= command.id %> suppliers --by buyer --top 5',
    '<%= config.bin %> <%= command.id %> categories --level division --from 2024 --json',
    '<%= config.bin %> <%= command.id %> categories --by buyer --chart mix.svg',
  ]
  static override args = {
    what: Args.string({description: 'What to rank.', options: Object.keys(TOP_SUBJECTS), required: true}),
  }
  static override flags = {
    by: dimFlag(SPLIT_DIMS, 'Rank within each group of this dimension.'),
    top: Flags.integer({description: 'How many per group and currency.', min: 1, default: 10, helpValue: 'N'}),
    level: levelFlag,
    'fiscal-year-start': fiscalFlag,
    ...analysisFlags,
    'redacted-as-supplier': redactedAsSupplierFlag,
    chart: chartFlag,
    ...engineFlags,
  }

  async run(): Promise<TopOutput> {
    const {args, flags} = await this.parse(Top)
    const what = args.what as TopSubject
    if (flags.by === TOP_SUBJECTS[what]) throw new SpendInputError('BAD_DIMENSION', `Cannot rank ${what} by ${flags.by}`, {where: '--by', exit: 2})
    if (flags.engine) {
      const r = await runOnEngine('top', what, flags)
      await this.emit(r.body as object, r.views, flags.format, () => topNote(r.body as TopOutput))
      return r.body as TopOutput
    }
    const dims = flags.by ? [flags.by, TOP_SUBJECTS[what]] : [TOP_SUBJECTS[what]]
    const input = await loadAnalysisInput(flags, flags.chart ? [...columnsFor(dims), 'date'] : columnsFor(dims))
    for (const line of input.notes) this.note(line)
    const categoryLabels = await categoryLabelsFor(input.frame, dims)
    const result = top(input.frame, {
      what, by: flags.by, top: flags.top, level: flags.level, fiscalYearStart: flags['fiscal-year-start'],
      selection: input.selection, categoryLabels, redactedAsSupplier: flags['redacted-as-supplier'],
    })
    const out = topOutput(topToJson(result), input.money, unidentifiedMode(flags))
    if (flags.chart) await this.chart(flags.chart, input, result, {level: flags.level, fiscalYearStart: flags['fiscal-year-start'], categoryLabels})
    await this.emit(out, (human) => topViews(out, result, human, input.money), flags.format, () => topNote(out))
    return out
  }

  /** Bars of the ranking; the ranking of categories per buyer is the category mix, drawn as stacked bars. */
  private async chart(file: string, input: AnalysisInput, result: TopResult, dimOpts: DimOptions): Promise<void> {
    const [{writeChartFile, chartContext}, {topCharts}, {categoryMixCharts}] = await Promise.all([
      import('../services/charts.js'), import('../io/write/charts/top-chart.js'), import('../io/write/charts/category-mix-chart.js'),
    ])
    const ctx = chartContext(input)
    const mix = result.what === 'categories' && result.by === 'buyer'
    const charts = mix ? categoryMixCharts(cubeTable(input.frame, {...dimOpts, by: ['buyer', 'category'], selection: input.selection}), ctx) : topCharts(result, ctx)
    await writeChartFile(file, charts)
  }
}
