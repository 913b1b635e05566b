import type {Dim} from './dims.js'
import {BIG_ROW, bucketRows, FLUSH, GroupSums, pairKeys, sumByGroup, type Buckets, type PairKeys, type Rows} from './kernel.js'
import {pairSums} from './partition.js'
import {compareIds} from './json.js'
import {orderedByParent} from './order.js'

/**
 * Nested groups for an ordered list of dimensions, currency outermost:
 * level 0 groups rows by currency, level j by currency + the first j
 * dimensions. Each level's sums are rolled up exactly from the level below, so
 * subtotals and shares of parent never re-read rows. Currency is outermost in
 * the arithmetic so no group ever mixes currencies.
 */
export interface Level {
  size: number
  /** Parent group (at the level above) of each group; the currency key at level 0. */
  parent: Int32Array
  /** The dimension key of each group (the currency key at level 0). */
  child: Int32Array
  sums: GroupSums
  /** Groups of this level listed per parent group (level 0: per currency key). */
  byParent: Buckets
}

/**
 * Build the levels for `dims` under the currency dimension `cur`.
 * @example groupLevels(dim(f, 'currency'), [dim(f, 'buyer')], amounts(f), null)[1].size
 */
export function groupLevels(cur: Dim, dims: readonly Dim[], amounts: Float64Array, rows: Rows): Level[] {
  // One per-row key array, refined in place level by level (only the leaf's is
  // summed). Level 0 (currency) is read off level 1's parents rather than with
  // its own pass over the rows.
  const chain: PairKeys[] = dims.length === 0 ? [currencyKeys(cur, rows)] : []
  dims.forEach((d, j) => {
    const up = j === 0 ? {keys: cur.keys, size: cur.size} : chain[chain.length - 1]
    const out = j === 0 ? undefined : up.keys
    if (j < dims.length - 1) chain.push(pairKeys(up.keys, up.size, d.keys, d.size, rows, out))
    else chain.push(pairSums(up.keys, up.size, d.keys, d.size, amounts, rows))
  })
  if (dims.length > 0) chain.unshift(currencyLevel(chain[0], cur.size))
  const leaf = chain[chain.length - 1]
  const sums: GroupSums[] = new Array(chain.length)
  sums[chain.length - 1] = 'sums' in leaf ? (leaf.sums as GroupSums) : sumByGroup(leaf.keys, leaf.size, amounts, rows)
  for (let j = chain.length - 1; j > 0; j--) sums[j - 1] = rollUp(sums[j], chain[j].parent, chain[j - 1].size)
  return chain.map((c, j) => level(c, j === 0 ? c.parent : c.child, sums[j], j === 0 ? cur.size : chain[j - 1].size))
}

/** A level whose byParent buckets are built on first use (`top` with a small N never needs the leaf's). */
function level(c: PairKeys, child: Int32Array, sums: GroupSums, parentSize: number): Level {
  let byParent: Buckets | undefined
  return {
    size: c.size, parent: c.parent, child, sums,
    get byParent() {
      return (byParent ??= bucketRows(c.parent, parentSize, null, c.size))
    },
  }
}

/** Level 0: currency keys made dense (only currencies present in the selection get a group). */
function currencyKeys(cur: Dim, rows: Rows): PairKeys {
  const n = cur.keys.length
  const keys = new Int32Array(n)
  const table = new Int32Array(cur.size).fill(-1)
  const parent: number[] = []
  const m = rows ? rows.length : n
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j
    let g = table[cur.keys[i]]
    if (g < 0) {
      g = table[cur.keys[i]] = parent.length
      parent.push(cur.keys[i])
    }
    keys[i] = g
  }
  return {keys, size: parent.length, parent: Int32Array.from(parent), child: new Int32Array(parent.length)}
}

/** Level 0 from level 1, whose parents are currency keys: renumber them densely. */
function currencyLevel(first: PairKeys, curSize: number): PairKeys {
  const table = new Int32Array(curSize).fill(-1)
  const parent: number[] = []
  for (let g = 0; g < first.size; g++) {
    const c = first.parent[g]
    if (table[c] < 0) {
      table[c] = parent.length
      parent.push(c)
    }
    first.parent[g] = table[c]
  }
  return {keys: new Int32Array(0), size: parent.length, parent: Int32Array.from(parent), child: new Int32Array(parent.length)}
}

/** Exact sums of a parent level from its children. */
function rollUp(child: GroupSums, parent: Int32Array, size: number): GroupSums {
  const out = new GroupSums(size)
  const {acc, count} = out
  for (let g = 0; g < child.size; g++) {
    // GroupSums.add's common case inline (50k+ groups); it takes the rest.
    const p = parent[g]
    const v = child.acc[g]
    const s = acc[p] + v
    if (s < FLUSH && s > -FLUSH && v < BIG_ROW && v > -BIG_ROW) {
      acc[p] = s
      count[p] += child.count[g]
    } else {
      out.add(p, v, child.count[g])
    }
  }
  // BigInt parts last (a Map lookup per group costs more than the sums); same exact totals.
  for (const [g, b] of child.big) out.addBig(parent[g], b, 0)
  return out
}

/** The groups of one parent, ordered by amount descending, ties by the dimension id ascending. */
export function sortedChildren(level: Level, parent: number, ids: readonly (string | null)[]): number[] {
  // The whole level is ordered once (radix sort) and cached per ids list.
  let ordered = ORDERED.get(level)
  if (!ordered || ordered.ids !== ids) {
    const parentSize = level.byParent.start.length - 1
    ordered = {ids, order: orderedByParent(level.parent, parentSize, level.sums, level.child, ids)}
    ORDERED.set(level, ordered)
  }
  if (ordered.order) {
    const {start, rows} = ordered.order
    return Array.from(rows.subarray(start[parent], start[parent + 1]))
  }
  const {start, rows} = level.byParent
  const out = Array.from(rows.subarray(start[parent], start[parent + 1]))
  return out.sort((g, h) => level.sums.compare(h, g) || compareIds(ids[level.child[g]], ids[level.child[h]]))
}

const ORDERED = new WeakMap<Level, {ids: readonly (string | null)[]; order: Buckets | null}>()

/**
 * Level-0 groups (one per currency present) in currency-code order: amounts in
 * different currencies do not compare, so outputs come in currency blocks.
 */
export function currencyGroups(level0: Level, cur: Dim): number[] {
  const groups = Array.from({length: level0.size}, (_, g) => g)
  return groups.sort((a, b) => compareIds(cur.ids[level0.child[a]], cur.ids[level0.child[b]]))
}
