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
  for (let j = 0; j < m; j++) start[a[rows ? rows[j] : j] + 1]++
  for (let k = 0; k < sizeA; k++) start[k + 1] += start[k]
  const pos = start.slice(0, sizeA)
  const bOrd = new Int32Array(m)
  const vOrd = new Float64Array(m)
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j
    const at = pos[a[i]]++
    bOrd[at] = b[i]
    vOrd[at] = amounts[i]
  }
  const parent = new Int32Array(m)
  const child = new Int32Array(m)
  // Sums accumulate in the same pass; arrays sized for the worst case (one
  // group per row) are handed to GroupSums as views, not copied.
  const sums = new GroupSums(m)
  const {acc, count} = sums
  const scratch = new Int32Array(sizeB).fill(-1)
  let size = 0
  for (let s = 0; s < sizeA; s++) {
    const first = size
    for (let j = start[s]; j < start[s + 1]; j++) {
      let g = scratch[bOrd[j]]
      if (g < 0) {
        g = scratch[bOrd[j]] = size++
        parent[g] = s
        child[g] = bOrd[j]
      }
      const v = vOrd[j]
      const t = acc[g] + v
      if (t < FLUSH && t > -FLUSH && v < BIG_ROW && v > -BIG_ROW) {
        acc[g] = t
        count[g]++
      } else {
        sums.add(g, v)
      }
    }
    for (let g = first; g < size; g++) scratch[child[g]] = -1
  }
  return {keys: new Int32Array(0), size, parent: parent.slice(0, size), child: child.slice(0, size), sums: sums.truncate(size)}
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
    if (s < FLUSH && s > -FLUSH && v < BIG_ROW && v > -BIG_ROW) {
      acc[g] = s
      count[g]++
    } else {
      sums.add(g, v)
    }
  }
  return {keys: new Int32Array(0), size, parent: parent.slice(0, size), child: child.slice(0, size), sums: sums.truncate(size)}
}
