import type {Buckets, GroupSums} from './kernel.js'
import {compareIds} from './json.js'

/**
 * Every group of a level ordered within its parent by amount descending,
 * ties by id ascending, in one go: a radix sort (no comparator calls), then a
 * comparator only inside runs of equal amounts. A comparator sort of 700k
 * (category, supplier) groups took ~300 ms cold; this takes a few passes.
 * Only for sums without BigInt overflow (then every total is an exact double
 * of magnitude below 4e15); returns null otherwise.
 * @example orderedByParent(parent, parentSize, sums, child, ids)?.rows // group ids, parent by parent
 */
export function orderedByParent(
  parent: Int32Array, parentSize: number, sums: GroupSums, child: Int32Array, ids: readonly (string | null)[],
): Buckets | null {
  if (sums.big.size > 0) return null
  const n = parent.length
  const acc = sums.acc
  // Sort key: 2^52 - amount, a non-negative integer below 2^53 whose ascending
  // order is the amounts' descending order, split once into two 26-bit halves
  // so the four 13-bit digit passes are integer bit operations.
  const lo = new Int32Array(n)
  const hi = new Int32Array(n)
  for (let g = 0; g < n; g++) {
    const key = 2 ** 52 - acc[g]
    const h = Math.floor(key / 2 ** 26)
    hi[g] = h
    lo[g] = key - h * 2 ** 26
  }
  let order = new Uint32Array(n)
  for (let g = 0; g < n; g++) order[g] = g
  let tmp = new Uint32Array(n)
  // The four digit histograms in one pass over the keys (in index order: a
  // digit's count does not depend on the order so far).
  // lo holds 26 bits (two 13-bit digits); hi up to 27 (keys reach 2^52 + 4e15 for negative totals).
  const masks = [0x1fff, 0x1fff, 0x1fff, 0x3fff]
  const counts = masks.map((m) => new Int32Array(m + 1))
  const [c0, c1, c2, c3] = counts
  for (let g = 0; g < n; g++) {
    const l = lo[g]
    const h = hi[g]
    c0[l & 0x1fff]++
    c1[l >>> 13]++
    c2[h & 0x1fff]++
    c3[(h >>> 13) & 0x3fff]++
  }
  for (let pass = 0; pass < 4; pass++) {
    const half = pass < 2 ? lo : hi
    const shift = pass % 2 === 0 ? 0 : 13
    const count = counts[pass]
    const mask = masks[pass]
    // A digit the same in every key leaves the order as it is (the top
    // digits, when totals are far below 2^52): skip the pass.
    if (n === 0 || count[(half[0] >>> shift) & mask] === n) continue
    let sum = 0
    for (let d = 0; d < count.length; d++) {
      const c = count[d]
      count[d] = sum
      sum += c
    }
    for (let j = 0; j < n; j++) {
      const g = order[j]
      tmp[count[(half[g] >>> shift) & mask]++] = g
    }
    const t = order
    order = tmp
    tmp = t
  }
  // Stable counting sort by parent keeps the amount order inside each parent.
  const start = new Int32Array(parentSize + 1)
  for (let g = 0; g < n; g++) start[parent[g] + 1]++
  for (let p = 0; p < parentSize; p++) start[p + 1] += start[p]
  const pos = start.slice(0, parentSize)
  for (let j = 0; j < n; j++) tmp[pos[parent[order[j]]]++] = order[j]
  // Ties: runs of equal amounts in one parent get ordered by id.
  for (let p = 0; p < parentSize; p++) {
    for (let j = start[p]; j < start[p + 1]; ) {
      let k = j + 1
      while (k < start[p + 1] && acc[tmp[k]] === acc[tmp[j]]) k++
      if (k - j > 1) tmp.subarray(j, k).sort((g, h) => compareIds(ids[child[g]], ids[child[h]]))
      j = k
    }
  }
  return {start, rows: tmp}
}
