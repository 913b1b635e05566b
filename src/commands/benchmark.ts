import {Args, Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {analysisFlags} from '../flags.js'
import {fiscalFlag, levelFlag} from '../analysis-flags.js'
import {runBenchmark, type BenchmarkJson} from '../services/benchmark.js'
import {benchmarkViews} from '../io/write/benchmark-report.js'

export default class Benchmark extends SpendCommand {
  static override summary = 'Compare one buyer with its peers on measures fair to compare.'
  static override description = 'One currency (the buyer\'s; peers without spend in it are named and left out). The period is --from/--to, --year, or the latest 12 months the buyer and every peer cover (peers covering only part are named and left out); --any-period compares share measures each on its own buyer\'s period. Transaction and supplier measures use payments at or above the highest publication floor among the buyers (or --floor). Each measure: the peers\' median, P25, P75 (type 7), the buyer\'s mid-rank percentile, Tukey fences and a flag outside them; total spend is never flagged. Fewer than 3 peers: the comparison is weak and nothing is flagged.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> "Leeds City Council" --peers York,Hull,Bradford',
    '<%= config.bin %> <%= command.id %> leeds --auto 8 --weights size=1,mix=2 --json',
    '<%= config.bin %> <%= command.id %> leeds --peers york,hull --year 2024 --fiscal-year-start 4 --floor 500',
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
    'any-period': Flags.boolean({description: 'With no common period, compare share measures each on its own buyer\'s latest 12 months.', default: false}),
    floor: Flags.string({description: 'Compare transaction and supplier measures on payments of this amount or more (default: the highest detected floor).', helpValue: 'AMOUNT'}),
    'supplier-info': Flags.string({description: 'A CSV of suppliers (id or name) with an sme column (yes/no): the SME share uses it, before the data\'s supplier_scale.', helpValue: 'FILE'}),
    ...analysisFlags,
  }

  async run(): Promise<BenchmarkJson> {
    const {args, flags} = await this.parse(Benchmark)
    const {json, notes} = await runBenchmark(flags, {
      buyer: args.buyer, peers: flags.peers, auto: flags.auto, weights: flags.weights, level: flags.level, year: flags.year,
      fiscalYearStart: flags['fiscal-year-start'], anyPeriod: flags['any-period'], floor: flags.floor,
      supplierInfo: flags['supplier-info'],
    })
    for (const line of notes) this.note(line)
    await this.emit(json, (human) => benchmarkViews(json, human), flags.format)
    return json
  }
}
