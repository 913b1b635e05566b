import {
  Batch, Column, Endianness, Table, Version, batchType, bool, float64, int32, tableToIPC, type DataType, type Field,
} from '@uwdata/flechette'
import {columnKind} from '../../model/frame.js'
import type {RecordColumn, SpendRecord} from '../../model/record.js'
import {BATCH_DICT_COLUMNS, type BatchDictColumn, type RowBatch} from './batch.js'
import {DictBuilder, TextBuilder} from './builders.js'
import {WRITTEN_COLUMNS} from './layout.js'

/** The batch's dictionary columns stored in parts (not `source`: see WRITTEN_COLUMNS). */
const STORED_DICT_COLUMNS = BATCH_DICT_COLUMNS.filter((c): c is StoredDictColumn => c !== 'source')

export type StoredDictColumn = Exclude<BatchDictColumn, 'source'>

/**
 * Column builders for one part: strings are dictionary-encoded as they
 * arrive (a Map per column), numbers and flags go into typed arrays. The
 * arrays are allocated once at part size and reused for every part, so
 * memory stays bounded whatever the file size.
 */
export class PartBuilder {
  readonly capacity: number
  length = 0
  private readonly amount: Float64Array
  private readonly line: Int32Array
  private readonly redacted: Uint8Array
  // One field per column, each read by name in add(): V8 keeps these accesses monomorphic,
  // which a loop over column names would not (measured: about 2x on the add path).
  private readonly buyer_id: DictBuilder
  private readonly buyer: DictBuilder
  private readonly unit: DictBuilder
  private readonly supplier_id: DictBuilder
  private readonly supplier: DictBuilder
  private readonly supplier_key: DictBuilder
  private readonly date: DictBuilder
  private readonly currency: DictBuilder
  private readonly category_scheme: DictBuilder
  private readonly category_code: DictBuilder
  private readonly category: DictBuilder
  private readonly expense_type: DictBuilder
  private readonly description: TextBuilder
  private readonly transaction_id: TextBuilder
  private readonly source_file: DictBuilder
  private readonly buyer_origin: DictBuilder
  private readonly supplier_scale: DictBuilder
  private readonly invoice_number: DictBuilder

  constructor(capacity: number) {
    this.capacity = capacity
    const d = (): DictBuilder => new DictBuilder(capacity)
    this.buyer_id = d()
    this.buyer = d()
    this.unit = d()
    this.supplier_id = d()
    this.supplier = d()
    this.supplier_key = d()
    this.date = d()
    this.currency = d()
    this.category_scheme = d()
    this.category_code = d()
    this.category = d()
    this.expense_type = d()
    this.description = new TextBuilder(capacity)
    this.transaction_id = new TextBuilder(capacity)
    this.source_file = d()
    this.buyer_origin = d()
    this.supplier_scale = d()
    this.invoice_number = d()
    this.amount = new Float64Array(capacity)
    this.line = new Int32Array(capacity)
    this.redacted = new Uint8Array(capacity)
  }

  /** Append one record; the caller flushes when `length === capacity`. */
  add(r: SpendRecord): void {
    const i = this.length++
    this.buyer_id.add(i, r.buyer_id)
    this.buyer.add(i, r.buyer)
    this.unit.add(i, r.unit)
    this.supplier_id.add(i, r.supplier_id)
    this.supplier.add(i, r.supplier)
    this.supplier_key.add(i, r.supplier_key)
    this.date.add(i, r.date)
    this.currency.add(i, r.currency)
    this.category_scheme.add(i, r.category_scheme)
    this.category_code.add(i, r.category_code)
    this.category.add(i, r.category)
    this.expense_type.add(i, r.expense_type)
    this.description.add(i, r.description)
    this.transaction_id.add(i, r.transaction_id)
    this.source_file.add(i, r.source_file)
    this.buyer_origin.add(i, r.buyer_origin)
    this.supplier_scale.add(i, r.supplier_scale ?? null)
    this.invoice_number.add(i, r.invoice_number ?? null)
    this.amount[i] = r.amount
    this.line[i] = r.source_line
    this.redacted[i] = r.redacted ? 1 : 0
  }

  /** Append rows `from..from+n` of a batch; n must fit (`capacity - length`). */
  addBatch(b: RowBatch, from: number, n: number): void {
    const i = this.length
    for (const c of STORED_DICT_COLUMNS) this[c].addCodes(i, b.codes[c], from, n, b.dicts[c])
    this.description.addRange(i, b.description, from, n)
    this.transaction_id.addRange(i, b.transaction_id, from, n)
    this.amount.set(b.amount.subarray(from, from + n), i)
    this.line.set(b.line.subarray(from, from + n), i)
    this.redacted.set(b.redacted.subarray(from, from + n), i)
    this.length += n
  }

  /** Each dictionary column's whole dictionary so far (null: not one chain; see DictBuilder.chainDict). */
  chainDicts(): Partial<Record<StoredDictColumn, string[] | null>> {
    const out: Partial<Record<StoredDictColumn, string[] | null>> = {}
    for (const c of STORED_DICT_COLUMNS) out[c] = this[c].chainDict()
    return out
  }

  /** Build what joinCodes needs from this side ahead of time (while the other side finishes). */
  prepareJoin(): void {
    for (const c of STORED_DICT_COLUMNS) this[c].prepareJoin()
  }

  /** Union codes of another chain's dictionaries (see DictBuilder.joinCodes); columns missing on either side are left out. */
  joinCodes(other: Partial<Record<StoredDictColumn, string[] | null>>): Partial<Record<StoredDictColumn, {base: number; codes: Int32Array}>> {
    const out: Partial<Record<StoredDictColumn, {base: number; codes: Int32Array}>> = {}
    for (const c of STORED_DICT_COLUMNS) {
      const theirs = other[c]
      const mine = this[c].chainDict()
      if (theirs && mine) out[c] = {base: mine.length, codes: this[c].joinCodes(theirs)}
    }
    return out
  }

  /**
   * Encode the rows so far as an Arrow IPC file and reset for the next part.
   * With a sink the bytes go there (returns null); else they are returned.
   */
  flush(sink?: IpcSink): Uint8Array | null {
    const n = this.length
    const fields: Field[] = []
    const children: Column<unknown>[] = []
    for (const name of WRITTEN_COLUMNS) {
      const kind = columnKind(name)
      let col: Column<unknown>
      let metadata = new Map<string, string>()
      if (kind === 'dict') ({col, metadata} = (this[name as StringColumn] as DictBuilder | TextBuilder).column(n))
      else if (name === 'amount') col = direct(float64(), this.amount.subarray(0, n), n)
      else if (kind === 'num') col = direct(int32(), this.line.subarray(0, n), n)
      else col = direct(bool(), packBits(this.redacted, n), n)
      fields.push({name, type: col.type, nullable: kind === 'dict', metadata})
      children.push(col)
    }
    const schema = {version: Version.V5, endianness: Endianness.Little, fields, metadata: null}
    const bytes = tableToIPC(new Table(schema, children), {format: 'file', sink})
    for (const name of WRITTEN_COLUMNS) if (columnKind(name) === 'dict') (this[name as StringColumn] as DictBuilder | TextBuilder).reset()
    this.length = 0
    return bytes
  }
}

/** Where tableToIPC writes its bytes, in order (flechette's Sink). */
export interface IpcSink {
  write(bytes: Uint8Array): void
  pad(byteCount: number): void
  finish(): Uint8Array | null
}

type StringColumn = Exclude<RecordColumn, 'amount' | 'source_line' | 'redacted' | 'source'>

function direct(type: DataType, values: Int32Array | Float64Array | Uint8Array, n: number): Column<unknown> {
  const BatchType = batchType(type) as unknown as new (o: object) => Batch<unknown>
  return new Column([new BatchType({length: n, nullCount: 0, type, validity: new Uint8Array(0), values})], type)
}

/** Arrow packs booleans LSB-first, eight to a byte. */
function packBits(flags: Uint8Array, n: number): Uint8Array {
  const bits = new Uint8Array((n + 7) >> 3)
  for (let i = 0; i < n; i++) if (flags[i]) bits[i >> 3] |= 1 << (i & 7)
  return bits
}
