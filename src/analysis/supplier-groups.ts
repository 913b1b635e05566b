import {SpendInputError} from '../errors.js'
import type {SpendFrame} from '../model/frame.js'
import {amounts, dim, type Dim, type DimName, type DimOptions} from './dims.js'
import type {Rows} from './kernel.js'
import {currencyGroups, groupLevels, sortedChildren, type Level} from './levels.js'
import {analysisMsg} from '../messages.js'

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
}

export interface MemberGroupOptions extends DimOptions {
  by?: DimName | null
  member?: 'supplier' | 'buyer'
  selection?: Rows
  /** Order members (default true); measures that need no order skip the sort. */
  sort?: boolean
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
  for (const c of currencyGroups(levels[0], cur)) {
    const currency = cur.ids[levels[0].child[c]]
    const parents = groupDim ? sortedChildren(levels[1], c, groupDim.ids) : [c]
    const level = groupDim ? levels[1] : levels[0]
    for (const g of parents) {
      const group = groupDim ? {id: groupDim.ids[level.child[g]], label: groupDim.labels[level.child[g]]} : null
      const {start, rows: kids} = members.byParent
      const list = opts.sort === false ? kids.subarray(start[g], start[g + 1]) : sortedChildren(members, g, memberDim.ids)
      out.push({currency, group, level, id: g, members, sorted: list, memberDim})
    }
  }
  return out
}
