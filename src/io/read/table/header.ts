/**
 * Header row detection: the header is the row, among the first non-blank
 * rows, with the most cells that name a known field. Title and metadata lines
 * above it (report name, period, "Start Date:") score 0 or 1 and are skipped.
 */
import type {CellRow} from '../types.js'
import {isKnownHeader, normHeader} from './mapping.js'

/** Rows looked at when searching for the header. */
export const HEADER_SEARCH_ROWS = 50

/**
 * True when every cell is empty after trimming.
 *
 * @example isBlankRow([' ', '']) // true
 */
export function isBlankRow(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) if ((cells[i] as string).trim() !== '') return false
  return true
}

/**
 * Number of distinct cells of a row that name a known field (or a `--map` column).
 *
 * @example headerScore(['Supplier', 'Amount', 'x'], new Set()) // 2
 */
export function headerScore(cells: readonly string[], extra: ReadonlySet<string>): number {
  const seen = new Set<string>()
  for (const c of cells) {
    const n = normHeader(c)
    if (n !== '' && (isKnownHeader(n) || extra.has(n))) seen.add(n)
  }
  return seen.size
}

/**
 * Index (into `rows`) of the header row, or -1 when no row names at least two
 * known fields (the caller then takes the first non-blank row).
 *
 * @example findHeader([{line: 1, cells: ['Report']}, {line: 2, cells: ['Supplier', 'Amount']}], new Set()) // 1
 */
export function findHeader(rows: readonly CellRow[], extra: ReadonlySet<string>): number {
  let best = -1
  let bestScore = 1
  let looked = 0
  for (let i = 0; i < rows.length && looked < HEADER_SEARCH_ROWS; i++) {
    const cells = (rows[i] as CellRow).cells
    if (isBlankRow(cells)) continue
    looked++
    const s = headerScore(cells, extra)
    if (s > bestScore) {
      bestScore = s
      best = i
    }
  }
  return best
}
