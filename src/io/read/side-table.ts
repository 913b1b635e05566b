import Papa from 'papaparse'
import {SpendInputError} from '../../errors.js'
import {peersMsg} from '../../messages.js'

/**
 * A small CSV side file (the --size and --peer-group files) as a header and
 * its non-blank lines, each with its 1-based line number, cells trimmed.
 */
export interface SideTable {
  /** Header cells as written (trimmed). */
  header: string[]
  rows: {line: number; cells: string[]}[]
}

/**
 * Read a side CSV (a byte-order mark is dropped, blank lines skipped).
 * @example readSideTable('buyer,group\nLeeds,A\n', 'groups.csv').rows[0] // {line: 2, cells: ['Leeds', 'A']}
 */
export function readSideTable(text: string, file: string): SideTable {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {skipEmptyLines: false})
  const all = parsed.data.map((cells, i) => ({line: i + 1, cells: cells.map((c) => c.trim())}))
  const rows = all.filter((r) => r.cells.some((c) => c !== ''))
  if (rows.length === 0) throw new SpendInputError('EMPTY_FILE', peersMsg.emptyFile(), {where: file, hint: peersMsg.emptyFileHint()})
  const [head, ...data] = rows
  return {header: head.cells, rows: data}
}

/**
 * The index of the first header cell named (case-insensitively) one of `names`; a SpendInputError naming the columns when none is.
 * @example sideColumn({header: ['Buyer', 'year'], rows: []}, ['buyer', 'buyer_id'], 'f.csv', 'buyer') // 0
 */
export function sideColumn(t: SideTable, names: readonly string[], file: string, what: string): number {
  const i = t.header.findIndex((h) => names.includes(h.toLowerCase()))
  if (i < 0) throw new SpendInputError('MISSING_COLUMN', peersMsg.missingColumn(what, t.header), {where: file, hint: peersMsg.missingColumnHint(names.slice(0, 3))})
  return i
}

/** Names a buyer column may have. */
export const BUYER_COLUMN_NAMES: readonly string[] = ['buyer', 'buyer_id', 'buyer id', 'buyer_name', 'organisation', 'organization', 'name', 'id']
