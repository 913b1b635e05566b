/**
 * Column batches: the fast path from the table reader to the import writer.
 * The read layer's output contract, beside RecordSink: the reader fills a
 * RowBatch and hands it to a sink; a sink that implements BatchSink (the
 * workspace writer) takes it whole.
 *
 * Why: handing the writer one SpendRecord object per row costs an allocation
 * and a string-keyed Map lookup per string column per row (~15 a row, several
 * into 50,000-entry maps). In a batch the reader numbers each distinct value
 * of a column once (`ValueDict`, usually while memoising per-value work it
 * does anyway) and fills typed arrays with those numbers; the writer maps them
 * to its own dictionary codes through an array, so a row costs no hashing
 * there. Sinks without `addBatch` get the same rows as ordinary SpendRecords.
 */
import type {BuyerOrigin, SpendRecord} from '../../../model/record.js'
import type {RecordSink} from '../types.js'

/**
 * A copy of a string that does not share storage, for keys and values kept in
 * long-lived maps. Cells are slices of the decoded chunk they came from: kept
 * as they are, each holds its whole chunk in memory (peak RSS of the 1M-row
 * bench import: about 330 MB with, under 200 MB without), and each lookup
 * that compares against one follows a pointer into an old chunk. V8 copies
 * short slices already; `(s + ' ').slice(0, -1)` makes it copy a longer one
 * into fresh storage (about 2x cheaper than a Buffer round trip; the text is
 * unchanged either way).
 *
 * @example flat(line.slice(3, 40)) // same text, own storage
 */
export function flat(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1)
}

/**
 * The distinct values of one string column, numbered in order of arrival.
 *
 * @example const d = new ValueDict(); d.code('GBP') // 0; d.code('GBP') // 0; d.values // ['GBP']
 */
export class ValueDict {
  readonly values: string[] = []
  private readonly index = new Map<string, number>()
  // Published files repeat a value over runs of rows (sorted by supplier, date...): skip the Map then.
  private last = ''
  private lastCode = -1

  code(v: string): number {
    if (v === this.last && this.lastCode >= 0) return this.lastCode
    let c = this.index.get(v)
    if (c === undefined) {
      c = this.values.length
      const f = flat(v)
      this.values.push(f)
      this.index.set(f, c)
    }
    this.last = v
    this.lastCode = c
    return c
  }
}

/** The dictionary-encoded columns of a batch (every string column but the free text). */
export const BATCH_DICT_COLUMNS = [
  'buyer_id', 'buyer', 'unit', 'supplier_id', 'supplier', 'supplier_key', 'date', 'currency', 'category_scheme',
  'category_code', 'category', 'expense_type', 'source', 'source_file', 'buyer_origin', 'supplier_scale',
  'invoice_number',
] as const

export type BatchDictColumn = (typeof BATCH_DICT_COLUMNS)[number]

type PerColumn<T> = {[K in BatchDictColumn]: T}

/**
 * Up to `capacity` rows, column-wise: codes into `dicts` (-1 is null), money
 * and line numbers in typed arrays, free text as strings. The dictionaries
 * outlive a batch (the writer caches its mapping per dictionary); `gen`
 * changes when they are replaced, and callers holding codes must then ask again.
 */
export class RowBatch {
  length = 0
  gen = 0
  readonly codes: PerColumn<Int32Array>
  dicts: PerColumn<ValueDict>
  readonly amount: Float64Array
  readonly line: Int32Array
  readonly redacted: Uint8Array
  readonly description: (string | null)[]
  readonly transaction_id: (string | null)[]

  /**
   * @param capacity rows per batch
   * @param maxValues values in one dictionary beyond which `clear` starts new
   *   dictionaries, so memory stays bounded whatever the file
   */
  constructor(
    readonly capacity = 4096,
    private readonly maxValues = 1 << 20,
  ) {
    const codes = {} as PerColumn<Int32Array>
    for (const c of BATCH_DICT_COLUMNS) codes[c] = new Int32Array(capacity)
    this.codes = codes
    this.dicts = newDicts()
    this.amount = new Float64Array(capacity)
    this.line = new Int32Array(capacity)
    this.redacted = new Uint8Array(capacity)
    this.description = new Array<string | null>(capacity).fill(null)
    this.transaction_id = new Array<string | null>(capacity).fill(null)
  }

  /** After the batch was handed on: empty it, and start new dictionaries if one grew too large. */
  clear(): void {
    this.length = 0
    for (const c of BATCH_DICT_COLUMNS) {
      if (this.dicts[c].values.length > this.maxValues) {
        this.dicts = newDicts()
        this.gen++
        return
      }
    }
  }

  /** Append a record (the caller hands the batch on when `length === capacity`). */
  push(r: SpendRecord): void {
    const i = this.length++
    for (const c of BATCH_DICT_COLUMNS) {
      const v = r[c]
      this.codes[c][i] = v === null || v === undefined ? -1 : this.dicts[c].code(v)
    }
    this.amount[i] = r.amount
    this.line[i] = r.source_line
    this.redacted[i] = r.redacted ? 1 : 0
    this.description[i] = r.description
    this.transaction_id[i] = r.transaction_id
  }

  /** Row i as a SpendRecord (for sinks that take records). */
  record(i: number): SpendRecord {
    const v = (c: BatchDictColumn): string | null => {
      const code = this.codes[c][i] as number
      return code < 0 ? null : (this.dicts[c].values[code] as string)
    }
    return {
      buyer_id: v('buyer_id') as string,
      buyer: v('buyer') as string,
      unit: v('unit'),
      supplier_id: v('supplier_id'),
      supplier: v('supplier') as string,
      supplier_key: v('supplier_key') as string,
      date: v('date'),
      amount: this.amount[i] as number,
      currency: v('currency') as string,
      category_scheme: v('category_scheme'),
      category_code: v('category_code'),
      category: v('category'),
      expense_type: v('expense_type'),
      description: this.description[i] as string | null,
      transaction_id: this.transaction_id[i] as string | null,
      source: v('source') as string,
      source_file: v('source_file') as string,
      source_line: this.line[i] as number,
      redacted: this.redacted[i] === 1,
      buyer_origin: v('buyer_origin') as BuyerOrigin,
      supplier_scale: v('supplier_scale'),
      invoice_number: v('invoice_number'),
    }
  }
}

function newDicts(): PerColumn<ValueDict> {
  const d = {} as PerColumn<ValueDict>
  for (const c of BATCH_DICT_COLUMNS) d[c] = new ValueDict()
  return d
}

/** A sink that also takes whole batches (the import writer). */
export interface BatchSink extends RecordSink {
  addBatch(batch: RowBatch): void
}

/**
 * Hand a batch to a sink: whole when it takes batches, else row by row as records.
 *
 * @example sendBatch(batch, sink); batch.clear()
 */
export function sendBatch(batch: RowBatch, sink: RecordSink): void {
  const s = sink as Partial<BatchSink>
  if (typeof s.addBatch === 'function') s.addBatch(batch)
  else for (let i = 0; i < batch.length; i++) sink.add(batch.record(i))
}
