/**
 * A workbook's notes, cover or lookup sheet (no amount column) is not spend
 * data. When the workbook has other sheets it is skipped, counted and named
 * in a warning, so the spend sheets still import; alone, it stays an error
 * (the import finds no spend rows and says why).
 */
import {isSpendInputError} from '../../../errors.js'
import {tableMsg} from '../../../messages.js'
import type {SourceReport, TableSource} from '../types.js'

/** Errors that mean "this table is not spend data" rather than "this spend data is broken". */
const NOT_SPEND = new Set(['NO_AMOUNT_COLUMN'])

/**
 * The report of a skipped sheet, or null when `error` must stand.
 * @example skippedSheet(source, error) // {rows: {read: 0, ..., skipped: 12}, warnings: ['book.xlsx!Notes: not a spend table ...']}
 */
export function skippedSheet(source: TableSource, error: unknown): SourceReport | null {
  if (!source.sheet?.ofMany || !isSpendInputError(error) || !NOT_SPEND.has(error.code)) return null
  const rows = source.sheet.rows
  return {
    file: source.name, format: source.format, container: source.container, encoding: source.encoding, delimiter: source.delimiter,
    header_line: null, header: [], mapping: {}, mapping_how: {}, preset: null, date_order: null, date_order_reason: null,
    rows: {read: 0, imported: 0, rejected: 0, skipped: rows}, skipped_detail: rows > 0 ? {not_spend: rows} : {},
    totals: [], quality: {no_date: 0, redacted: 0, with_supplier_id: 0, with_category: 0}, buyer_origin: 'none',
    warnings: [tableMsg.notSpendSheet(source.name, error.message, rows)],
  }
}
