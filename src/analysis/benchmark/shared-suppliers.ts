import {SpendInputError} from '../../errors.js'
import {currencyExponent} from '../../model/currency.js'
import type {SpendFrame} from '../../model/frame.js'
import {formatMinor} from '../../model/money.js'
import {benchmarkMsg, benchSharedMsg} from '../../messages.js'
import {divRoundHalfEven} from '../rational.js'
import {amounts, dim} from '../dims.js'
import {compareIds} from '../json.js'
import {GroupSums, type ColumnBuckets, type Rows} from '../kernel.js'
import {scaledText} from './measure-parts.js'
import {eighthsToDecimal, medianMinor, quartileEighths} from './stats-minor.js'

/**
 * The suppliers a buyer shares with its peers: for each, the buyer's spend
 * and mean payment beside each peer's. A starting point for price
 * comparison, not a price benchmark (the same supplier may sell different
 * things to each buyer).
 */

export interface SharedSuppliersOptions {
  /** The one currency compared; rows in other currencies are ignored. */
  currency: string
  buyerId: string
  peerIds: readonly string[]
  /** Each buyer's rows (buyer id -> rows, e.g. each on its own period); without it, `selection` split by buyer. */
  rowsByBuyer?: ReadonlyMap<string, ArrayLike<number>>
  /** The rows considered when `rowsByBuyer` is not given; null/undefined = every row. */
  selection?: Rows
  /** Only payments of at least this many minor units count (default 0); rows of zero or less never do. */
  floorMinor?: number
  /**
   * The payments (in the currency, above zero, at or above the floor) by buyer
   * key with their amounts and supplier keys alongside (what buyerMeasures
   * returns as `paid_by_buyer`): read in order; wins over `rowsByBuyer` and `selection`.
   */
  paidByBuyer?: ColumnBuckets
  /** Rows kept, the buyer's largest first (default 20); the rest are counted in `total`. */
  top?: number
}

/** What one peer paid a shared supplier. */
export interface SharedPeerSpend {
  buyer: string | null
  buyer_id: string
  spend: string
  count: number
  mean: string
}

export interface SharedSupplierRow {
  supplier: string | null
  supplier_id: string
  /** The buyer's spend with the supplier (payments at or above the floor), exact. */
  spend: string
  count: number
  /** spend / count, rounded half to even to two more decimals than the currency has. */
  mean: string
  /** Peers with a payment to the supplier (at or above the floor). */
  peers_paying: number
  /** Median (type 7) of the paying peers' spend, exact. */
  peer_median_spend: string
  /** Median (type 7) of the paying peers' mean payments as written, exact. */
  peer_median_mean: string
  /** The paying peers, by buyer id. */
  peers: SharedPeerSpend[]
}

export interface SharedSuppliersResult {
  currency: string
  floor_minor: number
  /** Suppliers the buyer shares with at least one peer. */
  total: number
  shown: number
  rows: SharedSupplierRow[]
}

export const SHARED_TOP = 20

/**
 * Suppliers (by supplier key, as the analyses group them; redacted and blank
 * never matched) that the buyer and at least one peer paid, in one currency,
 * on payments at or above the floor as the supplier measures count them. For
 * each: the buyer's spend, payment count and mean payment, the number of
 * peers paying it, the paying peers' medians of spend and of mean payment,
 * and each paying peer's figures. Money is exact: sums in minor units, means
 * rounded half to even as measures.ts rounds them, medians exact (half a
 * unit of the last decimal written out). Ordered by the buyer's spend,
 * largest first, ties by supplier key; the first `top` rows are kept.
 * @example sharedSuppliers(frame, {currency: 'GBP', buyerId: 'a', peerIds: ['b']}).rows[0].peer_median_mean // '12.3450'
 */
export function sharedSuppliers(frame: SpendFrame, opts: SharedSuppliersOptions): SharedSuppliersResult {
  const floor = opts.floorMinor ?? 0
  if (!Number.isSafeInteger(floor) || floor < 0) {
    throw new SpendInputError('BAD_FLOOR', benchmarkMsg.badFloor(opts.floorMinor), {where: '--floor', hint: benchmarkMsg.badFloorHint()})
  }
  const top = opts.top ?? SHARED_TOP
  if (!Number.isSafeInteger(top) || top < 0) throw new SpendInputError('BAD_FLAG', benchSharedMsg.badTop(top), {where: '--shared-top', hint: benchSharedMsg.badTopHint(), exit: 2})
  const {currency} = opts
  const base = {currency, floor_minor: floor}
  // Each buyer's rows, split from the selection only when going peer by peer.
  let split: ((id: string) => ArrayLike<number>) | null = null
  const rowsOf = (id: string) => (split ??= buyerRows(frame, opts))(id)
  const s = dim(frame, 'supplier')
  const b = dim(frame, 'buyer')
  const paid = paidRows(frame, currency, floor)
  // The buyer's suppliers, numbered densely (slot per supplier key).
  const slot = new Int32Array(s.size).fill(-1)
  const keys: number[] = []
  const own = new GroupSums(s.size)
  const v = amounts(frame)
  const cols = opts.paidByBuyer ?? null
  const ownKey = b.ids.indexOf(opts.buyerId)
  const add = (k: number, amount: number) => {
    if (s.unidentified?.[k]) return
    if (slot[k] < 0) {
      slot[k] = keys.length
      keys.push(k)
    }
    own.add(slot[k], amount)
  }
  if (cols) {
    if (ownKey >= 0) for (let j = cols.start[ownKey]; j < cols.start[ownKey + 1]; j++) add(cols.other[j], cols.values[j])
  } else {
    const mine = rowsOf(opts.buyerId)
    for (let j = 0; j < mine.length; j++) if (paid(mine[j])) add(s.keys[mine[j]], v[mine[j]])
  }
  if (keys.length === 0) return {...base, total: 0, shown: 0, rows: []}
  const peers = [...new Set(opts.peerIds)].filter((p) => p !== opts.buyerId).sort(compareIds)
  const {paying, entries} = peerByPeer(keys.length, peers, cols ? (id) => b.ids.indexOf(id) : rowsOf, cols, slot, s.keys, paid, v)
  const shared: number[] = []
  for (let g = 0; g < keys.length; g++) if (paying[g] > 0) shared.push(g)
  shared.sort((x, y) => own.compare(y, x) || compareIds(s.ids[keys[x]], s.ids[keys[y]]))
  const nameOf = (id: string) => b.labels[b.ids.indexOf(id)] ?? null
  const rows = shared.slice(0, top).map((g): SharedSupplierRow => {
    const list = entries(g)
    const means = list.map((p) => meanHundredths(p.total, p.count))
    return {
      supplier: s.labels[keys[g]], supplier_id: s.ids[keys[g]]!,
      spend: formatMinor(own.total(g), currency), count: own.count[g], mean: meanText(meanHundredths(own.total(g), own.count[g]), currency),
      peers_paying: list.length,
      peer_median_spend: medianMinor(list.map((p) => p.total), currency)!,
      peer_median_mean: medianMean(means, currency),
      peers: list.map((p, j) => ({buyer: nameOf(p.peer), buyer_id: p.peer, spend: formatMinor(p.total, currency), count: p.count, mean: meanText(means[j], currency)})),
    }
  })
  return {...base, total: shared.length, shown: rows.length, rows}
}

/** What each peer paid each supplier slot, one pass per peer over its own rows. */
function peerByPeer(
  slots: number, peers: readonly string[], rowsOf: ((id: string) => ArrayLike<number>) | ((id: string) => number), cols: ColumnBuckets | null,
  slot: Int32Array, supplier: Int32Array, paid: (i: number) => boolean, v: Float64Array,
): {paying: Int32Array; entries: (g: number) => {peer: string; total: bigint; count: number}[]} {
  const sums = new GroupSums(slots)
  // What each peer paid each of the buyer's suppliers, as a list per supplier
  // (head/next, newest first) of plain numbers: exact BigInts are made only
  // for the rows shown.
  const head = new Int32Array(slots).fill(-1)
  const paying = new Int32Array(slots)
  const next: number[] = []
  const entryPeer: number[] = []
  const entryAcc: number[] = []
  const entryCount: number[] = []
  const entryBig = new Map<number, bigint>()
  for (let p = 0; p < peers.length; p++) {
    const touched: number[] = []
    const theirs = rowsOf(peers[p])
    if (cols) {
      // The peer's payments, their supplier keys and amounts in bucket order: read in order.
      const k = theirs as number
      for (let j = k < 0 ? 0 : cols.start[k], end = k < 0 ? 0 : cols.start[k + 1]; j < end; j++) {
        const g = slot[cols.other[j]]
        if (g < 0) continue
        if (sums.count[g] === 0) touched.push(g)
        sums.add(g, cols.values[j])
      }
    }
    // Most of a peer's rows go to suppliers the buyer does not pay: test that first.
    const list = cols ? [] : (theirs as ArrayLike<number>)
    for (let j = 0; j < list.length; j++) {
      const i = list[j]
      const g = slot[supplier[i]]
      if (g < 0 || !paid(i)) continue
      if (sums.count[g] === 0) touched.push(g)
      sums.add(g, v[i])
    }
    for (const g of touched) {
      const e = next.length
      next.push(head[g])
      head[g] = e
      paying[g]++
      entryPeer.push(p)
      entryAcc.push(sums.acc[g])
      entryCount.push(sums.count[g])
      const big = sums.big.get(g)
      if (big !== undefined) entryBig.set(e, big)
      sums.acc[g] = 0
      sums.count[g] = 0
      sums.big.delete(g)
    }
  }
  const entries = (g: number): {peer: string; total: bigint; count: number}[] => {
    const out = []
    for (let e = head[g]; e >= 0; e = next[e]) out.push({peer: peers[entryPeer[e]], total: (entryBig.get(e) ?? 0n) + BigInt(entryAcc[e]), count: entryCount[e]})
    return out.reverse()
  }
  return {paying, entries}
}

/** A mean in hundredths of a minor unit, rounded half to even (as measures.ts rounds a mean payment). */
function meanHundredths(total: bigint, count: number): bigint {
  return divRoundHalfEven(total * 100n, BigInt(count))
}

/** The median of means in hundredths of a minor unit, exact, with at least the decimals of a mean ('20.0050', '20.00505'). */
function medianMean(means: readonly bigint[], currency: string): string {
  const text = eighthsToDecimal(quartileEighths([...means].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)), 2), currency, 2)
  const decimals = currencyExponent(currency) + 2
  const [whole, frac = ''] = text.split('.')
  return decimals === 0 ? text : `${whole}.${frac.padEnd(decimals, '0')}`
}

function meanText(hundredths: bigint, currency: string): string {
  return scaledText(hundredths, currencyExponent(currency) + 2)
}

/** A test of one row: a payment (above zero) at or above the floor, in the currency. */
function paidRows(frame: SpendFrame, currency: string, floor: number): (i: number) => boolean {
  const cur = dim(frame, 'currency')
  const key = cur.ids.indexOf(currency)
  const v = amounts(frame)
  return (i) => cur.keys[i] === key && v[i] > 0 && v[i] >= floor
}

/** Each buyer's rows: given, or the selection bucketed by buyer once. */
function buyerRows(frame: SpendFrame, opts: SharedSuppliersOptions): (id: string) => ArrayLike<number> {
  if (opts.rowsByBuyer) {
    const given = opts.rowsByBuyer
    return (id) => given.get(id) ?? []
  }
  const b = dim(frame, 'buyer')
  const wanted = new Map<number, number[]>()
  for (const id of [opts.buyerId, ...opts.peerIds]) {
    const k = b.ids.indexOf(id)
    if (k >= 0) wanted.set(k, [])
  }
  const sel = opts.selection ?? null
  const m = sel ? sel.length : frame.length
  for (let j = 0; j < m; j++) {
    const i = sel ? sel[j] : j
    wanted.get(b.keys[i])?.push(i)
  }
  return (id) => wanted.get(b.ids.indexOf(id)) ?? []
}
