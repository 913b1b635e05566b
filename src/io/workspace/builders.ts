import {Batch, Column, batchType, dictionary, int32, utf8, type DataType} from '@uwdata/flechette'

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
      this.pos += this.bytes.write(v, this.pos, 'utf8')
    }
    this.offsets[i + 1] = this.pos
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

/**
 * Field metadata key: how many leading dictionary entries this part shares
 * with the previous part of the same import. The loader reuses its mapping for
 * them instead of decoding and looking them up again.
 */
export const DICT_PREFIX_KEY = 'spendkit.dict_prefix'

/** A dictionary larger than this is not carried into the next part, so memory stays bounded. */
const MAX_CARRIED_DICT = 1 << 20

/**
 * Dictionary builder for one string column; code -1 is null. The dictionary
 * is carried across the parts of an import (each part holds the whole
 * dictionary so far, so a part file stands alone), which makes most lookups in
 * later parts hits and lets the loader skip entries it has seen.
 */
export class DictBuilder {
  private index = new Map<string, number>()
  private dict: string[] = []
  private readonly codes: Int32Array
  private nulls = 0
  /** Entries in the previous part's dictionary (a prefix of this one). */
  private shared = 0
  // Adjacent rows often repeat a value (same buyer, currency, file): skip the Map then.
  private last: string | null = null
  private lastCode = -1

  constructor(capacity: number) {
    this.codes = new Int32Array(capacity)
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
    let code = this.index.get(v)
    if (code === undefined) {
      code = this.dict.length
      this.dict.push(v)
      this.index.set(v, code)
    }
    this.codes[i] = code
    this.last = v
    this.lastCode = code
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
      this.index = new Map()
      this.dict = []
      this.last = null
      this.lastCode = -1
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

