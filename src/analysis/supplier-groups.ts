import {SpendInputError} from '../errors.js'
import type {SpendFrame} from '../model/frame.js'
import {amounts, dim, type Dim, type DimName, type DimOptions} from './dims.js'
import type {Rows} from './kernel.js'
import {currencyGroups, groupLevels, sortedChildren, type Level} from './levels.js'
import {analysisMsg} from '../messages.js'
import {leaveOutMask, maskedByParent, sumGroups, type Unidentified} from './unidentified.js'

/**
 * Supplier (or buyer) totals inside each group and currency: the common
 * first step of pareto and concentration. Groups come in currency blocks,
 * by amount descending, ties by id.
 */
export interface MemberGroup {
  currency: string | null
  /** The `by` group, or null when the whole currency is one group. */
  group: {id: string | null; label: string | null} | null
  /** Level and id of the group (its exact total is `level.sums.total(id)`). */
  level: Level
  id: number
  /** The members' level, and the member group ids: by total descending, ties by id (unless `sort: false`). */
  members: Level
  sorted: ArrayLike<number> & Iterable<number>
  /** The member dimension (supplier), for ids and labels: `memberDim.ids[members.child[g]]`. */
  memberDim: Dim
  /**
   * Spend of the group with no identified supplier (redacted or blank), left
   * out of `sorted`; zero when none, or with `redactedAsSupplier`.
   */
  unidentified: Unidentified
}

export interface MemberGroupOptions extends DimOptions {
  by?: DimName | null
  member?: 'supplier' | 'buyer'
  selection?: Rows
  /** Order members (default true); measures that need no order skip the sort. */
  sort?: boolean
  /** Count redacted and blank suppliers as one supplier (default: leave them out of the members). */
  redactedAsSupplier?: boolean
}

/**
 * Build member groups.
 * @example memberGroups(frame, {by: 'buyer'})[0].sorted.length // suppliers of the largest buyer
 */
export function memberGroups(frame: SpendFrame, opts: MemberGroupOptions): MemberGroup[] {
  const member = opts.member ?? 'supplier'
  if (opts.by === member) throw new SpendInputError('BAD_DIMENSION', analysisMsg.groupBySelf(member), {where: '--by'})
  const cur = dim(frame, 'currency')
  const memberDim = dim(frame, member)
  const groupDim = opts.by ? dim(frame, opts.by, opts) : null
  const levels = groupLevels(cur, groupDim ? [groupDim, memberDim] : [memberDim], amounts(frame), opts.selection ?? null)
  const out: MemberGroup[] = []
  const members = levels[levels.length - 1]
  const mask = leaveOutMask(memberDim, opts.redactedAsSupplier)
  // Left-out members per group: found once over the member groups, then taken out of the (few) lists holding one.
  const masked = mask ? maskedByParent(members, mask) : null
  for (const c of currencyGroups(levels[0], cur)) {
    const currency = cur.ids[levels[0].child[c]]
    const parents = groupDim ? sortedChildren(levels[1], c, groupDim.ids) : [c]
    const level = groupDim ? levels[1] : levels[0]
    for (const g of parents) {
      const group = groupDim ? {id: groupDim.ids[level.child[g]], label: groupDim.labels[level.child[g]]} : null
      const {start, rows: kids} = members.byParent
      const left = masked?.get(g)
      let list: ArrayLike<number> & Iterable<number>
      if (opts.sort === false) {
        // Unordered: move the left-out members to the end of the group's range, in place, and stop before them.
        const end = left ? moveToEnd(kids, start[g], start[g + 1], members.child, mask!, left.length) : start[g + 1]
        list = kids.subarray(start[g], end)
      } else {
        list = sortedChildren(members, g, memberDim.ids)
        if (left) list = without(list, left.length, members.child, mask!)
      }
      out.push({currency, group, level, id: g, members, sorted: list, memberDim, unidentified: sumGroups(members, left)})
    }
  }
  return out
}

/** The members of `list` whose key is not masked (`masked` of them are), in order; typed arrays and an index loop (400k members). */
function without(list: ArrayLike<number>, masked: number, child: Int32Array, mask: Uint8Array): Int32Array {
  const out = new Int32Array(list.length - masked)
  let k = 0
  for (let j = 0; j < list.length; j++) {
    const m = list[j]
    if (mask[child[m]] !== 1) out[k++] = m
  }
  return out
}

/** Swap the `masked` members of rows[from .. to) whose key is masked to its end; returns the new end. No allocation. */
function moveToEnd(rows: Uint32Array, from: number, to: number, child: Int32Array, mask: Uint8Array, masked: number): number {
  let end = to
  for (let j = from; j < end && masked > 0; ) {
    if (mask[child[rows[j]]] === 1) {
      end--
      const t = rows[j]
      rows[j] = rows[end]
      rows[end] = t
      masked--
    } else {
      j++
    }
  }
  return end
}
