import {SpendInputError} from '../errors.js'
import type {DictColumn, SpendFrame} from '../model/frame.js'
import type {FrameColumn, RecordColumn} from '../model/record.js'
import {amounts, dictColumn} from './frame-access.js'
import {compareIds} from './json.js'
import {GroupSums, rowCount, sumByGroup, type Rows} from './kernel.js'
import type {Level} from './levels.js'
import {orderedByParent} from './order.js'
import {SELECT_MAX, selectTop} from './select.js'
import {analysisMsg} from '../messages.js'

/**
 * `spend rows`: the records behind a figure, in a stated order. Pure: the
 * frame's rows, picked and ordered with the typed-array helpers the cube uses.
 */

/** Orders of `spend rows`: largest amounts first, by date, or as in the source files. */
export const ROW_SORTS = ['amount', 'date', 'file'] as const
export type RowSort = (typeof ROW_SORTS)[number]

/** Text filters only `spend rows` has (the common ones are in filter.ts): exact value, else case-insensitively. */
export interface RowFilterOptions {
  unit?: readonly string[]
  expenseType?: readonly string[]
}

/** Columns `spend rows` shows (its JSON fields come from these). */
export const ROW_COLUMNS: readonly FrameColumn[] = [
  'source', 'source_file', 'source_line', 'date', 'buyer', 'buyer_id', 'unit', 'supplier', 'supplier_id', 'supplier_key',
  'amount', 'currency', 'category_code', 'category', 'expense_type', 'description', 'transaction_id', 'supplier_scale', 'invoice_number',
  'published_supplier',
]

/** Free-text columns, often one value per row: read for the listed rows only, after ordering (see pickColumn). */
export const LISTED_ONLY_COLUMNS: readonly RecordColumn[] = ['description', 'transaction_id']

/**
 * Narrow a selection by unit and expense type. A value matching some row
 * exactly selects those rows, else it matches case-insensitively (so a cube
 * cell's own text finds exactly its rows); a value matching nothing is an
 * error, as with the other filters.
 * @example narrowRows(frame, null, {unit: ['Operations North']})
 */
export function narrowRows(frame: SpendFrame, selection: Rows, opts: RowFilterOptions): Rows {
  const tests: {col: DictColumn; ok: Uint8Array}[] = []
  const add = (name: FrameColumn, what: string, where: string, wanted: readonly string[] | undefined) => {
    const values = (wanted ?? []).map((v) => v.trim()).filter((v) => v !== '')
    if (values.length === 0) return
    const col = dictColumn(frame, name) ?? {type: 'dict' as const, codes: new Int32Array(frame.length).fill(-1), dict: []}
    const ok = new Uint8Array(col.dict.length)
    const mark = (test: (v: string) => boolean): boolean => {
      let hit = false
      col.dict.forEach((v, c) => {
        if (!test(v)) return
        ok[c] = 1
        hit = true
      })
      return hit
    }
    for (const w of values) {
      const lower = w.toLowerCase()
      if (!mark((v) => v === w) && !mark((v) => v.toLowerCase() === lower)) {
        throw new SpendInputError('NO_MATCH', analysisMsg.noMatch(what, w), {where, hint: analysisMsg.noMatchHint()})
      }
    }
    tests.push({col, ok})
  }
  add('unit', 'unit', '--unit', opts.unit)
  add('expense_type', 'expense type', '--expense-type', opts.expenseType)
  if (tests.length === 0) return selection
  const m = rowCount(selection, frame.length)
  const out = new Uint32Array(m)
  let n = 0
  rows: for (let j = 0; j < m; j++) {
    const i = selection ? selection[j] : j
    for (const t of tests) {
      const c = t.col.codes[i]
      if (c < 0 || !t.ok[c]) continue rows
    }
    out[n++] = i
  }
  return out.slice(0, n)
}

/**
 * The selected rows in output order, as frame row indexes.
 * - `file`: source order, import by import (ids ascending), each in the order
 *   it was read (file, then line: a workspace frame holds every import's rows as read).
 * - `date`: by date, then source order; undated rows last.
 * - `amount` (default): per currency (codes ascending; amounts in different
 *   currencies are never compared), largest first, ties in source order.
 * `top` keeps the first N rows, per currency when ordered by amount (as
 * `spend top` does).
 * @example orderRows(frame, null, {sort: 'amount', top: 10}) // the 10 largest rows of each currency
 */
export function orderRows(frame: SpendFrame, selection: Rows, opts: {sort?: RowSort; top?: number} = {}): Uint32Array {
  const base = sourceOrder(frame, selection)
  const sort = opts.sort ?? 'amount'
  if (sort === 'file') return opts.top === undefined ? base : base.slice(0, opts.top)
  if (sort === 'date') {
    const ordered = byDate(frame, base)
    return opts.top === undefined ? ordered : ordered.slice(0, opts.top)
  }
  return byAmount(frame, base, opts.top)
}

/** Rank of each dictionary code in code-unit order of its value; null (code -1) is ranked last, at `dict.length`. */
function codeRanks(col: DictColumn | undefined): Int32Array {
  const dict = col?.dict ?? []
  const order = dict.map((_, c) => c).sort((a, b) => compareIds(dict[a], dict[b]))
  const rank = new Int32Array(dict.length)
  order.forEach((c, r) => (rank[c] = r))
  return rank
}

/** Stable counting sort of `rows` by a small key (0 .. size-1). */
function countingSort(rows: Uint32Array, key: (i: number) => number, size: number): Uint32Array {
  const start = new Int32Array(size + 1)
  for (let j = 0; j < rows.length; j++) start[key(rows[j]) + 1]++
  for (let k = 0; k < size; k++) start[k + 1] += start[k]
  const out = new Uint32Array(rows.length)
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j]
    out[start[key(i)]++] = i
  }
  return out
}

/** The selection in source order: by import id, then frame order (each import's rows as read). */
function sourceOrder(frame: SpendFrame, selection: Rows): Uint32Array {
  const rows = selection ?? identity(frame.length)
  const source = dictColumn(frame, 'source')
  if (!source || source.dict.length < 2) return rows
  const rank = codeRanks(source)
  // A workspace frame holds its imports in id order already: nothing to do.
  if (rank.every((r, c) => r === c) && isAscending(source.codes, rows)) return rows
  const codes = source.codes
  const last = source.dict.length
  return countingSort(rows, (i) => (codes[i] < 0 ? last : rank[codes[i]]), last + 1)
}

function identity(n: number): Uint32Array {
  const out = new Uint32Array(n)
  for (let i = 0; i < n; i++) out[i] = i
  return out
}

/** Whether the codes of `rows` never decrease. */
function isAscending(codes: Int32Array, rows: Uint32Array): boolean {
  for (let j = 1; j < rows.length; j++) if (codes[rows[j]] < codes[rows[j - 1]]) return false
  return true
}

function byDate(frame: SpendFrame, rows: Uint32Array): Uint32Array {
  const date = dictColumn(frame, 'date')
  if (!date) return rows
  const rank = codeRanks(date)
  const codes = date.codes
  const last = date.dict.length
  return countingSort(rows, (i) => (codes[i] < 0 ? last : rank[codes[i]]), last + 1)
}

/** A `--top` this many times smaller than the rows picks with heaps, not a full sort (1M rows: top 5000 in ~40 ms, the sort ~250 ms). */
const HEAP_RATIO = 64

/** Below this magnitude every key of the radix sort in order.ts is exact (see orderedByParent). */
const RADIX_MAX = 4e15

/**
 * Per currency, amount descending, ties in the order of `rows` (source order):
 * a bounded heap per currency for a `top` small beside the rows (select.ts),
 * else one radix sort (order.ts); both keep equal amounts in input order.
 */
function byAmount(frame: SpendFrame, rows: Uint32Array, top: number | undefined): Uint32Array {
  const values = amounts(frame)
  const currency = dictColumn(frame, 'currency')
  const rank = codeRanks(currency)
  const parentSize = rank.length + 1
  const m = rows.length
  const parent = new Int32Array(m)
  const acc = new Float64Array(m)
  let radix = true
  for (let g = 0; g < m; g++) {
    const i = rows[g]
    const c = currency ? currency.codes[i] : -1
    parent[g] = c < 0 ? parentSize - 1 : rank[c]
    const v = values[i]
    acc[g] = v
    if (v > RADIX_MAX || v < -RADIX_MAX) radix = false
  }
  // One group per row: the groups' "sums" are the rows' amounts; every child is the same (null) id, so ties stay in input order.
  const sums = new GroupSums(m, acc, new Int32Array(0))
  const child = new Int32Array(m)
  const ids = [null]
  let start: Int32Array
  let picked: ArrayLike<number>
  // A heap keeps the top cheaply while it is small beside the rows (most rows are rejected on one comparison).
  if (top !== undefined && (top <= SELECT_MAX || top * HEAP_RATIO <= m)) {
    const level: Level = {size: m, parent, child, sums, byParent: {start: new Int32Array(0), rows: new Uint32Array(0)}}
    const picks = selectTop(level, parentSize, ids, top)
    start = picks.start
    picked = picks.rows
  } else {
    const buckets = radix ? orderedByParent(parent, parentSize, sums, child, ids) : null
    ;({start, rows: picked} = buckets ?? comparatorOrder(parent, parentSize, acc))
  }
  let n = 0
  for (let p = 0; p < parentSize; p++) n += Math.min(top ?? Infinity, start[p + 1] - start[p])
  const out = new Uint32Array(n)
  let k = 0
  for (let p = 0; p < parentSize; p++) {
    const end = top === undefined ? start[p + 1] : Math.min(start[p + 1], start[p] + top)
    for (let j = start[p]; j < end; j++) out[k++] = rows[picked[j]]
  }
  return out
}

/** The same order by a comparator sort, for amounts beyond the radix sort's exact range. */
function comparatorOrder(parent: Int32Array, parentSize: number, acc: Float64Array): {start: Int32Array; rows: Uint32Array} {
  const rows = identity(parent.length)
  rows.sort((g, h) => parent[g] - parent[h] || (acc[h] > acc[g] ? 1 : acc[h] < acc[g] ? -1 : g - h))
  const start = new Int32Array(parentSize + 1)
  for (let g = 0; g < parent.length; g++) start[parent[g] + 1]++
  for (let p = 0; p < parentSize; p++) start[p + 1] += start[p]
  return {start, rows}
}

/** Exact totals of the selected rows per currency (codes ascending). */
export interface RowTotal {
  currency: string | null
  amount: bigint
  count: number
}

/**
 * Per-currency totals and counts of the rows the filters select: the figure
 * being followed down (a cube cell's amount and count).
 * @example rowTotals(frame, selection) // [{currency: 'GBP', amount: 123450n, count: 3}]
 */
export function rowTotals(frame: SpendFrame, selection: Rows): RowTotal[] {
  const currency = dictColumn(frame, 'currency')
  const size = (currency?.dict.length ?? 0) + 1
  const keys = new Int32Array(frame.length).fill(size - 1)
  if (currency) for (let i = 0; i < frame.length; i++) if (currency.codes[i] >= 0) keys[i] = currency.codes[i]
  const sums = sumByGroup(keys, size, amounts(frame), selection)
  const names = [...(currency?.dict ?? []), null]
  return names
    .map((c, k) => ({currency: c, amount: sums.total(k), count: sums.count[k]}))
    .filter((t) => t.count > 0)
    .sort((a, b) => compareIds(a.currency, b.currency))
}
