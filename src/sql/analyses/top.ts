import {otherLabel} from '../../analysis/cube-table.js'
import type {CategoryLevel, DimName} from '../../analysis/dims.js'
import {compareIds} from '../../analysis/json.js'
import {ratio} from '../../analysis/kernel.js'
import {TOP_SUBJECTS, topToJson, type TopResult, type TopSubject} from '../../analysis/top.js'
import {unidentifiedMode} from '../../analysis/unidentified.js'
import {topOutput, topViews} from '../../io/write/top-report.js'
import {dimLabelCte, sqlDim} from '../dims.js'
import {jsonDim} from '../json-dims.js'
import {baseMemberCtes, UNIDENTIFIED} from './concentration-members.js'
import type {EngineRow, JsonContext, SqlAnalysis, SqlContext} from '../types.js'

export interface TopOptions {
  what: TopSubject
  by?: DimName
  top: number
  level?: CategoryLevel
  fiscalYearStart?: number
  redactedAsSupplier?: boolean
  excludeRedacted?: boolean
}

/**
 * top as SQL: per currency and `by` group (one group per currency without
 * --by), each subject's exact total and row count; the subjects ranked by
 * total descending, ties by id in byte order; the first N as rows (`kind`
 * 'row', with their rank), the rest folded into one 'other' row per group
 * (its total, rows, and how many it folds), and for suppliers the redacted
 * and blank ones left out of the ranking as one 'unidentified' row per group
 * (unless --redacted-as-supplier ranks each such key as one supplier). Each
 * row carries its group's whole total (`whole`, the groups' order and the
 * base of the unidentified share) and the ranked total (`ranked_total`, the
 * base of the shares). Shares as decimals are for people reading the result;
 * the JSON works them out from the exact integers.
 */
function topSqlText(o: TopOptions, ctx: SqlContext): string {
  const d = ctx.dialect
  const subject = TOP_SUBJECTS[o.what]
  const dimOpts = {level: o.level, fiscalYearStart: o.fiscalYearStart}
  const sd = sqlDim(subject, d, dimOpts)
  const gd = o.by ? sqlDim(o.by, d, dimOpts) : null
  const leave = subject === 'supplier' && !o.redactedAsSupplier
  const n = o.top
  const ctes = [...baseMemberCtes(ctx, gd ? gd.id : '0', sd.id, leave ? UNIDENTIFIED : '0'), `ranked AS (
  SELECT currency, g, s, t, n, u,
    ROW_NUMBER() OVER (PARTITION BY currency, g, u ORDER BY t DESC, ${d.bytewise('s')} NULLS LAST) AS rk,
    SUM(t) OVER (PARTITION BY currency, g) AS whole,
    SUM(CASE WHEN u = 0 THEN t ELSE 0 END) OVER (PARTITION BY currency, g) AS ranked_total
  FROM members
)`, `result AS (
  SELECT 0 AS kind, currency, g, s, rk, t AS amount, n AS count, CAST(NULL AS ${d.int64}) AS other, whole, ranked_total
  FROM ranked WHERE u = 0 AND rk <= ${n}
  UNION ALL
  SELECT 1 AS kind, currency, g, NULL AS s, NULL AS rk, SUM(t) AS amount, SUM(n) AS count, COUNT(*) AS other, MAX(whole) AS whole, MAX(ranked_total) AS ranked_total
  FROM ranked WHERE u = 0 AND rk > ${n}
  GROUP BY currency, g
  UNION ALL
  SELECT 2 AS kind, currency, g, NULL AS s, NULL AS rk, SUM(t) AS amount, SUM(n) AS count, NULL AS other, MAX(whole) AS whole, MAX(ranked_total) AS ranked_total
  FROM ranked WHERE u = 1
  GROUP BY currency, g
)`]
  const subjectLabel = dimLabelCte(d, 'subject_label', sd, ctx.source, o.level)
  const groupLabel = gd ? dimLabelCte(d, 'group_label', gd, ctx.source, o.level) : null
  if (subjectLabel) ctes.push(subjectLabel)
  if (groupLabel) ctes.push(groupLabel)
  const share = (base: string) => `CASE WHEN ${base} = 0 THEN NULL ELSE CAST(amount AS ${d.decimal(10)}) / ${base} END`
  const select = [
    `CASE kind WHEN 0 THEN 'row' WHEN 1 THEN 'other' ELSE 'unidentified' END AS kind`,
    'result.currency', 'result.g', ...(groupLabel ? ['group_label.label AS group_label'] : []),
    'result.s', ...(subjectLabel ? ['subject_label.label AS subject_label'] : []),
    'rk AS rank', 'amount', 'count', 'other', 'whole', 'ranked_total',
    `CASE WHEN kind = 2 THEN ${share('whole')} ELSE ${share('ranked_total')} END AS share`,
  ]
  const g = !gd || gd.period ? 'result.g' : d.bytewise('result.g')
  return `WITH ${ctes.join(',\n')}
SELECT ${select.join(',\n  ')}
FROM result
${groupLabel ? 'LEFT JOIN group_label ON group_label.id = result.g\n' : ''}${subjectLabel ? 'LEFT JOIN subject_label ON subject_label.id = result.s\n' : ''}ORDER BY ${d.bytewise('result.currency')}, whole DESC, ${g} NULLS LAST, kind, rk`
}

interface Group {
  currency: string | null
  g: {id: string | null; label: string | null}
  whole: bigint
  ranked: bigint
  rows: EngineRow[]
  other?: EngineRow
  left?: EngineRow
}

/** The result rows in groups (currency, group), in the native order: currency code, whole total descending, group id. */
function groupsOf(rows: readonly EngineRow[], o: TopOptions, ctx: JsonContext): Group[] {
  const byKey = new Map<string, Group>()
  for (const r of rows) {
    const key = JSON.stringify([r.currency, r.g])
    let grp = byKey.get(key)
    if (!grp) {
      const g = o.by ? jsonDim(o.by, r, 'g', 'group_label', ctx, o.fiscalYearStart) : {id: null, label: null}
      byKey.set(key, (grp = {currency: r.currency, g, whole: BigInt(r.whole!), ranked: BigInt(r.ranked_total!), rows: []}))
    }
    if (r.kind === 'row') grp.rows.push(r)
    else if (r.kind === 'other') grp.other = r
    else grp.left = r
  }
  return [...byKey.values()].sort((a, b) => {
    const c = compareIds(a.currency, b.currency)
    if (c) return c
    if (a.whole !== b.whole) return a.whole > b.whole ? -1 : 1
    return compareIds(a.g.id, b.g.id)
  })
}

/** The native top result (src/analysis/top.ts) from the engine's rows: groups and subjects in the native order, shares from the exact totals. */
export function topResultOf(rows: readonly EngineRow[], o: TopOptions, ctx: JsonContext): TopResult {
  const subject = TOP_SUBJECTS[o.what]
  const out: TopResult = {what: o.what, by: o.by ?? null, top: o.top, rows: [], unidentified: []}
  for (const grp of groupsOf(rows, o, ctx)) {
    const group = o.by ? {group: grp.g} : {}
    const ranked = grp.rows.map((r) => ({r, t: BigInt(r.amount!), s: jsonDim(subject, r, 's', 'subject_label', ctx, o.fiscalYearStart)}))
    ranked.sort((a, b) => (a.t !== b.t ? (a.t > b.t ? -1 : 1) : compareIds(a.s.id, b.s.id)))
    ranked.forEach(({r, t, s}, i) => {
      out.rows.push({rank: i + 1, ...group, id: s.id, label: s.label, currency: grp.currency, amount: t, count: Number(r.count), share: ratio(t, grp.ranked), other: null})
    })
    if (grp.other) {
      const k = Number(grp.other.other)
      const t = BigInt(grp.other.amount!)
      out.rows.push({rank: null, ...group, id: null, label: otherLabel(subject, k), currency: grp.currency, amount: t, count: Number(grp.other.count), share: ratio(t, grp.ranked), other: k})
    }
    if (grp.left) out.unidentified.push({...group, currency: grp.currency, amount: BigInt(grp.left.amount!), count: Number(grp.left.count), total: grp.whole})
  }
  return out
}

const modeOf = (o: TopOptions) => unidentifiedMode({'exclude-redacted': o.excludeRedacted, 'redacted-as-supplier': o.redactedAsSupplier})

export const topSql: SqlAnalysis<TopOptions> = {
  name: 'top',
  sql: topSqlText,
  json: (rows, o, ctx) => {
    const result = topResultOf(rows, o, ctx)
    const body = topOutput(topToJson(result), {}, modeOf(o))
    return {body, views: (human) => topViews(body, result, human, {})}
  },
}
