import {SpendInputError} from '../errors.js'
import type {SpendFrame} from '../model/frame.js'
import {formatMinor} from '../model/money.js'
import {amounts, dim, DIM_NOUNS, DIM_PLURALS, type Dim, type DimName, type DimOptions} from './dims.js'
import {ExactSum, type Rows} from './kernel.js'
import {dimFieldNames, shareJson} from './json.js'
import {currencyGroups, groupLevels, sortedChildren, type Level} from './levels.js'
import {analysisMsg} from '../messages.js'

export interface CubeOptions extends DimOptions {
  /** Dimensions, outermost first. Currency is always added as the innermost grouping. */
  by: readonly DimName[]
  /** Add subtotal rows (SQL GROUP BY ROLLUP), marked `rollup: true`, after their children. */
  rollup?: boolean
  /** Keep the N largest groups of the innermost dimension per parent; fold the rest into one row. */
  top?: number
  /** Rows to use (from filterRows); null/undefined = all. */
  selection?: Rows
}

export interface CubeRow {
  /** Identity per dimension (null: no value, a rolled-up level, or the folded row). */
  ids: (string | null)[]
  /** Display text per dimension. */
  labels: (string | null)[]
  currency: string | null
  /** Exact total in minor units of `currency`. */
  amount: bigint
  count: number
  /** Share of the parent group (the row one level up, same currency); null when that total is 0. */
  share: number | null
  /** Share of the currency's whole total; null when that total is 0. */
  shareOfTotal: number | null
  rollup: boolean
  /** For the folded "Other (k ...)" row: k, the number of groups folded. */
  other: number | null
  /** How many leading dimensions the row is grouped by: all of them, fewer for a subtotal (0: the grand total). */
  depth: number
}

export interface CubeResult {
  by: DimName[]
  rows: CubeRow[]
}

/** JSON form (the `spend cube --json` contract). */
export interface CubeJson {
  by: DimName[]
  rows: Record<string, string | number | boolean | null>[]
}

/**
 * Totals, counts and shares for an ordered set of dimensions. Rows come in
 * currency blocks (code order; currencies are never added), and inside a block
 * as a tree: siblings by amount descending, ties by id ascending. `top` folds
 * the innermost dimension only, so every parent still shows its exact total.
 * @example cube(frame, {by: ['buyer', 'category'], rollup: true, top: 5})
 */
export function cube(frame: SpendFrame, opts: CubeOptions): CubeResult {
  const by = [...opts.by]
  if (new Set(by).size !== by.length) {
    throw new SpendInputError('BAD_DIMENSION', analysisMsg.repeatedDimension(by), {where: '--by'})
  }
  if (opts.top !== undefined && (!Number.isInteger(opts.top) || opts.top < 1)) {
    throw new SpendInputError('BAD_TOP', analysisMsg.badTop(opts.top), {where: '--top'})
  }
  const dims = by.map((d) => dim(frame, d, opts))
  const cur = dim(frame, 'currency')
  return {by, rows: _cube(cur, dims, amounts(frame), opts.selection ?? null, !!opts.rollup, opts.top ?? null)}
}

function _cube(cur: Dim, dims: Dim[], amount: Float64Array, rows: Rows, rollup: boolean, top: number | null): CubeRow[] {
  const levels = groupLevels(cur, dims, amount, rows)
  const n = dims.length
  const out: CubeRow[] = []
  const ids: (string | null)[] = new Array(n).fill(null)
  const labels: (string | null)[] = new Array(n).fill(null)

  // Shares from the double views of the totals: exact below 2^53 and equal to
  // Number(total) above, so the same as a BigInt ratio without the conversions.
  const row = (level: Level, g: number, parentTotal: number, whole: number, currency: string | null, depth: number): void => {
    const a = level.sums.approx(g)
    out.push({
      ids: ids.slice(), labels: labels.slice(), currency, amount: level.sums.total(g), count: level.sums.count[g],
      share: share(a, parentTotal), shareOfTotal: share(a, whole), rollup: depth < n, other: null, depth,
    })
  }

  const walk = (j: number, g: number, whole: number, currency: string | null): void => {
    if (j === n) return
    const total = levels[j].sums.approx(g)
    const d = dims[j]
    const next = levels[j + 1]
    let kids = sortedChildren(next, g, d.ids)
    const folded = top !== null && j === n - 1 && kids.length > top ? kids.slice(top) : []
    if (folded.length > 0) kids = kids.slice(0, top!)
    for (const h of kids) {
      ids[j] = d.ids[next.child[h]]
      labels[j] = d.labels[next.child[h]]
      walk(j + 1, h, whole, currency)
      if (j + 1 === n || rollup) row(next, h, total, whole, currency, j + 1)
    }
    ids[j] = labels[j] = null
    if (folded.length > 0) out.push(foldRow(next, folded, ids, labels, j, d, total, whole, currency))
  }

  for (const g of currencyGroups(levels[0], cur)) {
    const currency = cur.ids[levels[0].child[g]]
    const whole = levels[0].sums.approx(g)
    walk(0, g, whole, currency)
    if (rollup || n === 0) row(levels[0], g, whole, whole, currency, 0)
  }
  return out
}

/** part / whole, null when the whole is zero. */
function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}

/** One row holding the exact sum of the folded groups: "Other (k suppliers)". */
function foldRow(
  level: Level, folded: number[], ids: (string | null)[], parentLabels: (string | null)[], j: number, d: Dim,
  parentTotal: number, whole: number, currency: string | null,
): CubeRow {
  const sum = new ExactSum()
  let count = 0
  for (const h of folded) {
    sum.addGroup(level.sums, h)
    count += level.sums.count[h]
  }
  const amount = sum.value()
  const labels = [...parentLabels]
  labels[j] = `Other (${folded.length} ${folded.length === 1 ? DIM_NOUNS[d.name] : DIM_PLURALS[d.name]})`
  return {
    ids: ids.slice(), labels, currency, amount, count, share: share(Number(amount), parentTotal),
    shareOfTotal: share(Number(amount), whole), rollup: false, other: folded.length, depth: j + 1,
  }
}

/**
 * The `--json` form: `{by, rows: [{buyer, buyer_id, category, category_code,
 * currency, amount: "1234.50", count, share, share_total, rollup?, other?}]}`.
 * @example cubeToJson(cube(frame, {by: ['buyer']})).rows[0].amount // '1234.50'
 */
export function cubeToJson(result: CubeResult): CubeJson {
  // Plain assignments in a fixed order (no object spread): 100k-row cubes are
  // common (buyer x category) and spread made this the slowest step.
  const fields = dimFieldNames(result.by)
  const labelKeys = fields.map((f) => f[1])
  const idKeys = fields.map((f) => f[2])
  const n = fields.length
  return {
    by: result.by,
    rows: result.rows.map((r) => {
      const o: Record<string, string | number | boolean | null> = {}
      for (let i = 0; i < n; i++) {
        o[labelKeys[i]] = r.labels[i]
        const id = idKeys[i]
        if (id) o[id] = r.ids[i]
      }
      o.currency = r.currency
      o.amount = formatMinor(r.amount, r.currency ?? '')
      o.count = r.count
      o.share = shareJson(r.share)
      o.share_total = shareJson(r.shareOfTotal)
      if (r.rollup) o.rollup = true
      if (r.other !== null) o.other = r.other
      return o
    }),
  }
}
