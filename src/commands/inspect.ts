import {Args, Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {dataFlags} from '../flags.js'
import {runInspect, type InspectResult} from '../services/inspect.js'
import {inspectViews} from '../services/inspect-report.js'
import {inspectMsg} from '../messages.js'

export default class Inspect extends SpendCommand {
  static override summary = 'Show how a file would be read, without importing it.'
  static override description = `Run this first on a new file. Per table or sheet (and per archive member): format, encoding, delimiter, header line, the publisher layout recognised and how sure, the column mapping and how each column was chosen, date order, decimal separator, currency and buyer and where they came from, row counts, control totals, sample rows and the first problems. Reads the whole file like import does, but writes nothing.`
  static override examples = [
    '<%= config.bin %> <%= command.id %> spend-over-25k-2024-03.csv --format table',
    '<%= config.bin %> <%= command.id %> ledger.csv --currency NOK --json',
    '<%= config.bin %> <%= command.id %> odd-layout.csv --map map.yaml --format md',
  ]
  static override args = {file: Args.string({description: 'File or folder to inspect ("-" for standard input).', required: true})}
  static override flags = {
    ...dataFlags,
    buyer: Flags.string({description: 'Buyer for files that lack a buyer column.', helpValue: 'NAME'}),
    currency: Flags.string({description: 'ISO 4217 currency for files that do not say.', helpValue: 'CODE'}),
    map: Flags.string({description: 'YAML or JSON file mapping fields to columns (e.g. "amount: Net Amt").', helpValue: 'FILE'}),
    preset: Flags.string({description: 'Force a publisher layout (uk-25k, uk-lga, usaspending, ted-can, no-ledger, us-checkbook).'}),
    'ocds-level': Flags.option({options: ['awards', 'contracts', 'transactions'] as const, description: 'What becomes a spend row in OCDS data.'})(),
  }

  async run(): Promise<InspectResult> {
    const {args, flags} = await this.parse(Inspect)
    const result = await runInspect(args.file, flags)
    for (const s of result.sources) {
      if (s.error) this.note(inspectMsg.sourceFailed(s.error.message))
      const unknown = s.currency_evidence?.suggestion
      if (unknown) this.note(inspectMsg.currencyUnknown(s.file, unknown.flag))
    }
    await this.emit(result, (human) => inspectViews(result, human), flags.format)
    return result
  }
}
