import {SpendInputError} from '../errors.js'
import type {SpendFrame} from '../model/frame.js'
import {formatMinor} from '../model/money.js'
import {cube} from './cube.js'
import type {DimName, DimOptions} from './dims.js'
import {dimFields, shareJson} from './json.js'
import type {Rows} from './kernel.js'
import {analysisMsg} from '../messages.js'
import {unidentifiedJson, type Unidentified} from './unidentified.js'

export const TOP_SUBJECTS = {suppliers: 'supplier', buyers: 'buyer', categories: 'category'} as const
export type TopSubject = keyof typeof TOP_SUBJECTS

export interface TopOptions extends DimOptions {
  what: TopSubject
  /** Rank within each group of this dimension (e.g. per buyer). */
  by?: DimName
  /** How many to list per group and currency (default 10); the rest are folded into one row. */
  top?: number
  selection?: Rows
  /** Rank redacted and blank suppliers as one supplier (default: leave them out of the ranking). */
  redactedAsSupplier?: boolean
}

export interface TopRow {
  /** 1-based rank within the group and currency; null for the folded "Other" row. */
  rank: number | null
  /** The `by` group (absent without --by). */
  group?: {id: string | null; label: string | null}
  id: string | null
  label: string | null
  currency: string | null
  amount: bigint
  count: number
  /** Share of the group's total in this currency (of the whole without --by). */
  share: number | null
  /** k for the "Other (k suppliers)" row. */
  other: number | null
}

/** Spend of one group and currency left out of a supplier ranking (redacted or blank suppliers). */
export interface TopLeftOut extends Unidentified {
  group?: {id: string | null; label: string | null}
  currency: string | null
  /** The group's whole total in the currency, left-out spend included. */
  total: bigint
}

export interface TopResult {
  what: TopSubject
  by: DimName | null
  top: number
  rows: TopRow[]
  /** Suppliers only, unless ranked as one: per group and currency, the spend with no identified supplier. */
  unidentified: TopLeftOut[]
}

/**
 * The largest suppliers, buyers or categories by total, per currency and
 * optionally per group, with the rest folded into one exact "Other" row.
 * Same ordering as the cube: amount descending, ties by id ascending.
 * Redacted and blank suppliers are many unknown payees: they are not ranked
 * (shares are of the spend with an identified supplier) and their spend is
 * given in `unidentified`, unless `redactedAsSupplier` ranks them as one.
 * @example top(frame, {what: 'suppliers', by: 'buyer', top: 5})
 */
export function top(frame: SpendFrame, opts: TopOptions): TopResult {
  const subject = TOP_SUBJECTS[opts.what]
  if (!subject) {
    throw new SpendInputError('BAD_SUBJECT', analysisMsg.badSubject(opts.what), {hint: analysisMsg.badSubjectHint()})
  }
  if (opts.by === subject) throw new SpendInputError('BAD_DIMENSION', analysisMsg.rankBySelf(opts.what, opts.by), {where: '--by'})
  const n = opts.top ?? 10
  const by: DimName[] = opts.by ? [opts.by, subject] : [subject]
  const leave = subject === 'supplier' && !opts.redactedAsSupplier
  const c = cube(frame, {...opts, by, top: n, rollup: false, leaveUnidentified: leave})
  const j = by.length - 1
  let rank = 0
  let last = ''
  const rows = c.rows.map((r): TopRow => {
    const groupKey = `${r.currency}\u0000${j > 0 ? r.ids[0] : ''}`
    if (groupKey !== last) rank = 0
    last = groupKey
    return {
      rank: r.other === null ? ++rank : null,
      ...(j > 0 ? {group: {id: r.ids[0], label: r.labels[0]}} : {}),
      id: r.ids[j], label: r.labels[j], currency: r.currency, amount: r.amount, count: r.count,
      share: r.share, other: r.other,
    }
  })
  const unidentified = c.leftOut.map((l): TopLeftOut => ({
    ...(j > 0 ? {group: {id: l.ids[0], label: l.labels[0]}} : {}), currency: l.currency, amount: l.amount, count: l.count, total: l.total,
  }))
  return {what: opts.what, by: opts.by ?? null, top: n, rows, unidentified}
}

/**
 * JSON form: `{what, by, top, rows: [{rank, buyer?, supplier, supplier_key,
 * currency, amount, count, share}]}`; for suppliers also `unidentified:
 * [{buyer?, currency, amount, count, share}]`, the spend left out of the
 * ranking per group and currency (share: of the group's whole total).
 * @example topToJson(top(frame, {what: 'buyers'})).rows[0].rank // 1
 */
export function topToJson(result: TopResult): {what: TopSubject; by: DimName | null; top: number; rows: Record<string, unknown>[]; unidentified?: Record<string, unknown>[]} {
  const subject = TOP_SUBJECTS[result.what]
  const by: DimName[] = result.by ? [result.by, subject] : [subject]
  const groupBy: DimName[] = result.by ? [result.by] : []
  return {
    what: result.what,
    by: result.by,
    top: result.top,
    rows: result.rows.map((r) => ({
      rank: r.rank,
      ...dimFields(by, r.group ? [r.group.id, r.id] : [r.id], r.group ? [r.group.label, r.label] : [r.label]),
      currency: r.currency,
      amount: formatMinor(r.amount, r.currency ?? ''),
      count: r.count,
      share: shareJson(r.share),
      ...(r.other !== null ? {other: r.other} : {}),
    })),
    ...(subject === 'supplier' ? {unidentified: result.unidentified.map((u) => ({
      ...(u.group ? dimFields(groupBy, [u.group.id], [u.group.label]) : {}), currency: u.currency, ...unidentifiedJson(u, u.total, u.currency),
    }))} : {}),
  }
}
