import type {Buckets, GroupSums} from './kernel.js'
import {compareIds} from './json.js'

/**
 * Every group of a level ordered within its parent by amount descending,
 * ties by id ascending, in one go: a radix sort (no comparator calls), then a
 * comparator only inside runs of equal amounts. A comparator sort of 700k
 * (category, supplier) groups took ~300 ms cold; this takes a few passes.
 * Only for sums without BigInt overflow (then every total is an exact double
 * of magnitude below 4e15); returns null otherwise.
 *
 * Each pass is its own small function: this runs once per process, mostly
 * before V8 has compiled it, and a function holding several loops was
 * compiled on the fly once per loop (85k groups: 20 ms cold, 4 ms warm).
 * @example orderedByParent(parent, parentSize, sums, child, ids)?.rows // group ids, parent by parent
 */
export function orderedByParent(
  parent: Int32Array, parentSize: number, sums: GroupSums, child: Int32Array, ids: readonly (string | null)[],
): Buckets | null {
  if (sums.big.size > 0) return null
  const n = parent.length
  const acc = sums.acc
  const lo = new Int32Array(n)
  const hi = new Int32Array(n)
  sortKeys(acc, lo, hi)
  const counts = MASKS.map((m) => new Int32Array(m + 1))
  histograms(lo, hi, counts)
  let order = new Uint32Array(n)
  for (let g = 0; g < n; g++) order[g] = g
  let tmp = new Uint32Array(n)
  for (let pass = 0; pass < 4; pass++) {
    const half = pass < 2 ? lo : hi
    const shift = pass % 2 === 0 ? 0 : 13
    const count = counts[pass]
    const mask = MASKS[pass]
    // A digit the same in every key leaves the order as it is (the top
    // digits, when totals are far below 2^52): skip the pass.
    if (n === 0 || count[(half[0] >>> shift) & mask] === n) continue
    scatter(order, tmp, half, shift, mask, count)
    const t = order
    order = tmp
    tmp = t
  }
  // Stable counting sort by parent keeps the amount order inside each parent.
  const start = new Int32Array(parentSize + 1)
  byParent(parent, order, tmp, start)
  orderTies(tmp, start, acc, child, ids)
  return {start, rows: tmp}
}

/** Digit masks: lo holds 26 bits (two 13-bit digits); hi up to 27 (keys reach 2^52 + 4e15 for negative totals). */
const MASKS = [0x1fff, 0x1fff, 0x1fff, 0x3fff]
const TWO_52 = 2 ** 52
const TWO_26 = 2 ** 26

/**
 * Sort key: 2^52 - amount, a non-negative integer below 2^53 whose ascending
 * order is the amounts' descending order, split once into two 26-bit halves
 * so the digit passes are integer bit operations.
 */
function sortKeys(acc: Float64Array, lo: Int32Array, hi: Int32Array): void {
  for (let g = 0; g < acc.length && g < lo.length; g++) {
    const key = TWO_52 - acc[g]
    const h = Math.floor(key / TWO_26)
    hi[g] = h
    lo[g] = key - h * TWO_26
  }
}

/** The four digit histograms in one pass (in index order: a digit's count does not depend on the order so far). */
function histograms(lo: Int32Array, hi: Int32Array, [c0, c1, c2, c3]: Int32Array[]): void {
  for (let g = 0; g < lo.length; g++) {
    const l = lo[g]
    const h = hi[g]
    c0[l & 0x1fff]++
    c1[l >>> 13]++
    c2[h & 0x1fff]++
    c3[(h >>> 13) & 0x3fff]++
  }
}

/** One stable pass: `order` into `out` by the digit (half >>> shift) & mask, `count` turned into bucket starts. */
function scatter(order: Uint32Array, out: Uint32Array, half: Int32Array, shift: number, mask: number, count: Int32Array): void {
  let sum = 0
  for (let d = 0; d < count.length; d++) {
    const c = count[d]
    count[d] = sum
    sum += c
  }
  for (let j = 0; j < order.length; j++) {
    const g = order[j]
    out[count[(half[g] >>> shift) & mask]++] = g
  }
}

/** Stable counting sort of `order` by parent into `out`; `start` gets each parent's first index. */
function byParent(parent: Int32Array, order: Uint32Array, out: Uint32Array, start: Int32Array): void {
  const parentSize = start.length - 1
  for (let g = 0; g < parent.length; g++) start[parent[g] + 1]++
  for (let p = 0; p < parentSize; p++) start[p + 1] += start[p]
  const pos = start.slice(0, parentSize)
  for (let j = 0; j < order.length; j++) {
    const g = order[j]
    out[pos[parent[g]]++] = g
  }
}

/** Runs of equal amounts in one parent, ordered by id. */
function orderTies(rows: Uint32Array, start: Int32Array, acc: Float64Array, child: Int32Array, ids: readonly (string | null)[]): void {
  for (let p = 0; p + 1 < start.length; p++) {
    const end = start[p + 1]
    for (let j = start[p]; j < end; ) {
      const a = acc[rows[j]]
      let k = j + 1
      while (k < end && acc[rows[k]] === a) k++
      if (k - j > 1) rows.subarray(j, k).sort((g, h) => compareIds(ids[child[g]], ids[child[h]]))
      j = k
    }
  }
}
