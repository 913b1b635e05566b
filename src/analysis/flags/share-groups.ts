/**
 * Supplier shares of a group's spend, as the concentration analysis computes
 * them (memberGroups): per group and currency, the suppliers with a positive
 * total, each one's share of the sum of those totals; redacted and blank
 * suppliers left out (their spend is `unidentified`). Groups too small to
 * say anything (fewer suppliers, too little spend, too few payments) are
 * counted, not tested.
 */
import {currencyExponent} from '../../model/currency.js'
import type {SpendFrame} from '../../model/frame.js'
import {dim, type Dim} from '../dims.js'
import type {Rows} from '../kernel.js'
import {memberGroups, type MemberGroup} from '../supplier-groups.js'

/** One group that passed the minimums, its members by total descending (ties by key). */
export interface ShareGroup {
  g: MemberGroup
  /** The group dimension's key of the group, and the currency's key (row keys of `groupDim` and `cur`). */
  groupKey: number
  currencyKey: number
  /** Sum of the positive supplier totals: the base of the shares. */
  base: bigint
  /** Suppliers with a positive total. */
  suppliers: number
  /** Rows of the group (all signs, unidentified suppliers included). */
  payments: number
}

export interface ShareGroups {
  groupDim: Dim
  cur: Dim
  supplier: Dim
  tested: ShareGroup[]
  /** Groups (with an id) under a minimum, per currency. */
  untested: Map<string, number>
}

export interface ShareMinimums {
  minSuppliers: number
  minPayments: number
  /** In major units of each group's currency. */
  minSpend: number
}

/**
 * Minor units of a major-unit amount in a currency (a configured number).
 * @example minorOf(25000, 'GBP') // 2500000n
 */
export function minorOf(major: number, currency: string): bigint {
  return BigInt(Math.round(major * 10 ** currencyExponent(currency)))
}

/**
 * The groups of `by` (buyer or category) with their supplier shares' base.
 * @example shareGroups(frame, 'buyer', null, {minSuppliers: 5, minPayments: 0, minSpend: 0}).tested[0].base
 */
export function shareGroups(frame: SpendFrame, by: 'buyer' | 'category', selection: Rows, min: ShareMinimums): ShareGroups {
  const groups = sortedGroups(frame, by, selection)
  const groupDim = dim(frame, by)
  const cur = dim(frame, 'currency')
  const supplier = dim(frame, 'supplier')
  const tested: ShareGroup[] = []
  const untested = new Map<string, number>()
  for (const g of groups) {
    if (!g.group || g.group.id === null) continue
    const currency = g.currency ?? ''
    let base = 0n
    let suppliers = 0
    for (const m of g.sorted) {
      const t = g.members.sums.total(m)
      if (t <= 0n) break
      base += t
      suppliers++
    }
    const payments = g.level.sums.count[g.id]
    if (suppliers < min.minSuppliers || payments < min.minPayments || base < minorOf(min.minSpend, currency) || base <= 0n) {
      untested.set(currency, (untested.get(currency) ?? 0) + 1)
      continue
    }
    tested.push({g, groupKey: g.level.child[g.id], currencyKey: cur.ids.indexOf(g.currency), base, suppliers, payments})
  }
  return {groupDim, cur, supplier, tested, untested}
}

/**
 * memberGroups sorted, kept for the frame and selection last asked about:
 * market-share and concentration run one after the other on the same frame
 * and both need the categories' (~250 ms on 1M rows each time).
 */
const GROUPS = new WeakMap<SpendFrame, {selection: Rows; by: string; groups: MemberGroup[]}[]>()

function sortedGroups(frame: SpendFrame, by: 'buyer' | 'category', selection: Rows): MemberGroup[] {
  const kept = GROUPS.get(frame) ?? []
  const hit = kept.find((k) => k.by === by && k.selection === selection)
  if (hit) return hit.groups
  const groups = memberGroups(frame, {by, member: 'supplier', selection, sort: true})
  GROUPS.set(frame, [...kept.filter((k) => k.selection === selection), {selection, by, groups}])
  return groups
}
