import type {CategoryLevel, DimName} from '../../analysis/dims.js'
import {DIM_ID_FIELDS, compareIds} from '../../analysis/json.js'
import {dimLabelCte, modalCte, sqlDim} from '../dims.js'
import {jsonDimId, jsonDimLabel} from '../json-dims.js'
import type {EngineRow, JsonContext, SqlContext} from '../types.js'

/**
 * The common first step of concentration and pareto as SQL (the native
 * src/analysis/supplier-groups.ts memberGroups): per currency and `by` group,
 * each supplier's exact total and row count, and whether its key identifies
 * no supplier (redacted or blank: `unidentified`, left out of the supplier
 * measures unless counted as one supplier). Labels, like the native
 * dimensions', come from every record of the source.
 */

export interface MemberOptions {
  by?: DimName | null
  level?: CategoryLevel
  fiscalYearStart?: number
}

/** What the member CTEs give: their text, the group key column's label CTE (if any), and the dimension. */
export interface MemberCtes {
  ctes: string[]
  /** The CTE labelling the group id (`id`, `label`), or null. */
  groupLabel: string | null
  /** The CTE labelling supplier keys (`id`, `label`). */
  supplierLabel: string
}

/** 1 for a row whose supplier is no identified supplier (redacted or blank), else 0. */
export const UNIDENTIFIED = 'CASE WHEN supplier_unidentified OR supplier_key IS NULL THEN 1 ELSE 0 END'

/**
 * CTEs `base` (the selected rows: currency, amount_minor, g = the group id,
 * s = the member id, u = `unidentified`) and `members` (per currency, g and
 * s: t = exact total, n = rows, u).
 */
export function baseMemberCtes(ctx: SqlContext, group: string, member: string, unidentified: string): string[] {
  return [`base AS (
  SELECT currency, amount_minor, ${group} AS g, ${member} AS s,
    ${unidentified} AS u
  FROM ${ctx.source}
  WHERE ${ctx.where}
)`, `members AS (
  SELECT currency, g, s, ${ctx.dialect.sumExact('amount_minor')} AS t, COUNT(*) AS n, MAX(u) AS u
  FROM base
  GROUP BY currency, g, s
)`]
}

/**
 * CTEs `base` (the selected rows: currency, g, s, amount_minor, u) and
 * `members` (currency, g, s, t = exact total, n = rows, u = 1 when the key
 * identifies no supplier), plus the label CTEs. Without `by`, g is NULL (one
 * group per currency).
 */
export function memberCtes(o: MemberOptions, ctx: SqlContext): MemberCtes {
  const d = ctx.dialect
  const by = o.by ?? null
  const gd = by ? sqlDim(by, d, {level: o.level, fiscalYearStart: o.fiscalYearStart}) : null
  const ctes = baseMemberCtes(ctx, gd ? gd.id : '0', 'supplier_key', UNIDENTIFIED)
  const groupCte = gd ? dimLabelCte(d, 'group_label', gd, ctx.source, o.level) : null
  if (groupCte) ctes.push(groupCte)
  const groupLabel = groupCte ? 'group_label' : null
  ctes.push(modalCte(d, 'supplier_label', 'supplier_key', 'supplier', ctx.source))
  return {ctes, groupLabel, supplierLabel: 'supplier_label'}
}

/** The JSON fields of a row's group (`{category, category_code}`, `{buyer, buyer_id}`, `{gpp_group}`), or none without `by`. */
export function groupFields(by: DimName | null | undefined, id: string | null, r: EngineRow, ctx: JsonContext): Record<string, string | null> {
  if (!by) return {}
  const out: Record<string, string | null> = {[by]: jsonDimLabel(by, id, r.group_label ?? null, ctx)}
  const idField = DIM_ID_FIELDS[by]
  if (idField) out[idField] = id
  return out
}

/** The group's id as the native dimension has it: period numbers as their labels; null without `by`. */
export function groupId(o: MemberOptions, r: EngineRow): string | null {
  return o.by ? jsonDimId(o.by, r.g, o.fiscalYearStart) : null
}

/** The native order of groups: currency code, then group total descending, then group id (null last). */
export function compareGroups(a: {currency: string | null; g: string | null; amount: bigint}, b: {currency: string | null; g: string | null; amount: bigint}): number {
  const c = compareIds(a.currency, b.currency)
  if (c) return c
  if (a.amount !== b.amount) return a.amount > b.amount ? -1 : 1
  return compareIds(a.g, b.g)
}
