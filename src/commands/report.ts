import {Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {formatFlag, workspaceFlag} from '../flags.js'
import {resolveWorkspace} from '../io/workspace/index.js'
import {benchmarkFlag, filesView, readReportConfig, reportJson, type ReportJson} from '../services/report/run.js'

export default class Report extends SpendCommand {
  static override summary = 'Write a report folder: index.html, report.md, tables, charts and a manifest.'
  static override description = 'With no --config, the default report of the workspace: overview, data quality, top suppliers and buyers, category mix, concentration, Pareto and trend; --benchmark BUYER adds a benchmark section (as `benchmark:` in a config does). A config (YAML: see the Reports section of the README) chooses the title, period, filters and sections. The same workspace, config and version give the same bytes; manifest.json lists the imports used and every file with its SHA-256. Prints the path of index.html.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --out report',
    '<%= config.bin %> <%= command.id %> --config report.yml --out report --as-of 2025-01-31',
    '<%= config.bin %> <%= command.id %> --out report --benchmark "Leeds City Council" --benchmark-auto 8',
  ]
  static override flags = {
    config: Flags.string({description: 'Report configuration (YAML).', helpValue: 'FILE'}),
    out: Flags.string({description: 'Folder to write (a previous report there is replaced).', required: true, helpValue: 'DIR'}),
    'as-of': Flags.string({description: 'The day relative periods (last-quarter...) count back from.', helpValue: 'YYYY-MM-DD'}),
    stamp: Flags.boolean({description: 'Record the generation time in manifest.json (SOURCE_DATE_EPOCH when set).', default: false}),
    format: {...formatFlag, description: 'Also list the files written (path, bytes, sha256) in this format; without it stdout is only the path of index.html.'},
    benchmark: Flags.string({description: 'Add a benchmark section for this buyer (id or name; not a filter: --buyer-style filters go in the config).', helpValue: 'BUYER'}),
    'benchmark-auto': Flags.integer({description: 'The benchmark\'s peers: the N nearest buyers by size and category mix (default 8).', helpValue: 'N', min: 1}),
    'benchmark-peers': Flags.string({description: 'The benchmark\'s peers, named: ids or names, comma-separated.', helpValue: 'A,B,C'}),
    workspace: workspaceFlag,
  }

  async run(): Promise<ReportJson> {
    const {flags} = await this.parse(Report)
    const {buildReport, recordedArgv} = await import('../services/report/build.js')
    const config = flags.config ? await readReportConfig(flags.config) : null
    const benchmark = benchmarkFlag(flags.benchmark, flags['benchmark-peers'], flags['benchmark-auto'])
    const progress = process.stderr.isTTY && !process.env.CI
    const result = await buildReport({
      workspace: resolveWorkspace(flags.workspace), ...config, benchmark, asOf: flags['as-of'], stamp: flags.stamp,
      command: recordedArgv(this.argv, process.cwd(), flags.out), outShown: flags.out,
      onSection: progress ? (title) => this.note(`spend: ${title}`) : undefined,
    }, flags.out)
    for (const line of result.notes) this.note(line)
    const json = reportJson(result)
    if (flags.format) await this.emit(json, [filesView(json.files)], flags.format)
    else if (!this.jsonEnabled()) this.log(result.index)
    return json
  }
}
