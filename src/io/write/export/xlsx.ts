import {writeFile, rm} from 'node:fs/promises'
import {SpendInputError} from '../../../errors.js'
import {exportMsg} from '../../../messages.js'
import type {ViewColumn} from '../view.js'
import {XLSX_MAX_ROWS, xlsxBytes} from '../xlsx.js'
import {CSV_COLUMNS, csvCellOf} from './csv.js'
import {EXPORT_COLUMNS, type ExportBatch, type RecordWriter} from './types.js'

const KIND: Record<string, ViewColumn['kind']> = {amount: 'money', source_line: 'int'}

/**
 * A workbook for people: one sheet of the CSV export's columns (money as
 * numbers in major units in the currency's format, with `currency` beside),
 * a frozen header row, text neutralised against formula injection (the
 * project's own XLSX writer). A sheet holds 1,048,576 rows with its header:
 * past that the export stops with an error before the file is written.
 */
export function openXlsxWriter(path: string): RecordWriter {
  const rows: Record<string, unknown>[] = []
  const bools = new Set(EXPORT_COLUMNS.filter((c) => c.type === 'bool').map((c) => c.name))
  return {
    async write(batch: ExportBatch) {
      if (rows.length + batch.length > XLSX_MAX_ROWS) {
        throw new SpendInputError('XLSX_TOO_MANY_ROWS', exportMsg.xlsxTooMany(XLSX_MAX_ROWS), {where: '--out', hint: exportMsg.xlsxTooManyHint(), exit: 1})
      }
      for (let i = 0; i < batch.length; i++) {
        const row: Record<string, unknown> = {}
        for (const name of CSV_COLUMNS) {
          if (bools.has(name)) row[name] = batch.values[name][i]
          else if (name === 'source_line') row[name] = Number(batch.values[name][i])
          else {
            const text = csvCellOf(batch, name, i)
            row[name] = text === '' && batch.values[name]?.[i] == null && name !== 'amount' ? null : text
          }
        }
        rows.push(row)
      }
    },
    async finish() {
      const columns: ViewColumn[] = CSV_COLUMNS.map((key) => ({key, header: key, kind: KIND[key] ?? 'text'}))
      const bytes = xlsxBytes([{name: 'Records', view: {columns, rows}}])
      await writeFile(path, bytes, {flag: 'wx'})
      return {bytes: bytes.length}
    },
    async abort() {
      await rm(path, {force: true})
    },
  }
}
