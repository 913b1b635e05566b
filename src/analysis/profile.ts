import type {SpendFrame} from '../model/frame.js'
import {formatMinor} from '../model/money.js'
import {cube, type CubeRow} from './cube.js'
import {amounts, dictColumn, dim, type DimOptions} from './dims.js'
import {compareIds, dimFields, shareJson} from './json.js'
import {ratio, type Rows} from './kernel.js'
import {currencyGroups, groupLevels} from './levels.js'
import {resolveEntity, type EntityKind} from './resolve.js'
import {leaveOutMask} from './unidentified.js'

export interface ProfileOptions extends DimOptions {
  kind: EntityKind
  /** Id, name or a unique part of a name (the rule of matchEntity in resolve.ts). */
  query: string
  selection?: Rows
  /** Rank redacted and blank suppliers as one supplier (default: they are not ranked, nor counted in `of`). */
  redactedAsSupplier?: boolean
}

export interface ProfileTotal {
  currency: string | null
  amount: bigint
  count: number
  first: string | null
  last: string | null
  /**
   * 1-based rank among the suppliers (or buyers) in this currency by total
   * (ties by id), and how many there are. Redacted and blank suppliers are
   * not suppliers here (unless counted as one): they are not in `of`, and
   * profiling them gives rank null.
   */
  rank: number | null
  of: number
}

export interface ProfileLine {
  id: string | null
  label: string | null
  currency: string | null
  amount: bigint
  count: number
  /** Share of this profile's total in the currency. */
  share: number | null
  /** Counterparts only: share of the counterpart's own total spend (or income) in the currency. */
  shareOfCounterpart?: number | null
}

export interface ProfileResult {
  kind: EntityKind
  id: string
  name: string
  /** Every published name and id seen for it. */
  names: string[]
  ids: string[]
  totals: ProfileTotal[]
  /** By (fiscal) year; year null for the rows with no date. */
  years: (ProfileLine & {year: string | null})[]
  /** Buyers of a supplier, or suppliers of a buyer. */
  counterparts: ProfileLine[]
  categories: ProfileLine[]
  /** The profiled supplier is the group of redacted and blank names (many unknown payees), not ranked. */
  unidentified: boolean
}

/**
 * A one-page profile of a supplier or buyer over the selected rows: totals,
 * first/last payment, rank by currency, totals by (fiscal) year, counterparts
 * with the share this relationship is of the counterpart's own total, and
 * categories. Ambiguous names throw a SpendInputError listing candidates.
 * @example profile(frame, {kind: 'supplier', query: 'acme'}).totals[0].rank
 */
export function profile(frame: SpendFrame, opts: ProfileOptions): ProfileResult {
  const entity = resolveEntity(frame, opts.kind, opts.query)
  const all = opts.selection ?? null
  const own = rowsOf(entity.dim.keys, entity.key, all, frame.length)
  const counter = opts.kind === 'supplier' ? 'buyer' : 'supplier'
  const line = (r: CubeRow): ProfileLine => ({
    id: r.ids[0], label: r.labels[0], currency: r.currency, amount: r.amount, count: r.count, share: r.shareOfTotal,
  })
  const counterTotals = new Map(cube(frame, {by: [counter], selection: all}).rows.map((r) => [`${r.currency}\u0000${r.ids[0]}`, r.amount]))
  const years = cube(frame, {...opts, by: ['year'], selection: own}).rows.map((r) => ({...line(r), year: r.labels[0]}))
  years.sort((a, b) => compareIds(a.currency, b.currency) || compareIds(a.id, b.id))
  const mask = leaveOutMask(entity.dim, opts.redactedAsSupplier)
  return {
    kind: opts.kind, id: entity.id, name: entity.name, names: entity.names, ids: entity.ids,
    totals: totals(frame, entity.dim, entity.key, all, own, mask),
    years,
    counterparts: cube(frame, {by: [counter], selection: own}).rows.map((r) => ({
      ...line(r), shareOfCounterpart: ratio(r.amount, counterTotals.get(`${r.currency}\u0000${r.ids[0]}`) ?? 0n),
    })),
    categories: cube(frame, {...opts, by: ['category'], selection: own}).rows.map(line),
    unidentified: mask !== null && mask[entity.key] === 1,
  }
}

/** Rows (of the selection) whose dimension key is k. */
function rowsOf(keys: Int32Array, k: number, rows: Rows, length: number): Uint32Array {
  const out: number[] = []
  const m = rows ? rows.length : length
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j
    if (keys[i] === k) out.push(i)
  }
  return Uint32Array.from(out)
}

/**
 * Per currency: total, count, first/last date, and rank among all entities
 * without sorting them; entities whose key is in `leave` are neither ranked
 * nor counted (and one of them has rank null).
 */
function totals(frame: SpendFrame, d: ReturnType<typeof dim>, key: number, all: Rows, own: Uint32Array, leave: Uint8Array | null): ProfileTotal[] {
  const cur = dim(frame, 'currency')
  const levels = groupLevels(cur, [d], amounts(frame), all)
  const date = dictColumn(frame, 'date')
  const out: ProfileTotal[] = []
  for (const c of currencyGroups(levels[0], cur)) {
    const {start, rows: kids} = levels[1].byParent
    const sums = levels[1].sums
    const mine = Array.from(kids.subarray(start[c], start[c + 1])).find((g) => levels[1].child[g] === key)
    if (mine === undefined) continue
    const t = sums.total(mine)
    let rank = 1
    let of = 0
    for (let j = start[c]; j < start[c + 1]; j++) {
      const g = kids[j]
      if (leave && leave[levels[1].child[g]] === 1) continue
      of++
      const cmp = sums.compare(g, mine)
      if (cmp > 0 || (cmp === 0 && compareIds(d.ids[levels[1].child[g]], d.ids[key]) < 0)) rank++
    }
    const currency = cur.ids[levels[0].child[c]]
    let first: string | null = null
    let last: string | null = null
    for (const i of own) {
      const code = date ? date.codes[i] : -1
      if (code < 0 || cur.keys[i] !== levels[0].child[c]) continue
      const v = date!.dict[code]
      if (first === null || v < first) first = v
      if (last === null || v > last) last = v
    }
    out.push({currency, amount: t, count: sums.count[mine], first, last, rank: leave && leave[key] === 1 ? null : rank, of})
  }
  return out
}

/**
 * JSON form: `{kind, id, name, names, ids, totals: [{currency, amount, count,
 * first, last, rank, of}], years: [{year, ...}], counterparts: [{buyer,
 * buyer_id, ..., share, share_of_counterpart}], categories, unidentified}`.
 * `years[].year` is null for undated rows; `rank` is null when the profile
 * is of redacted and blank suppliers (`unidentified: true`), not ranked.
 * @example profileToJson(profile(frame, {kind: 'buyer', query: 'oxford'})).totals[0].rank
 */
export function profileToJson(p: ProfileResult): Record<string, unknown> {
  const counter = p.kind === 'supplier' ? 'buyer' : 'supplier'
  const money = (v: bigint, c: string | null) => formatMinor(v, c ?? '')
  const line = (name: 'buyer' | 'supplier' | 'category') => (l: ProfileLine) => ({
    ...dimFields([name], [l.id], [l.label]), currency: l.currency, amount: money(l.amount, l.currency), count: l.count,
    share: shareJson(l.share),
    ...(l.shareOfCounterpart !== undefined ? {share_of_counterpart: shareJson(l.shareOfCounterpart)} : {}),
  })
  return {
    kind: p.kind, id: p.id, name: p.name, names: p.names, ids: p.ids,
    totals: p.totals.map((t) => ({...t, amount: money(t.amount, t.currency)})),
    years: p.years.map((y) => ({year: y.year, currency: y.currency, amount: money(y.amount, y.currency), count: y.count, share: shareJson(y.share)})),
    counterparts: p.counterparts.map(line(counter)),
    categories: p.categories.map(line('category')),
    unidentified: p.unidentified,
  }
}
