import {CATEGORY_LEVELS, type CategoryLevel, type DimName} from '../../analysis/dims.js'
import {DIM_ID_FIELDS, compareIds} from '../../analysis/json.js'
import {periodLabel} from '../../analysis/period.js'
import {modalCte, sqlDim} from '../dims.js'
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
  const ctes = [`base AS (
  SELECT currency, amount_minor, ${gd ? gd.id : '0'} AS g, supplier_key AS s,
    CASE WHEN supplier_unidentified OR supplier_key IS NULL THEN 1 ELSE 0 END AS u
  FROM ${ctx.source}
  WHERE ${ctx.where}
)`, `members AS (
  SELECT currency, g, s, ${d.sumExact('amount_minor')} AS t, COUNT(*) AS n, MAX(u) AS u
  FROM base
  GROUP BY currency, g, s
)`]
  let groupLabel: string | null = null
  if (gd && by) {
    const text = gd.label ?? (by === 'category' ? 'category' : null)
    if (text) {
      // With --level, a CPV code cut to the level is a coarser category than its row's text names: those rows label nothing.
      const uncut = by === 'category' && o.level
        ? `NOT (category_code IS NOT NULL AND ${d.matches('trim(category_code)', '^[0-9]{8}(-[0-9])?$')} AND ${d.rpad(`substr(trim(category_code), 1, ${CATEGORY_LEVELS[o.level]})`, 8, '0')} <> substr(trim(category_code), 1, 8))`
        : 'TRUE'
      ctes.push(modalCte(d, 'group_label', gd.id, text, ctx.source, uncut))
      groupLabel = 'group_label'
    }
  }
  ctes.push(modalCte(d, 'supplier_label', 'supplier_key', 'supplier', ctx.source))
  return {ctes, groupLabel, supplierLabel: 'supplier_label'}
}

/** The JSON fields of a row's group (`{category, category_code}`, `{buyer, buyer_id}`, `{gpp_group}`), or none without `by`. */
export function groupFields(by: DimName | null | undefined, id: string | null, r: EngineRow, ctx: JsonContext): Record<string, string | null> {
  if (!by) return {}
  const text = r.group_label ?? null
  const label = id === null ? null : by === 'category' ? (ctx.categoryLabel(id) ?? text ?? id) : by === 'buyer' ? (text ?? id) : id
  const out: Record<string, string | null> = {[by]: label}
  const idField = DIM_ID_FIELDS[by]
  if (idField) out[idField] = id
  return out
}

/** The group's id as the native dimension has it: period numbers as their labels; null without `by`. */
export function groupId(o: MemberOptions, r: EngineRow): string | null {
  if (!o.by || r.g === null) return null
  return PERIODS.has(o.by) ? periodLabel(Number(r.g), o.by as 'year', o.fiscalYearStart ?? 1) : r.g
}

const PERIODS: ReadonlySet<DimName> = new Set(['year', 'quarter', 'month'])

/** The native order of groups: currency code, then group total descending, then group id (null last). */
export function compareGroups(a: {currency: string | null; g: string | null; amount: bigint}, b: {currency: string | null; g: string | null; amount: bigint}): number {
  const c = compareIds(a.currency, b.currency)
  if (c) return c
  if (a.amount !== b.amount) return a.amount > b.amount ? -1 : 1
  return compareIds(a.g, b.g)
}
