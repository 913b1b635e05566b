import {ABC_CLASSES, abcClass, type AbcClass} from '../../analysis/pareto.js'
import type {CategoryLevel, DimName} from '../../analysis/dims.js'
import {PERIOD_KINDS} from '../../analysis/period.js'
import {compareIds, shareJson} from '../../analysis/json.js'
import {ratio} from '../../analysis/kernel.js'
import {unidentifiedJson, unidentifiedMode} from '../../analysis/unidentified.js'
import {paretoOutput, paretoViews, type ParetoOutput} from '../../io/write/pareto-report.js'
import {formatMinor} from '../../model/money.js'
import type {EngineRow, JsonContext, SqlAnalysis, SqlContext} from '../types.js'
import {compareGroups, groupFields, groupId, memberCtes} from './concentration-members.js'

export interface ParetoOptions {
  by?: DimName
  detail: boolean
  level?: CategoryLevel
  fiscalYearStart?: number
  redactedAsSupplier?: boolean
  excludeRedacted?: boolean
}

/**
 * pareto as SQL: one row per currency, group and supplier with its exact
 * total and row count (src/sql/analyses/concentration-members.ts), and, for
 * people reading the result, the positive base of its group, the positive
 * spend ranked before it (total descending, key in byte order) and its class:
 * A while that spend is under 80% of the base, B under 95%, else C; 'none'
 * for totals of zero or less; NULL for the redacted and blank suppliers left
 * out of the classes (unless --redacted-as-supplier counts each such key as
 * one supplier). The JSON ranks and classes the suppliers again from the
 * exact totals with the native rules and order.
 */
function paretoSqlText(o: ParetoOptions, ctx: SqlContext): string {
  const d = ctx.dialect
  const m = memberCtes({by: o.by, level: o.level, fiscalYearStart: o.fiscalYearStart}, ctx)
  const counted = o.redactedAsSupplier ? '1 = 1' : 'members.u = 0'
  const pos = `${counted} AND members.t > 0`
  const posT = `CASE WHEN ${pos} THEN members.t ELSE 0 END`
  const part = 'PARTITION BY members.currency, members.g'
  const rank = `ORDER BY CASE WHEN ${pos} THEN 0 ELSE 1 END, members.t DESC, ${d.bytewise('members.s')} NULLS LAST`
  m.ctes.push(`ranked AS (
  SELECT members.*,
    SUM(${posT}) OVER (${part}) AS positive,
    COALESCE(SUM(${posT}) OVER (${part} ${rank} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before_amount,
    CASE WHEN ${counted} THEN 0 ELSE 1 END AS left_out
  FROM members
)`)
  const cls = `CASE WHEN left_out = 1 THEN NULL WHEN t <= 0 THEN 'none' WHEN before_amount * 100 < positive * 80 THEN 'A' WHEN before_amount * 100 < positive * 95 THEN 'B' ELSE 'C' END`
  const select = [
    'ranked.currency', 'ranked.g', 'ranked.s', 'ranked.t', 'ranked.n', 'ranked.left_out', 'ranked.positive', 'ranked.before_amount',
    `${cls} AS class`,
    ...(m.groupLabel ? [`${m.groupLabel}.label AS group_label`] : []),
    `${m.supplierLabel}.label AS supplier_label`,
  ]
  const g = !o.by || (PERIOD_KINDS as readonly string[]).includes(o.by) ? 'ranked.g' : d.bytewise('ranked.g')
  return `WITH ${m.ctes.join(',\n')}
SELECT ${select.join(',\n  ')}
FROM ranked
${m.groupLabel ? `LEFT JOIN ${m.groupLabel} ON ${m.groupLabel}.id = ranked.g\n` : ''}LEFT JOIN ${m.supplierLabel} ON ${m.supplierLabel}.id = ranked.s
ORDER BY ${d.bytewise('ranked.currency')}, ${g} NULLS LAST, left_out, t DESC, ${d.bytewise('ranked.s')} NULLS LAST`
}

interface ClassRow {
  class: AbcClass
  suppliers: number
  transactions: number
  amount: bigint
  share: number | null
}

interface Group {
  currency: string | null
  g: string | null
  first: EngineRow
  amount: bigint
  members: EngineRow[]
  unidentified: {amount: bigint; count: number}
}

/** The members in groups (currency, group), with the group's net total and the spend left out. */
function groupsOf(rows: readonly EngineRow[], o: ParetoOptions): Group[] {
  const byKey = new Map<string, Group>()
  for (const r of rows) {
    const g = groupId(o, r)
    const key = JSON.stringify([r.currency, g])
    let group = byKey.get(key)
    if (!group) byKey.set(key, (group = {currency: r.currency, g, first: r, amount: 0n, members: [], unidentified: {amount: 0n, count: 0}}))
    const t = BigInt(r.t!)
    group.amount += t
    if (r.left_out === '1') {
      group.unidentified.amount += t
      group.unidentified.count += Number(r.n)
    } else {
      group.members.push(r)
    }
  }
  return [...byKey.values()].sort(compareGroups)
}

function paretoJson(rows: readonly EngineRow[], o: ParetoOptions, ctx: JsonContext): ParetoOutput {
  const outRows: Record<string, unknown>[] = []
  const outGroups: Record<string, unknown>[] = []
  for (const grp of groupsOf(rows, o)) {
    const money = (v: bigint) => formatMinor(v, grp.currency ?? '')
    const head = {...groupFields(o.by, grp.g, grp.first, ctx), currency: grp.currency}
    const ranked = grp.members.map((r) => ({r, t: BigInt(r.t!)}))
    ranked.sort((a, b) => (a.t !== b.t ? (a.t > b.t ? -1 : 1) : compareIds(a.r.s, b.r.s)))
    const classes = new Map<AbcClass, ClassRow>(ABC_CLASSES.map((c) => [c, {class: c, suppliers: 0, transactions: 0, amount: 0n, share: null}]))
    let positive = 0n
    for (const {t} of ranked) if (t > 0n) positive += t
    let before = 0n
    const detail: Record<string, unknown>[] = []
    for (const {r, t} of ranked) {
      const cls = abcClass(t, before, positive)
      if (t > 0n) before += t
      const row = classes.get(cls)!
      row.suppliers++
      row.transactions += Number(r.n)
      row.amount += t
      if (o.detail) {
        detail.push({
          supplier: r.supplier_label ?? r.s, supplier_key: r.s, class: cls, amount: money(t), count: Number(r.n),
          cumulative: shareJson(cls === 'none' ? null : ratio(before, positive)),
        })
      }
    }
    for (const c of classes.values()) if (c.class !== 'none') c.share = ratio(c.amount, positive)
    for (const c of classes.values()) {
      if (c.suppliers > 0) outRows.push({...head, class: c.class, suppliers: c.suppliers, transactions: c.transactions, amount: money(c.amount), share: shareJson(c.share)})
    }
    const tail = classes.get('C')!
    outGroups.push({
      ...head, amount: money(grp.amount), suppliers: ranked.length, suppliers_80: classes.get('A')!.suppliers,
      tail_suppliers: tail.suppliers, tail_transactions: tail.transactions, tail_amount: money(tail.amount),
      tail_share: shareJson(tail.share),
      unidentified: unidentifiedJson(grp.unidentified, grp.amount, grp.currency),
      ...(o.detail ? {suppliers_detail: detail} : {}),
    })
  }
  const mode = unidentifiedMode({'exclude-redacted': o.excludeRedacted, 'redacted-as-supplier': o.redactedAsSupplier})
  return paretoOutput({by: o.by ?? null, rows: outRows, groups: outGroups}, {}, mode)
}

export const paretoSql: SqlAnalysis<ParetoOptions> = {
  name: 'pareto',
  sql: paretoSqlText,
  json: (rows, o, ctx) => {
    const body = paretoJson(rows, o, ctx)
    return {body, views: (human) => paretoViews(body, human, {})}
  },
}
