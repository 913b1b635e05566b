import {Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {analysisFlags} from '../flags.js'
import {flagsMsg} from '../messages.js'
import {chartFlag, fiscalFlag} from '../analysis-flags.js'
import {CHECK_NAMES} from '../analysis/flags/types.js'
import {rowTotals} from '../analysis/rows.js'
import {flagRows, flagsCommand, flagsExitCode} from '../services/flags.js'
import {flagsViews, verdictLine, type FlagsOutput} from '../io/write/flags-report.js'
import {defaultFormat, stdoutContext} from '../io/write/render.js'
import {humanFields, rowFields, rowsHead, rowsTableViews} from '../io/write/rows-report.js'

export default class FlagsCommand extends SpendCommand {
  static override summary = 'Integrity flags: audit and procurement-integrity tests with the source lines behind each flag.'
  static override description = `Runs ${CHECK_NAMES.join(', ')} (all by default) on the workspace with the analyses' filters. A flag is a reason to look, never a verdict. Every parameter and threshold used is echoed (table footer, --json parameters). Exit 0 when the checks ran, flags or not; --fail-on-flags exits 1 when any flag is raised. --flag ID shows one flag with every source line.`
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --check duplicates,splitting --config flags.yml',
    '<%= config.bin %> <%= command.id %> --min-amount 1000 --fail-on-flags --json',
    '<%= config.bin %> <%= command.id %> --flag dup-1a2b3c4d',
  ]
  static override flags = {
    check: Flags.string({description: `Only these checks (comma-separated or repeated): ${CHECK_NAMES.join(', ')}.`, multiple: true, helpValue: 'NAME[,NAME]'}),
    config: Flags.string({description: 'Thresholds, check parameters and the allow-list (YAML; see the README).', helpValue: 'FILE'}),
    'min-amount': Flags.string({description: 'Drop flags whose amount involved is under N (major units of each flag\'s currency).', helpValue: 'N'}),
    'fail-on-flags': Flags.boolean({description: 'Exit 1 when any flag is raised (for CI); without it flags are findings and the exit is 0.', default: false}),
    flag: Flags.string({description: 'Show only the flag with this id, with every source line behind it.', helpValue: 'ID'}),
    'fiscal-year-start': fiscalFlag,
    ...analysisFlags,
    chart: chartFlag,
  }

  async run(): Promise<FlagsOutput> {
    const {flags} = await this.parse(FlagsCommand)
    const req = {check: flags.check, config: flags.config, minAmount: flags['min-amount'], fiscalYearStart: flags['fiscal-year-start'], flag: flags.flag}
    const {input, run, out} = await flagsCommand(flags, req)
    for (const line of input.notes) this.note(line)
    if (flags.chart) {
      const [{writeChartFile, chartContext}, {flagsCharts}] = await Promise.all([import('../services/charts.js'), import('../io/write/charts/flags-chart.js')])
      await writeChartFile(flags.chart, flagsCharts(run.tests, chartContext(input)))
    }
    const format = this.jsonEnabled() ? 'json' : (flags.format ?? defaultFormat(stdoutContext()))
    const views = (human: boolean) => {
      const shown = flagsViews(out, human)
      if (!flags.flag || format !== 'table') return shown
      // One flag in a table: its rows in full, as spend rows lists them.
      const rows = flagRows(run, input.frame, flags.flag)
      const head = rowsHead({sort: 'file', top: null, count: rows.length, totals: rowTotals(input.frame, rows), raw: null, money: input.money})
      return [...shown, ...rowsTableViews(head, humanFields(rowFields(input.frame, null), stdoutContext().width), rows, input.money)]
    }
    await this.emit(out, views, flags.format, () => verdictLine(out))
    if (flagsExitCode(out, flags['fail-on-flags']) === 1) {
      this.note(flagsMsg.failOnFlags(out.flags.length))
      process.exitCode = 1
    }
    return out
  }
}
