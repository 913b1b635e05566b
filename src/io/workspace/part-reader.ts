import {Type, type DataType, type Field, type RecordBatch} from '@uwdata/flechette'
// flechette's decoder without table construction: tableFromIPC would decode every
// dictionary of every column, which costs more than the columns a query needs.
import {decodeIPC} from '@uwdata/flechette/src/decode/decode-ipc.js'
import {DICT_PREFIX_KEY} from './builders.js'

/** One column of one part, as typed-array views over the file bytes. */
export type PartColumn =
  | {
    kind: 'dict'
    keys: Int32Array
    validity: Uint8Array | null
    /** Dictionary entries; `entry(k)` decodes one. */
    size: number
    entry(k: number): string
    /** Leading entries shared with the previous part of the same import. */
    prefix: number
  }
  | {kind: 'text'; offsets: Int32Array; bytes: Uint8Array; validity: Uint8Array | null}
  | {kind: 'float64'; values: Float64Array}
  | {kind: 'int32'; values: Int32Array}
  | {kind: 'bool'; bits: Uint8Array}

/** A decoded part: its row count and a reader for any one column, decoded only when asked for. */
export interface Part {
  rows: number
  column(name: string): PartColumn | null
}

const decoder = new TextDecoder('utf-8', {fatal: false})

/**
 * Open one part file written by the workspace (one record batch, flat columns:
 * int32-keyed utf8 dictionaries, utf8, float64, int32, bool). Buffers are
 * located from the batch metadata; only the asked-for columns are touched.
 * @example const part = openPart(readFileSync(path)); part.column('supplier')
 */
export function openPart(bytes: Uint8Array): Part {
  const data = decodeIPC(bytes)
  const fields = data.schema?.fields ?? []
  const records = data.records ?? []
  if (records.length !== 1) throw new Error(`expected one record batch, found ${records.length}`)
  const batch = records[0]
  const dicts = new Map((data.dictionaries ?? []).map((d) => [d.id, d]))
  // Each flat field has one node; its buffers follow those of the fields before it.
  const firstBuffer: number[] = []
  let b = 0
  for (const f of fields) {
    firstBuffer.push(b)
    b += bufferCount(f.type)
  }
  return {
    rows: Number(batch.length ?? 0),
    column(name: string): PartColumn | null {
      const i = fields.findIndex((f) => f.name === name)
      if (i < 0) return null
      return readColumn(fields[i], batch, i, firstBuffer[i], dicts)
    },
  }
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

type Dicts = Map<number, {data: RecordBatch; body?: Uint8Array}>

function readColumn(field: Field, batch: RecordBatch, node: number, buf: number, dicts: Dicts): PartColumn {
  const type = field.type
  const {nullCount} = batch.nodes[node]
  const view = (k: number) => region(batch, buf + k)
  const validity = nullCount > 0 ? view(0) : null
  switch (type.typeId) {
    case Type.Dictionary: {
      const d = dicts.get(type.id)
      if (!d) throw new Error(`missing dictionary ${type.id}`)
      const values = {...d.data, body: d.body}
      const offsets = typed(Int32Array, region(values, 1))
      const bytes = region(values, 2)
      const prefix = Number(field.metadata?.get(DICT_PREFIX_KEY) ?? 0)
      return {
        kind: 'dict', keys: typed(Int32Array, view(1)), validity, size: Math.max(0, offsets.length - 1), prefix,
        entry: (k) => decoder.decode(bytes.subarray(offsets[k], offsets[k + 1])),
      }
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

function region(batch: RecordBatch, k: number): Uint8Array {
  const r = batch.regions[k]
  if (!batch.body || !r) throw new Error('truncated part file')
  return batch.body.subarray(r.offset, r.offset + r.length)
}

/** A typed view of the bytes (copied only if they are not aligned for the type). */
function typed<T extends Int32Array | Float64Array>(Ctor: {new (b: ArrayBufferLike, o: number, n: number): T; new (b: ArrayBufferLike): T; BYTES_PER_ELEMENT: number}, bytes: Uint8Array): T {
  const size = Ctor.BYTES_PER_ELEMENT
  if (bytes.byteOffset % size === 0) return new Ctor(bytes.buffer, bytes.byteOffset, bytes.byteLength / size)
  // new Uint8Array(view) copies (Buffer#slice would not).
  return new Ctor(new Uint8Array(bytes).buffer)
}
