import {Args, Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {analysisFlags} from '../flags.js'
import {fiscalFlag, levelFlag} from '../analysis-flags.js'
import {runPeers} from '../services/peers.js'
import {peersOutput, peersViews, type PeersOutput} from '../io/write/peers-report.js'

export default class Peers extends SpendCommand {
  static override summary = 'The buyers most like a buyer, by size and category mix, each explained.'
  static override description = 'The method of the published peer models: each feature (size: total spend, or a --size column such as population; category mix: the share of spend per category at --level) is a z-score over the candidate buyers (every buyer with spend in the buyer\'s currency), weighted (--weights size=1,mix=1; the mix weight is spread evenly over the categories), and the distance is Euclidean. Each peer lists the features that bring it closest and push it furthest; the features used and their weights are echoed. The buyer is found by id, exact name or a unique part of a name.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> "Leeds City Council" --auto 10',
    '<%= config.bin %> <%= command.id %> leeds --auto 5 --weights size=2,mix=1 --level division --json',
    '<%= config.bin %> <%= command.id %> leeds --auto 5 --size sizes.csv --size-column population --year 2024',
  ]
  static override args = {buyer: Args.string({description: 'Buyer id or name.', required: true})}
  static override flags = {
    auto: Flags.integer({description: 'How many nearest peers to list.', min: 1, required: true, helpValue: 'N'}),
    weights: Flags.string({description: 'Weight per feature group, e.g. size=1,mix=1 (groups not named weigh 1).', helpValue: 'GROUP=W,...'}),
    level: levelFlag,
    size: Flags.string({description: 'Size file (CSV: buyer id or name, year, then named columns such as population) used as the size feature.', helpValue: 'FILE'}),
    'size-column': Flags.string({description: 'The --size column to use (needed when the file has several).', helpValue: 'NAME'}),
    'peer-group': Flags.string({description: 'Peer-group file (CSV: buyer id or name, group): candidates are only the buyers in the buyer\'s group.', helpValue: 'FILE'}),
    year: Flags.string({description: 'Only this year (2024; with --fiscal-year-start, the fiscal year 2024 or 2024-25); also the --size year.', helpValue: 'YEAR'}),
    'fiscal-year-start': fiscalFlag,
    ...analysisFlags,
  }

  async run(): Promise<PeersOutput> {
    const {args, flags} = await this.parse(Peers)
    const run = await runPeers({
      buyer: args.buyer, auto: flags.auto, weights: flags.weights, level: flags.level, size: flags.size,
      sizeColumn: flags['size-column'], peerGroup: flags['peer-group'], year: flags.year, fiscalYearStart: flags['fiscal-year-start'], flags,
    })
    for (const line of run.notes) this.note(line)
    const out = peersOutput(run.result, {
      currency: run.currency, level: run.level, size: run.size, group: run.group, names: run.names,
      candidates: run.candidates, excluded: run.excluded,
    })
    await this.emit(out, (human) => peersViews(out, human), flags.format)
    return out
  }
}
