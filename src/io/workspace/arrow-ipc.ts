/**
 * The layout of a workspace part, read from the Arrow IPC file format as the
 * Arrow specification documents it (https://arrow.apache.org/docs/format/Columnar.html#ipc-file-format,
 * with the flatbuffers schemas File.fbs, Schema.fbs and Message.fbs), not
 * through any library's private modules: parts on disk must stay readable
 * whatever a library reorganises.
 *
 * A file is `ARROW1`, the stream (schema, dictionary batches, record
 * batches), a footer, its int32 length and `ARROW1`. The footer holds the
 * schema and the position of each message (a Block); a message is a
 * flatbuffer header (after a 0xFFFFFFFF marker and an int32 length) followed
 * by its body, the column buffers. Only what the workspace writes is
 * supported: one record batch of flat columns (int32-keyed utf8
 * dictionaries, utf8, float64, int32, bool), no compression.
 *
 * This module finds byte ranges; the part reader reads and checks them.
 */
import {FlatTable, rootTable} from './flatbuf.js'

/** A byte range of the file. */
export interface Range {
  offset: number
  length: number
}

/** Random access to a file's bytes (a view valid until the next read is fine). */
export interface ByteSource {
  size: number
  read(offset: number, length: number): Uint8Array
}

export type FieldKind = 'dict' | 'utf8' | 'float64' | 'int32' | 'bool'

export interface IpcField {
  name: string
  kind: FieldKind
  /** Dictionary id (dict fields), else -1. */
  dictId: number
  metadata: Map<string, string>
}

/** An opened part: its schema and where each column's bytes are. */
export interface IpcFile {
  rows: number
  fields: IpcField[]
  /** The ranges opening read, in the order read: the tail, the footer, the record batch's header. */
  opened: Range[]
  nullCount(field: number): number
  /** The record batch's buffers of a field: validity, then keys/values, or offsets and bytes for utf8. */
  buffers(field: number): Range[]
  /**
   * Dictionary batch `id` (read here: its header comes through the source):
   * the header's range and the buffers of its values (validity, offsets, bytes).
   */
  dictionary(id: number): {header: Range; buffers: Range[]}
}

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31] // ARROW1
/** Schema.fbs `Type` union members used here. */
const TYPE_INT = 2
const TYPE_FLOAT = 3
const TYPE_UTF8 = 5
const TYPE_BOOL = 6
/** Message.fbs `MessageHeader` union members. */
const DICTIONARY_BATCH = 2
const RECORD_BATCH = 3
/** Block and Buffer structs: 24 and 16 bytes. */
const BLOCK_SIZE = 24
const BUFFER_SIZE = 16
const FIELD_NODE_SIZE = 16

interface Block {
  offset: number
  metadataLength: number
  bodyLength: number
}

interface Batch {
  length: number
  nodes: {length: number; nullCount: number}[]
  buffers: Range[]
}

/**
 * Open an Arrow IPC file: read its tail, footer and record batch header.
 * @example const ipc = openIpc({size, read}); ipc.buffers(ipc.fields.findIndex((f) => f.name === 'amount'))
 */
export function openIpc(src: ByteSource): IpcFile {
  const size = src.size
  if (size < 16) throw new Error('too short for an Arrow file')
  const tail: Range = {offset: size - 10, length: 10}
  const t = src.read(tail.offset, tail.length)
  for (let i = 0; i < 6; i++) if (t[4 + i] !== MAGIC[i]) throw new Error('not an Arrow IPC file')
  const footerLength = new DataView(t.buffer, t.byteOffset, 4).getInt32(0, true)
  if (footerLength <= 0 || footerLength > size - 18) throw new Error('bad Arrow footer length')
  const footerRange: Range = {offset: size - 10 - footerLength, length: footerLength}
  const footer = rootTable(src.read(footerRange.offset, footerRange.length))
  const schema = footer.table(1)
  if (!schema) throw new Error('Arrow footer has no schema')
  if (schema.int16(0, 0) !== 0) throw new Error('big-endian Arrow file')
  const fields = schema.tables(1).map(readField)
  const dictBlocks = footer.structs(2, BLOCK_SIZE).map((p) => readBlock(footer, p, size))
  const recordBlocks = footer.structs(3, BLOCK_SIZE).map((p) => readBlock(footer, p, size))
  if (recordBlocks.length !== 1) throw new Error(`expected one record batch, found ${recordBlocks.length}`)
  const block = recordBlocks[0]
  const header = readHeader(src, block, RECORD_BATCH)
  const batch = readBatch(header, block)
  if (batch.nodes.length !== fields.length) throw new Error('record batch does not match the schema')
  const first: number[] = []
  let b = 0
  for (const f of fields) {
    first.push(b)
    b += f.kind === 'utf8' ? 3 : 2
  }
  if (batch.buffers.length < b) throw new Error('record batch has too few buffers')
  for (const n of batch.nodes) if (n.length !== batch.length || n.nullCount > n.length) throw new Error('bad record batch field node')
  return {
    rows: batch.length,
    fields,
    opened: [tail, footerRange, {offset: block.offset, length: block.metadataLength}],
    nullCount: (i) => batch.nodes[i].nullCount,
    buffers: (i) => batch.buffers.slice(first[i], first[i] + (fields[i].kind === 'utf8' ? 3 : 2)),
    dictionary(id) {
      // The workspace writes dictionary `id` as the id-th batch, whole (no deltas).
      const dblock = dictBlocks[id]
      if (!dblock) throw new Error(`missing dictionary ${id}`)
      const head = readHeader(src, dblock, DICTIONARY_BATCH)
      if (head.int64(0, 0) !== id || head.bool(2, false)) throw new Error(`dictionary ${id} is not where expected`)
      const data = head.table(1)
      if (!data) throw new Error(`dictionary ${id} has no data`)
      const values = readBatch(data, dblock)
      if (values.nodes.length !== 1 || values.buffers.length < 3) throw new Error(`dictionary ${id} is not a utf8 column`)
      return {header: {offset: dblock.offset, length: dblock.metadataLength}, buffers: values.buffers.slice(0, 3)}
    },
  }
}

function readBlock(footer: FlatTable, p: number, size: number): Block {
  const block = {offset: footer.int64At(p), metadataLength: footer.int32At(p + 8), bodyLength: footer.int64At(p + 16)}
  if (block.offset < 8 || block.metadataLength < 8 || block.bodyLength < 0 || block.offset + block.metadataLength + block.bodyLength > size) {
    throw new Error('bad Arrow block')
  }
  return block
}

/**
 * Read a message's header (a `Message` table) and return its RecordBatch or
 * DictionaryBatch table; the body follows the header in the file.
 */
function readHeader(src: ByteSource, block: Block, want: number): FlatTable {
  const meta = src.read(block.offset, block.metadataLength)
  const view = new DataView(meta.buffer, meta.byteOffset, meta.byteLength)
  // Since Arrow 0.15 a header starts with 0xFFFFFFFF, then its length; before, just the length.
  let start = 4
  let length = view.getInt32(0, true)
  if (length === -1) {
    length = view.getInt32(4, true)
    start = 8
  }
  if (length <= 0 || start + length > meta.length) throw new Error('bad Arrow message')
  const message = rootTable(meta.subarray(start, start + length))
  if (message.uint8(1, 0) !== want) throw new Error(`unexpected Arrow message type ${message.uint8(1, 0)}`)
  const header = message.table(2)
  if (!header) throw new Error('Arrow message has no header')
  return header
}

/** A RecordBatch table: rows, field nodes and buffers as absolute file ranges (inside the block's body). */
function readBatch(t: FlatTable, block: Block): Batch {
  if (t.table(3)) throw new Error('compressed Arrow buffers are not supported')
  const body = block.offset + block.metadataLength
  const buffers = t.structs(2, BUFFER_SIZE).map((p) => {
    const offset = t.int64At(p)
    const length = t.int64At(p + 8)
    if (offset < 0 || length < 0 || offset + length > block.bodyLength) throw new Error('Arrow buffer outside its message')
    return {offset: body + offset, length}
  })
  const nodes = t.structs(1, FIELD_NODE_SIZE).map((p) => ({length: t.int64At(p), nullCount: t.int64At(p + 8)}))
  const length = t.int64(0, 0)
  if (length < 0) throw new Error('bad Arrow row count')
  return {length, nodes, buffers}
}

/** A Schema.fbs Field: name, type (or dictionary encoding), metadata. */
function readField(f: FlatTable): IpcField {
  const name = f.string(0) ?? ''
  if (f.tables(5).length > 0) throw new Error(`column ${name} is nested`)
  const typeId = f.uint8(2, 0)
  const type = f.table(3)
  const dict = f.table(4)
  const metadata = new Map<string, string>()
  for (const kv of f.tables(6)) metadata.set(kv.string(0) ?? '', kv.string(1) ?? '')
  let kind: FieldKind
  let dictId = -1
  if (dict) {
    const index = dict.table(1)
    if (typeId !== TYPE_UTF8 || (index && !isInt32(index))) throw new Error(`column ${name}: unsupported dictionary`)
    kind = 'dict'
    dictId = dict.int64(0, 0)
  } else if (typeId === TYPE_UTF8) {
    kind = 'utf8'
  } else if (typeId === TYPE_FLOAT && type && type.int16(0, 0) === 2) {
    kind = 'float64'
  } else if (typeId === TYPE_INT && type && isInt32(type)) {
    kind = 'int32'
  } else if (typeId === TYPE_BOOL) {
    kind = 'bool'
  } else {
    throw new Error(`column ${name}: unsupported type ${typeId}`)
  }
  return {name, kind, dictId, metadata}
}

/** An `Int` type table: signed, 32 bits. */
function isInt32(t: FlatTable): boolean {
  return t.int32(0, 0) === 32 && t.bool(1, false)
}
