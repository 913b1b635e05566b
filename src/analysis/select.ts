import type {Level} from './levels.js'
import {compareIds} from './json.js'

/**
 * Up to this `--top`, the cube picks each parent's largest children with a
 * bounded heap instead of ordering the whole level. `top suppliers --top 20`
 * over 50k suppliers then compares most groups once against the heap root
 * (a full radix sort plus 50k-element array copies cost ~30 ms cold); past
 * this, heaps and comparator sorts would cost more than the one radix sort.
 */
export const SELECT_MAX = 100

/** The picks of `selectTop`: parent p's, in order, are `rows[start[p] .. start[p+1])`. */
export interface Picks {
  start: Int32Array
  rows: Int32Array
  /** Number of children of each parent (picked or not). */
  size: Int32Array
}

/**
 * For every parent, its first `n` children in the cube's order (amount
 * descending, ties by id ascending, then by group number, as the full sort
 * leaves them), without ordering the others: one pass over the level with a
 * bounded heap per parent. Exact for BigInt-range sums. Groups whose child
 * key is set in `skip` are left out (and not counted in `size`).
 * @example selectTop(levels[1], levels[0].size, supplier.ids, 20).rows // the 20 largest supplier groups, in order
 */
export function selectTop(level: Level, parentSize: number, ids: readonly (string | null)[], n: number, skip: Uint8Array | null = null): Picks {
  const {parent, child} = level
  const size = new Int32Array(parentSize)
  for (let g = 0; g < level.size; g++) size[parent[g]]++
  // Groups whose key is in `skip` (a per-key mask) are neither picked nor counted.
  if (skip) for (let g = 0; g < level.size; g++) if (skip[child[g]] === 1) size[parent[g]]--
  const start = new Int32Array(parentSize + 1)
  for (let p = 0; p < parentSize; p++) start[p + 1] = start[p] + Math.min(n, size[p])
  // Parent p's heap is heap[start[p] ..], a max-heap by rank: its root is the last-ranked group kept so far.
  const heap = new Int32Array(start[parentSize])
  const filled = new Int32Array(parentSize)
  const after = rankedAfter(level, ids)
  // Most groups rank below their parent's root: reject those on the double
  // amount alone, against the root's amount kept per parent (exact without
  // BigInt parts; with them the bound stays -Infinity and every group is compared).
  const acc = level.sums.acc
  const exact = level.sums.big.size === 0
  const floor = new Float64Array(parentSize).fill(-Infinity)
  for (let g = 0; g < level.size; g++) {
    const p = parent[g]
    if (acc[g] < floor[p] || (skip && skip[child[g]] === 1)) continue
    const at = start[p]
    const k = filled[p]
    const cap = start[p + 1] - at
    if (k < cap) {
      siftUp(heap, at, k, g, after)
      filled[p] = k + 1
      if (exact && k + 1 === cap) floor[p] = acc[heap[at]]
    } else if (after(heap[at], g)) {
      siftDown(heap, at, cap, g, after)
      if (exact) floor[p] = acc[heap[at]]
    }
  }
  for (let p = 0; p < parentSize; p++) {
    if (start[p + 1] - start[p] > 1) heap.subarray(start[p], start[p + 1]).sort((g, h) => (after(g, h) ? 1 : -1))
  }
  return {start, rows: heap, size}
}

/** Whether group g comes after group h (g !== h): smaller amount, or equal amount and larger id. */
function rankedAfter(level: Level, ids: readonly (string | null)[]): (g: number, h: number) => boolean {
  const {sums, child} = level
  const acc = sums.acc
  const tie = (g: number, h: number): boolean => {
    const c = compareIds(ids[child[g]], ids[child[h]])
    return c === 0 ? g > h : c > 0
  }
  if (sums.big.size > 0) {
    return (g, h) => {
      const c = sums.compare(g, h)
      return c === 0 ? tie(g, h) : c < 0
    }
  }
  return (g, h) => (acc[g] === acc[h] ? tie(g, h) : acc[g] < acc[h])
}

/** Add g at position i of the heap at heap[at ..]. */
function siftUp(heap: Int32Array, at: number, i: number, g: number, after: (g: number, h: number) => boolean): void {
  while (i > 0) {
    const p = (i - 1) >> 1
    if (!after(g, heap[at + p])) break
    heap[at + i] = heap[at + p]
    i = p
  }
  heap[at + i] = g
}

/** Replace the root of the heap of `size` at heap[at ..] with g, and restore the heap. */
function siftDown(heap: Int32Array, at: number, size: number, g: number, after: (g: number, h: number) => boolean): void {
  let i = 0
  for (;;) {
    let c = 2 * i + 1
    if (c >= size) break
    if (c + 1 < size && after(heap[at + c + 1], heap[at + c])) c++
    if (!after(heap[at + c], g)) break
    heap[at + i] = heap[at + c]
    i = c
  }
  heap[at + i] = g
}

/**
 * Total and row count of a parent's children other than `shown`, exactly:
 * the parent's sums are rolled up exactly from its children, so this is the
 * parent's total minus the shown ones, without reading the folded groups.
 * @example foldedRest(levels[0], levels[1], 0, shown) // {approx: 12345, big: null, count: 4}
 */
export function foldedRest(up: Level, level: Level, parent: number, shown: readonly number[]): {approx: number; big: bigint | null; count: number} {
  const {acc, count} = level.sums
  let rest = up.sums.count[parent]
  let s = 0
  // Without BigInt parts every accumulator is within 4e15; while the running
  // shown sum stays within 4e15 too, each step and the difference (within
  // 8e15 < 2^53) are exact doubles.
  let exact = up.sums.big.size === 0 && level.sums.big.size === 0
  for (const h of shown) {
    s += acc[h]
    if (s > 4e15 || s < -4e15) exact = false
    rest -= count[h]
  }
  if (exact) return {approx: up.sums.acc[parent] - s, big: null, count: rest}
  let v = up.sums.total(parent)
  for (const h of shown) v -= level.sums.total(h)
  const approx = Number(v)
  return {approx, big: Number.isSafeInteger(approx) ? null : v, count: rest}
}
