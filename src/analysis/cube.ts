import {SpendInputError} from '../errors.js'
import type {SpendFrame} from '../model/frame.js'
import {formatMinor} from '../model/money.js'
import {amounts, dim, type DimName, type DimOptions} from './dims.js'
import type {Rows} from './kernel.js'
import {dimFieldNames, shareJson} from './json.js'
import {cubeAmount, cubeColumns, cubeId, cubeLabel, type CubeTable} from './cube-table.js'
import {leaveOutMask, type Unidentified} from './unidentified.js'

export type {CubeTable} from './cube-table.js'
import {analysisMsg} from '../messages.js'

export interface CubeOptions extends DimOptions {
  /**
   * Dimensions, outermost first. Rows always come in currency blocks, so
   * `currency` here adds no grouping (nor a second currency column): it is
   * left out of the groups, and `--top` folds the last other dimension.
   */
  by: readonly DimName[]
  /** Add subtotal rows (SQL GROUP BY ROLLUP), marked `rollup: true`, after their children. */
  rollup?: boolean
  /** Keep the N largest groups of the innermost dimension per parent; fold the rest into one row. */
  top?: number
  /** Rows to use (from filterRows); null/undefined = all. */
  selection?: Rows
  /**
   * When the last dimension is supplier: leave redacted and blank suppliers
   * out of the rows, the folded row and the shares' base, and report them in
   * `leftOut` (what a ranking needs; a cube keeps them by default).
   */
  leaveUnidentified?: boolean
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
  /** The row's supplier is no identified supplier (redacted or blank names, one row for many payees). */
  unidentified: boolean
}

export interface CubeResult {
  by: DimName[]
  rows: CubeRow[]
  /** With `leaveUnidentified`: per parent of the last dimension, the spend left out and the parent's whole total. */
  leftOut: (Unidentified & {ids: (string | null)[]; labels: (string | null)[]; currency: string | null; total: bigint})[]
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
  return cubeRows(cubeTable(frame, opts))
}

/**
 * The cube as columns (see CubeTable): what the writers read, with no
 * object per row. Same rows, same order as `cube`.
 * @example cubeTable(frame, {by: ['buyer', 'category']}).length
 */
export function cubeTable(frame: SpendFrame, opts: CubeOptions): CubeTable {
  const by = [...opts.by]
  if (new Set(by).size !== by.length) {
    throw new SpendInputError('BAD_DIMENSION', analysisMsg.repeatedDimension(by), {where: '--by'})
  }
  if (opts.top !== undefined && (!Number.isInteger(opts.top) || opts.top < 1)) {
    throw new SpendInputError('BAD_TOP', analysisMsg.badTop(opts.top), {where: '--top'})
  }
  const groups = by.filter((d) => d !== 'currency')
  const dims = groups.map((d) => dim(frame, d, opts))
  const cur = dim(frame, 'currency')
  const leave = opts.leaveUnidentified && dims.length > 0 ? leaveOutMask(dims[dims.length - 1]) : null
  return {...cubeColumns(groups, cur, dims, amounts(frame), opts.selection ?? null, !!opts.rollup, opts.top ?? null, leave), asked: by}
}

/**
 * One object per row of a cube table.
 * @example cubeRows(cubeTable(frame, {by: ['buyer']})).rows[0].amount // 123450n
 */
export function cubeRows(t: CubeTable): CubeResult {
  const n = t.by.length
  const rows: CubeRow[] = new Array(t.length)
  const si = t.by.indexOf('supplier')
  const mask = si >= 0 ? t.dims[si].unidentified : undefined
  for (let r = 0; r < t.length; r++) {
    const ids: (string | null)[] = new Array(n)
    const labels: (string | null)[] = new Array(n)
    for (let i = 0; i < n; i++) {
      ids[i] = cubeId(t, r, i)
      labels[i] = cubeLabel(t, r, i)
    }
    const other = t.other[r]
    rows[r] = {
      ids, labels, currency: t.currencies[t.currency[r]], amount: cubeAmount(t, r), count: t.count[r],
      share: nullIfNaN(t.share[r]), shareOfTotal: nullIfNaN(t.shareOfTotal[r]), rollup: t.depth[r] < n,
      other: other < 0 ? null : other, depth: t.depth[r], unidentified: mask !== undefined && t.keys[si][r] >= 0 && mask[t.keys[si][r]] === 1,
    }
  }
  const leftOut = t.leftOut.map((l) => ({
    ids: l.keys.map((k, i) => t.dims[i].ids[k]), labels: l.keys.map((k, i) => t.dims[i].labels[k]),
    currency: t.currencies[l.currency], amount: l.amount, count: l.count, total: l.total,
  }))
  return {by: t.by, rows, leftOut}
}

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x
}

/**
 * The `--json` form: `{by, rows: [{buyer, buyer_id, category, category_code,
 * currency, amount: "1234.50", count, share, share_total, rollup?, other?,
 * unidentified?}]}`; `unidentified: true` marks the one row of redacted and
 * blank suppliers (many unknown payees, kept in a cube since it breaks down totals).
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
      if (r.unidentified) o.unidentified = true
      return o
    }),
  }
}
