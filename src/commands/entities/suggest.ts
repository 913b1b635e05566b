import {Flags} from '@oclif/core'
import {SpendCommand} from '../../base-command.js'
import {dataFlags} from '../../flags.js'
import {entitiesMsg} from '../../messages.js'
import {crosswalkCsv} from '../../io/write/crosswalk-csv.js'
import {crosswalkJson, suggestViews} from '../../io/write/entities-report.js'
import {suggestCrosswalk, writeCrosswalkFile} from '../../services/entities.js'

export default class EntitiesSuggest extends SpendCommand {
  static override summary = 'Propose a supplier-entity crosswalk (CSV) from the names in the workspace.'
  static override description = 'One row per published name (per name and supplier id when a name arrives with several ids): the proposed entity key and name, a score, the evidence, and a decision (auto for sure matches, review for the rest). Edit the decisions (auto, review, accept, reject), then store the file with `spend entities apply FILE`. Rows of the stored crosswalk come back as stored; --new lists only the rest. The CSV goes to stdout unless --out names a file.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --out crosswalk.csv',
    '<%= config.bin %> <%= command.id %> --new --out new-names.csv',
    '<%= config.bin %> <%= command.id %> --json',
  ]
  static override flags = {
    out: Flags.string({description: 'Write the crosswalk CSV to FILE (atomically) instead of stdout.', helpValue: 'FILE'}),
    new: Flags.boolean({description: 'Only rows not in the stored crosswalk.', default: false}),
    ...dataFlags,
  }

  async run(): Promise<{rows: ReturnType<typeof crosswalkJson>[]}> {
    const {flags} = await this.parse(EntitiesSuggest)
    const {rows, fresh} = await suggestCrosswalk(flags)
    const shown = flags.new ? fresh : rows
    const result = {rows: shown.map(crosswalkJson)}
    if (flags.out) {
      await writeCrosswalkFile(flags.out, shown)
      this.note(entitiesMsg.wrote(flags.out, shown.length, fresh.length))
      return result
    }
    if (!this.jsonEnabled() && (flags.format ?? 'csv') === 'csv') process.stdout.write(crosswalkCsv(shown))
    else await this.emit(result, suggestViews(shown), flags.format)
    return result
  }
}
