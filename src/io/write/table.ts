import Table from 'cli-table3'
import {Chalk} from 'chalk'
import {msg} from '../../messages.js'
import {fitColumns, type FitRole} from './table-fit.js'
import {cutEnd, cutMiddle, textWidth, wrapText} from './text-width.js'
import {humanCell, isRightAligned, type View, type ViewColumn} from './view.js'

export interface TableOptions {
  /** Terminal width to fit (80 when unknown). */
  width: number
  color: boolean
  /** Told, for stderr, when columns had to be left out to fit. */
  note?: (message: string) => void
}

/** Lines a wrapped name or path takes at most; the last is cut to fit. */
const MAX_WRAP_LINES = 6

/**
 * How a column may give up room (see ColumnFit in view.ts).
 * @example fitRole({key: 'id', header: 'id'}) // 'fixed'
 */
export function fitRole(col: ViewColumn): FitRole {
  if (col.kind !== undefined && col.kind !== 'text') return 'fixed'
  switch (col.fit) {
    case 'id':
      return 'fixed'
    case 'path':
      return 'middle'
    case 'name':
      return 'end'
  }
  if (col.key === 'id' || col.key.endsWith('_id')) return 'fixed'
  if (col.key === 'file' || col.key === 'path' || col.key.endsWith('_file')) return 'middle'
  return 'end'
}

/** A cell on one line: line breaks and tabs in the data become spaces. */
const flat = (text: string) => (/[\r\n\t]/.test(text) ? text.replace(/\r\n|[\r\n\t]/g, ' ') : text)

/** `text` in `width` columns: whole, wrapped, or cut at the end or in the middle. */
function fitText(text: string, width: number, role: FitRole, wrap: boolean): string {
  if (textWidth(text) <= width) return text
  if (wrap) return wrapText(text, width, role === 'fixed' ? Infinity : MAX_WRAP_LINES, role === 'middle' ? 'middle' : 'end').join('\n')
  return role === 'middle' ? cutMiddle(text, width) : cutEnd(text, width)
}

/**
 * Terminal tables (cli-table3): money right-aligned with thousands separators,
 * shares as percentages, fitted to the terminal width by fitColumns: ids and
 * numbers whole, names cut at the end and paths in the middle (`…`), optional
 * columns left out with a note, text wrapped when it still does not fit.
 * @example renderTable([{columns: [{key: 'a', header: 'a'}], rows: [{a: 1}]}], {width: 80, color: false})
 */
export function renderTable(views: View[], opts: TableOptions): string {
  const c = new Chalk({level: opts.color ? 1 : 0})
  return views
    .map((view) => {
      const cells = view.rows.map((row) => view.columns.map((col) => flat(humanCell(row[col.key], col.kind))))
      const roles = view.columns.map(fitRole)
      const plan = fitColumns(
        view.columns.map((col, i) => ({
          natural: Math.max(textWidth(col.header), ...cells.map((r) => textWidth(r[i])), 1),
          role: roles[i],
          drop: col.drop,
        })),
        opts.width,
      )
      if (plan.dropped.length) opts.note?.(msg.tableColumnsLeftOut(plan.dropped.map((i) => view.columns[i].header), opts.width))
      const kept = view.columns.map((_, i) => i).filter((i) => plan.widths[i] !== null)
      const width = (i: number) => plan.widths[i]!
      const headless = view.columns.every((col) => col.header === '')
      const table = new Table({
        head: headless ? [] : kept.map((i) => c.bold(wrapText(view.columns[i].header, width(i)).join('\n'))),
        colAligns: kept.map((i) => (isRightAligned(view.columns[i].kind) ? 'right' : 'left')),
        colWidths: kept.map((i) => width(i) + 2),
        // Rows that wrap onto several lines are told apart by a rule between them.
        style: {head: [], border: [], compact: !plan.wrap.some(Boolean)},
        wordWrap: false,
      })
      for (const r of cells) table.push(kept.map((i) => fitText(r[i], width(i), roles[i], plan.wrap[i])))
      const title = view.title ? `${c.bold(view.title)}\n` : ''
      return title + table.toString()
    })
    .join('\n\n') + '\n'
}
