import {SpendInputError} from '../../../errors.js'
import type {ExportColumn, ExportMetadata, RecordWriter} from './types.js'

/** Placeholder until the Parquet writer is built: a one-line error naming the formats that work. */
export function openParquetWriter(_path: string, _columns: readonly ExportColumn[], _meta: ExportMetadata, _opts: Record<string, unknown> = {}): RecordWriter {
  throw new SpendInputError('NOT_BUILT', 'Parquet export is not built in this version', {hint: 'export to .csv or .jsonl for now', exit: 2})
}
