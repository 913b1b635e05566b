import {closeSync, fstatSync, openSync, readSync} from 'node:fs'
// flechette's metadata decoders only, not its package entry: a query needs no
// table construction, and the entry costs tens of ms to import at start-up.
import {Type} from '@uwdata/flechette/src/constants.js'
import {decodeBlocks} from '@uwdata/flechette/src/decode/block.js'
import {decodeDictionaryBatch} from '@uwdata/flechette/src/decode/dictionary-batch.js'
import {decodeRecordBatch} from '@uwdata/flechette/src/decode/record-batch.js'
import {decodeSchema} from '@uwdata/flechette/src/decode/schema.js'
import {readInt16, readInt32, readObject, readOffset, readUint8} from '@uwdata/flechette/src/util/read.js'
import type {DataType, Field, RecordBatch} from '@uwdata/flechette'
import {DICT_PREFIX_KEY} from './layout.js'
import {decodeAll, Scratch, typed} from './part-bytes.js'

export {Scratch}

/** One column of one part, as typed arrays over the bytes read for it. */
export type PartColumn =
  | {
    kind: 'dict'
    keys: Int32Array
    validity: Uint8Array | null
    /** Dictionary entries; `entry(k)` decodes one. */
    size: number
    entry(k: number): string
    /** All entries decoded (one decode of the whole byte range when it is ASCII). */
    entries(): string[]
    /** Leading entries shared with the previous part of the same import. */
    prefix: number
  }
  | {kind: 'text'; offsets: Int32Array; bytes: Uint8Array; validity: Uint8Array | null}
  | {kind: 'float64'; values: Float64Array}
  | {kind: 'int32'; values: Int32Array}
  | {kind: 'bool'; bits: Uint8Array}

/** An opened part: its row count and a reader for any one column, read and decoded only when asked for. */
export interface Part {
  rows: number
  column(name: string): PartColumn | null
}

/**
 * A part file opened for range reads; close it when done. A column's arrays
 * are views of a scratch buffer reused by the next `column` call: copy out
 * what is kept before asking for another column.
 */
export interface PartFile extends Part {
  close(): void
}

/** Random access to a part's bytes: a file (read by ranges) or bytes in memory. */
interface ByteSource {
  size: number
  read(offset: number, length: number): Uint8Array
}

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31] // ARROW1
const decoder = new TextDecoder('utf-8', {fatal: false})

/**
 * Open one part held in memory (tests, tools).
 * @example const part = openPart(readFileSync(path)); part.column('supplier')
 */
export function openPart(bytes: Uint8Array): Part {
  return parsePart({size: bytes.length, read: (o, n) => checked(bytes.subarray(o, o + n), n)})
}

/**
 * Open a part file for reading only what is asked for: the footer and
 * message metadata, then per column just its buffers (a query over 4 of 20
 * columns reads about a fifth of the file).
 * @example const part = openPartFile(path); try { part.column('amount') } finally { part.close() }
 */
export function openPartFile(path: string, scratch: Scratch = new Scratch()): PartFile {
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    const part = parsePart({
      size,
      read(offset, length) {
        const out = scratch.take(length)
        let got = 0
        while (got < length) {
          const n = readSync(fd, out, got, length - got, offset + got)
          if (n === 0) break
          got += n
        }
        return checked(out, length, got)
      },
    })
    const column = (name: string) => {
      scratch.reset()
      return part.column(name)
    }
    return {rows: part.rows, column, close: () => closeSync(fd)}
  } catch (error) {
    closeSync(fd)
    throw error
  }
}

function checked(bytes: Uint8Array, want: number, got = bytes.length): Uint8Array {
  if (got < want) throw new Error('truncated part file')
  return bytes
}

interface Message {
  /** Offset of the message body in the file. */
  body: number
  header: number
  head: Uint8Array
  version: number
}

/**
 * Parse the Arrow IPC file layout written by the workspace (one record batch,
 * flat columns: int32-keyed utf8 dictionaries, utf8, float64, int32, bool).
 */
function parsePart(src: ByteSource): Part {
  if (src.size < 16) throw new Error('too short for an Arrow file')
  const tail = src.read(src.size - 10, 10)
  for (let i = 0; i < 6; i++) if (tail[4 + i] !== MAGIC[i]) throw new Error('not an Arrow IPC file')
  const footerLength = readInt32(tail, 0)
  if (footerLength <= 0 || footerLength > src.size - 16) throw new Error('bad Arrow footer')
  const footer = src.read(src.size - 10 - footerLength, footerLength)
  const get = readObject(footer, 0)
  const version = get(4, readInt16, 4)
  const schema = get(6, (buf: Uint8Array, index: number) => decodeSchema(buf, index, version))
  const dictBlocks: Block[] = get(8, decodeBlocks, [])
  const recordBlocks: Block[] = get(10, decodeBlocks, [])
  const fields = schema?.fields ?? []
  if (recordBlocks.length !== 1) throw new Error(`expected one record batch, found ${recordBlocks.length}`)
  const recMsg = message(src, recordBlocks[0])
  const batch = decodeRecordBatch(recMsg.head, recMsg.header, recMsg.version)
  // Dictionary batches are located lazily, by id, from their (small) metadata.
  let dicts: Map<number, {batch: RecordBatch; body: number}> | null = null
  const dictionary = (id: number) => {
    if (!dicts) {
      dicts = new Map()
      for (const block of dictBlocks) {
        const m = message(src, block)
        const d = decodeDictionaryBatch(m.head, m.header, m.version)
        dicts.set(Number(d.id), {batch: d.data, body: m.body})
      }
    }
    const d = dicts.get(id)
    if (!d) throw new Error(`missing dictionary ${id}`)
    return d
  }
  // Each flat field has one node; its buffers follow those of the fields before it.
  const firstBuffer: number[] = []
  let b = 0
  for (const f of fields) {
    firstBuffer.push(b)
    b += bufferCount(f.type)
  }
  const region = (rb: RecordBatch, body: number, k: number): Uint8Array => {
    const r = rb.regions[k]
    if (!r) throw new Error('truncated part file')
    if (body + r.offset + r.length > src.size) throw new Error('truncated part file')
    return src.read(body + r.offset, r.length)
  }
  return {
    rows: Number(batch.length ?? 0),
    column(name: string): PartColumn | null {
      const i = fields.findIndex((f) => f.name === name)
      if (i < 0) return null
      return readColumn(fields[i], batch.nodes[i].nullCount, (k) => region(batch, recMsg.body, firstBuffer[i] + k), (id) => {
        const d = dictionary(id)
        return (k) => region(d.batch, d.body, k)
      })
    },
  }
}

interface Block {
  offset: number
  metadataLength: number
  bodyLength: number
}

/** Read one message's metadata (the flatbuffer after the length prefix); its body follows it. */
function message(src: ByteSource, block: Block): Message {
  const offset = Number(block.offset)
  const length = block.metadataLength
  if (offset < 0 || length < 8 || offset + length > src.size) throw new Error('bad Arrow block')
  const meta = src.read(offset, length)
  let start = 4
  let size = readInt32(meta, 0)
  if (size === -1) {
    size = readInt32(meta, 4)
    start = 8
  }
  if (size <= 0 || start + size > length) throw new Error('bad Arrow message')
  const head = meta.subarray(start, start + size)
  const get = readObject(head, 0)
  const version = get(4, readInt16, 4)
  const type = get(6, readUint8, 0)
  // 2: dictionary batch, 3: record batch (Arrow's MessageHeader).
  if (type !== 2 && type !== 3) throw new Error(`unexpected message type ${type}`)
  return {body: offset + length, header: get(8, readOffset, 0), head, version}
}

function bufferCount(type: DataType): number {
  switch (type.typeId) {
    case Type.Utf8:
      return 3
    case Type.Dictionary:
    case Type.Int:
    case Type.Float:
    case Type.Bool:
      return 2
    default:
      throw new Error(`unsupported column type ${type.typeId}`)
  }
}

type Region = (k: number) => Uint8Array

function readColumn(field: Field, nullCount: number, view: Region, dictRegions: (id: number) => Region): PartColumn {
  const type = field.type
  const validity = nullCount > 0 ? view(0) : null
  switch (type.typeId) {
    case Type.Dictionary: {
      const values = dictRegions((type as {id: number}).id)
      const offsets = typed(Int32Array, values(1))
      const bytes = values(2)
      const prefix = Number(field.metadata?.get(DICT_PREFIX_KEY) ?? 0)
      const size = Math.max(0, offsets.length - 1)
      const entry = (k: number) => decoder.decode(bytes.subarray(offsets[k], offsets[k + 1]))
      return {kind: 'dict', keys: typed(Int32Array, view(1)), validity, size, prefix, entry, entries: () => decodeAll(bytes, offsets, size, entry)}
    }
    case Type.Utf8:
      return {kind: 'text', offsets: typed(Int32Array, view(1)), bytes: view(2), validity}
    case Type.Float:
      return {kind: 'float64', values: typed(Float64Array, view(1))}
    case Type.Int:
      return {kind: 'int32', values: typed(Int32Array, view(1))}
    case Type.Bool:
      return {kind: 'bool', bits: view(1)}
    default:
      throw new Error(`unsupported column type ${type.typeId}`)
  }
}
