/**
 * What the benford, round-amounts, weekend and year-end checks share: dates
 * read from their ISO digits (weekday with Date.UTC, never local time, so
 * every time zone agrees), months and fiscal years as integers, the rows of
 * each buyer and currency, and counts written with thousands separators
 * without a locale.
 */
import {codePointCompare} from '../../model/entity-name.js'
import type {DictColumn, SpendFrame} from '../../model/frame.js'
import type {Rows} from '../kernel.js'

/**
 * Day of the week of an ISO date (0 = Sunday ... 6 = Saturday), or -1 when
 * the text is not `YYYY-MM-DD`.
 * @example weekdayOf('2024-12-25') // 3 (a Wednesday)
 */
export function weekdayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return -1
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()
}

/**
 * A month as one integer (year * 12 + month - 1), or -1 when not an ISO date.
 * @example monthIndex('2025-03-31') % 12 // 2
 */
export function monthIndex(iso: string): number {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(iso)
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : -1
}

/**
 * The fiscal year a month falls in, named by the calendar year it starts in
 * (start 4: April 2024 to March 2025 is 2024).
 * @example fiscalYearOf(monthIndex('2025-03-31'), 4) // 2024
 */
export function fiscalYearOf(month: number, start: number): number {
  return Math.floor((month - (start - 1)) / 12)
}

/**
 * A month index written `YYYY-MM`.
 * @example monthText(2024 * 12 + 2) // '2024-03'
 */
export function monthText(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`
}

/**
 * Day number (days since 1970-01-01) of an ISO date, NaN when it is none; never local time.
 * @example dayNumber('1970-01-02') // 1
 */
export function dayNumber(iso: string | null): number {
  const m = iso === null ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return Number.NaN
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000
}

/**
 * An ISO date plus some days (negative: minus), in UTC.
 * @example addDays('2024-04-01', 89) // '2024-06-29'
 */
export function addDays(iso: string, days: number): string {
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)) + days)
  return new Date(t).toISOString().slice(0, 10)
}

/** One buyer and currency: its rows in frame order, and its display fields. */
export interface BuyerGroup {
  buyer: string
  buyer_id: string
  currency: string
  rows: Uint32Array
}

/** Each selected row's (buyer id, currency) group, -1 for rows not selected or without a currency. */
export interface BuyerKeys {
  keys: Int32Array
  size: number
  /** Per group: buyer, buyer id and currency (rows empty: see buyerGroups). */
  groups: BuyerGroup[]
}

/**
 * Number the (buyer id, currency) groups of the selected rows, ordered by
 * buyer id then currency (code points). Rows with no currency are left out
 * (they have no amount to compare). One pass over typed arrays.
 * @example buyerKeys(frame, null).size
 */
export function buyerKeys(frame: SpendFrame, selection: Rows): BuyerKeys {
  const ids = frame.columns.buyer_id as DictColumn
  const names = frame.columns.buyer as DictColumn
  const cur = frame.columns.currency as DictColumn
  const sizeC = cur.dict.length
  const cells = (ids.dict.length + 1) * sizeC
  const first = new Int32Array(cells).fill(-1)
  const cell = new Int32Array(frame.length).fill(-1)
  const m = selection ? selection.length : frame.length
  for (let j = 0; j < m; j++) {
    const i = selection ? selection[j] : j
    const c = cur.codes[i]
    if (c < 0) continue
    const t = (ids.codes[i] + 1) * sizeC + c
    if (first[t] < 0) first[t] = i
    cell[i] = t
  }
  const groups: (BuyerGroup & {cell: number})[] = []
  for (let t = 0; t < cells; t++) {
    const r = first[t]
    if (r < 0) continue
    const id = ids.codes[r] < 0 ? '' : ids.dict[ids.codes[r]]
    const name = names.codes[r] < 0 ? id : names.dict[names.codes[r]]
    groups.push({buyer: name, buyer_id: id, currency: cur.dict[cur.codes[r]], rows: new Uint32Array(0), cell: t})
  }
  groups.sort((a, b) => cmp(a.buyer_id, b.buyer_id) || cmp(a.currency, b.currency))
  const dense = new Int32Array(cells).fill(-1)
  groups.forEach((g, k) => (dense[g.cell] = k))
  for (let i = 0; i < cell.length; i++) if (cell[i] >= 0) cell[i] = dense[cell[i]]
  return {keys: cell, size: groups.length, groups: groups.map(({cell: _, ...g}) => g)}
}

/**
 * The selected rows per (buyer id, currency), as buyerKeys orders them, each
 * group's rows in frame order.
 * @example buyerGroups(frame, null)[0].rows
 */
export function buyerGroups(frame: SpendFrame, selection: Rows): BuyerGroup[] {
  return groupRows(buyerKeys(frame, selection))
}

/**
 * The groups of buyerKeys with their rows (frame order), by counting sort.
 * @example groupRows(buyerKeys(frame, null))[0].rows
 */
export function groupRows({keys, size, groups}: BuyerKeys): BuyerGroup[] {
  const count = new Int32Array(size + 1)
  for (let i = 0; i < keys.length; i++) if (keys[i] >= 0) count[keys[i] + 1]++
  for (let k = 0; k < size; k++) count[k + 1] += count[k]
  const all = new Uint32Array(count[size])
  const pos = count.slice(0, size)
  for (let i = 0; i < keys.length; i++) if (keys[i] >= 0) all[pos[keys[i]]++] = i
  return groups.map((g, k) => ({...g, rows: all.subarray(count[k], count[k + 1])}))
}

const cmp = codePointCompare
