import {CATEGORY_LEVELS, type CategoryLevel, type DimName} from '../../analysis/dims.js'
import {DIM_ID_FIELDS, compareIds, shareJson} from '../../analysis/json.js'
import {ratio} from '../../analysis/kernel.js'
import {periodLabel} from '../../analysis/period.js'
import {SpendInputError} from '../../errors.js'
import {formatMinor} from '../../model/money.js'
import {modalCte, sqlDim} from '../dims.js'
import type {EngineRow, JsonContext, SqlAnalysis, SqlContext} from '../types.js'

export interface CubeOptions {
  by: DimName[]
  rollup: boolean
  top?: number
  level?: CategoryLevel
  fiscalYearStart?: number
  excludeRedacted?: boolean
}

/** The grouped dimensions: `currency` is every cube's outer block, never a grouping of its own. */
const grouped = (o: CubeOptions) => o.by.filter((d) => d !== 'currency')

function refuseTop(o: CubeOptions): void {
  if (o.top !== undefined && o.top !== null) {
    throw new SpendInputError('NOT_ON_ENGINES', 'cube --top is not written as SQL yet', {where: '--top', hint: 'leave out --top (the SQL gives every group), or run cube natively without --engine', exit: 2})
  }
}

/**
 * cube as SQL: per currency, GROUP BY ROLLUP over the dimensions (the
 * subtotals give every row its parent's total), each group's exact sum of
 * amount_minor and count, the ancestors' totals as window columns for the
 * order (within a parent: amount descending, then id in byte order;
 * subtotals after their children), and shares as DECIMAL. Without --rollup
 * only the rows of the deepest level are the result (`depth = n`).
 */
function cubeSqlText(o: CubeOptions, ctx: SqlContext): string {
  refuseTop(o)
  const d = ctx.dialect
  const dims = grouped(o)
  const n = dims.length
  const sd = dims.map((name) => sqlDim(name, d, {level: o.level, fiscalYearStart: o.fiscalYearStart}))
  const keys = sd.map((_, i) => `k${i}`)
  const si = dims.indexOf('supplier')
  const ctes: string[] = [`base AS (
  SELECT currency, amount_minor, supplier_unidentified${sd.map((x, i) => `,\n    ${x.id} AS k${i}`).join('')}
  FROM ${ctx.source}
  WHERE ${ctx.where}
)`]
  const g = keys.map((k) => `GROUPING(${k})`)
  const depth = n === 0 ? '0' : `(${n} - (${g.join(' + ')}))`
  ctes.push(`groups AS (
  SELECT currency${keys.map((k) => `, ${k}`).join('')},
    ${keys.map((k, i) => `${g[i]} AS g${i}`).concat([`${depth} AS depth`]).join(',\n    ')},
    ${d.sumExact('amount_minor')} AS amount, COUNT(*) AS n,
    MAX(CASE WHEN supplier_unidentified THEN 1 ELSE 0 END) AS unidentified
  FROM base
  GROUP BY ${n === 0 ? 'currency' : `currency, ROLLUP(${keys.join(', ')})`}
)`)
  // a_i: the total of the group of keys 0..i (the row's ancestor at depth i + 1).
  const anc = keys.map((_, i) => `MAX(CASE WHEN depth = ${i + 1} THEN amount END) OVER (PARTITION BY currency, g${i}, ${keys.slice(0, i + 1).join(', ')}) AS a${i}`)
  const total = `MAX(CASE WHEN depth = 0 THEN amount END) OVER (PARTITION BY currency) AS currency_total`
  ctes.push(`ordered AS (
  SELECT groups.*${anc.map((a) => `,\n    ${a}`).join('')},
    ${total}
  FROM groups
)`)
  // Buyers and suppliers by their modal name; categories (codes as published) by their modal text.
  // With --level, a CPV code cut to the level is a coarser category than its row's text names: those rows label nothing.
  const labelOf = (i: number) => sd[i].label ?? (dims[i] === 'category' ? 'category' : null)
  const uncut = o.level
    ? `NOT (category_code IS NOT NULL AND ${d.matches('trim(category_code)', '^[0-9]{8}(-[0-9])?$')} AND ${d.rpad(`substr(trim(category_code), 1, ${CATEGORY_LEVELS[o.level]})`, 8, '0')} <> substr(trim(category_code), 1, 8))`
    : 'TRUE'
  const labels = sd.flatMap((x, i) => (labelOf(i) ? [modalCte(d, `label${i}`, x.id, labelOf(i)!, ctx.source, dims[i] === 'category' ? uncut : 'TRUE')] : []))
  ctes.push(...labels)
  const parent = (i: number) => (i === 0 ? 'currency_total' : `a${i - 1}`)
  const shareOf = (num: string, den: string) => `CASE WHEN ${den} = 0 THEN NULL ELSE CAST(${num} AS ${d.decimal(10)}) / ${den} END`
  const parentOfRow = n === 0 ? 'currency_total' : `CASE depth ${keys.map((_, i) => `WHEN ${i + 1} THEN ${parent(i)}`).join(' ')} ELSE amount END`
  // Periods are integers in time order (their labels sort the same way); other ids in byte order, no value last.
  const order = [d.bytewise('ordered.currency'), ...keys.flatMap((k, i) => [`g${i}`, `a${i} DESC`, `${sd[i].period ? k : d.bytewise(k)} NULLS LAST`])]
  const select = [
    'ordered.currency',
    ...keys.flatMap((k, i) => [`${k}`, `g${i}`, ...(labelOf(i) ? [`label${i}.label AS label${i}`] : [])]),
    'depth', 'amount', 'n AS count', ...(si >= 0 ? ['unidentified'] : []),
    ...keys.map((_, i) => `a${i}`), 'currency_total',
    `${shareOf('amount', parentOfRow)} AS share`,
    `${shareOf('amount', 'currency_total')} AS share_total`,
  ]
  const joins = sd.flatMap((x, i) => (labelOf(i) ? [`LEFT JOIN label${i} ON label${i}.id = k${i} AND g${i} = 0`] : []))
  return `WITH ${ctes.join(',\n')}
SELECT ${select.join(',\n  ')}
FROM ordered
${joins.join('\n')}${o.rollup ? '' : `\nWHERE depth = ${n}`}
ORDER BY ${order.join(', ')}`
}

/** The JSON label of a category id: the CPV label, else the id (the modal text is the SQL's when no level cuts codes). */
function categoryLabel(id: string | null, text: string | null, ctx: JsonContext): string | null {
  if (id === null) return null
  return ctx.categoryLabel(id) ?? text ?? id
}

const big = (v: string | null) => (v === null ? null : BigInt(v))

function cubeJson(rows: readonly EngineRow[], o: CubeOptions, ctx: JsonContext): unknown {
  const dims = grouped(o)
  const n = dims.length
  const shown = rows.filter((r) => o.rollup || Number(r.depth) === n)
  const idOf = (r: EngineRow, i: number): string | null => {
    if (r[`k${i}`] === null) return null
    return ['year', 'quarter', 'month'].includes(dims[i]) ? periodLabel(Number(r[`k${i}`]), dims[i] as 'year', o.fiscalYearStart ?? 1) : r[`k${i}`]
  }
  // The order, from exact integers: currency code, then per level subtotals last, ancestor amount descending, id.
  const sorted = [...shown].sort((a, b) => {
    const c = compareIds(a.currency, b.currency)
    if (c) return c
    for (let i = 0; i < n; i++) {
      const ga = Number(a[`g${i}`]), gb = Number(b[`g${i}`])
      if (ga !== gb) return ga - gb
      if (ga === 1) continue
      const aa = big(a[`a${i}`])!, ab = big(b[`a${i}`])!
      if (aa !== ab) return aa > ab ? -1 : 1
      const ids = compareIds(idOf(a, i), idOf(b, i))
      if (ids) return ids
    }
    return 0
  })
  return {
    by: o.by, rollup: o.rollup, top: o.top ?? null, level: o.level ?? null, fiscal_year_start: o.fiscalYearStart ?? 1,
    rows: sorted.map((r) => {
      const depth = Number(r.depth)
      const out: Record<string, string | number | boolean | null> = {}
      dims.forEach((name, i) => {
        const rolled = r[`g${i}`] === '1'
        const id = rolled ? null : idOf(r, i)
        const text = r[`label${i}`] ?? null
        out[name] = rolled ? null : name === 'category' ? categoryLabel(id, text, ctx) : name === 'buyer' || name === 'supplier' ? (text ?? id) : id
        const idField = DIM_ID_FIELDS[name]
        if (idField) out[idField] = id
      })
      const amount = BigInt(r.amount!)
      const total = BigInt(r.currency_total!)
      const parent = depth === 0 ? amount : BigInt((depth === 1 ? r.currency_total : r[`a${depth - 2}`])!)
      out.currency = r.currency
      out.amount = formatMinor(amount, r.currency ?? '')
      out.count = Number(r.count)
      out.share = shareJson(ratio(amount, parent))
      out.share_total = shareJson(ratio(amount, total))
      if (depth < n) out.rollup = true
      const si = dims.indexOf('supplier')
      if (si >= 0 && r[`g${si}`] === '0' && r.unidentified === '1') out.unidentified = true
      return out
    }),
  }
}

export const cubeSql: SqlAnalysis<CubeOptions> = {
  name: 'cube',
  sql: cubeSqlText,
  json: cubeJson,
}

