import {SpendCommand} from '../base-command.js'
import {dataFlags} from '../flags.js'
import {SUMMARY_COLUMNS, summarise, type SpendSummary} from '../analysis/summary.js'
import {resolveWorkspace, Workspace} from '../io/workspace/index.js'
import {summaryViews} from '../io/write/summary-report.js'
import {msg} from '../messages.js'

export default class Summary extends SpendCommand {
  static override summary = 'Summarise the workspace: rows, buyers, suppliers, dates and totals per currency.'
  static override description = 'Also per import: data quality (shares of rows with a supplier id, with a category, redacted, with no date) and where each buyer came from (a column, --buyer, the title lines or the file name).'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --format md > summary.md',
  ]
  static override flags = {...dataFlags}

  async run(): Promise<SpendSummary> {
    const {flags} = await this.parse(Summary)
    const ws = await Workspace.open(resolveWorkspace(flags.workspace))
    const imports = await ws.list()
    if (imports.length === 0) this.note(msg.noImports(ws.label()))
    const result = summarise(await ws.loadFrame(SUMMARY_COLUMNS), imports)
    await this.emit(result, (human) => summaryViews(result, human), flags.format)
    return result
  }
}
