import {Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {runOnEngine} from '../services/engine.js'
import {analysisFlags} from '../flags.js'
import {columnsFor} from '../analysis/columns.js'
import type {DimName} from '../analysis/dims.js'
import {PERIOD_KINDS} from '../analysis/period.js'
import {trend, trendToJson} from '../analysis/trend.js'
import {chartFlag, dimFlag, fiscalFlag, levelFlag, SPLIT_DIMS, engineFlags} from '../analysis-flags.js'
import {loadAnalysisInput} from '../services/analysis-input.js'
import {categoryLabelsFor} from '../io/cpv-labels.js'
import {trendOutput, trendViews, type TrendOutput} from '../io/write/trend-report.js'

export default class Trend extends SpendCommand {
  static override summary = 'Spend per month, quarter or year, with change on the previous period and a year earlier.'
  static override description = 'Every series covers the same periods, first to last with data; periods without payments show as zero. Rows without a date are one "undated" line per series (period null, in the JSON\'s undated list), never a period and in no change; in a series with undated rows, a period without a dated payment gets no change figures, since that spend may belong to it. Fiscal years are labelled by both calendar years (2024-25).'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --every quarter',
    '<%= config.bin %> <%= command.id %> --every year --fiscal-year-start 4 --by buyer',
    '<%= config.bin %> <%= command.id %> --every month --supplier "ACME Ltd" --json',
  ]
  static override flags = {
    every: Flags.option({options: PERIOD_KINDS, description: 'Period length.', default: 'month'})(),
    by: dimFlag(SPLIT_DIMS.filter((d) => !(PERIOD_KINDS as readonly string[]).includes(d)), 'One series per group of this dimension.'),
    'fiscal-year-start': fiscalFlag,
    level: levelFlag,
    ...analysisFlags,
    chart: chartFlag,
    ...engineFlags,
  }

  async run(): Promise<TrendOutput> {
    const {flags} = await this.parse(Trend)
    if (flags.engine) {
      const r = await runOnEngine('trend', undefined, flags)
      await this.emit(r.body as object, r.views, flags.format)
      return r.body as TrendOutput
    }
    const dims: DimName[] = flags.by ? [flags.by, flags.every] : [flags.every]
    const input = await loadAnalysisInput(flags, flags.chart ? [...columnsFor(dims), 'date'] : columnsFor(dims))
    for (const line of input.notes) this.note(line)
    const result = trend(input.frame, {
      every: flags.every, by: flags.by, fiscalYearStart: flags['fiscal-year-start'], level: flags.level,
      selection: input.selection, categoryLabels: await categoryLabelsFor(input.frame, dims),
    })
    const out = trendOutput(trendToJson(result) as TrendOutput, input.money)
    if (flags.chart) {
      const [{writeChartFile, chartContext}, {trendCharts}] = await Promise.all([import('../services/charts.js'), import('../io/write/charts/trend-chart.js')])
      await writeChartFile(flags.chart, trendCharts(result, chartContext(input)))
    }
    await this.emit(out, (human) => trendViews(out, result, human, input.money), flags.format)
    return out
  }
}
