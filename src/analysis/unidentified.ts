import {formatMinor} from '../model/money.js'
import type {Dim} from './dims.js'
import {shareJson} from './json.js'
import {ratio} from './kernel.js'
import type {Level} from './levels.js'

/**
 * Redacted and blank suppliers are many unknown payees, not one supplier. By
 * default the supplier measures (counts, ranks, CRn, HHI, Pareto) leave them
 * out, so their shares are of the spend with an identified supplier, and say
 * beside how much was left out; every total keeps them. `--redacted-as-supplier`
 * counts them as one supplier (the behaviour before), `--exclude-redacted`
 * drops their rows from everything, totals included.
 */
export type UnidentifiedMode = 'left-out' | 'as-supplier' | 'excluded'

/** The mode named by the flags: `--exclude-redacted` wins (its rows are gone), then `--redacted-as-supplier`. */
export function unidentifiedMode(flags: {'exclude-redacted'?: boolean; 'redacted-as-supplier'?: boolean}): UnidentifiedMode {
  if (flags['exclude-redacted']) return 'excluded'
  return flags['redacted-as-supplier'] ? 'as-supplier' : 'left-out'
}

/** Spend of one group with no identified supplier. */
export interface Unidentified {
  amount: bigint
  count: number
}

export const NO_UNIDENTIFIED: Readonly<Unidentified> = Object.freeze({amount: 0n, count: 0})

/**
 * The keys of a supplier dim to leave out of supplier measures, or null when
 * none are (another dim, `as-supplier`, or no such key holds rows).
 * @example leaveOutMask(dim(frame, 'supplier'), false) // Uint8Array with 1 at the 'redacted' key
 */
export function leaveOutMask(d: Dim, asSupplier = false): Uint8Array | null {
  if (asSupplier || d.name !== 'supplier' || !d.unidentified) return null
  return d.unidentified.includes(1) ? d.unidentified : null
}

/**
 * The groups of a level whose child key is masked, per parent group: one pass
 * over the groups (not the rows); most parents have none, a few have one.
 * @example maskedByParent(levels[1], mask).get(0) // [17]
 */
export function maskedByParent(level: Level, mask: Uint8Array): Map<number, number[]> {
  const out = new Map<number, number[]>()
  const {child, parent} = level
  for (let g = 0; g < level.size; g++) {
    if (mask[child[g]] !== 1) continue
    const list = out.get(parent[g])
    if (list) list.push(g)
    else out.set(parent[g], [g])
  }
  return out
}

/** Exact total and row count of some groups of a level. */
export function sumGroups(level: Level, groups: readonly number[] | undefined): Unidentified {
  if (!groups || groups.length === 0) return NO_UNIDENTIFIED
  let amount = 0n
  let count = 0
  for (const g of groups) {
    amount += level.sums.total(g)
    count += level.sums.count[g]
  }
  return {amount, count}
}

/**
 * JSON of the spend left out: `{amount, count, share}`, the share being of
 * the group's whole total (unidentified spend included).
 * @example unidentifiedJson({amount: 250n, count: 3}, 1000n, 'GBP') // {amount: '2.50', count: 3, share: 0.25}
 */
export function unidentifiedJson(u: Unidentified, total: bigint, currency: string | null): {amount: string; count: number; share: number | null} {
  return {amount: formatMinor(u.amount, currency ?? ''), count: u.count, share: shareJson(ratio(u.amount, total))}
}
