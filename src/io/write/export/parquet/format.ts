/** Parquet's Thrift structures (parquet.thrift) as this writer fills them: page headers and the file footer. */
import type {ExportColumn, ExportMetadata} from '../types.js'
import {bin, i32, i64, list, serializeStruct, str, struct, type TField, type TValue} from './thrift.js'

export const ENCODING = {PLAIN: 0, RLE: 3, RLE_DICTIONARY: 8} as const
export const PAGE_TYPE = {DATA_PAGE: 0, DICTIONARY_PAGE: 2} as const
const TYPE = {BOOLEAN: 0, INT32: 1, INT64: 2, BYTE_ARRAY: 6} as const
const CONVERTED = {UTF8: 0, DATE: 6} as const
const CODEC_GZIP = 2

export interface Stats {
  nullCount: number
  min?: Buffer
  max?: Buffer
}

export interface ChunkMeta {
  column: ExportColumn
  encodings: number[]
  numValues: number
  uncompressed: number
  compressed: number
  dataOffset: number
  dictionaryOffset?: number
  stats: Stats
}

export interface RowGroupMeta {
  chunks: ChunkMeta[]
  rows: number
  offset: number
}

export function pageHeader(type: number, uncompressed: number, compressed: number, p: {numValues: number; encoding: number}): Buffer {
  const fields: TField[] = [[1, i32(type)], [2, i32(uncompressed)], [3, i32(compressed)]]
  if (type === PAGE_TYPE.DATA_PAGE) {
    fields.push([5, struct([[1, i32(p.numValues)], [2, i32(p.encoding)], [3, i32(ENCODING.RLE)], [4, i32(ENCODING.RLE)]])])
  } else {
    fields.push([7, struct([[1, i32(p.numValues)], [2, i32(p.encoding)]])])
  }
  return serializeStruct(fields)
}

function physical(c: ExportColumn): number {
  switch (c.type) {
    case 'string': return TYPE.BYTE_ARRAY
    case 'int64': return TYPE.INT64
    case 'bool': return TYPE.BOOLEAN
    default: return TYPE.INT32
  }
}

function schemaElement(c: ExportColumn): TValue {
  const converted = c.type === 'string' ? CONVERTED.UTF8 : c.type === 'date' ? CONVERTED.DATE : undefined
  // LogicalType union: 1 STRING, 6 DATE (empty structs)
  const logical = c.type === 'string' ? struct([[1, struct([])]]) : c.type === 'date' ? struct([[6, struct([])]]) : undefined
  return struct([
    [1, i32(physical(c))],
    [3, i32(c.nullable ? 1 : 0)],
    [4, str(c.name)],
    [6, converted === undefined ? undefined : i32(converted)],
    [10, logical],
  ])
}

function columnChunk(m: ChunkMeta): TValue {
  const statistics = struct([
    [3, i64(m.stats.nullCount)],
    [5, m.stats.max ? bin(m.stats.max) : undefined],
    [6, m.stats.min ? bin(m.stats.min) : undefined],
  ])
  const meta = struct([
    [1, i32(physical(m.column))],
    [2, list('i32', m.encodings.map(e => i32(e)))],
    [3, list('bin', [str(m.column.name)])],
    [4, i32(CODEC_GZIP)],
    [5, i64(m.numValues)],
    [6, i64(m.uncompressed)],
    [7, i64(m.compressed)],
    [9, i64(m.dataOffset)],
    [11, m.dictionaryOffset === undefined ? undefined : i64(m.dictionaryOffset)],
    [12, statistics],
  ])
  return struct([[2, i64(m.dictionaryOffset ?? m.dataOffset)], [3, meta]])
}

/** The key-value metadata: the tool, the imports and their SHA-256, the column contract. */
export function keyValues(meta: ExportMetadata, columns: readonly ExportColumn[]): [string, string][] {
  const kv: [string, string][] = [
    ['spendkit.tool', meta.tool],
    ['spendkit.imports', JSON.stringify(meta.imports.map(m => ({id: m.id, file: m.file, sha256: m.sha256})))],
  ]
  for (const m of meta.imports) kv.push([`spendkit.import.${m.id}.sha256`, m.sha256])
  kv.push(['spendkit.columns', JSON.stringify(columns.map(c => ({name: c.name, type: c.type, nullable: c.nullable, description: c.description})))])
  return kv
}

/** FileMetaData, serialised. */
export function fileMetadata(columns: readonly ExportColumn[], groups: RowGroupMeta[], meta: ExportMetadata): Buffer {
  const root = struct([[4, str('schema')], [5, i32(columns.length)]])
  const rowGroups = groups.map(g => struct([
    [1, list('struct', g.chunks.map(columnChunk))],
    [2, i64(g.chunks.reduce((a, c) => a + c.uncompressed, 0))],
    [3, i64(g.rows)],
    [5, i64(g.offset)],
    [6, i64(g.chunks.reduce((a, c) => a + c.compressed, 0))],
  ]))
  return serializeStruct([
    [1, i32(1)],
    [2, list('struct', [root, ...columns.map(schemaElement)])],
    [3, i64(groups.reduce((a, g) => a + g.rows, 0))],
    [4, list('struct', rowGroups)],
    [5, list('struct', keyValues(meta, columns).map(([k, v]) => struct([[1, str(k)], [2, str(v)]])))],
    [6, str(meta.tool)],
    // ColumnOrder: TYPE_ORDER for every column, so readers trust min/max
    [7, list('struct', columns.map(() => struct([[1, struct([])]])))],
  ])
}
