import {delimitedField} from './safe.js'
import {rawCell, type View} from './view.js'

/**
 * CSV (RFC 4180, CRLF-free: LF line ends) or TSV text of one view, header
 * included, exact values, formula injection neutralised.
 * @example renderDelimited({columns: [{key: 'a', header: 'a'}], rows: [{a: 1}]}, ',') // "a\n1\n"
 */
export function renderDelimited(view: View, delimiter: ',' | '\t'): string {
  const lines = [view.columns.map((c) => delimitedField(c.key, delimiter)).join(delimiter)]
  for (const row of view.rows) {
    lines.push(view.columns.map((c) => delimitedField(rawCell(row[c.key]), delimiter)).join(delimiter))
  }
  return lines.join('\n') + '\n'
}
