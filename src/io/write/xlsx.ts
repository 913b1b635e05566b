/**
 * XLSX workbooks from views: one sheet per view. (Not written yet.)
 */
import type {View} from './view.js'

export interface XlsxSheet {
  /** Sheet name (cut to 31 characters, made unique and free of []:*?/\\ by the writer). */
  name: string
  view: View
}

/**
 * The bytes of an .xlsx file: money as numbers in the row's currency format,
 * a frozen header row, text neutralised against formula injection, and the
 * same bytes for the same sheets on every machine.
 */
export function xlsxBytes(sheets: XlsxSheet[]): Uint8Array {
  void sheets
  throw new Error('not written yet')
}
