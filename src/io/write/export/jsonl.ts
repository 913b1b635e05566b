import {EXPORT_COLUMNS, type ExportBatch, type RecordWriter} from './types.js'
import {amountText, isoDate, openTextWriter} from './text-file.js'

/**
 * JSON Lines for scripts: one object per row with every export column in
 * EXPORT_COLUMNS order, then `amount` (major units, exact decimal string).
 * int64 values (amount_minor, source_line) are JSON numbers: row amounts are
 * safe integers; one past 2^53 would be written as a string. Dates are
 * YYYY-MM-DD strings, nulls null.
 */
export function jsonlLine(batch: ExportBatch, i: number): string {
  const o: Record<string, unknown> = {}
  for (const c of EXPORT_COLUMNS) {
    const v = batch.values[c.name][i]
    if (v === null || v === undefined) o[c.name] = null
    else if (typeof v === 'bigint') o[c.name] = v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString()
    else if (c.type === 'date') o[c.name] = isoDate(v as number)
    else o[c.name] = v
  }
  o.amount = amountText(batch, i)
  return JSON.stringify(o)
}

export function openJsonlWriter(path: string): RecordWriter {
  return openTextWriter(path, '', (batch: ExportBatch) => {
    let text = ''
    for (let i = 0; i < batch.length; i++) text += `${jsonlLine(batch, i)}\n`
    return text
  })
}
