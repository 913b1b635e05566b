import {delimitedField} from '../safe.js'
import {EXPORT_COLUMNS, type ExportBatch, type RecordWriter} from './types.js'
import {amountText, isoDate, openTextWriter} from './text-file.js'

/**
 * CSV for people: the export columns, but money as `amount` in major units
 * (exact decimal text) followed by `currency`; amount_minor and
 * currency_exponent are left out. Dates YYYY-MM-DD, booleans true/false,
 * RFC 4180 quoting, formula injection neutralised, UTF-8 with `\n`.
 */
export const CSV_COLUMNS: readonly string[] = EXPORT_COLUMNS.flatMap((c) =>
  c.name === 'amount_minor' ? ['amount'] : c.name === 'currency_exponent' ? [] : [c.name])

export function csvCellOf(batch: ExportBatch, name: string, i: number): string {
  if (name === 'amount') return amountText(batch, i)
  const v = batch.values[name][i]
  if (v === null || v === undefined) return ''
  if (name === 'date') return isoDate(v as number)
  return String(v)
}

export function openCsvWriter(path: string): RecordWriter {
  return openTextWriter(path, `${CSV_COLUMNS.join(',')}\n`, (batch) => {
    let text = ''
    for (let i = 0; i < batch.length; i++) {
      text += `${CSV_COLUMNS.map((name) => delimitedField(csvCellOf(batch, name, i), ',')).join(',')}\n`
    }
    return text
  })
}
