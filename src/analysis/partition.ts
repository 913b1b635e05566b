import {BIG_ROW, DENSE_LIMIT, FLUSH, GroupSums, rowCount, type PairKeys, type Rows} from './kernel.js'

/**
 * pairKeys and sumByGroup fused, for the innermost level, where per-row keys
 * are not needed afterwards (`keys` comes back empty on the partition path). With a large key space it partitions (b, amount)
 * by `a` in one sequential pass, so the grouping pass reads memory in order
 * instead of jumping across a million rows (3x fewer cache misses).
 * @example pairSums(Int32Array.of(0, 0), 1, Int32Array.of(1, 1), 2, Float64Array.of(2, 3), null).sums.total(0) // 5n
 */
export function pairSums(a: Int32Array, sizeA: number, b: Int32Array, sizeB: number, amounts: Float64Array, rows: Rows): PairKeys & {sums: GroupSums} {
  if (sizeA * sizeB <= DENSE_LIMIT) return denseSums(a, sizeA, b, sizeB, amounts, rows)
  const m = rowCount(rows, a.length)
  const start = new Int32Array(sizeA + 1)
  countKeys(a, rows, m, start)
  for (let k = 0; k < sizeA; k++) start[k + 1] += start[k]
  const bOrd = new Int32Array(m)
  const vOrd = new Float64Array(m)
  scatter(a, b, amounts, rows, m, start.slice(0, sizeA), bOrd, vOrd)
  const parent = new Int32Array(m)
  const child = new Int32Array(m)
  // Sums accumulate in the same pass; arrays sized for the worst case (one
  // group per row) are handed to GroupSums as views, not copied.
  const sums = new GroupSums(m)
  const scratch = new Int32Array(sizeB).fill(-1)
  let size = 0
  for (let s = 0; s < sizeA; s++) size = groupPart(s, start[s], start[s + 1], size, bOrd, vOrd, scratch, parent, child, sums)
  return {keys: new Int32Array(0), size, parent: parent.slice(0, size), child: child.slice(0, size), sums: sums.truncate(size)}
}

// Each pass over the rows is its own small function: in a fresh process V8
// compiles a hot loop on the fly (OSR), and a function holding several loops
// was compiled, then thrown away at the next loop, several times over.

function countKeys(a: Int32Array, rows: Rows, m: number, start: Int32Array): void {
  for (let j = 0; j < m; j++) start[a[rows ? rows[j] : j] + 1]++
}

function scatter(a: Int32Array, b: Int32Array, amounts: Float64Array, rows: Rows, m: number, pos: Int32Array, bOrd: Int32Array, vOrd: Float64Array): void {
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j
    const at = pos[a[i]]++
    bOrd[at] = b[i]
    vOrd[at] = amounts[i]
  }
}

/** Group rows [from, to) of partition s; returns the new group count. */
function groupPart(
  s: number, from: number, to: number, size: number, bOrd: Int32Array, vOrd: Float64Array,
  scratch: Int32Array, parent: Int32Array, child: Int32Array, sums: GroupSums,
): number {
  // scratch[b] holds the group of b in the latest partition that had b; one
  // from an earlier partition is below `first`, so scratch is never reset.
  const first = size
  const {acc, count} = sums
  // Bounds as locals: until V8 compiles the loop, module constants and their
  // negation cost a lookup per row.
  const hi = FLUSH
  const lo = -FLUSH
  const bigHi = BIG_ROW
  const bigLo = -BIG_ROW
  for (let j = from; j < to; j++) {
    const bj = bOrd[j]
    let g = scratch[bj]
    if (g < first) {
      g = scratch[bj] = size++
      parent[g] = s
      child[g] = bj
    }
    const v = vOrd[j]
    const t = acc[g] + v
    if (t < hi && t > lo && v < bigHi && v > bigLo) {
      acc[g] = t
      count[g]++
    } else {
      sums.add(g, v)
    }
  }
  return size
}

/**
 * The small-key-space case of pairSums: pairKeys' lookup table and
 * sumByGroup's loop in one pass over the rows (no per-row key array; the
 * groups are numbered in order of first appearance, as pairKeys does).
 */
function denseSums(a: Int32Array, sizeA: number, b: Int32Array, sizeB: number, amounts: Float64Array, rows: Rows): PairKeys & {sums: GroupSums} {
  const m = rowCount(rows, a.length)
  const cap = Math.min(m, sizeA * sizeB)
  const parent = new Int32Array(cap)
  const child = new Int32Array(cap)
  const sums = new GroupSums(cap)
  const {acc, count} = sums
  const table = new Int32Array(sizeA * sizeB).fill(-1)
  const hi = FLUSH
  const lo = -FLUSH
  const bigHi = BIG_ROW
  const bigLo = -BIG_ROW
  let size = 0
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j
    const t = a[i] * sizeB + b[i]
    let g = table[t]
    if (g < 0) {
      g = table[t] = size++
      parent[g] = a[i]
      child[g] = b[i]
    }
    const v = amounts[i]
    const s = acc[g] + v
    if (s < hi && s > lo && v < bigHi && v > bigLo) {
      acc[g] = s
      count[g]++
    } else {
      sums.add(g, v)
    }
  }
  return {keys: new Int32Array(0), size, parent: parent.slice(0, size), child: child.slice(0, size), sums: sums.truncate(size)}
}
