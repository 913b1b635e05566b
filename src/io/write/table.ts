import Table from 'cli-table3'
import {Chalk} from 'chalk'
import {humanCell, isRightAligned, type View} from './view.js'

export interface TableOptions {
  /** Terminal width to fit (80 when unknown). */
  width: number
  color: boolean
}

/** Shorten text to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : chars.slice(0, Math.max(1, max - 1)).join('') + '…'
}

/**
 * Terminal tables (cli-table3): money right-aligned with thousands separators,
 * shares as percentages, long text truncated with an ellipsis to fit the width.
 */
export function renderTable(views: View[], opts: TableOptions): string {
  const c = new Chalk({level: opts.color ? 1 : 0})
  return views
    .map((view) => {
      const cells = view.rows.map((row) => view.columns.map((col) => humanCell(row[col.key], col.kind)))
      const widths = view.columns.map((col, i) =>
        Math.max([...col.header].length, ...cells.map((r) => [...r[i]].length), 1),
      )
      // Each column costs its width + 3 (padding and border); shrink the widest text column until it fits.
      const budget = Math.max(opts.width, 40) - 1
      const total = () => widths.reduce((a, w) => a + w + 3, 0)
      while (total() > budget) {
        let widest = -1
        view.columns.forEach((col, i) => {
          if (!isRightAligned(col.kind) && widths[i] > 8 && (widest < 0 || widths[i] > widths[widest])) widest = i
        })
        if (widest < 0) break
        widths[widest] -= 1
      }
      const headless = view.columns.every((col) => col.header === '')
      const table = new Table({
        head: headless ? [] : view.columns.map((col) => c.bold(col.header)),
        colAligns: view.columns.map((col) => (isRightAligned(col.kind) ? 'right' : 'left')),
        style: {head: [], border: [], compact: true},
        wordWrap: false,
      })
      for (const r of cells) table.push(r.map((text, i) => truncate(text, widths[i])))
      const title = view.title ? `${c.bold(view.title)}\n` : ''
      return title + table.toString()
    })
    .join('\n\n') + '\n'
}
