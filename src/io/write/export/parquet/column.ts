/**
 * One column's chunk of the current row group, built page by page: values
 * go into a bounded page buffer, a full page is encoded, compressed and kept
 * (compressed) until the row group is written; then the chunk's bytes (the
 * dictionary page first, where there is one) and its metadata come out and
 * the builder starts the next chunk empty.
 */
import {gzipSync} from 'node:zlib'
import type {ExportColumn} from '../types.js'
import {bitWidth, encodeDefLevels, encodeHybrid, plainBool, plainInt32, plainInt64, plainStrings} from './encode.js'
import {ENCODING, PAGE_TYPE, pageHeader, type ChunkMeta, type Stats} from './format.js'

/** Rows per data page at most (what current writers use), besides the byte target. */
export const PAGE_ROWS = 20_000

export interface ColumnLimits {
  pageBytes: number
  dictionaryBytes: number
}

/** GZIP at a fast level; the header's OS byte fixed so the bytes do not depend on the platform. */
function compress(body: Buffer): Buffer {
  const out = gzipSync(body, {level: 1})
  out[9] = 3
  return out
}

type Value = string | bigint | number | boolean | null

export class ColumnBuilder {
  readonly column: ExportColumn
  private readonly limits: ColumnLimits
  // the open page
  private n = 0
  private nonNull = 0
  private readonly defs: Uint8Array
  private readonly ints: Int32Array | undefined
  private readonly longs: BigInt64Array | undefined
  private readonly bools: Uint8Array | undefined
  private strings: string[] = []
  private stringBytes = 0
  // the chunk
  private pages: Buffer[] = []
  private pagesBytes = 0
  private uncompressed = 0
  private numValues = 0
  private nulls = 0
  private dict: Map<string, number> | undefined
  private dictValues: string[] = []
  private dictBytes = 0
  private usedPlain = false
  private min: number | bigint | undefined
  private max: number | bigint | undefined

  constructor(column: ExportColumn, limits: ColumnLimits) {
    this.column = column
    this.limits = limits
    this.defs = new Uint8Array(PAGE_ROWS)
    if (column.type === 'int32' || column.type === 'date') this.ints = new Int32Array(PAGE_ROWS)
    else if (column.type === 'int64') this.longs = new BigInt64Array(PAGE_ROWS)
    else if (column.type === 'bool') this.bools = new Uint8Array(PAGE_ROWS)
    else if (column.dictionary) this.ints = new Int32Array(PAGE_ROWS)
    this.resetDictionary()
  }

  private resetDictionary(): void {
    this.dict = this.column.type === 'string' && this.column.dictionary ? new Map() : undefined
    this.dictValues = []
    this.dictBytes = 0
  }

  /** Add values[from..to) of one batch. */
  add(values: ReadonlyArray<Value>, from: number, to: number): void {
    const {column} = this
    for (let i = from; i < to; i++) {
      const v = values[i]
      if (v === null || v === undefined) {
        if (!column.nullable) throw new Error(`parquet: null in the required column ${column.name}`)
        this.defs[this.n++] = 0
        this.nulls++
      } else {
        this.defs[this.n++] = 1
        this.put(v)
      }
      if (this.n === PAGE_ROWS || this.openBytes() >= this.limits.pageBytes) this.closePage()
    }
  }

  private put(v: Exclude<Value, null>): void {
    const k = this.nonNull++
    switch (this.column.type) {
      case 'int32':
      case 'date': {
        const x = v as number
        if ((x | 0) !== x) throw new Error(`parquet: ${x} in ${this.column.name} is not a 32-bit integer`)
        this.ints![k] = x
        if (this.min === undefined || x < (this.min as number)) this.min = x
        if (this.max === undefined || x > (this.max as number)) this.max = x
        return
      }
      case 'int64': {
        const x = typeof v === 'bigint' ? v : BigInt(v as number)
        if (x !== BigInt.asIntN(64, x)) throw new Error(`parquet: ${x} in ${this.column.name} is past the 64-bit integer range`)
        this.longs![k] = x
        if (this.min === undefined || x < (this.min as bigint)) this.min = x
        if (this.max === undefined || x > (this.max as bigint)) this.max = x
        return
      }
      case 'bool':
        this.bools![k] = v ? 1 : 0
        return
      case 'string': {
        const s = v as string
        if (this.dict) {
          let id = this.dict.get(s)
          if (id === undefined) {
            id = this.dictValues.length
            this.dict.set(s, id)
            this.dictValues.push(s)
            this.dictBytes += 4 + Buffer.byteLength(s)
          }
          this.ints![k] = id
        } else {
          this.strings.push(s)
          this.stringBytes += Buffer.byteLength(s)
        }
      }
    }
  }

  /** Bytes of the open page, roughly as encoded. */
  private openBytes(): number {
    switch (this.column.type) {
      case 'int64': return this.nonNull * 8
      case 'bool': return this.n >> 3
      case 'string': return this.dict ? (this.nonNull * bitWidth(this.dictValues.length)) >> 3 : this.stringBytes + 4 * this.nonNull
      default: return this.nonNull * 4
    }
  }

  /** The chunk's bytes so far (compressed pages, the open page, the dictionary): what the row group target counts. */
  bufferedBytes(): number {
    return this.pagesBytes + this.openBytes() + this.dictBytes
  }

  private closePage(): void {
    if (this.n === 0) return
    const parts: Buffer[] = []
    if (this.column.nullable) parts.push(encodeDefLevels(this.defs, this.n))
    let encoding: number = ENCODING.PLAIN
    const t = this.column.type
    if (t === 'int32' || t === 'date') parts.push(plainInt32(this.ints!, this.nonNull))
    else if (t === 'int64') parts.push(plainInt64(this.longs!, this.nonNull))
    else if (t === 'bool') parts.push(plainBool(this.bools!, this.nonNull))
    else if (this.dict) {
      const width = bitWidth(Math.max(0, this.dictValues.length - 1))
      parts.push(Buffer.from([width]), encodeHybrid(this.ints!, this.nonNull, width))
      encoding = ENCODING.RLE_DICTIONARY
    } else {
      parts.push(plainStrings(this.strings, this.nonNull, this.stringBytes))
      this.usedPlain = true
    }
    const body = Buffer.concat(parts)
    const packed = compress(body)
    const header = pageHeader(PAGE_TYPE.DATA_PAGE, body.length, packed.length, {numValues: this.n, encoding})
    this.pages.push(header, packed)
    this.pagesBytes += header.length + packed.length
    this.uncompressed += header.length + body.length
    this.numValues += this.n
    this.n = 0
    this.nonNull = 0
    this.strings = []
    this.stringBytes = 0
    // a dictionary past its limit: the pages written keep it, the rest of the chunk is PLAIN
    if (this.dict && this.dictBytes > this.limits.dictionaryBytes) {
      this.dict = undefined
      this.usedPlain = true
    }
  }

  /**
   * Close the chunk: its bytes (to write at `offset`) and its metadata. The
   * builder is then empty, ready for the next row group.
   */
  finishChunk(offset: number): {bytes: Buffer[]; meta: ChunkMeta} {
    // a dictionary column always has its dictionary page (the pages before a fallback use it)
    const hadDictionary = this.column.type === 'string' && this.column.dictionary === true
    this.closePage()
    const bytes: Buffer[] = []
    let size = 0
    let uncompressed = this.uncompressed
    let dictionaryOffset: number | undefined
    if (hadDictionary) {
      const body = plainStrings(this.dictValues, this.dictValues.length, this.dictBytes - 4 * this.dictValues.length)
      const packed = compress(body)
      const header = pageHeader(PAGE_TYPE.DICTIONARY_PAGE, body.length, packed.length, {numValues: this.dictValues.length, encoding: ENCODING.PLAIN})
      bytes.push(header, packed)
      size += header.length + packed.length
      uncompressed += header.length + body.length
      dictionaryOffset = offset
    }
    const dataOffset = offset + size
    bytes.push(...this.pages)
    size += this.pagesBytes
    const encodings = new Set<number>([ENCODING.RLE])
    if (dictionaryOffset !== undefined) encodings.add(ENCODING.PLAIN).add(ENCODING.RLE_DICTIONARY)
    if (this.usedPlain || !(this.column.type === 'string' && this.column.dictionary)) encodings.add(ENCODING.PLAIN)
    const stats: Stats = {nullCount: this.nulls}
    if (this.min !== undefined && this.max !== undefined) {
      stats.min = this.statBytes(this.min)
      stats.max = this.statBytes(this.max)
    } else if (hadDictionary && !this.usedPlain && this.dictValues.length > 0) {
      // a whole-dictionary chunk: min and max in unsigned byte order of the UTF-8, as the STRING type orders
      let min = Buffer.from(this.dictValues[0])
      let max = min
      for (let i = 1; i < this.dictValues.length; i++) {
        const b = Buffer.from(this.dictValues[i])
        if (Buffer.compare(b, min) < 0) min = b
        if (Buffer.compare(b, max) > 0) max = b
      }
      stats.min = min
      stats.max = max
    }
    const meta: ChunkMeta = {
      column: this.column,
      encodings: [...encodings].sort((a, b) => a - b),
      numValues: this.numValues,
      uncompressed,
      compressed: size,
      dataOffset,
      dictionaryOffset,
      stats,
    }
    this.pages = []
    this.pagesBytes = 0
    this.uncompressed = 0
    this.numValues = 0
    this.nulls = 0
    this.usedPlain = false
    this.min = undefined
    this.max = undefined
    this.resetDictionary()
    return {bytes, meta}
  }

  private statBytes(v: number | bigint): Buffer {
    if (typeof v === 'bigint') {
      const b = Buffer.alloc(8)
      b.writeBigInt64LE(v)
      return b
    }
    const b = Buffer.alloc(4)
    b.writeInt32LE(v)
    return b
  }
}
