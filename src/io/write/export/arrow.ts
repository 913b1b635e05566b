import {writeFile, rm} from 'node:fs/promises'
import {bool, dateDay, dictionary, int32, int64, tableFromArrays, tableToIPC, utf8, type DataType} from '@uwdata/flechette'
import {EXPORT_COLUMNS, type ExportBatch, type ExportColumn, type RecordWriter} from './types.js'

const DAY_MS = 86_400_000

function arrowType(c: ExportColumn): DataType {
  switch (c.type) {
    case 'string': return c.dictionary ? dictionary(utf8()) : utf8()
    case 'int64': return int64()
    case 'int32': return int32()
    case 'date': return dateDay()
    case 'bool': return bool()
  }
}

/**
 * An Arrow IPC file (the format engines and dataframe libraries map straight
 * into memory): EXPORT_COLUMNS with dictionary-encoded strings, Date32 (day)
 * dates and Int64 amount_minor. The file is one table written at the end, so
 * this format holds its rows in memory until then (use Parquet past a few
 * million rows: it streams).
 */
export function openArrowWriter(path: string): RecordWriter {
  const values = new Map<string, unknown[]>(EXPORT_COLUMNS.map((c) => [c.name, []]))
  return {
    async write(batch: ExportBatch) {
      for (const c of EXPORT_COLUMNS) {
        const into = values.get(c.name)!
        const from = batch.values[c.name]
        for (let i = 0; i < batch.length; i++) {
          const v = from[i]
          into.push(c.type === 'date' && v !== null ? (v as number) * DAY_MS : v)
        }
      }
    },
    async finish() {
      const types = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.name, arrowType(c)]))
      const table = tableFromArrays(Object.fromEntries(values), {types})
      const bytes = tableToIPC(table, {format: 'file'})!
      await writeFile(path, bytes, {flag: 'wx'})
      return {bytes: bytes.length}
    },
    async abort() {
      await rm(path, {force: true})
    },
  }
}
