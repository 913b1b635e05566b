import {Batch, Column, batchType, dictionary, int32, utf8, type DataType} from '@uwdata/flechette'
import type {ValueDict} from './batch.js'
import {writeShort} from '../utf8-write.js'
import {DICT_PREFIX_KEY} from './layout.js'

/**
 * Builders for the string columns of a part: dictionary-encoded (most
 * columns) and plain utf8 (free text). Each produces a flechette Column over
 * typed arrays it owns and reuses from part to part.
 */


/**
 * Plain utf8 builder, for the free-text columns that are nearly unique per row
 * (description, transaction_id): a dictionary would be as long as the column
 * and cost a Map insert per row. Strings are encoded into a growing byte
 * buffer as they arrive; the loader builds a dictionary only when asked.
 */
export class TextBuilder {
  // A Buffer so write() can encode in place without a subarray per string.
  private bytes = Buffer.allocUnsafe(1 << 16)
  private readonly offsets: Int32Array
  private readonly valid: Uint8Array
  private pos = 0
  private nulls = 0

  constructor(capacity: number) {
    this.offsets = new Int32Array(capacity + 1)
    this.valid = new Uint8Array((capacity + 7) >> 3)
  }

  add(i: number, v: string | null | undefined): void {
    if (v === null || v === undefined) {
      this.nulls++
      this.valid[i >> 3] &= ~(1 << (i & 7))
    } else {
      this.valid[i >> 3] |= 1 << (i & 7)
      if (this.pos + v.length * 3 > this.bytes.length) this.grow(v.length * 3)
      this.pos = v.length <= 64 ? writeShort(this.bytes, v, this.pos) : this.pos + this.bytes.write(v, this.pos, 'utf8')
    }
    this.offsets[i + 1] = this.pos
  }

  /** Rows `from..from+n` of a batch's text column, stored from row i. */
  addRange(i: number, values: readonly (string | null)[], from: number, n: number): void {
    for (let k = 0; k < n; k++) this.add(i + k, values[from + k])
  }

  column(n: number): {col: Column<unknown>; metadata: Map<string, string>} {
    const type = utf8()
    const BatchType = batchType(type) as unknown as new (o: object) => Batch<unknown>
    const validity = this.nulls > 0 ? this.valid.subarray(0, (n + 7) >> 3) : new Uint8Array(0)
    const batch = new BatchType({length: n, nullCount: this.nulls, type, validity, offsets: this.offsets.subarray(0, n + 1), values: this.bytes.subarray(0, this.pos)})
    return {col: new Column([batch], type), metadata: new Map()}
  }

  reset(): void {
    this.pos = 0
    this.nulls = 0
  }

  private grow(need: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.pos + need))
    this.bytes.copy(next, 0, 0, this.pos)
    this.bytes = next
  }
}

// Defined in layout.ts so the loader need not import the (flechette-heavy) builders.
export {DICT_PREFIX_KEY}

/** A dictionary larger than this is not carried into the next part, so memory stays bounded. */
const MAX_CARRIED_DICT = 1 << 20

/**
 * Dictionary builder for one string column; code -1 is null. The dictionary
 * is carried across the parts of an import (each part holds the whole
 * dictionary so far, so a part file stands alone), which makes most lookups in
 * later parts hits and lets the loader skip entries it has seen.
 */
export class DictBuilder {
  /**
   * Value -> code. Null while one ValueDict is the only source since the
   * dictionary started: its codes are distinct values, so the remap alone
   * keeps entries unique and no Map is needed (built when a second source comes).
   */
  private index: Map<string, number> | null = new Map()
  private dict: string[] = []
  private readonly codes: Int32Array
  private nulls = 0
  /** Entries in the previous part's dictionary (a prefix of this one). */
  private shared = 0
  /** The dictionary was dropped once (see reset): the parts are not one chain. */
  private restarted = false
  // Adjacent rows often repeat a value (same buyer, currency, file): skip the Map then.
  private last: string | null = null
  private lastCode = -1
  /** Batch path: this builder's code for each code of `remapFrom` (-1 = not looked up yet). */
  private remapFrom: ValueDict | null = null
  private remap = new Int32Array(0)

  constructor(capacity: number) {
    this.codes = new Int32Array(capacity)
  }

  /**
   * Rows `from..from+n` of a batch column (codes into `dict`, -1 null), stored
   * from row i. Each distinct value is looked up once, then mapped through an array.
   */
  addCodes(i: number, src: Int32Array, from: number, n: number, dict: ValueDict): void {
    if (dict !== this.remapFrom) {
      if (this.remapFrom === null && this.dict.length === 0) this.index = null
      else this.ensureIndex()
      this.remapFrom = dict
      this.remap = new Int32Array(Math.max(64, dict.values.length * 2)).fill(-1)
    }
    const codes = this.codes
    for (let k = 0; k < n; k++) {
      const s = src[from + k] as number
      if (s < 0) {
        codes[i + k] = -1
        this.nulls++
        continue
      }
      if (s >= this.remap.length) this.growRemap(s)
      let code = this.remap[s] as number
      if (code < 0) {
        code = this.codeOf(dict.values[s] as string)
        this.remap[s] = code
      }
      codes[i + k] = code
    }
  }

  private growRemap(need: number): void {
    const next = new Int32Array(Math.max(need + 1, this.remap.length * 2)).fill(-1)
    next.set(this.remap)
    this.remap = next
  }

  private codeOf(v: string): number {
    const index = this.index
    let code = index === null ? undefined : index.get(v)
    if (code === undefined) {
      code = this.dict.length
      this.dict.push(v)
      index?.set(v, code)
    }
    return code
  }

  /** Build the value index now (see PartBuilder.prepareJoin). */
  prepareJoin(): void {
    if (!this.restarted) this.ensureIndex()
  }

  private ensureIndex(): Map<string, number> {
    if (this.index === null) this.index = new Map(this.dict.map((v, c) => [v, c]))
    return this.index
  }

  add(i: number, v: string | null | undefined): void {
    if (v === null || v === undefined) {
      this.codes[i] = -1
      this.nulls++
      return
    }
    if (v === this.last) {
      this.codes[i] = this.lastCode
      return
    }
    const index = this.index ?? this.ensureIndex()
    let code = index.get(v)
    if (code === undefined) {
      code = this.dict.length
      this.dict.push(v)
      index.set(v, code)
    }
    this.codes[i] = code
    this.last = v
    this.lastCode = code
  }

  /**
   * The whole dictionary of this builder's parts, each part's being a prefix
   * of it; null when it was dropped on the way (see reset).
   */
  chainDict(): string[] | null {
    return this.restarted ? null : this.dict
  }

  /**
   * For each value of another chain's dictionary, its code in a union of the
   * two: this chain's code when it has the value, else the next new code, in
   * the order of `other` (see PartWriter.adopt).
   */
  joinCodes(other: readonly string[]): Int32Array {
    const index = this.ensureIndex()
    const out = new Int32Array(other.length)
    let next = this.dict.length
    for (let k = 0; k < other.length; k++) out[k] = index.get(other[k]) ?? next++
    return out
  }

  /** An Arrow dictionary column over the first n codes. */
  column(n: number): {col: Column<unknown>; metadata: Map<string, string>} {
    const valueType = utf8()
    const type = dictionary(valueType, int32())
    const dictCol = new Column([utf8Batch(valueType, this.dict)], valueType)
    const BatchType = batchType(type) as unknown as new (o: object) => Batch<unknown> & {setDictionary(c: Column<unknown>): Batch<unknown>}
    const validity = this.nulls > 0 ? validityBits(this.codes, n) : new Uint8Array(0)
    const batch = new BatchType({length: n, nullCount: this.nulls, type, validity, values: this.codes.subarray(0, n)})
    batch.setDictionary(dictCol)
    return {col: new Column([batch], type), metadata: new Map([[DICT_PREFIX_KEY, String(this.shared)]])}
  }

  /** After a part is written: keep the dictionary for the next part unless it grew too large. */
  reset(): void {
    this.nulls = 0
    if (this.dict.length > MAX_CARRIED_DICT) {
      this.restarted = true
      this.index = new Map()
      this.dict = []
      this.last = null
      this.lastCode = -1
      this.remapFrom = null
    }
    this.shared = this.dict.length
  }
}

/** A utf8 batch (offsets + bytes) holding the dictionary values. */
function utf8Batch(type: DataType, values: readonly string[]): Batch<unknown> {
  let cap = 0
  for (const v of values) cap += v.length * 3
  const bytes = Buffer.allocUnsafe(cap)
  const offsets = new Int32Array(values.length + 1)
  let pos = 0
  for (let i = 0; i < values.length; i++) {
    pos += bytes.write(values[i], pos, 'utf8')
    offsets[i + 1] = pos
  }
  const BatchType = batchType(type) as unknown as new (o: object) => Batch<unknown>
  return new BatchType({length: values.length, nullCount: 0, type, validity: new Uint8Array(0), offsets, values: bytes.subarray(0, pos)})
}

/** Arrow validity bitmap (bit set = valid) from codes where -1 marks null. */
function validityBits(codes: Int32Array, n: number): Uint8Array {
  const bits = new Uint8Array((n + 7) >> 3)
  for (let i = 0; i < n; i++) if (codes[i] >= 0) bits[i >> 3] |= 1 << (i & 7)
  return bits
}

