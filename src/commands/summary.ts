import {SpendCommand} from '../base-command.js'
import {analysisFlags} from '../flags.js'
import {SUMMARY_COLUMNS, summarise} from '../analysis/summary.js'
import {unidentifiedMode} from '../analysis/unidentified.js'
import {redactedAsSupplierFlag} from '../analysis-flags.js'
import {loadAnalysisInput} from '../services/analysis-input.js'
import {textPicker} from '../services/text-pick.js'
import {summaryOutput, summaryViews, type SummaryOutput} from '../io/write/summary-report.js'

export default class Summary extends SpendCommand {
  static override summary = 'Summarise the workspace: rows, buyers, suppliers, dates and totals per currency.'
  static override description = 'Also per import: data quality (shares of rows with a supplier id, with a category, redacted, with no date; rows identical to another on every canonical field) and where each buyer came from (a column, --buyer, the title lines or the file name). Takes the filters of every analysis (and --file); the output names those given. Suppliers are distinct entities (the supplier id when the file gives one, else the normalised name); supplier names are the distinct names as published, ignoring case. Redacted and blank supplier names are many unknown payees: by default neither count includes them, their spend is shown as unidentified and stays in the totals; --redacted-as-supplier counts them as one supplier; --exclude-redacted drops their rows from everything, totals included.'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --buyer "Oxford City Council" --from 2024',
    '<%= config.bin %> <%= command.id %> --file spend-2024.csv',
    '<%= config.bin %> <%= command.id %> --format md > summary.md',
  ]
  static override flags = {...analysisFlags, 'redacted-as-supplier': redactedAsSupplierFlag}

  async run(): Promise<SummaryOutput> {
    const {flags} = await this.parse(Summary)
    const input = await loadAnalysisInput(flags, SUMMARY_COLUMNS, {imports: true})
    for (const line of input.notes) this.note(line)
    const pick = await textPicker(flags, input.frame)
    const result = summarise(input.frame, input.imports ?? [], {selection: input.selection, redactedAsSupplier: flags['redacted-as-supplier'], pick})
    const out = summaryOutput(result, input, unidentifiedMode(flags), flags.file)
    await this.emit(out, (human) => summaryViews(out, human), flags.format)
    return out
  }
}
