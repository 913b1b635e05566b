import type {SpendFrame} from '../../model/frame.js'
import {dim} from '../dims.js'
import {concentration} from '../concentration.js'
import {BIG_ROW, ratio, type ColumnBuckets} from '../kernel.js'
import {pareto} from '../pareto.js'
import type {Unidentified} from '../unidentified.js'
import {leaveOutMask} from '../unidentified.js'
import type {PaidBefore} from './lookback.js'

/**
 * The supplier-base measures of every buyer from one grouping of its
 * payments by supplier (typed arrays), instead of concentration and pareto
 * each grouping the rows again. The figures are those concentration (CR5,
 * HHI, suppliers, unidentified) and pareto (positive base, class C, the
 * suppliers' totals for the new-supplier share) give, computed in the same
 * order, so the doubles (HHI) come out to the same bits.
 */
export interface SupplierBase {
  /** Suppliers with a positive total (redacted and blank left out). */
  suppliers: number
  /** Sum of the positive supplier totals. */
  positive: bigint
  /** Share of the five largest suppliers in `positive` (concentration's CR5). */
  cr5: number | null
  /** Sum of squared percentage shares, 0-10,000 (null when nothing is positive). */
  hhi: number | null
  /** Spend of class C (the tail past 95% of positive spend). */
  tail: bigint
  /** Spend with suppliers not in `seen` (null without it, or when `wants` says no for the buyer). */
  fresh: bigint | null
  /** Redacted and blank suppliers: left out of the above. */
  unidentified: Unidentified
}

/** Below this sum per buyer, every partial sum (and x20) is an exact double: pareto's SMALL. */
const SMALL = 4e14

/**
 * One entry per buyer id with a row in `buckets` (payments by buyer key from
 * bucketColumns, with their amounts and supplier keys alongside, read in
 * order: every amount positive, one currency), or null when some amount is
 * too large for the double fast path (the caller then uses concentration and
 * pareto).
 * @example supplierBase(frame, bucketColumns(buyer.keys, buyer.size, paid, frame.length, amounts(frame), supplier.keys), null)?.get('leeds')?.cr5 // 0.62
 */
export function supplierBase(frame: SpendFrame, buckets: ColumnBuckets, seen: PaidBefore | null, wants: (buyer: string | null) => boolean = () => true): Map<string | null, SupplierBase> | null {
  const b = dim(frame, 'buyer')
  const s = dim(frame, 'supplier')
  const cols = buckets
  for (let j = 0; j < cols.values.length; j++) if (!(cols.values[j] > 0 && cols.values[j] < BIG_ROW)) return null
  const mask = leaveOutMask(s, false)
  // Per buyer: suppliers in order of first payment (the order the grouping
  // kernels number them in), their totals and row counts.
  const local = new Int32Array(s.size).fill(-1)
  const keyOf = new Int32Array(s.size)
  const tot = new Float64Array(s.size)
  const cnt = new Int32Array(s.size)
  const out = new Map<string | null, SupplierBase>()
  for (let k = 0; k < b.size; k++) {
    const from = buckets.start[k]
    const to = buckets.start[k + 1]
    if (from === to) continue
    const n = groupBucketed(from, to, cols.other, cols.values, local, keyOf, tot, cnt)
    let sum = 0
    for (let m = 0; m < n; m++) sum += tot[m]
    for (let m = 0; m < n; m++) local[keyOf[m]] = -1
    if (sum > SMALL) return null
    out.set(b.ids[k], measure(b.ids[k], n, keyOf, tot, cnt, mask, s.ids, seen && wants(b.ids[k]) ? seen : null))
  }
  return out
}

/** One buyer's bucketed rows [from, to) grouped by supplier in first-row order (`supplier[j]`, `values[j]` of the j-th bucketed row); returns the number of suppliers. */
function groupBucketed(
  from: number, to: number, supplier: Int32Array, values: Float64Array,
  local: Int32Array, keyOf: Int32Array, tot: Float64Array, cnt: Int32Array,
): number {
  let n = 0
  for (let j = from; j < to; j++) {
    const key = supplier[j]
    let m = local[key]
    if (m < 0) {
      m = local[key] = n++
      keyOf[m] = key
      tot[m] = 0
      cnt[m] = 0
    }
    tot[m] += values[j]
    cnt[m]++
  }
  return n
}

function measure(
  buyer: string | null, n: number, keyOf: Int32Array, tot: Float64Array, cnt: Int32Array,
  mask: Uint8Array | null, ids: readonly (string | null)[], seen: PaidBefore | null,
): SupplierBase {
  const order = new Int32Array(n)
  for (let m = 0; m < n; m++) order[m] = m
  let end = n
  let leftAmount = 0
  let leftCount = 0
  if (mask) {
    let masked = 0
    for (let m = 0; m < n; m++) if (mask[keyOf[m]] === 1) masked++
    for (let m = 0; m < n; m++) {
      if (mask[keyOf[m]] === 1) {
        leftAmount += tot[m]
        leftCount += cnt[m]
      }
    }
    end = moveToEnd(order, n, keyOf, mask, masked)
  }
  let positive = 0
  let squares = 0
  let suppliers = 0
  let fresh = 0
  const top = new Float64Array(end)
  for (let j = 0; j < end; j++) {
    const t = tot[order[j]]
    if (t <= 0) continue
    positive += t
    squares += t * t
    top[suppliers++] = t
    if (seen && !seen.has(buyer, ids[keyOf[order[j]]])) fresh += t
  }
  const desc = top.subarray(0, suppliers).sort().reverse()
  let top5 = 0
  for (let j = 0; j < Math.min(5, suppliers); j++) top5 += desc[j]
  // Pareto's classes on the ranked totals: A while before*5 < P*4, B while before*20 < P*19, C the rest.
  let before = 0
  let tail = 0
  for (let j = 0; j < suppliers; j++) {
    if (!(before * 5 < positive * 4) && !(before * 20 < positive * 19)) tail += desc[j]
    before += desc[j]
  }
  const p = positive
  return {
    suppliers, positive: BigInt(positive), cr5: ratio(BigInt(top5), BigInt(positive)), hhi: positive > 0 ? (squares / (p * p)) * 10_000 : null,
    tail: BigInt(tail), fresh: seen ? BigInt(fresh) : null, unidentified: {amount: BigInt(leftAmount), count: leftCount},
  }
}

/** memberGroups' unordered list: the masked members swapped to the end in place (the order the HHI is summed in). */
function moveToEnd(rows: Int32Array, to: number, keyOf: Int32Array, mask: Uint8Array, masked: number): number {
  let end = to
  for (let j = 0; j < end && masked > 0;) {
    if (mask[keyOf[rows[j]]] === 1) {
      end--
      const t = rows[j]
      rows[j] = rows[end]
      rows[end] = t
      masked--
    } else {
      j++
    }
  }
  return end
}

/**
 * The same figures from concentration and pareto (two groupings, BigInt where
 * needed): the path for amounts too large for `supplierBase`, and its reference.
 * @example referenceSupplierBase(frame, paid, null).get('leeds')?.suppliers // 42
 */
export function referenceSupplierBase(frame: SpendFrame, paid: Uint32Array, seen: PaidBefore | null, wants: (buyer: string | null) => boolean = () => true): Map<string | null, SupplierBase> {
  const par = new Map(pareto(frame, {by: 'buyer', selection: paid, detail: seen !== null}).groups.map((g) => [g.group!.id, g]))
  const out = new Map<string | null, SupplierBase>()
  for (const c of concentration(frame, {by: 'buyer', selection: paid}).rows) {
    const id = c.group!.id
    const p = par.get(id)!
    let fresh: bigint | null = null
    if (seen && wants(id)) {
      fresh = 0n
      for (const s of p.detail!) if (s.class !== 'none' && !seen.has(id, s.id)) fresh += s.amount
    }
    out.set(id, {
      suppliers: c.suppliers, positive: p.positive, cr5: c.cr5, hhi: c.hhi,
      tail: p.classes.find((k) => k.class === 'C')!.amount, fresh, unidentified: c.unidentified,
    })
  }
  return out
}
