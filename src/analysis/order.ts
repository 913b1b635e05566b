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
  const count = new Int32Array(1 << 14)
  for (let pass = 0; pass < 4; pass++) {
    const half = pass < 2 ? lo : hi
    const shift = pass % 2 === 0 ? 0 : 13
    const mask = pass % 2 === 0 ? 0x1fff : 0x3fff
    count.fill(0)
    for (let j = 0; j < n; j++) count[(half[order[j]] >>> shift) & mask]++
    let sum = 0
    for (let d = 0; d <= mask; d++) {
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
