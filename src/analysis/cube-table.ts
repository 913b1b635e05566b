import {currencyExponent} from '../model/currency.js'
import {DIM_NOUNS, DIM_PLURALS, type Dim, type DimName} from './dims.js'
import type {Rows} from './kernel.js'
import {currencyGroups, groupLevels, sortedChildren, type Level} from './levels.js'
import {foldedRest, SELECT_MAX, selectTop} from './select.js'
import {maskedByParent, sumGroups} from './unidentified.js'

/**
 * The cube as columns: one typed-array entry per output row. Cubes of 100k
 * rows are common (buyer x category), and one object, two arrays and a BigInt
 * per row cost more than the group-by itself; writers read these columns and
 * only the JSON form builds row objects.
 */
export interface CubeTable {
  /** The dimensions grouped by (one column each), outermost first: never `currency`, whose blocks every cube has. */
  by: DimName[]
  /** The dimensions as asked (`currency` kept where given): the JSON `by`. */
  asked: DimName[]
  /** The resolved dimensions (ids and labels per key), in `by` order. */
  dims: Dim[]
  /** Currency code per currency key. */
  currencies: (string | null)[]
  length: number
  /** Per dimension, the key of each row; -1: no value shown (a rolled-up level or the folded row). */
  keys: Int32Array[]
  /** Currency key of each row. */
  currency: Int32Array
  /** Amount in minor units: exact unless the row is in `bigAmount`. */
  amount: Float64Array
  /** Exact amounts of the (rare) rows whose total is past 2^53 in magnitude. */
  bigAmount: Map<number, bigint>
  count: Int32Array
  /** Share of the parent group; NaN when that total is 0. */
  share: Float64Array
  /** Share of the currency's whole total; NaN when that total is 0. */
  shareOfTotal: Float64Array
  /** Leading dimensions the row is grouped by (fewer: a subtotal; 0: the grand total). */
  depth: Uint8Array
  /** Groups folded into the row ("Other (k ...)"); -1 for ordinary rows. */
  other: Int32Array
  /**
   * With a `leave` mask: per parent of the last dimension that had any, the
   * groups left out (neither shown, folded nor in the shares' base), in
   * output order. Empty without a mask.
   */
  leftOut: LeftOut[]
}

/** What a parent of the last dimension left out: its path, exact amount and rows, and its whole total. */
export interface LeftOut {
  /** Per dimension but the last: the key of the parent (as in `keys`). */
  keys: number[]
  currency: number
  amount: bigint
  count: number
  /** The parent's whole total, left-out groups included. */
  total: bigint
}

/**
 * Walk the nested groups into columns, in output order (see `cube`).
 * @example cubeColumns(['buyer'], dim(f, 'currency'), [dim(f, 'buyer')], amounts(f), null, false, null).length
 */
export function cubeColumns(
  by: DimName[], cur: Dim, dims: Dim[], amount: Float64Array, rows: Rows, rollup: boolean, top: number | null,
  leave: Uint8Array | null = null,
): CubeTable {
  const levels = groupLevels(cur, dims, amount, rows)
  const n = dims.length
  // Groups of the last dimension whose key is in `leave`, per parent (one pass over the groups, not the rows).
  const masked = leave && n > 0 ? maskedByParent(levels[n], leave) : null
  const wholeLeft = masked ? leftPerCurrency(levels, masked) : null
  // A small --top picks each parent's rows in one pass, without ordering the leaf level (select.ts).
  const picks = n > 0 && top !== null && top <= SELECT_MAX ? selectTop(levels[n], levels[n - 1].size, dims[n - 1].ids, top, masked ? leave : null) : null
  // At most one row per group of every level (of the leaf level: per pick),
  // plus one folded row per parent of the leaf level.
  const shown = levels.reduce((s, l, j) => s + (j === n && picks ? picks.rows.length : l.size), 0)
  const cap = shown + (n > 0 ? levels[n - 1].size : 0)
  const t: CubeTable = {
    by, asked: by, dims, currencies: cur.ids, length: 0,
    keys: dims.map(() => new Int32Array(cap)), currency: new Int32Array(cap), amount: new Float64Array(cap),
    bigAmount: new Map(), count: new Int32Array(cap), share: new Float64Array(cap), shareOfTotal: new Float64Array(cap),
    depth: new Uint8Array(cap), other: new Int32Array(cap), leftOut: [],
  }
  const path = new Int32Array(n).fill(-1)
  let curKey = -1

  const push = (depth: number, approx: number, big: bigint | null, count: number, parentTotal: number, whole: number, other: number): void => {
    const r = t.length++
    for (let i = 0; i < n; i++) t.keys[i][r] = path[i]
    t.currency[r] = curKey
    t.amount[r] = approx
    if (big !== null) t.bigAmount.set(r, big)
    t.count[r] = count
    // Shares from the double views of the totals: exact below 2^53 and equal to
    // Number(total) above, so the same as a BigInt ratio without the conversions.
    t.share[r] = parentTotal === 0 ? NaN : approx / parentTotal
    t.shareOfTotal[r] = whole === 0 ? NaN : approx / whole
    t.depth[r] = depth
    t.other[r] = other
  }
  const row = (level: Level, g: number, parentTotal: number, whole: number, depth: number): void => {
    const s = level.sums
    const big = s.big.size > 0 && s.big.has(g) ? s.total(g) : null
    push(depth, big === null ? s.acc[g] : Number(big), big, s.count[g], parentTotal, whole, -1)
  }
  const walk = (j: number, g: number, whole: number): void => {
    if (j === n) return
    let total = levels[j].sums.approx(g)
    const next = levels[j + 1]
    const leafTop = top !== null && j === n - 1 ? top : null
    const skipped = j === n - 1 ? masked?.get(g) : undefined
    if (skipped) {
      // Shares of this parent's children are of what is left once the masked groups are out.
      const left = sumGroups(next, skipped)
      const all = levels[j].sums.total(g)
      total = Number(all - left.amount)
      t.leftOut.push({keys: Array.from(path.subarray(0, j)), currency: curKey, amount: left.amount, count: left.count, total: all})
    }
    let kids: number[]
    let folded = 0
    if (leafTop !== null && picks !== null) {
      kids = Array.from(picks.rows.subarray(picks.start[g], picks.start[g + 1]))
      folded = picks.size[g] - kids.length
    } else {
      kids = sortedChildren(next, g, dims[j].ids)
      if (skipped) kids = kids.filter((h) => leave![next.child[h]] !== 1)
      if (leafTop !== null && kids.length > leafTop) {
        folded = kids.length - leafTop
        kids = kids.slice(0, leafTop)
      }
    }
    for (const h of kids) {
      path[j] = next.child[h]
      walk(j + 1, h, whole)
      if (j + 1 === n || rollup) row(next, h, total, whole, j + 1)
    }
    path[j] = -1
    if (folded > 0) {
      // The folded groups' total is the parent's minus the shown ones, exactly.
      const rest = foldedRest(levels[j], next, g, skipped ? [...kids, ...skipped] : kids)
      push(j + 1, rest.approx, rest.big, rest.count, total, whole, folded)
    }
  }

  for (const g of currencyGroups(levels[0], cur)) {
    curKey = levels[0].child[g]
    const whole = levels[0].sums.approx(g)
    const left = wholeLeft?.get(g)
    walk(0, g, left === undefined ? whole : Number(levels[0].sums.total(g) - left))
    if (rollup || n === 0) row(levels[0], g, whole, whole, 0)
  }
  return t
}

/** Exact left-out amount per currency group (level 0), from the masked groups of the last level. */
function leftPerCurrency(levels: Level[], masked: Map<number, number[]>): Map<number, bigint> {
  const n = levels.length - 1
  const out = new Map<number, bigint>()
  for (const [p, groups] of masked) {
    let c = p
    for (let j = n - 1; j > 0; j--) c = levels[j].parent[c]
    out.set(c, (out.get(c) ?? 0n) + sumGroups(levels[n], groups).amount)
  }
  return out
}

/**
 * Identity of dimension i in row r (null: no value, a rolled-up level or the folded row).
 * @example cubeId(t, 0, 0) // 'GB-GOR-D1'
 */
export function cubeId(t: CubeTable, r: number, i: number): string | null {
  const k = t.keys[i][r]
  return k < 0 ? null : t.dims[i].ids[k]
}

/**
 * Display text of dimension i in row r: the label, "Other (k suppliers)" on a folded row.
 * @example cubeLabel(t, 0, 0) // 'Department for Education'
 */
export function cubeLabel(t: CubeTable, r: number, i: number): string | null {
  const k = t.keys[i][r]
  if (k >= 0) return t.dims[i].labels[k]
  return t.other[r] >= 0 && i === t.depth[r] - 1 ? otherLabel(t.dims[i].name, t.other[r]) : null
}

/** "Other (1 supplier)" / "Other (12 suppliers)". */
export function otherLabel(d: DimName, k: number): string {
  return `Other (${k} ${k === 1 ? DIM_NOUNS[d] : DIM_PLURALS[d]})`
}

/**
 * Exact amount of row r in minor units.
 * @example cubeAmount(t, 0) // 123450n
 */
export function cubeAmount(t: CubeTable, r: number): bigint {
  return t.bigAmount.get(r) ?? BigInt(t.amount[r])
}

/**
 * Exact decimal text of row r's amount, as formatMinor gives it, without a
 * BigInt for the ordinary rows (integers below 2^53 print exactly).
 * @example cubeAmountText(t, 0) // '1234.50'
 */
export function cubeAmountText(t: CubeTable, r: number): string {
  const big = t.bigAmount.size === 0 ? undefined : t.bigAmount.get(r)
  const v = t.amount[r]
  const neg = big === undefined ? v < 0 : big < 0n
  const digits = big === undefined ? String(neg ? -v : v) : String(neg ? -big : big)
  const exp = currencyExponent(t.currencies[t.currency[r]] ?? '')
  if (exp === 0) return neg ? `-${digits}` : digits
  const padded = digits.length > exp ? digits : digits.padStart(exp + 1, '0')
  return `${neg ? '-' : ''}${padded.slice(0, -exp)}.${padded.slice(-exp)}`
}
