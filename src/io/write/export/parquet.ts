/**
 * The Parquet writer of `spend export`: batches in, one file out, streamed
 * by row group (only the current row group is held, compressed page by
 * page, so memory stays flat with the row count). Strings are BYTE_ARRAY
 * STRING (dictionary-encoded where the column asks for it, PLAIN past a
 * 1 MB dictionary), int64 INT64, int32 INT32, dates INT32 DATE, bools
 * BOOLEAN; nullable columns OPTIONAL. GZIP (node:zlib, level 1), which every
 * reader supports. Deterministic bytes: no timestamps anywhere in the file.
 */
import {open, rm, type FileHandle} from 'node:fs/promises'
import {endianness} from 'node:os'
import type {ExportBatch, ExportColumn, ExportMetadata, RecordWriter} from './types.js'
import {ColumnBuilder} from './parquet/column.js'
import {fileMetadata, type RowGroupMeta} from './parquet/format.js'

export interface ParquetOptions {
  /** Row group target in bytes of compressed pages (default 128 MB). */
  rowGroupBytes?: number
  /** Data page target in bytes (default 1 MB). */
  pageBytes?: number
  /** Dictionary size past which a chunk falls back to PLAIN (default 1 MB). */
  dictionaryBytes?: number
}

const MAGIC = Buffer.from('PAR1')
/** Rows added between two checks of the row group's size. */
const SLICE = 4096

export async function openParquetWriter(path: string, columns: readonly ExportColumn[], meta: ExportMetadata, opts: ParquetOptions = {}): Promise<RecordWriter> {
  // PLAIN numbers are copied from typed arrays, which are in the host's byte order
  if (endianness() !== 'LE') throw new Error('parquet: the writer needs a little-endian host')
  const rowGroupBytes = opts.rowGroupBytes ?? 128 * 1024 * 1024
  const limits = {pageBytes: opts.pageBytes ?? 1024 * 1024, dictionaryBytes: opts.dictionaryBytes ?? 1024 * 1024}
  const builders = columns.map(c => new ColumnBuilder(c, limits))
  const groups: RowGroupMeta[] = []
  const handle: FileHandle = await open(path, 'w')
  let offset = 0
  let rows = 0
  let closed = false

  const append = async (bufs: Buffer[]): Promise<void> => {
    for (const b of bufs) {
      await handle.write(b)
      offset += b.length
    }
  }

  const flushGroup = async (): Promise<void> => {
    if (rows === 0) return
    const start = offset
    const chunks = []
    for (const b of builders) {
      const {bytes, meta: m} = b.finishChunk(offset)
      await append(bytes)
      chunks.push(m)
    }
    groups.push({chunks, rows, offset: start})
    rows = 0
  }

  await append([MAGIC])

  return {
    async write(batch: ExportBatch): Promise<void> {
      const cols = columns.map(c => {
        const v = batch.values[c.name]
        if (!v || v.length < batch.length) throw new Error(`parquet: batch has no values (or too few) for the column ${c.name}`)
        return v
      })
      for (let from = 0; from < batch.length; from += SLICE) {
        const to = Math.min(batch.length, from + SLICE)
        for (let i = 0; i < builders.length; i++) builders[i].add(cols[i], from, to)
        rows += to - from
        let size = 0
        for (const b of builders) size += b.bufferedBytes()
        if (size >= rowGroupBytes) await flushGroup()
      }
    },

    async finish(): Promise<{bytes: number}> {
      await flushGroup()
      const footer = fileMetadata(columns, groups, meta)
      const len = Buffer.alloc(4)
      len.writeUInt32LE(footer.length, 0)
      await append([footer, len, MAGIC])
      closed = true
      await handle.close()
      return {bytes: offset}
    },

    async abort(): Promise<void> {
      if (!closed) {
        closed = true
        await handle.close().catch(() => undefined)
      }
      await rm(path, {force: true})
    },
  }
}
