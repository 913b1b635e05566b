import {Args, Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {analysisFlags} from '../flags.js'
import {chartFlag, fiscalFlag, levelFlag} from '../analysis-flags.js'
import type {AnalysisFlagValues} from '../services/analysis-input.js'
import {runBenchmark, type BenchmarkJson} from '../services/benchmark.js'
import {benchmarkMachineNote, benchmarkViews} from '../io/write/benchmark-report.js'

export default class Benchmark extends SpendCommand {
  static override summary = 'Compare one buyer with its peers on measures fair to compare.'
  static override description = 'One currency (the buyer\'s; peers without spend in it are named and left out). The period is --from/--to, --year, or the latest 12 months the buyer and every peer cover (peers covering only part are named and left out); --any-period compares share measures each on its own buyer\'s period. Transaction and supplier measures use payments at or above the highest publication floor among the buyers (or --floor). Each measure: the peers\' median, P25, P75 (type 7), the buyer\'s mid-rank percentile, Tukey fences and a flag outside them; total spend is never flagged (with --size FILE --per COLUMN, total spend per unit is, its sizes divided out). --auto N picks the nearest buyers on features over the comparison period (without one, the buyer\'s latest 12 months); --peer-group FILE compares within the buyer\'s group. Fewer than 3 peers: the comparison is weak and nothing is flagged.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> "Leeds City Council" --peers York,Hull,Bradford',
    '<%= config.bin %> <%= command.id %> leeds --auto 8 --weights size=1,mix=2 --json',
    '<%= config.bin %> <%= command.id %> leeds --peers york,hull --year 2024 --fiscal-year-start 4 --floor 500',
    '<%= config.bin %> <%= command.id %> leeds --peers york,hull,bradford --shared-suppliers --shared-top 50 --format csv',
    '<%= config.bin %> <%= command.id %> leeds --peer-group groups.csv --auto 5 --size sizes.csv --per population',
  ]
  static override args = {
    buyer: Args.string({description: 'The buyer: id, name or a unique part of it.', required: true}),
  }
  static override flags = {
    peers: Flags.string({description: 'The peers: ids or names, comma-separated (the same name matching as --buyer).', helpValue: 'A,B,C'}),
    auto: Flags.integer({description: 'Choose the N nearest buyers by size and category mix (z-scores, Euclidean distance).', helpValue: 'N'}),
    weights: Flags.string({description: 'Feature weights for --auto, e.g. size=1,mix=1.', helpValue: 'GROUP=W,...'}),
    level: levelFlag,
    year: Flags.integer({description: 'Compare this (fiscal) year, numbered by the calendar year it starts in.', helpValue: 'YEAR'}),
    'fiscal-year-start': fiscalFlag,
    'all-categories': Flags.boolean({description: 'Compare every category on its own (default: the categories making up 95% of the group\'s spend, at most 20, and the buyer\'s 5 largest; the rest as one share).', default: false}),
    'any-period': Flags.boolean({description: 'With no common period, compare share measures each on its own buyer\'s latest 12 months.', default: false}),
    size: Flags.string({description: 'Size file (CSV: buyer id or name, year, then named columns such as population): the size feature of --auto, and with --per money per unit.', helpValue: 'FILE'}),
    'size-column': Flags.string({description: 'The --size column --auto uses as its size feature (needed when the file has several and --per is not given).', helpValue: 'NAME'}),
    per: Flags.string({description: 'Also show total spend per unit of this --size column (e.g. population): exact, rounded half to even, compared and flagged.', helpValue: 'NAME'}),
    'peer-group': Flags.string({description: 'Peer-group file (CSV: buyer id or name, group): the peers are the buyer\'s group; with --auto N the N nearest in it.', helpValue: 'FILE'}),
    floor: Flags.string({description: 'Compare transaction and supplier measures on payments of this amount or more (default: the highest detected floor).', helpValue: 'AMOUNT'}),
    'shared-top': Flags.integer({description: 'Show the buyer\'s N largest suppliers shared with a peer (the rest are counted).', min: 0, default: 20, helpValue: 'N'}),
    'shared-suppliers': Flags.boolean({description: 'Write the shared-suppliers table instead of the measures (CSV and TSV write one table).', default: false}),
    'supplier-info': Flags.string({description: 'A CSV of suppliers (id or name) with an sme column (yes/no): the SME share uses it, before the data\'s supplier_scale.', helpValue: 'FILE'}),
    ...analysisFlags,
    chart: chartFlag,
  }

  async run(): Promise<BenchmarkJson> {
    const {args, flags} = await this.parse(Benchmark)
    const {json, notes} = await runBenchmark(flags, {
      buyer: args.buyer, peers: flags.peers, auto: flags.auto, weights: flags.weights, level: flags.level, year: flags.year,
      fiscalYearStart: flags['fiscal-year-start'], anyPeriod: flags['any-period'], floor: flags.floor,
      sharedTop: flags['shared-top'], allCategories: flags['all-categories'],
      size: flags.size, sizeColumn: flags['size-column'], per: flags.per, peerGroup: flags['peer-group'],
      supplierInfo: flags['supplier-info'],
    })
    for (const line of notes) this.note(line)
    if (flags.chart) await this.chart(flags.chart, json, flags)
    const shared = flags['shared-suppliers']
    await this.emit(json, (human) => benchmarkViews(json, human, {shared}), flags.format, () => benchmarkMachineNote(json, shared))
    return json
  }

  /** The dot plots of the comparison, one measure per panel, with the filters and conversions as typed. */
  private async chart(file: string, json: BenchmarkJson, flags: AnalysisFlagValues): Promise<void> {
    const [{writeChartFile}, {benchmarkCharts}, {filterFields, filterText, moneyNote}, {splitTo}] = await Promise.all([
      import('../services/charts.js'), import('../io/write/charts/benchmark-chart.js'), import('../io/write/analysis-common.js'), import('../services/analysis-input.js'),
    ])
    const filters = filterText(filterFields({buyer: flags.buyer, supplier: flags.supplier, category: flags.category, excludeRedacted: flags['exclude-redacted']}))
    const to = splitTo(flags.to).currency
    const money = moneyNote({fx: flags.fx && to ? {to, from: [], rates: flags.fx} : undefined, deflate: flags.deflate && flags.base ? {base: flags.base, index: flags.deflate} : undefined})
    await writeChartFile(file, benchmarkCharts(json, {filters, period: [json.period.from, json.period.to], money}))
  }
}
