import {SpendInputError} from '../../errors.js'
import type {SpendFrame} from '../../model/frame.js'
import {formatMinor} from '../../model/money.js'
import {benchmarkMsg} from '../../messages.js'
import {amounts, dim, type CategoryLevel} from '../dims.js'
import {compareIds} from '../json.js'
import {bucketColumns, FLUSH, ratio, type ColumnBuckets, type Rows} from '../kernel.js'
import {selectKth} from './select.js'
import {checkWindow, lookbackPairs, type NewSupplierWindow, type Window} from './lookback.js'
import {smeMeasures, type SmeOfRow} from './sme.js'
import {BUYER_MEASURES, medianText, ratioText, type MeasureName, type MeasureValue} from './measure-parts.js'
import {categoryMix, referenceCategoryMix, type CategoryShare} from './category-mix.js'
import {referenceSupplierBase, supplierBase, type SupplierBase} from './supplier-base.js'

export {BUYER_MEASURES, CATEGORY_MIX_MEASURE, medianText, ratioText, scaledText} from './measure-parts.js'
export type {NewSupplierWindow} from './lookback.js'
export type {CategoryShare} from './category-mix.js'
export type {MeasureBasis, MeasureName, MeasureSpec, MeasureUnit, MeasureValue} from './measure-parts.js'

export interface BuyerMeasuresOptions {
  /** The one currency measured; selected rows in other currencies are ignored and counted in `other_currencies`. */
  currency: string
  /** The buyers' rows in the period (from filterRows); null/undefined = every row. */
  selection?: Rows
  /**
   * Transaction and supplier-base measures use payments of at least this many
   * minor units (default 0). Only payments count there: rows of zero or less
   * (credit notes) never do, whatever the floor.
   */
  floorMinor?: number
  /** Category level of the mix (CPV-style codes cut as `--level` cuts them). */
  level?: CategoryLevel
  /** Category code -> label for the mix. */
  categoryLabels?: ReadonlyMap<string, string>
  /** Without it, `new_supplier_share` is null (not computed, said so). */
  newSuppliers?: NewSupplierWindow
  /** Whether a row's supplier is an SME (null: size not known); without it, the sme measures are null (said so). See sme.ts. */
  smeOf?: SmeOfRow
}


export interface BuyerMeasures {
  buyer_id: string | null
  buyer: string | null
  currency: string
  /** One value per name of BUYER_MEASURES: money as exact decimal strings, shares 0-1 and HHI unrounded numbers. */
  measures: Record<MeasureName, MeasureValue>
  /** Why a measure is null, per measure (only the null ones). */
  not_computed: Partial<Record<MeasureName, string>>
  /** Share of total spend per category, largest first (ties by code). */
  category_mix: CategoryShare[]
  /** Payments at or above the floor with a redacted or blank supplier: counted in the transactions, left out of the supplier measures. */
  supplier_left_out: {amount: string; count: number}
}

export interface BuyerMeasuresResult {
  currency: string
  /** The floor the `basis: 'floor'` measures used, in minor units. */
  floor_minor: number
  level: CategoryLevel | null
  measures: typeof BUYER_MEASURES
  /** One entry per buyer with a selected row in the currency, by buyer id. */
  buyers: BuyerMeasures[]
  /** Selected rows in other currencies, per currency: ignored, never added. */
  other_currencies: {currency: string | null; count: number}[]
  /** The payments the floor measures used (in the currency, above zero, at or above the floor) by buyer key, amounts and supplier keys alongside: for sharedSuppliers' `paidByBuyer`. */
  paid_by_buyer?: ColumnBuckets
}

/**
 * Benchmark measures for every buyer in the selection, in one currency.
 * Total spend and the category mix are on all of a buyer's rows (net of
 * credit notes); the supplier base (suppliers, spend per supplier, top-5
 * share, HHI as concentration computes it, tail share as pareto's class C,
 * share with suppliers new in the period) and the transactions (count,
 * median, mean) are on payments at or above `floorMinor`, with redacted and
 * blank suppliers left out of the supplier measures (`supplier_left_out`).
 * A median between two payments can hold half a minor unit and is written
 * exactly (`10.005`); a mean or spend per supplier is rounded half to even
 * to two more decimals than the currency has (`33.3333`). A supplier is new
 * when the buyer made it no payment at or above the floor in the 12 months
 * before the period (the floor applies there too, so a higher publisher's
 * missing small payments do not make suppliers look new).
 * @example buyerMeasures(frame, {currency: 'GBP', floorMinor: 50000}).buyers[0].measures.median_payment // '812.50'
 */
export function buyerMeasures(frame: SpendFrame, opts: BuyerMeasuresOptions): BuyerMeasuresResult {
  const floor = opts.floorMinor ?? 0
  if (!Number.isSafeInteger(floor) || floor < 0) {
    throw new SpendInputError('BAD_FLOOR', benchmarkMsg.badFloor(opts.floorMinor), {where: '--floor', hint: benchmarkMsg.badFloorHint()})
  }
  const window = opts.newSuppliers ? checkWindow(opts.newSuppliers) : null
  const {rows, paid, other} = splitRows(frame, opts.currency, opts.selection ?? null, floor)
  const base = {currency: opts.currency, floor_minor: floor, level: opts.level ?? null, measures: BUYER_MEASURES, other_currencies: other}
  if (rows.length === 0) return {...base, buyers: []}
  const totals = buyerTotals(frame, rows, opts)
  // The payments by buyer, with their amounts and supplier keys alongside (read in order after this).
  const byBuyer = bucketColumns(dim(frame, 'buyer').keys, dim(frame, 'buyer').size, paid, frame.length, amounts(frame), dim(frame, 'supplier').keys)
  const tx = transactions(frame, byBuyer, opts.currency)
  const seen = window ? lookbackPairs(frame, window, opts.currency, floor) : null
  // One grouping by supplier per buyer; amounts too large for doubles take concentration and pareto.
  const bases = supplierBase(frame, byBuyer, seen, (id) => reaches(window, id)) ?? referenceSupplierBase(frame, paid, seen, (id) => reaches(window, id))
  const buyers = [...totals.values()].sort((a, b) => compareIds(a.buyer_id, b.buyer_id))
  for (const b of buyers) {
    const t = tx.get(b.buyer_id)
    const sb = bases.get(b.buyer_id)
    if (t) Object.assign(b.measures, t)
    if (sb) supplierMeasures(b, sb)
    else noSupplierMeasures(b, benchmarkMsg.noPayments())
    if (!t) for (const m of ['median_payment', 'mean_payment'] as const) b.not_computed[m] = benchmarkMsg.noPayments()
    newSupplierShare(b, sb, window)
  }
  smeMeasures(frame, paid, opts.smeOf, buyers)
  return {...base, buyers, paid_by_buyer: byBuyer}
}

const SUPPLIER_MEASURES = ['spend_per_supplier', 'top5_share', 'hhi', 'tail_share', 'new_supplier_share'] as const

/** Selected rows in the currency, those that are payments at or above the floor, and the rest counted per currency. */
function splitRows(frame: SpendFrame, currency: string, selection: Rows, floor: number) {
  const cur = dim(frame, 'currency')
  const values = amounts(frame)
  const key = cur.ids.indexOf(currency)
  const m = selection ? selection.length : frame.length
  const rows = new Uint32Array(m)
  const paid = new Uint32Array(m)
  const others = new Int32Array(cur.size)
  const [n, k] = splitPass(selection, m, cur.keys, key, values, floor, rows, paid, others)
  const other: {currency: string | null; count: number}[] = []
  for (let c = 0; c < cur.size; c++) if (others[c] > 0) other.push({currency: cur.ids[c], count: others[c]})
  other.sort((a, b) => compareIds(a.currency, b.currency))
  return {rows: rows.subarray(0, n), paid: paid.subarray(0, k), other}
}

/** The row pass of splitRows on its own, with locals (V8 compiles a hot loop best alone); returns [rows, paid]. */
function splitPass(
  selection: Rows, m: number, keys: Int32Array, key: number, values: Float64Array, floor: number,
  rows: Uint32Array, paid: Uint32Array, others: Int32Array,
): [number, number] {
  let n = 0
  let k = 0
  for (let j = 0; j < m; j++) {
    const i = selection ? selection[j] : j
    const c = keys[i]
    if (c !== key) {
      others[c]++
      continue
    }
    rows[n++] = i
    const v = values[i]
    if (v > 0 && v >= floor) paid[k++] = i
  }
  return [n, k]
}

/** One entry per buyer, with its total spend and category mix (the figures of a buyer x category cube with subtotals). */
function buyerTotals(frame: SpendFrame, rows: Uint32Array, opts: BuyerMeasuresOptions): Map<string | null, BuyerMeasures> {
  const out = new Map<string | null, BuyerMeasures>()
  const mixOpts = {level: opts.level, categoryLabels: opts.categoryLabels}
  for (const m of categoryMix(frame, rows, opts.currency, mixOpts) ?? referenceCategoryMix(frame, rows, opts.currency, mixOpts)) {
    const measures = Object.fromEntries(BUYER_MEASURES.map((s) => [s.name, s.unit === 'count' ? 0 : null])) as Record<MeasureName, MeasureValue>
    measures.total_spend = formatMinor(m.total, opts.currency)
    out.set(m.buyer_id, {
      buyer_id: m.buyer_id, buyer: m.buyer, currency: opts.currency, measures, not_computed: {},
      category_mix: m.mix, supplier_left_out: {amount: formatMinor(0n, opts.currency), count: 0},
    })
  }
  return out
}

/** Count, exact median and mean of the payments at or above the floor, per buyer id (`buckets`: the payments by buyer key). */
function transactions(frame: SpendFrame, buckets: ColumnBuckets, currency: string): Map<string | null, Partial<Record<MeasureName, MeasureValue>>> {
  const b = dim(frame, 'buyer')
  const out = new Map<string | null, Partial<Record<MeasureName, MeasureValue>>>()
  // The amounts in buyer order, in one buffer (a copy: selection reorders it); the two middle values of each
  // buyer's slice found by selection (no full sort), the sum alongside.
  const all = buckets.values.slice()
  for (let k = 0; k < b.size; k++) {
    const from = buckets.start[k]
    const n = buckets.start[k + 1] - from
    if (n === 0) continue
    const slice = all.subarray(from, from + n)
    let sum = 0
    for (let j = 0; j < n; j++) sum += slice[j]
    // Payments are positive, so the running sum only grows: exact while below FLUSH.
    const total = sum < FLUSH ? BigInt(sum) : exactSum(slice)
    const mid = n >> 1
    const hi = selectKth(slice, mid)
    const lo = n % 2 === 1 ? hi : maxBelow(slice, mid)
    out.set(b.ids[k], {
      transactions: n,
      median_payment: medianText(lo, hi, currency),
      mean_payment: ratioText(total, n, currency),
    })
  }
  return out
}

function exactSum(xs: Float64Array): bigint {
  let t = 0n
  for (const x of xs) t += BigInt(x)
  return t
}

/** The largest of xs[0 .. k): after selectKth(xs, k) these are the k smallest. */
function maxBelow(xs: Float64Array, k: number): number {
  let m = -Infinity
  for (let j = 0; j < k; j++) if (xs[j] > m) m = xs[j]
  return m
}

function supplierMeasures(b: BuyerMeasures, c: SupplierBase): void {
  const m = b.measures
  m.suppliers = c.suppliers
  b.supplier_left_out = {amount: formatMinor(c.unidentified.amount, b.currency), count: c.unidentified.count}
  if (c.suppliers === 0) {
    noSupplierMeasures(b, benchmarkMsg.noSuppliers())
    return
  }
  m.spend_per_supplier = ratioText(c.positive, c.suppliers, b.currency)
  m.top5_share = c.cr5
  m.hhi = c.hhi
  m.tail_share = ratio(c.tail, c.positive)
}

function noSupplierMeasures(b: BuyerMeasures, reason: string): void {
  for (const name of SUPPLIER_MEASURES) b.not_computed[name] = reason
}

/** Whether the data reaches back over the lookback for this buyer. */
function reaches(window: Window | null, id: string | null): boolean {
  if (!window) return false
  return typeof window.lookbackAvailable === 'function' ? window.lookbackAvailable(id) : window.lookbackAvailable
}

/** Share of the positive identified spend with suppliers the buyer paid nothing (at or above the floor) in the lookback. */
function newSupplierShare(b: BuyerMeasures, c: SupplierBase | undefined, window: Window | null): void {
  if (!window) {
    b.not_computed.new_supplier_share = benchmarkMsg.noPeriodStart()
    return
  }
  if (!reaches(window, b.buyer_id)) {
    b.not_computed.new_supplier_share = benchmarkMsg.noLookback(window.periodFrom, window.start)
    return
  }
  if (!c || c.fresh === null || b.measures.suppliers === 0) return
  b.measures.new_supplier_share = ratio(c.fresh, c.positive)
}
