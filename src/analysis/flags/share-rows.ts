/**
 * Row helpers the supplier checks share: the selection as a mask, dates as
 * ranks (ISO strings sort as dates), day arithmetic in UTC, and the rows of
 * chosen (group, supplier, currency) keys.
 */
import type {SpendFrame} from '../../model/frame.js'
import {flagsSupplierMsg as msg} from '../../messages.js'
import type {Dim} from '../dims.js'
import {dictColumn} from '../frame-access.js'
import type {Rows} from '../kernel.js'

/**
 * 1 per selected row.
 * @example selectedMask(Uint32Array.of(1), 3) // Uint8Array [0, 1, 0]
 */
export function selectedMask(selection: Rows, length: number): Uint8Array {
  const out = new Uint8Array(length)
  if (!selection) return out.fill(1)
  for (let j = 0; j < selection.length; j++) out[selection[j]] = 1
  return out
}

/** Dates as ranks: `codes` (the date column's, -1 = no date) map through `byCode` to a rank into `sorted` (the distinct dates ascending). */
export interface DateRanks {
  codes: Int32Array
  byCode: Int32Array
  sorted: string[]
}

/**
 * Rank the `date` column's dictionary (ISO `YYYY-MM-DD`: code-point order is
 * date order), once per distinct date, not per row.
 * @example dateRanks(frame).sorted[0] // the earliest date
 */
export function dateRanks(frame: SpendFrame): DateRanks {
  const col = dictColumn(frame, 'date')
  if (!col) return {codes: new Int32Array(frame.length).fill(-1), byCode: new Int32Array(0), sorted: []}
  const order = col.dict.map((_, j) => j).sort((a, b) => (col.dict[a] < col.dict[b] ? -1 : col.dict[a] > col.dict[b] ? 1 : 0))
  const byCode = new Int32Array(col.dict.length)
  order.forEach((code, r) => (byCode[code] = r))
  return {codes: col.codes, byCode, sorted: order.map((j) => col.dict[j])}
}

/**
 * The selected rows of each wanted (group key, supplier key, currency key)
 * triple, in frame order: one pass over the selection, where only rows of a
 * wanted supplier (a mask over supplier keys) build a lookup key.
 * @example rowsOf(sel, len, groupKeys, supKeys, curKeys, [[0, 3, 0]])[0] // Uint32Array of rows
 */
export function rowsOf(selection: Rows, length: number, group: Int32Array, supplier: Int32Array, currency: Int32Array,
  wanted: readonly (readonly [number, number, number])[]): Uint32Array[] {
  if (wanted.length === 0) return []
  let maxSup = 0
  let maxCur = 0
  for (const [, s, c] of wanted) {
    maxSup = Math.max(maxSup, s)
    maxCur = Math.max(maxCur, c)
  }
  // A number per triple (below 2^53 for any frame's key spaces), so no string per row.
  const key = (g: number, s: number, c: number) => (g * (maxCur + 1) + c) * (maxSup + 1) + s
  const mask = new Uint8Array(maxSup + 1)
  const index = new Map<number, number>()
  wanted.forEach(([g, s, c], j) => {
    index.set(key(g, s, c), j)
    mask[s] = 1
  })
  const lists: number[][] = wanted.map(() => [])
  const m = selection ? selection.length : length
  for (let j = 0; j < m; j++) {
    const i = selection ? selection[j] : j
    const s = supplier[i]
    if (s > maxSup || mask[s] !== 1 || currency[i] > maxCur) continue
    const hit = index.get(key(group[i], s, currency[i]))
    if (hit !== undefined) lists[hit].push(i)
  }
  return lists.map((l) => Uint32Array.from(l))
}

/** A category as code and label (`72000000 IT services`), or the code alone. */
export function labelOf(group: {id: string | null; label: string | null}): string {
  return group.label && group.label !== group.id ? `${group.id} (${group.label})` : (group.id ?? '')
}

/**
 * The buyer of some rows: theirs when they have one, else "N buyers" with an empty id.
 * @example buyerOf(Uint32Array.of(0, 1), dim(frame, 'buyer')) // {buyer: 'Buyer A', buyer_id: 'buyer-a'}
 */
export function buyerOf(rows: Uint32Array, buyer: Dim): {buyer: string; buyer_id: string} {
  const keys = new Set<number>()
  for (const i of rows) keys.add(buyer.keys[i])
  if (keys.size === 1) {
    const k = [...keys][0]
    return {buyer: buyer.labels[k] ?? buyer.ids[k] ?? '', buyer_id: buyer.ids[k] ?? ''}
  }
  return {buyer: msg.manyBuyers(keys.size), buyer_id: ''}
}
