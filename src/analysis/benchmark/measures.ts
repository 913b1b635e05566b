import {SpendInputError} from '../../errors.js'
import type {SpendFrame} from '../../model/frame.js'
import {formatMinor} from '../../model/money.js'
import {benchmarkMsg} from '../../messages.js'
import {concentration, type ConcentrationRow} from '../concentration.js'
import {cube} from '../cube.js'
import {amounts, dim, type CategoryLevel} from '../dims.js'
import {compareIds} from '../json.js'
import {bucketRows, ratio, sumByGroup, type Rows} from '../kernel.js'
import {pareto, type ParetoGroup} from '../pareto.js'
import {checkWindow, lookbackPairs, type NewSupplierWindow, type PaidBefore, type Window} from './lookback.js'
import {smeMeasures, type SmeOfRow} from './sme.js'
import {BUYER_MEASURES, medianText, ratioText, type MeasureName, type MeasureValue} from './measure-parts.js'

export {BUYER_MEASURES, CATEGORY_MIX_MEASURE, medianText, ratioText, scaledText} from './measure-parts.js'
export type {NewSupplierWindow} from './lookback.js'
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

/** One category's share of a buyer's total spend (all rows, net). */
export interface CategoryShare {
  category_code: string | null
  category: string | null
  amount: string
  share: number | null
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
  const conc = new Map(concentration(frame, {by: 'buyer', selection: paid}).rows.map((r) => [r.group!.id, r]))
  const par = new Map(pareto(frame, {by: 'buyer', selection: paid, detail: window !== null}).groups.map((g) => [g.group!.id, g]))
  const tx = transactions(frame, paid, opts.currency)
  const seen = window ? lookbackPairs(frame, window, opts.currency, floor) : null
  const buyers = [...totals.values()].sort((a, b) => compareIds(a.buyer_id, b.buyer_id))
  for (const b of buyers) {
    const t = tx.get(b.buyer_id)
    const c = conc.get(b.buyer_id)
    const p = par.get(b.buyer_id)
    if (t) Object.assign(b.measures, t)
    if (c && p) supplierMeasures(b, c, p)
    else noSupplierMeasures(b, benchmarkMsg.noPayments())
    if (!t) for (const m of ['median_payment', 'mean_payment'] as const) b.not_computed[m] = benchmarkMsg.noPayments()
    newSupplierShare(b, p, window, seen)
  }
  smeMeasures(frame, paid, opts.smeOf, buyers)
  return {...base, buyers}
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
  let n = 0
  let k = 0
  for (let j = 0; j < m; j++) {
    const i = selection ? selection[j] : j
    if (cur.keys[i] !== key) {
      others[cur.keys[i]]++
      continue
    }
    rows[n++] = i
    const v = values[i]
    if (v > 0 && v >= floor) paid[k++] = i
  }
  const other: {currency: string | null; count: number}[] = []
  for (let c = 0; c < cur.size; c++) if (others[c] > 0) other.push({currency: cur.ids[c], count: others[c]})
  other.sort((a, b) => compareIds(a.currency, b.currency))
  return {rows: rows.subarray(0, n), paid: paid.subarray(0, k), other}
}

/** One entry per buyer, with its total spend and category mix (a buyer x category cube with subtotals). */
function buyerTotals(frame: SpendFrame, rows: Uint32Array, opts: BuyerMeasuresOptions): Map<string | null, BuyerMeasures> {
  const out = new Map<string | null, BuyerMeasures>()
  const c = cube(frame, {by: ['buyer', 'category'], rollup: true, selection: rows, level: opts.level, categoryLabels: opts.categoryLabels})
  const mix = new Map<string | null, CategoryShare[]>()
  for (const r of c.rows) {
    const id = r.ids[0]
    if (r.depth === 2) {
      const list = mix.get(id) ?? []
      list.push({category_code: r.ids[1], category: r.labels[1], amount: formatMinor(r.amount, opts.currency), share: r.share})
      mix.set(id, list)
    } else if (r.depth === 1) {
      const measures = Object.fromEntries(BUYER_MEASURES.map((s) => [s.name, s.unit === 'count' ? 0 : null])) as Record<MeasureName, MeasureValue>
      measures.total_spend = formatMinor(r.amount, opts.currency)
      out.set(id, {
        buyer_id: id, buyer: r.labels[0], currency: opts.currency, measures, not_computed: {},
        category_mix: [], supplier_left_out: {amount: formatMinor(0n, opts.currency), count: 0},
      })
    }
  }
  for (const [id, b] of out) b.category_mix = mix.get(id) ?? []
  return out
}

/** Count, exact median and mean of the payments at or above the floor, per buyer id. */
function transactions(frame: SpendFrame, paid: Uint32Array, currency: string): Map<string | null, Partial<Record<MeasureName, MeasureValue>>> {
  const b = dim(frame, 'buyer')
  const values = amounts(frame)
  const sums = sumByGroup(b.keys, b.size, values, paid)
  const buckets = bucketRows(b.keys, b.size, paid, frame.length)
  const out = new Map<string | null, Partial<Record<MeasureName, MeasureValue>>>()
  // The amounts in buyer order, in one buffer sorted per buyer in place: a
  // plain loop (a mapping callback per row took twice as long) and the
  // typed-array sort, which is numeric with no comparator.
  const sortedAll = new Float64Array(buckets.rows.length)
  for (let j = 0; j < sortedAll.length; j++) sortedAll[j] = values[buckets.rows[j]]
  for (let k = 0; k < b.size; k++) {
    const from = buckets.start[k]
    const n = buckets.start[k + 1] - from
    if (n === 0) continue
    const sorted = sortedAll.subarray(from, from + n).sort()
    const mid = n >> 1
    out.set(b.ids[k], {
      transactions: n,
      median_payment: medianText(sorted[n % 2 === 1 ? mid : mid - 1], sorted[mid], currency),
      mean_payment: ratioText(sums.total(k), n, currency),
    })
  }
  return out
}

function supplierMeasures(b: BuyerMeasures, c: ConcentrationRow, p: ParetoGroup): void {
  const m = b.measures
  m.suppliers = c.suppliers
  b.supplier_left_out = {amount: formatMinor(c.unidentified.amount, b.currency), count: c.unidentified.count}
  if (c.suppliers === 0) {
    noSupplierMeasures(b, benchmarkMsg.noSuppliers())
    return
  }
  m.spend_per_supplier = ratioText(p.positive, c.suppliers, b.currency)
  m.top5_share = c.cr5
  m.hhi = c.hhi
  m.tail_share = p.classes.find((k) => k.class === 'C')!.share
}

function noSupplierMeasures(b: BuyerMeasures, reason: string): void {
  for (const name of SUPPLIER_MEASURES) b.not_computed[name] = reason
}

/** Share of the positive identified spend with suppliers the buyer paid nothing (at or above the floor) in the lookback. */
function newSupplierShare(b: BuyerMeasures, p: ParetoGroup | undefined, window: Window | null, seen: PaidBefore | null): void {
  if (!window || !seen) {
    b.not_computed.new_supplier_share = benchmarkMsg.noPeriodStart()
    return
  }
  const reaches = typeof window.lookbackAvailable === 'function' ? window.lookbackAvailable(b.buyer_id) : window.lookbackAvailable
  if (!reaches) {
    b.not_computed.new_supplier_share = benchmarkMsg.noLookback(window.periodFrom, window.start)
    return
  }
  if (!p || !p.detail || b.measures.suppliers === 0) return
  let fresh = 0n
  for (const s of p.detail) if (s.class !== 'none' && !seen.has(b.buyer_id, s.id)) fresh += s.amount
  b.measures.new_supplier_share = ratio(fresh, p.positive)
}
