/**
 * Typed-array kernels shared by the analyses: composite integer keys and exact
 * per-group sums. Everything here works on integer codes, never on strings,
 * because string group-bys over a million rows are an order of magnitude slower.
 */

/** Rows to consider: a sorted list of row indexes, or null for every row. */
export type Rows = Uint32Array | null

/** Above this product of key spaces, `pairKeys` switches from a lookup table to buckets. */
export const DENSE_LIMIT = 1 << 22
/** A running double sum is flushed to BigInt past this, well before 2^53 stops being exact. */
export const FLUSH = 4e15
/** Single amounts past this go straight to BigInt so acc + v can never pass 2^53. */
export const BIG_ROW = 2 ** 50

/** Number of rows selected. */
export function rowCount(rows: Rows, length: number): number {
  return rows ? rows.length : length
}

/** Composite keys of two key columns: `keys[i]` is a dense group id (selected rows only), `parent`/`child` its parts. */
export interface PairKeys {
  keys: Int32Array
  size: number
  /** Key of the first column for each group. */
  parent: Int32Array
  /** Key of the second column for each group. */
  child: Int32Array
}

/**
 * Combine two per-row key columns into one dense group id per row (rows not
 * selected keep whatever `out` held). Group ids are numbered in order of first
 * appearance. `out` may be `a` itself: each row's a[i] is read before keys[i]
 * is written (the bucket path reads `a` only up front), which saves a 4 MB
 * array per level over a million rows.
 * Uses a flat lookup table when sizeA * sizeB is small, else buckets rows by A
 * and reuses one scratch table of sizeB, so memory stays O(rows + sizeB).
 * @example pairKeys(Int32Array.of(0, 1, 0), 2, Int32Array.of(0, 0, 0), 1, null).size // 2
 */
export function pairKeys(a: Int32Array, sizeA: number, b: Int32Array, sizeB: number, rows: Rows, out?: Int32Array): PairKeys {
  const n = a.length
  const keys = out ?? new Int32Array(n).fill(-1)
  const m = rowCount(rows, n)
  // At most one group per row (or per pair of key values): typed arrays, trimmed at the end.
  const cap = Math.min(m, sizeA * sizeB)
  const parent = new Int32Array(cap)
  const child = new Int32Array(cap)
  let size = 0
  if (sizeA * sizeB <= DENSE_LIMIT) {
    const table = new Int32Array(sizeA * sizeB).fill(-1)
    for (let j = 0; j < m; j++) {
      const i = rows ? rows[j] : j
      const t = a[i] * sizeB + b[i]
      let g = table[t]
      if (g < 0) {
        g = table[t] = size++
        parent[g] = a[i]
        child[g] = b[i]
      }
      keys[i] = g
    }
  } else {
    const order = bucketRows(a, sizeA, rows, n)
    const scratch = new Int32Array(sizeB).fill(-1)
    for (let s = 0; s < sizeA; s++) {
      const first = size
      for (let j = order.start[s]; j < order.start[s + 1]; j++) {
        const i = order.rows[j]
        let g = scratch[b[i]]
        if (g < 0) {
          g = scratch[b[i]] = size++
          parent[g] = s
          child[g] = b[i]
        }
        keys[i] = g
      }
      for (let g = first; g < size; g++) scratch[child[g]] = -1
    }
  }
  return {keys, size, parent: parent.slice(0, size), child: child.slice(0, size)}
}

/** Rows grouped by key (counting sort): rows of key k are `rows[start[k] .. start[k+1])`. */
export interface Buckets {
  start: Int32Array
  rows: Uint32Array
}

/** Counting-sort rows (or group ids) by a key column; stable. */
export function bucketRows(keys: Int32Array, size: number, rows: Rows, length: number): Buckets {
  const m = rowCount(rows, length)
  const start = bucketStarts(keys, size, rows, m)
  const pos = start.slice(0, size)
  const out = new Uint32Array(m)
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j
    out[pos[keys[i]]++] = i
  }
  return {start, rows: out}
}

/** Where each key's bucket starts among the m rows (counts, then running sums); start[size] = m. */
function bucketStarts(keys: Int32Array, size: number, rows: Rows, m: number): Int32Array {
  const start = new Int32Array(size + 1)
  for (let j = 0; j < m; j++) start[keys[rows ? rows[j] : j] + 1]++
  for (let k = 0; k < size; k++) start[k + 1] += start[k]
  return start
}

/** Buckets with two columns of their rows alongside, in bucket order (`values[j]`, `other[j]` of row `rows[j]`). */
export interface ColumnBuckets extends Buckets {
  values: Float64Array
  other: Int32Array
}

/**
 * bucketRows, also copying two columns of each row into bucket order in the
 * same pass (rows read in order, written to one stream per key), so later
 * passes over a bucket read its columns in order instead of all over the frame.
 * @example bucketColumns(Int32Array.of(1, 0), 2, null, 2, Float64Array.of(5, 7), Int32Array.of(3, 4)).values // Float64Array [7, 5]
 */
export function bucketColumns(keys: Int32Array, size: number, rows: Rows, length: number, values: Float64Array, other: Int32Array): ColumnBuckets {
  const m = rowCount(rows, length)
  const start = bucketStarts(keys, size, rows, m)
  const pos = start.slice(0, size)
  const out = new Uint32Array(m)
  const vals = new Float64Array(m)
  const oth = new Int32Array(m)
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j
    const at = pos[keys[i]]++
    out[at] = i
    vals[at] = values[i]
    oth[at] = other[i]
  }
  return {start, rows: out, values: vals, other: oth}
}

/**
 * Exact sums per group: a double accumulator that is exact while small, plus
 * BigInt overflow for the (rare) groups that pass 4e15 minor units.
 */
export class GroupSums {
  readonly acc: Float64Array
  readonly count: Int32Array
  readonly big = new Map<number, bigint>()

  constructor(readonly size: number, acc?: Float64Array, count?: Int32Array) {
    this.acc = acc ?? new Float64Array(size)
    this.count = count ?? new Int32Array(size)
  }

  /** The first `size` groups, sharing memory (for sums built with a worst-case capacity). */
  truncate(size: number): GroupSums {
    const out = new GroupSums(size, this.acc.subarray(0, size), this.count.subarray(0, size))
    for (const [g, b] of this.big) out.big.set(g, b)
    return out
  }

  /** Add one amount (a safe integer) to group g. */
  add(g: number, v: number, n = 1): void {
    this.count[g] += n
    if (v > BIG_ROW || v < -BIG_ROW) {
      this.big.set(g, (this.big.get(g) ?? 0n) + BigInt(v))
      return
    }
    const s = this.acc[g] + v
    if (s > FLUSH || s < -FLUSH) {
      this.big.set(g, (this.big.get(g) ?? 0n) + BigInt(s))
      this.acc[g] = 0
    } else {
      this.acc[g] = s
    }
  }

  /** Add an exact bigint total (used when rolling groups up). */
  addBig(g: number, v: bigint, n: number): void {
    this.count[g] += n
    if (v !== 0n) this.big.set(g, (this.big.get(g) ?? 0n) + v)
  }

  /** Exact total of group g. */
  total(g: number): bigint {
    const b = this.big.get(g)
    return b === undefined ? BigInt(this.acc[g]) : b + BigInt(this.acc[g])
  }

  /** Total as a double: exact when |total| < 2^53, else the nearest double. */
  approx(g: number): number {
    const b = this.big.get(g)
    return b === undefined ? this.acc[g] : Number(b + BigInt(this.acc[g]))
  }

  /** Compare two groups by total, exactly. */
  compare(g: number, h: number): number {
    if (this.big.size === 0) return this.acc[g] - this.acc[h]
    const x = this.total(g)
    const y = this.total(h)
    return x < y ? -1 : x > y ? 1 : 0
  }
}

/** One exact running sum: doubles while small, BigInt past 4e15 (no BigInt per value). */
export class ExactSum {
  private acc = 0
  private big = 0n

  /** Add a group total of `sums` (exact: doubles for ordinary groups, BigInt otherwise). */
  addGroup(sums: GroupSums, g: number): void {
    if (sums.big.size > 0 && sums.big.has(g)) this.big += sums.total(g)
    else this.add(sums.acc[g])
  }

  /** Add a safe integer of at most 4e15 in magnitude (a GroupSums accumulator). */
  add(v: number): void {
    const s = this.acc + v
    if (s > FLUSH || s < -FLUSH) {
      this.big += BigInt(s)
      this.acc = 0
    } else {
      this.acc = s
    }
  }

  value(): bigint {
    return this.big + BigInt(this.acc)
  }
}

/**
 * Sum amounts (and count rows) per group id.
 * @example sumByGroup(Int32Array.of(0, 1, 0), 2, Float64Array.of(5, 7, -2), null).total(0) // 3n
 */
export function sumByGroup(keys: Int32Array, size: number, amounts: Float64Array, rows: Rows): GroupSums {
  const sums = new GroupSums(size)
  const {acc, count} = sums
  const m = rowCount(rows, keys.length)
  // The common case inline (the hottest loop of every analysis); GroupSums.add
  // takes over for amounts or running sums large enough to need BigInt.
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j
    const g = keys[i]
    const v = amounts[i]
    const s = acc[g] + v
    if (s < FLUSH && s > -FLUSH && v < BIG_ROW && v > -BIG_ROW) {
      acc[g] = s
      count[g]++
    } else {
      sums.add(g, v)
    }
  }
  return sums
}

/** Ratio of two exact totals as a number; null when the base is zero. */
export function ratio(part: bigint, whole: bigint): number | null {
  if (whole === 0n) return null
  return Number(part) / Number(whole)
}
