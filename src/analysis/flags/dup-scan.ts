/**
 * The `duplicates` check's scan: every group of rows the check may flag,
 * before the routine-publisher rule (duplicates.ts) decides which exact
 * groups stand out. Each row gets one integer key for (buyer, currency,
 * supplier entity) from the dictionary codes (pairKeys); a hash table over
 * (key, amount) keeps only the rows that share both with another row, and
 * only those are sorted by (key, amount, date) and walked as runs. Likewise
 * (key, invoice number) for the same-number kinds. Transaction numbers
 * are free text: they are read (ctx.pick) only for rows without an invoice
 * number that share amount and buyer and supplier with another row within
 * `near_days`.
 *
 * Rows with only a transaction number (a line's id) are compared across
 * dates only by the near kinds: lines of one date under different line ids
 * are one payment run.
 *
 * Redacted or blank suppliers are never one supplier: their rows form no
 * near group, and an exact group of them needs the same (non-blank) number.
 * Zero amounts are left out (a repeated zero line moves no money).
 */
import type {DictColumn, SpendFrame} from '../../model/frame.js'
import {codePointCompare} from '../../model/entity-name.js'
import {amounts, dictColumn} from '../frame-access.js'
import {pairKeys, type Rows} from '../kernel.js'
import {dense, repeated, runsOf} from './dup-keys.js'
import {similarNumbers} from './dup-numbers.js'
import {dayNumber} from './calendar.js'
import {recurringSchedule} from './dup-schedule.js'

export type DupKind = 'exact' | 'same-number-other-date' | 'similar-number' | 'same-number-close-amount' | 'same-amount-other-number' | 'same-amount-within-days'

export interface DupGroup {
  kind: DupKind
  /** Frame rows (any order; detail() sorts them). */
  rows: number[]
  /** Amount involved, minor units: the payments after the first. */
  involved: bigint
  /** The amount of the group's first row (minor units). */
  line: number
  /** The group's first row in frame order. */
  first: number
}

/** What a flag shows of a group, built only for the groups flagged. */
export interface DupDetail {
  rows: Uint32Array
  /** The amounts in the group, distinct, ascending (minor units). */
  lines: number[]
  /** Distinct numbers, code point order. */
  numbers: string[]
  /** Distinct dates (ISO), ascending; '' for a blank date. */
  dates: string[]
}

export interface DupScan {
  exact: DupGroup[]
  near: DupGroup[]
  /** Series of one buyer, supplier and amount (or number and amount) recognised as recurring, per schedule. */
  recurring: Record<string, number>
  /** Per import (source code): whether it publishes invoice or transaction numbers. */
  numbered: Uint8Array
  detail(g: DupGroup): DupDetail
}

export interface ScanParams {
  nearDays: number
  /** Days within which the same amount under similar numbers (a number keyed twice) is a duplicate: payment runs can be weeks apart. */
  similarDays?: number
  tolerance: number
  recurringMin: number
}

type Pick = (column: 'transaction_id', rows: ArrayLike<number>) => DictColumn

const NO_DAY = 1e15

/** How many later rows of one supplier and amount each row's number is compared with (similar numbers). */
const SIMILAR_REACH = 200

/**
 * Find the candidate groups (see the header).
 * @example scanDuplicates(frame, null, pick, {nearDays: 7, tolerance: 0.01, recurringMin: 3}).exact.length
 */
export function scanDuplicates(frame: SpendFrame, sel: Rows, pick: Pick, p: ScanParams): DupScan {
  const n = frame.length
  const amount = amounts(frame)
  const buyer = dense(frame, 'buyer_id')
  const cur = dense(frame, 'currency')
  const sup = dense(frame, 'supplier_key')
  const k1 = pairKeys(buyer.codes, buyer.size, cur.codes, cur.size, sel)
  const k2 = pairKeys(k1.keys, k1.size, sup.codes, sup.size, sel)
  const key = k2.keys
  const m = sel ? sel.length : n
  const dateCol = dictColumn(frame, 'date')
  const dayOfCode = dateCol ? Float64Array.from(dateCol.dict, (d) => {
    const v = dayNumber(d)
    return Number.isNaN(v) ? NO_DAY : v
  }) : new Float64Array(0)
  const day = new Float64Array(n).fill(NO_DAY)
  if (dateCol) for (let j = 0; j < m; j++) {
    const i = sel ? sel[j] : j
    const c = dateCol.codes[i]
    if (c >= 0) day[i] = dayOfCode[c]
  }
  const dayOf = (i: number): number => day[i]
  const inv = dictColumn(frame, 'invoice_number')
  const invCode = (i: number): number => (inv ? inv.codes[i] : -1)
  const redactedCol = frame.columns.redacted
  const redacted = (i: number): boolean => redactedCol?.type === 'bool' && redactedCol.values[i] === 1
  const src = dictColumn(frame, 'source')
  const srcOf = (i: number): number => (src ? src.codes[i] : -1)
  const byAmountDay = (x: number, y: number) => amount[x] - amount[y] || dayOf(x) - dayOf(y) || x - y

  // Rows sharing (buyer, currency, supplier, amount) with another row, by (group, amount, date).
  const sameAmount = repeated(sel, m, key, (i) => (amount[i] === 0 ? null : amount[i]))
    .sort((x, y) => key[x] - key[y] || byAmountDay(x, y))
  const runs = runsOf(sameAmount, (x, y) => key[x] === key[y] && amount[x] === amount[y])
  // Transaction numbers are read only where a row without an invoice number has a near twin.
  const need: number[] = []
  for (let j = 0; j + 1 < sameAmount.length; j++) {
    const x = sameAmount[j]
    const y = sameAmount[j + 1]
    if (key[x] !== key[y] || amount[x] !== amount[y] || dayOf(y) - dayOf(x) > Math.max(p.nearDays, p.similarDays ?? 0)) continue
    if (invCode(x) < 0 && (need.length === 0 || need[need.length - 1] !== x)) need.push(x)
    if (invCode(y) < 0) need.push(y)
  }
  need.sort((x, y) => x - y)
  const tid = need.length > 0 ? pick('transaction_id', need) : null
  const numberOf = (i: number): string | null => {
    const c = invCode(i)
    if (c >= 0) return (inv as DictColumn).dict[c]
    const t = tid ? tid.codes[i] : -1
    return t >= 0 ? (tid as DictColumn).dict[t] : null
  }
  /** The number as an integer (invoice codes, then transaction codes after them), -1 for none: no strings in the loops. */
  const invSize = inv ? inv.dict.length : 0
  const numKey = (i: number): number => {
    const c = invCode(i)
    if (c >= 0) return c
    const t = tid ? tid.codes[i] : -1
    return t >= 0 ? invSize + t : -1
  }
  const numbered = new Uint8Array(src ? src.dict.length + 1 : 1)
  if (inv) for (let j = 0; j < m; j++) {
    const i = sel ? sel[j] : j
    if (inv.codes[i] >= 0 && srcOf(i) >= 0) numbered[srcOf(i)] = 1
  }
  for (const i of need) if (numberOf(i) !== null && srcOf(i) >= 0) numbered[srcOf(i)] = 1

  const dateText = (i: number): string => (dateCol && dateCol.codes[i] >= 0 ? dateCol.dict[dateCol.codes[i]] : '')
  const detail = (g: DupGroup): DupDetail => {
    const sorted = Uint32Array.from(g.rows).sort()
    const nums = new Set<string>()
    const dates = new Set<string>()
    const lines = new Set<number>()
    for (const i of sorted) {
      const num = numberOf(i)
      if (num !== null) nums.add(num)
      dates.add(dateText(i))
      lines.add(amount[i])
    }
    return {rows: sorted, numbers: [...nums].sort(codePointCompare), dates: [...dates].sort(), lines: [...lines].sort((x, y) => x - y)}
  }
  const out: DupScan = {exact: [], near: [], recurring: {}, numbered, detail}
  const group = (kind: DupKind, rows: number[], involved: bigint): DupGroup => {
    let first = rows[0]
    for (const i of rows) if (i < first) first = i
    return {kind, rows, involved, line: amount[first], first}
  }
  const recurring = (rows: readonly number[]): boolean => {
    const s = recurringSchedule(rows.map(dayOf), p.recurringMin)
    if (s !== null) out.recurring[s] = (out.recurring[s] ?? 0) + 1
    return s !== null
  }

  for (const r of runs) amountRun(r)
  // Rows sharing (buyer, currency, supplier, invoice number) with another row, by (group, number, amount, date).
  const sameNumber = repeated(sel, m, key, (i) => (invCode(i) < 0 || redacted(i) || amount[i] === 0 || dayOf(i) === NO_DAY ? null : invCode(i)))
    .sort((x, y) => key[x] - key[y] || invCode(x) - invCode(y) || byAmountDay(x, y))
  for (const r of runsOf(sameNumber, (x, y) => key[x] === key[y] && invCode(x) === invCode(y))) oneNumber(r)
  return out

  function amountRun(run: number[]): void {
    const a = amount[run[0]]
    // Exact: same date and number (a redacted row needs a number).
    for (let r = 0; r < run.length;) {
      let e = r + 1
      while (e < run.length && dayOf(run[e]) === dayOf(run[r])) e++
      if (e - r >= 2) {
        const byNumber = new Map<number, number[]>()
        for (let k = r; k < e; k++) {
          const i = run[k]
          const key = numKey(i)
          if (key < 0 && redacted(i)) continue
          const list = byNumber.get(key)
          if (list) list.push(i)
          else byNumber.set(key, [i])
        }
        for (const list of byNumber.values()) if (list.length >= 2) out.exact.push(group('exact', list, BigInt(a) * BigInt(list.length - 1)))
      }
      r = e
    }
    // Near kinds: not redacted, dated, not a recurring series.
    const rows = run.filter((i) => !redacted(i) && dayOf(i) !== NO_DAY)
    if (rows.length < 2 || recurring(rows)) return
    const withNumber = rows.filter((i) => numKey(i) >= 0)
    const without = rows.filter((i) => numKey(i) < 0 && !numbered[srcOf(i)])
    // Similar numbers: only the rows whose number looks like another's within similar_days (pairs joined), not the whole run.
    const inSimilar = new Set<number>()
    for (const g of similarGroups(withNumber)) {
      for (const i of g) inSimilar.add(i)
      const payments = new Set(g.map((i) => dayOf(i) * 4294967296 + numKey(i))).size
      out.near.push(group('similar-number', g, BigInt(a) * BigInt(payments - 1)))
    }
    for (const c of clusters(withNumber.filter((i) => !inSimilar.has(i)))) {
      const keys = new Set(c.map(numKey))
      if (keys.size < 2) continue
      // A transaction number names one line: lines of one date under such numbers are one payment run, not a re-keyed invoice.
      if (!c.some((i) => invCode(i) >= 0) && new Set(c.map(dayOf)).size < 2) continue
      const payments = new Set(c.map((i) => dayOf(i) * 4294967296 + numKey(i))).size
      out.near.push(group('same-amount-other-number', c, BigInt(a) * BigInt(payments - 1)))
    }
    for (const c of clusters(without)) {
      const days = new Set(c.map(dayOf)).size
      if (days >= 2) out.near.push(group('same-amount-within-days', c, BigInt(a) * BigInt(days - 1)))
    }
  }

  /**
   * Groups of rows (in date order) joined pair by pair where two numbers are
   * similar and at most similar_days apart; each row is compared with at most
   * SIMILAR_REACH later rows, so a long run stays linear.
   */
  function similarGroups(rows: readonly number[]): number[][] {
    const days = p.similarDays ?? p.nearDays
    const parent = rows.map((_, k) => k)
    const find = (k: number): number => {
      while (parent[k] !== k) k = parent[k] = parent[parent[k]]
      return k
    }
    const nums = rows.map((i) => numberOf(i) as string)
    let joined = false
    for (let x = 0; x < rows.length; x++) {
      for (let y = x + 1; y < rows.length && y <= x + SIMILAR_REACH && dayOf(rows[y]) - dayOf(rows[x]) <= days; y++) {
        if (nums[x] === nums[y] || !similarNumbers(nums[x], nums[y])) continue
        parent[find(y)] = find(x)
        joined = true
      }
    }
    if (!joined) return []
    const byRoot = new Map<number, number[]>()
    rows.forEach((i, k) => {
      const r = find(k)
      const list = byRoot.get(r)
      if (list) list.push(i)
      else byRoot.set(r, [i])
    })
    return [...byRoot.values()].filter((g) => g.length >= 2)
  }

  /** Rows (in date order) chained while consecutive dates are at most near_days apart; clusters of 2 or more. */
  function clusters(rows: readonly number[], days = p.nearDays): number[][] {
    const list: number[][] = []
    let cur: number[] = []
    for (const i of rows) {
      if (cur.length > 0 && dayOf(i) - dayOf(cur[cur.length - 1]) > days) {
        if (cur.length >= 2) list.push(cur)
        cur = []
      }
      cur.push(i)
    }
    if (cur.length >= 2) list.push(cur)
    return list
  }

  function oneNumber(run: number[]): void {
    const byAmount: number[][] = []
    for (const i of run) {
      const last = byAmount[byAmount.length - 1]
      if (last && amount[last[0]] === amount[i]) last.push(i)
      else byAmount.push([i])
    }
    for (const same of byAmount) {
      const days = new Set(same.map(dayOf)).size
      if (days >= 2 && !recurring(same)) out.near.push(group('same-number-other-date', same, BigInt(amount[same[0]]) * BigInt(days - 1)))
    }
    const close = new Set<number>()
    for (let k = 0; k + 1 < byAmount.length; k++) {
      const x = byAmount[k]
      const y = byAmount[k + 1]
      const ax = amount[x[0]]
      const ay = amount[y[0]]
      if (Math.sign(ax) !== Math.sign(ay) || ay - ax > p.tolerance * Math.max(Math.abs(ax), Math.abs(ay))) continue
      // Lines of one multi-line invoice share its date: close amounts count only across dates.
      if (new Set([...x, ...y].map(dayOf)).size < 2) continue
      for (const i of [...x, ...y]) close.add(i)
    }
    if (close.size === 0) return
    const rows = [...close].sort((x, y) => dayOf(x) - dayOf(y) || x - y)
    let involved = 0n
    for (let k = 1; k < rows.length; k++) involved += BigInt(amount[rows[k]])
    out.near.push(group('same-number-close-amount', rows, involved))
  }
}
