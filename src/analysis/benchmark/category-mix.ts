import type {SpendFrame} from '../../model/frame.js'
import {formatMinor} from '../../model/money.js'
import {cube} from '../cube.js'
import {amounts, dim, type CategoryLevel} from '../dims.js'
import {compareIds} from '../json.js'
import {FLUSH} from '../kernel.js'

/**
 * Each buyer's total and category mix from one pass over its rows into a
 * dense buyer x category array: the figures (and order) of a buyer x
 * category cube with subtotals, without building the cube.
 */

/** One category's share of a buyer's total spend (all rows, net). */
export interface CategoryShare {
  category_code: string | null
  category: string | null
  amount: string
  share: number | null
}

export interface BuyerMix {
  buyer_id: string | null
  buyer: string | null
  /** Net total of the buyer's rows, minor units. */
  total: bigint
  /** Share of the total per category, largest amount first, ties by code (a cube's sibling order). */
  mix: CategoryShare[]
}

/** Buyer x category cells summed in a dense array up to this many. */
const DENSE_CELLS = 4_000_000

/**
 * One entry per buyer with a row among `rows` (one currency), in first-row
 * order; null when the cells would not fit a dense array or a buyer's
 * amounts are too large for exact doubles (the caller then uses the cube).
 * @example categoryMix(frame, rows, 'GBP', {level: 'division'})?.[0].mix[0].share // 0.41
 */
export function categoryMix(
  frame: SpendFrame, rows: Uint32Array, currency: string,
  opts: {level?: CategoryLevel; categoryLabels?: ReadonlyMap<string, string>},
): BuyerMix[] | null {
  const b = dim(frame, 'buyer')
  const cat = dim(frame, 'category', {level: opts.level, categoryLabels: opts.categoryLabels})
  if (b.size * cat.size > DENSE_CELLS) return null
  const values = amounts(frame)
  const cells = new Float64Array(b.size * cat.size)
  const counts = new Int32Array(b.size * cat.size)
  const totals = new Float64Array(b.size)
  const abs = new Float64Array(b.size)
  const order = sumCells(rows, b.keys, cat.keys, cat.size, b.size, values, cells, counts, totals, abs)
  // Past FLUSH a running sum may no longer be an exact double (below it every cell is a safe integer, formatted without a BigInt).
  for (const k of order) if (!(abs[k] < FLUSH)) return null
  const base = (k: number) => k * cat.size
  return order.map((k) => {
    const kids: number[] = []
    for (let c = 0; c < cat.size; c++) if (counts[k * cat.size + c] > 0) kids.push(c)
    const at = base(k)
    kids.sort((x, y) => cells[at + y] - cells[at + x] || compareIds(cat.ids[x], cat.ids[y]))
    const total = totals[k]
    return {
      buyer_id: b.ids[k], buyer: b.labels[k], total: BigInt(total),
      mix: kids.map((c) => ({
        category_code: cat.ids[c], category: cat.labels[c],
        amount: formatMinor(cells[at + c], currency), share: total === 0 ? null : cells[at + c] / total,
      })),
    }
  })
}

/** The row pass on its own (V8 compiles a hot loop best alone); returns the buyer keys in first-row order. */
function sumCells(
  rows: Uint32Array, buyer: Int32Array, category: Int32Array, size: number, buyers: number, values: Float64Array,
  cells: Float64Array, counts: Int32Array, totals: Float64Array, abs: Float64Array,
): number[] {
  const has = new Uint8Array(buyers)
  const order: number[] = []
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j]
    const k = buyer[i]
    const v = values[i]
    if (has[k] === 0) {
      has[k] = 1
      order.push(k)
    }
    const cell = k * size + category[i]
    cells[cell] += v
    counts[cell]++
    totals[k] += v
    abs[k] += v < 0 ? -v : v
  }
  return order
}

/**
 * The same from a buyer x category cube with subtotals: the path for
 * amounts too large for `categoryMix`, and its reference.
 * @example referenceCategoryMix(frame, rows, 'GBP', {})[0].total // 1234500n
 */
export function referenceCategoryMix(
  frame: SpendFrame, rows: Uint32Array, currency: string,
  opts: {level?: CategoryLevel; categoryLabels?: ReadonlyMap<string, string>},
): BuyerMix[] {
  const c = cube(frame, {by: ['buyer', 'category'], rollup: true, selection: rows, level: opts.level, categoryLabels: opts.categoryLabels})
  const out = new Map<string | null, BuyerMix>()
  const mix = new Map<string | null, CategoryShare[]>()
  for (const r of c.rows) {
    const id = r.ids[0]
    if (r.depth === 2) {
      const list = mix.get(id) ?? []
      list.push({category_code: r.ids[1], category: r.labels[1], amount: formatMinor(r.amount, currency), share: r.share})
      mix.set(id, list)
    } else if (r.depth === 1) {
      out.set(id, {buyer_id: id, buyer: r.labels[0], total: r.amount, mix: []})
    }
  }
  for (const [id, b] of out) b.mix = mix.get(id) ?? []
  return [...out.values()]
}
