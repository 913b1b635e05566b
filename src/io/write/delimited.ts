import {delimitedField} from './safe.js'
import {rawCell, type View, type ViewColumn} from './view.js'

/** Rows per joined chunk of output (a chunk of ~100-byte lines is a large object, never copied). */
export const CHUNK_ROWS = 2048

/** A view that writes its own CSV/TSV (large results rendered straight from columns, as text or UTF-8 bytes). */
export interface DelimitedSource {
  delimited?: (delimiter: ',' | '\t') => string | Uint8Array
}

/**
 * The cell text function for one delimiter: exact values, formula injection
 * neutralised, quoted when needed.
 * @example delimitedCell(',')('a,b') // '"a,b"'
 */
export function delimitedCell(delimiter: ',' | '\t'): (v: unknown) => string {
  const quote = delimiter === ',' ? /[",\n\r]/ : /["\t\n\r]/
  // Outputs of 100k rows are common (cube by buyer and category), so the field
  // checks are inlined for plain cells; anything unusual takes delimitedField.
  return (v: unknown): string => {
    const s = typeof v === 'string' ? v : rawCell(v)
    if (s === '') return s
    const c = s.charCodeAt(0)
    // = + - @ TAB CR may need neutralising; quotes, delimiters and line breaks need quoting.
    if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || quote.test(s)) return delimitedField(s, delimiter)
    return s
  }
}

/**
 * The header line of delimited output (no line end).
 * @example delimitedHeader([{key: 'a', header: 'a'}, {key: 'b', header: 'b'}], ',') // 'a,b'
 */
export function delimitedHeader(columns: readonly ViewColumn[], delimiter: ',' | '\t'): string {
  return columns.map((c) => delimitedField(c.key, delimiter)).join(delimiter)
}

/**
 * CSV (RFC 4180, CRLF-free: LF line ends) or TSV text of one view, header
 * included, exact values, formula injection neutralised.
 * @example renderDelimited({columns: [{key: 'a', header: 'a'}], rows: [{a: 1}]}, ',') // "a\n1\n"
 */
export function renderDelimited(view: View & DelimitedSource, delimiter: ',' | '\t'): string | Uint8Array {
  if (view.delimited) return view.delimited(delimiter)
  const keys = view.columns.map((c) => c.key)
  const n = keys.length
  const field = delimitedCell(delimiter)
  const header = delimitedHeader(view.columns, delimiter)
  const rows = view.rows
  // Names and ids repeat down a column (sorted outputs): reuse the last cell's text.
  const lastValue: unknown[] = new Array(n).fill(undefined)
  const lastText: string[] = new Array(n).fill('')
  const cell = (row: Record<string, unknown>, c: number): string => {
    const v = row[keys[c]]
    if (v === lastValue[c] && typeof v === 'string') return lastText[c]
    const s = field(v)
    lastValue[c] = v
    lastText[c] = s
    return s
  }
  // One reused array joined per row gives each line as one flat string
  // (concatenating cell by cell builds a tree of string pieces for the GC).
  // Lines are joined into chunks of CHUNK_ROWS as they come, so each line
  // string dies young instead of being copied by every collection until the end.
  const cells: string[] = new Array(n)
  const chunks: string[] = [header]
  let lines: string[] = []
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]
    for (let c = 0; c < n; c++) cells[c] = cell(row, c)
    lines.push(cells.join(delimiter))
    if (lines.length === CHUNK_ROWS) {
      chunks.push(lines.join('\n'))
      lines = []
    }
  }
  if (lines.length > 0) chunks.push(lines.join('\n'))
  return chunks.join('\n') + '\n'
}
