import {Flags} from '@oclif/core'
import {SpendCommand, TABLE_ROW_LIMIT} from '../base-command.js'
import {analysisFlags} from '../flags.js'
import {msg, rowsMsg} from '../messages.js'
import {ROW_SORTS} from '../analysis/rows.js'
import {lineRefs, listRows} from '../services/rows.js'
import {defaultFormat, stdoutContext} from '../io/write/render.js'
import {humanFields, rowFields, rowsHead, rowsTableViews} from '../io/write/rows-report.js'
import {rowsDelimited, rowsJson, rowsMarkdown, writeChunks} from '../io/write/rows-stream.js'

export default class Rows extends SpendCommand {
  static override summary = 'List the records behind a figure: import, file and line of each, with its fields.'
  static override description = 'Takes the filters of every analysis, so a cube or top row can be followed down: `spend cube --by buyer,supplier` row -> `spend rows --buyer ID --supplier KEY`. Largest amounts first per currency (ties in source order), or --sort date|file. --raw adds the line as it stands in the source file, when the file is still at its recorded path and its SHA-256 matches.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --buyer GB-GOV-1 --supplier "ACME LTD" --from 2024-Q1 --to 2024-Q1',
    '<%= config.bin %> <%= command.id %> --top 20 --unit "Operations North"',
    '<%= config.bin %> <%= command.id %> --sort file --raw --format csv',
    '<%= config.bin %> <%= command.id %> --at 3f2a9c01b2d4:12,3f2a9c01b2d4:14 --raw',
  ]
  static override flags = {
    sort: Flags.option({options: ROW_SORTS, default: 'amount' as const, description: 'amount: largest first per currency; date: oldest first, undated last; file: source order (import, then line).'})(),
    top: Flags.integer({description: 'List at most N rows (per currency when sorted by amount; default: all).', min: 1, helpValue: 'N'}),
    unit: Flags.string({description: 'Only this unit (department, expense area; repeatable).', multiple: true, helpValue: 'NAME'}),
    'expense-type': Flags.string({description: 'Only this expense type (repeatable).', multiple: true, helpValue: 'TEXT'}),
    at: Flags.string({description: 'Exactly the records of these source lines, as IMPORT:LINE (the import id or a unique prefix; repeatable, or a comma list), in the order given unless --sort is given; the evidence of spend flags is listed so.', multiple: true, helpValue: 'IMPORT:LINE'}),
    'at-file': Flags.string({description: 'Like --at, one IMPORT:LINE per line of FILE (- for standard input).', helpValue: 'FILE'}),
    raw: Flags.boolean({description: 'Add each record\'s original line from its source file (checked against the SHA-256 of the import).', default: false}),
    ...analysisFlags,
  }

  async run(): Promise<void> {
    const {flags, raw} = await this.parse(Rows)
    const at = await lineRefs(flags.at, flags['at-file'])
    const sortGiven = raw.some((t) => t.type === 'flag' && t.flag === 'sort')
    const req = {sort: flags.sort, top: flags.top, unit: flags.unit, expenseType: flags['expense-type'], raw: flags.raw, at, sortGiven}
    const list = await listRows(flags, req)
    for (const line of list.notes) this.note(line)
    for (const s of list.raw?.sources ?? []) if (s.note) this.note(rowsMsg.rawSource(s.import, s.file, s.rows, s.note))
    const head = rowsHead({sort: at && !sortGiven ? 'at' : flags.sort, top: flags.top ?? null, count: list.order.length, totals: list.totals, raw: list.raw, money: list.money})
    const fields = rowFields(list.frame, list.raw)
    const ctx = stdoutContext()
    const format = this.jsonEnabled() ? 'json' : (flags.format ?? defaultFormat(ctx))
    if (format === 'table') {
      if (list.order.length > TABLE_ROW_LIMIT) this.note(msg.tableTruncated(TABLE_ROW_LIMIT, list.order.length))
      const shown = list.order.subarray(0, TABLE_ROW_LIMIT)
      return this.emit(head, rowsTableViews(head, humanFields(fields, ctx.width), shown, list.money), 'table')
    }
    if (format === 'json') return writeChunks(rowsJson(head, fields, list.order))
    if (format === 'md') return writeChunks(rowsMarkdown(head, fields, list.order, list.money))
    return writeChunks(rowsDelimited(fields, list.order, format === 'csv' ? ',' : '\t'))
  }
}
