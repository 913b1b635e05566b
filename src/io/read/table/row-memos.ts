/**
 * Per-distinct-value memos of the table reader: a date cell's parse and a
 * supplier name's facts are worked out once, and their codes in the batch
 * dictionaries are asked for once per dictionary generation (`gen`).
 * Published files repeat values over long runs of rows (sorted by date or
 * supplier), so each memo first compares with the last cell it saw.
 */
import {DateColumn, type DateOrder} from '../../../model/dates.js'
import {supplierFacts} from '../../../model/supplier.js'
import {flat, type RowBatch} from './batch.js'
import type {IdPair} from './row-ids.js'

/** A date cell's ISO date (null: no date; false: an error, see `error`). */
export interface DateInfo {
  iso: string | null | false
  error: string
  gen: number
  code: number
}

/**
 * Date cells -> DateInfo, memoised (up to 50,000 distinct cells).
 *
 * @example const d = new DateMemo('dmy').get('21/03/2012'); d.iso // '2012-03-21'
 */
export class DateMemo {
  private readonly dates: DateColumn
  private readonly info = new Map<string, DateInfo>()
  private lastCell = ''
  private last: DateInfo | undefined = undefined

  constructor(order: DateOrder) {
    this.dates = new DateColumn(order)
  }

  get(cell: string): DateInfo {
    let di = cell === this.lastCell ? this.last : this.info.get(cell)
    if (di === undefined) {
      const d = this.dates.parse(cell)
      di = {iso: d, error: d === false ? this.dates.error : '', gen: -1, code: -1}
      if (this.info.size < 50_000) this.info.set(flat(cell), di)
    }
    this.lastCell = cell
    this.last = di
    return di
  }

  /** The code of a parsed date (`di.iso` a string) in the batch's date dictionary. */
  code(di: DateInfo, b: RowBatch): number {
    if (di.gen !== b.gen) {
      di.code = b.dicts.date.code(di.iso as string)
      di.gen = b.gen
    }
    return di.code
  }
}

/**
 * Per distinct supplier name, what the rows need: computed once, with the
 * name's codes in the batch dictionaries (valid while `gen` equals the batch's).
 */
export interface SupplierInfo extends IdPair {
  redacted: boolean
  key: string
  gen: number
  nameCode: number
  keyCode: number
}

/**
 * Supplier names -> SupplierInfo with current batch codes, memoised (up to 200,000 names).
 *
 * @example new SupplierMemo().get('REDACTED', batch).redacted // true
 */
export class SupplierMemo {
  private readonly suppliers = new Map<string, SupplierInfo>()
  private lastName = ''
  private last: SupplierInfo | undefined = undefined

  get(supplier: string, b: RowBatch): SupplierInfo {
    let sup = supplier === this.lastName ? this.last : this.suppliers.get(supplier)
    if (sup === undefined) {
      const {redacted, key} = supplierFacts(supplier)
      sup = {redacted, key, gen: -1, nameCode: -1, keyCode: -1, idRaw: null, idInfo: null}
      if (this.suppliers.size < 200_000) this.suppliers.set(flat(supplier), sup)
    }
    this.lastName = supplier
    this.last = sup
    if (sup.gen !== b.gen) {
      sup.nameCode = b.dicts.supplier.code(supplier)
      sup.keyCode = b.dicts.supplier_key.code(sup.key)
      sup.gen = b.gen
    }
    return sup
  }
}
