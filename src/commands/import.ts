import {Args, Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {SpendInputError} from '../errors.js'
import {waitFlag, workspaceFlag, formatFlag} from '../flags.js'
import {importViews, type ImportJson, importJson} from '../services/import-report.js'
import {unknownFlagsLine} from '../usage.js'

export default class Import extends SpendCommand {
  static override summary = 'Import spend files into the workspace.'
  static override description = `Reads CSV/TSV/semicolon text (UTF-8, UTF-16, Windows-1252, DOS code pages), .xls/.xlsx, .zip/.gz and OCDS JSON, finds the header, maps columns to the common record, and stores exact amounts. Every row is imported or rejected with its file, line and reason; control totals are reconciled per currency. Importing the same bytes again is a no-op (use --replace).`
  static override examples = [
    '<%= config.bin %> <%= command.id %> spend-over-25k-2024-03.csv',
    '<%= config.bin %> <%= command.id %> ledger.csv --buyer "Statens vegvesen" --currency NOK',
    '<%= config.bin %> <%= command.id %> odd-layout.csv --map map.yaml',
    'cat payments.csv | <%= config.bin %> <%= command.id %> -',
  ]
  static override strict = false
  static override args = {file: Args.string({description: 'Files or folders to import ("-" for standard input).', required: true})}
  static override flags = {
    workspace: workspaceFlag,
    format: formatFlag,
    buyer: Flags.string({description: 'Buyer of every row of a file with no buyer column (a department column is a unit, not the buyer); refused for a file that has one.', helpValue: 'NAME'}),
    currency: Flags.string({description: 'ISO 4217 currency for files that do not say.', helpValue: 'CODE'}),
    map: Flags.string({description: 'YAML or JSON file mapping fields to columns (e.g. "amount: Net Amt").', helpValue: 'FILE'}),
    preset: Flags.string({description: 'Force a publisher layout (uk-25k, uk-lga, usaspending, ted-can, no-ledger, us-checkbook).'}),
    'ocds-level': Flags.option({options: ['awards', 'contracts', 'transactions'] as const, description: 'What becomes a spend row in OCDS data.'})(),
    replace: Flags.boolean({description: 'Import again even if these bytes were imported before.', default: false}),
    verbose: Flags.boolean({char: 'v', description: 'Print the mapping and notes of every file (the default for a single file).', default: false}),
    wait: waitFlag,
  }

  async run(): Promise<ImportJson> {
    const {argv, flags} = await this.parse(Import)
    const unknown = (argv as string[]).find((a) => a.startsWith('-') && a !== '-')
    // strict = false (any number of files) leaves unknown flags among the files.
    if (unknown) throw new SpendInputError('USAGE', unknownFlagsLine([unknown], this.commandSpec), {exit: 2})
    const {runImport} = await import('../services/import-run.js')
    const {outcomes, failed, empty} = await runImport(argv as string[], flags, this.config.version, (line) => this.note(line))
    const result = importJson(outcomes, failed, empty)
    await this.emit(result, (human) => importViews(outcomes, human), flags.format)
    if (failed.length) process.exitCode = 1
    return result
  }
}
