/**
 * What `splitting` and `threshold-bunching` share: day numbers of the date
 * dictionary, one key per buyer (id and name), each buyer's publication
 * floor per currency (effectiveFloors: a floor at or above a threshold means
 * payments under it are not published), the thresholds in force over the
 * data, and the echo of both.
 */
import {isUnidentifiedKey} from '../../model/supplier.js'
import type {DictColumn, SpendFrame} from '../../model/frame.js'
import {formatMinor} from '../../model/money.js'
import {effectiveFloors, type Floor} from '../benchmark/floor.js'
import {amounts as amountsOf, dictColumn} from '../frame-access.js'
import {pairKeys, type Rows} from '../kernel.js'
import {dayNumber} from './calendar.js'
import {thresholdsMsg} from '../../messages.js'
import type {CheckContext, CheckName, CheckNote, ProcurementThreshold} from './types.js'

/** Day numbers per code of a date column (NaN for a code whose text is no date). */
export function dayTable(col: DictColumn): Float64Array {
  return Float64Array.from(col.dict, dayNumber)
}

/** A threshold's in-force period as day numbers (open ends as infinities). */
export function periodDays(t: ProcurementThreshold): {from: number; to: number} {
  return {from: t.from === null ? -Infinity : dayNumber(t.from), to: t.to === null ? Infinity : dayNumber(t.to)}
}

/** An amount with its currency code: `GBP 5000.00`. */
export function money(minor: number | bigint, currency: string): string {
  return `${currency} ${formatMinor(minor, currency)}`
}

/** The rows of one currency, with the buyer keys and floors the threshold checks need. */
export interface CurrencyRows {
  currency: string
  /** Selected rows of the currency with a date, in frame order. */
  rows: Uint32Array
  /** First and last day among them. */
  first: number
  last: number
}

/** The frame's columns as the threshold checks read them. */
export interface ThresholdFrame {
  frame: SpendFrame
  amount: Float64Array
  buyer: DictColumn
  buyerId: DictColumn | undefined
  supplier: DictColumn | undefined
  supplierKey: DictColumn | undefined
  redacted: Uint8Array | undefined
  currency: DictColumn
  date: DictColumn
  days: Float64Array
  /** Dense buyer key per row (id and name together); `buyerRow[k]` is a row of buyer k. */
  buyerKey: Int32Array
  buyers: number
  buyerRow: Int32Array
}

/** Read the columns (null when the frame lacks buyer, currency or date: nothing to test). */
export function thresholdFrame(frame: SpendFrame, selection: Rows): ThresholdFrame | null {
  const buyer = dictColumn(frame, 'buyer')
  const currency = dictColumn(frame, 'currency')
  const date = dictColumn(frame, 'date')
  if (!buyer || !currency || !date) return null
  const buyerId = dictColumn(frame, 'buyer_id')
  const n = frame.length
  // Null codes (-1) become the dictionary's size, so every row has a key part (plain loops: TypedArray.from with a function is slow).
  const idSize = buyerId?.dict.length ?? 0
  const a = new Int32Array(n)
  const b = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const x = buyerId ? buyerId.codes[i] : 0
    a[i] = x < 0 ? idSize : x
    const y = buyer.codes[i]
    b[i] = y < 0 ? buyer.dict.length : y
  }
  const pk = pairKeys(a, idSize + 1, b, buyer.dict.length + 1, selection, new Int32Array(n))
  const buyerRow = new Int32Array(pk.size).fill(-1)
  const m = selection ? selection.length : n
  for (let j = 0; j < m; j++) {
    const i = selection ? selection[j] : j
    if (buyerRow[pk.keys[i]] < 0) buyerRow[pk.keys[i]] = i
  }
  const red = frame.columns.redacted
  return {
    frame, amount: amountsOf(frame), buyer, buyerId, supplier: dictColumn(frame, 'supplier'), supplierKey: dictColumn(frame, 'supplier_key'),
    redacted: red && red.type === 'bool' ? red.values : undefined, currency, date, days: dayTable(date),
    buyerKey: pk.keys, buyers: pk.size, buyerRow,
  }
}

/** Selected rows per currency (with a date), currencies in code-point order. */
export function rowsByCurrency(tf: ThresholdFrame, selection: Rows, length: number): CurrencyRows[] {
  const size = tf.currency.dict.length
  const count = new Int32Array(size)
  const first = new Float64Array(size).fill(Infinity)
  const last = new Float64Array(size).fill(-Infinity)
  const {codes} = tf.currency
  const dates = tf.date.codes
  const days = tf.days
  const m = selection ? selection.length : length
  for (let j = 0; j < m; j++) {
    const i = selection ? selection[j] : j
    const c = codes[i]
    const d = days[dates[i]]
    if (c < 0 || !(d === d)) continue
    count[c]++
    if (d < first[c]) first[c] = d
    if (d > last[c]) last[c] = d
  }
  const lists = Array.from(count, (k) => new Uint32Array(k))
  const at = new Int32Array(size)
  for (let j = 0; j < m; j++) {
    const i = selection ? selection[j] : j
    const c = codes[i]
    const d = days[dates[i]]
    if (c < 0 || !(d === d)) continue
    lists[c][at[c]++] = i
  }
  const out: CurrencyRows[] = []
  for (let c = 0; c < size; c++) if (count[c] > 0) out.push({currency: tf.currency.dict[c], rows: lists[c], first: first[c], last: last[c]})
  return out.sort((x, y) => (x.currency < y.currency ? -1 : x.currency > y.currency ? 1 : 0))
}

/** Each buyer's publication floor in one currency (null: none known, or no positive payment). */
export function buyerFloors(tf: ThresholdFrame, cur: CurrencyRows): (Floor | null)[] {
  return effectiveFloors(tf.amount, tf.buyerKey, tf.buyers, cur.rows, cur.currency)
}

/** The thresholds of a currency whose in-force period meets the data's dates. */
export function thresholdsInForce(thresholds: readonly ProcurementThreshold[], cur: CurrencyRows): ProcurementThreshold[] {
  return thresholds.filter((t) => {
    if (t.currency !== cur.currency) return false
    const p = periodDays(t)
    return p.from <= cur.last && p.to >= cur.first
  })
}

/** A buyer's name and id. */
export function buyerOf(tf: ThresholdFrame, key: number): {buyer: string; buyer_id: string} {
  const row = tf.buyerRow[key]
  const name = tf.buyer.dict[tf.buyer.codes[row]] ?? ''
  const id = tf.buyerId ? tf.buyerId.dict[tf.buyerId.codes[row]] ?? '' : ''
  return {buyer: name, buyer_id: id}
}

/**
 * Per row, whether its supplier is redacted, blank or unidentified (never
 * grouped as one supplier): the `redacted` column, or a key that stands for
 * no supplier (tested once per dictionary entry).
 */
export function unidentifiedRows(tf: ThresholdFrame, length: number): Uint8Array {
  const out = new Uint8Array(length)
  const key = tf.supplierKey
  const bad = key ? Uint8Array.from(key.dict, (k) => (isUnidentifiedKey(k) ? 1 : 0)) : undefined
  for (let i = 0; i < length; i++) {
    const k = key ? key.codes[i] : -1
    out[i] = (tf.redacted && tf.redacted[i]) || k < 0 || (bad && bad[k]) ? 1 : 0
  }
  return out
}

/** The echo of the thresholds used. */
export function thresholdEcho(ts: readonly ProcurementThreshold[]): Record<string, unknown>[] {
  return ts.map((t) => ({name: t.name, currency: t.currency, amount: formatMinor(t.minor, t.currency), from: t.from, to: t.to, jurisdiction: t.jurisdiction, source: t.source}))
}

/** The echo of the floors: one entry per buyer and currency, in buyer then currency order. */
export function floorEcho(entries: readonly {buyer: string; buyer_id: string; currency: string; floor: Floor | null}[]): Record<string, unknown>[] {
  return [...entries]
    .sort((a, b) => (a.buyer < b.buyer ? -1 : a.buyer > b.buyer ? 1 : a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0))
    .map((e) => ({buyer: e.buyer, buyer_id: e.buyer_id, currency: e.currency, floor: e.floor ? e.floor.amount : null, floor_source: e.floor ? e.floor.source : null}))
}

/**
 * The rows whose amount falls in any of the ranges [lo, hi) (merged first,
 * so a row is compared with a few intervals): the candidates of the
 * threshold checks, in the order given.
 * @example rowsInRanges(Float64Array.of(5, 50, 500), Uint32Array.of(0, 1, 2), [[40, 60], [1, 6]]) // Uint32Array [0, 1]
 */
export function rowsInRanges(amount: Float64Array, rows: Uint32Array, ranges: readonly (readonly [number, number])[]): Uint32Array {
  const sorted = ranges.filter(([lo, hi]) => hi > lo).map(([lo, hi]) => [lo, hi]).sort((x, y) => x[0] - y[0])
  const merged: number[][] = []
  for (const r of sorted) {
    const top = merged[merged.length - 1]
    if (top && r[0] <= top[1]) top[1] = Math.max(top[1], r[1])
    else merged.push(r)
  }
  const lo = Float64Array.from(merged, (r) => r[0])
  const hi = Float64Array.from(merged, (r) => r[1])
  const k = merged.length
  const min = k ? lo[0] : Infinity
  const max = k ? hi[k - 1] : -Infinity
  const out: number[] = []
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j]
    const a = amount[i]
    if (a < min || a >= max) continue
    for (let t = 0; t < k; t++) {
      if (a < lo[t]) break
      if (a < hi[t]) {
        out.push(i)
        break
      }
    }
  }
  return Uint32Array.from(out)
}

/** The buyer keys with a row among `rows`, ascending. */
export function buyersPresent(tf: ThresholdFrame, rows: Uint32Array): number[] {
  const seen = new Uint8Array(tf.buyers)
  const keys = tf.buyerKey
  for (let j = 0; j < rows.length; j++) seen[keys[rows[j]]] = 1
  const out: number[] = []
  for (let k = 0; k < seen.length; k++) if (seen[k]) out.push(k)
  return out
}

/** The kind of contracting authority a threshold is for (`central` government, `sub-central`), or null for every authority. */
export type AuthorityKind = 'central' | 'sub-central'

/**
 * The authority kind a threshold is for, from its name (`...-sub-central`,
 * `...-central`), null when it applies to every authority (works, a
 * council's own quotation limit given in --config).
 * @example thresholdAuthority({name: 'goods-services-sub-central'} as ProcurementThreshold) // 'sub-central'
 */
export function thresholdAuthority(t: Pick<ProcurementThreshold, 'name'>): AuthorityKind | null {
  if (/(^|-)sub-central$/.test(t.name)) return 'sub-central'
  if (/(^|-)central$/.test(t.name)) return 'central'
  return null
}

const SUB_CENTRAL = /\b(council|borough|county|district|metropolitan|parish|combined authority|greater london authority|fire and rescue|police|nhs|trust|university|college|school|academy|kommune|fylkeskommune|city of)\b/i
const CENTRAL = /\b(department (for|of)|ministry|ministerie|departementet|hm treasury|hm revenue|cabinet office|home office|foreign office)\b/i

/**
 * A buyer's authority kind read from its name (UK and Norwegian words), or
 * null when the name does not tell: then thresholds of both kinds apply.
 * `authority` in the check's parameters sets it for every buyer instead.
 * @example buyerAuthority('Trafford Council') // 'sub-central'
 */
export function buyerAuthority(name: string, setting: string = 'auto'): AuthorityKind | null {
  if (setting === 'central' || setting === 'sub-central') return setting
  if (setting === 'all') return null
  if (CENTRAL.test(name)) return 'central'
  return SUB_CENTRAL.test(name) ? 'sub-central' : null
}

/** Whether a threshold applies to a buyer of this authority kind (unknown kind: every threshold). */
export function thresholdApplies(t: Pick<ProcurementThreshold, 'name'>, kind: AuthorityKind | null): boolean {
  const a = thresholdAuthority(t)
  return a === null || kind === null || a === kind
}

/** The `authority` parameter both threshold checks take. */
export const AUTHORITY_PARAM = {
  kind: 'enum', default: 'auto', values: ['auto', 'central', 'sub-central', 'all'],
  doc: 'which of the thresholds for central government and for sub-central authorities apply: auto reads it from the buyer\'s name (council, borough, NHS trust... sub-central; department, ministry... central; otherwise both), all applies both to every buyer',
} as const

/** A buyer's floor in one currency, as the threshold checks echo it. */
export interface FloorEntry {
  buyer: string
  buyer_id: string
  currency: string
  floor: Floor | null
}

/** What the threshold checks gather over the currencies: notes, and the thresholds and floors for the echo. */
export interface ThresholdRun {
  notes: CheckNote[]
  used: ProcurementThreshold[]
  floors: FloorEntry[]
}

/** One currency with thresholds in force: its rows, the thresholds, each buyer's floor (by buyer key) and the buyers present. */
export interface CurrencyScope {
  cur: CurrencyRows
  ts: ProcurementThreshold[]
  fl: (Floor | null)[]
  present: number[]
}

/**
 * Each currency of the selection in turn: one with no threshold in force
 * gets the note asking for one; for the others the thresholds and every
 * present buyer's floor go to the echo, then `body` runs.
 * @example eachThresholdCurrency(tf, ctx, 'splitting', run, ({cur, ts}) => {...})
 */
export function eachThresholdCurrency(tf: ThresholdFrame, ctx: Pick<CheckContext, 'frame' | 'selection' | 'thresholds'>, check: CheckName, run: ThresholdRun, body: (scope: CurrencyScope) => void): void {
  for (const cur of rowsByCurrency(tf, ctx.selection, ctx.frame.length)) {
    const ts = thresholdsInForce(ctx.thresholds, cur)
    if (ts.length === 0) {
      run.notes.push({check, buyer: null, currency: cur.currency, text: `${thresholdsMsg.noThreshold(cur.currency)} (${thresholdsMsg.noThresholdHint()})`})
      continue
    }
    run.used.push(...ts)
    const fl = buyerFloors(tf, cur)
    const present = buyersPresent(tf, cur.rows)
    for (const k of present) run.floors.push({...buyerOf(tf, k), currency: cur.currency, floor: fl[k]})
    body({cur, ts, fl, present})
  }
}
