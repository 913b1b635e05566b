/**
 * The header of a UK spend file: which row it is (the project's header search,
 * so title lines above it are skipped as `spend import` skips them) and which
 * column holds each of the standard's columns.
 */
import {findHeader, isBlankRow} from '../../../io/read/table/header.js'
import {SYNONYMS, normHeader} from '../../../io/read/table/mapping.js'
import type {CellRow} from '../../../io/read/types.js'
import type {Problem} from '../types.js'
import type {ColumnKey, UkSpec} from './guidance.js'

export interface HeaderFound {
  /** Index into the rows given of the header row. */
  at: number
  /** Column key -> 0-based field number. */
  index: Partial<Record<ColumnKey, number>>
  /** The header cells as written. */
  cells: string[]
  problems: Problem[]
}

/**
 * Locate the header among the first rows and map the standard's columns onto
 * it: a required column not found is an error, a recommended one a warning
 * (on the header line, no column). Title rows above the header are a warning.
 */
export function readHeader(rows: readonly CellRow[], spec: UkSpec): HeaderFound | null {
  let at = findHeader(rows, new Set(spec.columns.flatMap((c) => c.names)))
  if (at < 0) at = rows.findIndex((r) => !isBlankRow(r.cells))
  if (at < 0) return null
  const header = rows[at] as CellRow
  const norm = header.cells.map(normHeader)
  const used = new Set<number>()
  const index: Partial<Record<ColumnKey, number>> = {}
  const problems: Problem[] = []
  // Own names first for every column, then the project's synonyms: a synonym never takes a column another spec names.
  for (const pass of ['own', 'synonym'] as const) {
    for (const col of spec.columns) {
      if (index[col.key] !== undefined) continue
      const names = pass === 'own' ? col.names : col.field ? SYNONYMS[col.field] : []
      for (const name of names) {
        const j = norm.findIndex((h, k) => h === name && !used.has(k))
        if (j >= 0) {
          index[col.key] = j
          used.add(j)
          break
        }
      }
    }
  }
  for (const col of spec.columns) {
    if (index[col.key] !== undefined) continue
    const what = col.required ? 'required' : 'recommended'
    problems.push({
      line: header.line,
      column: null,
      severity: col.required ? 'error' : 'warning',
      code: col.required ? 'missing-column' : 'missing-recommended-column',
      message: `no "${col.name}" column (${what} by ${spec.guidance.name})`,
      fix: `add a "${col.name}" column to the header`,
      field: col.name,
    })
  }
  const above = rows.slice(0, at).filter((r) => !isBlankRow(r.cells))
  if (above.length > 0) {
    problems.unshift({
      line: header.line,
      column: null,
      severity: 'warning',
      code: 'header-not-first',
      message: `the header is on line ${header.line}, below ${above.length} title or note line(s)`,
      fix: 'remove the lines above the header so it is the first line of the file',
      field: null,
    })
  }
  return {at, index, cells: header.cells, problems}
}
