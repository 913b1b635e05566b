import type {CategoryLevel, DimName} from '../../analysis/dims.js'
import {DIM_ID_FIELDS, compareIds, shareJson} from '../../analysis/json.js'
import {ratio} from '../../analysis/kernel.js'
import {otherLabel} from '../../analysis/cube-table.js'
import {formatMinor} from '../../model/money.js'
import {dimLabelCte, sqlDim} from '../dims.js'
import {cubeJsonHumanView, type CubeOutput} from '../../io/write/cube-report.js'
import {jsonDimId, jsonDimLabel} from '../json-dims.js'
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

/**
 * --top as SQL: the groups of the innermost dimension ranked within their
 * parent (amount descending, id in byte order), the first `top` kept and the
 * rest folded into one row per parent (`other`: how many it folds; its id
 * NULL, never a rolled-up level). The subtotals keep every group, so each
 * parent still shows its exact total. A folded row of suppliers is no one
 * unidentified supplier.
 */
function foldCtes(top: number, keys: string[], supplierLeaf: boolean, leafOrder: string, int64: string): string[] {
  const n = keys.length
  const parents = keys.slice(0, -1)
  const cols = ['currency', ...keys, ...keys.map((_, i) => `g${i}`), 'depth', 'amount', 'n', 'unidentified']
  return [`leaves AS (
  SELECT groups.*,
    ROW_NUMBER() OVER (PARTITION BY ${['currency', ...parents].join(', ')} ORDER BY amount DESC, ${leafOrder} NULLS LAST) AS rk
  FROM groups
  WHERE depth = ${n}
)`, `kept AS (
  SELECT ${cols.join(', ')}, CAST(NULL AS ${int64}) AS other FROM groups WHERE depth < ${n}
  UNION ALL
  SELECT ${cols.join(', ')}, CAST(NULL AS ${int64}) AS other FROM leaves WHERE rk <= ${top}
  UNION ALL
  SELECT ${['currency', ...parents].join(', ')}, NULL AS ${keys[n - 1]}, ${keys.map(() => '0').join(', ')}, ${n} AS depth,
    SUM(amount) AS amount, SUM(n) AS n, ${supplierLeaf ? '0' : 'MAX(unidentified)'} AS unidentified, COUNT(*) AS other
  FROM leaves WHERE rk > ${top}
  GROUP BY ${['currency', ...parents].join(', ')}
)`]
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
  const folds = n > 0 && o.top !== undefined && o.top !== null
  if (folds) ctes.push(...foldCtes(o.top!, keys, si === n - 1, sd[n - 1].period ? keys[n - 1] : d.bytewise(keys[n - 1]), d.int64))
  // a_i: the total of the group of keys 0..i (the row's ancestor at depth i + 1; a folded row is no group's).
  const anc = keys.map((_, i) => `MAX(CASE WHEN depth = ${i + 1}${folds ? ' AND other IS NULL' : ''} THEN amount END) OVER (PARTITION BY currency, g${i}, ${keys.slice(0, i + 1).join(', ')}) AS a${i}`)
  const total = `MAX(CASE WHEN depth = 0 THEN amount END) OVER (PARTITION BY currency) AS currency_total`
  const cells = folds ? 'kept' : 'groups'
  ctes.push(`ordered AS (
  SELECT ${cells}.*${anc.map((a) => `,\n    ${a}`).join('')},
    ${total}
  FROM ${cells}
)`)
  // Buyers and suppliers by their modal name; categories (codes as published) by their modal text.
  const labels = sd.map((x, i) => dimLabelCte(d, `label${i}`, x, ctx.source, o.level))
  const labelOf = (i: number) => labels[i] !== null
  ctes.push(...labels.filter((l) => l !== null))
  const parent = (i: number) => (i === 0 ? 'currency_total' : `a${i - 1}`)
  const shareOf = (num: string, den: string) => `CASE WHEN ${den} = 0 THEN NULL ELSE CAST(${num} AS ${d.decimal(10)}) / ${den} END`
  const parentOfRow = n === 0 ? 'currency_total' : `CASE depth ${keys.map((_, i) => `WHEN ${i + 1} THEN ${parent(i)}`).join(' ')} ELSE amount END`
  // Periods are integers in time order (their labels sort the same way); other ids in byte order, no value last.
  const foldedLast = (i: number) => (folds && i === n - 1 ? ['CASE WHEN other IS NULL THEN 0 ELSE 1 END'] : [])
  const order = [d.bytewise('ordered.currency'), ...keys.flatMap((k, i) => [`g${i}`, ...foldedLast(i), `a${i} DESC`, `${sd[i].period ? k : d.bytewise(k)} NULLS LAST`])]
  const select = [
    'ordered.currency',
    ...keys.flatMap((k, i) => [`${k}`, `g${i}`, ...(labelOf(i) ? [`label${i}.label AS label${i}`] : [])]),
    'depth', 'amount', 'n AS count', ...(si >= 0 ? ['unidentified'] : []), ...(folds ? ['other'] : []),
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

const big = (v: string | null) => (v === null ? null : BigInt(v))
const folded = (r: EngineRow) => (r.other ?? null) !== null

/** The rows shown (subtotals only with --rollup), in the native order from exact integers. */
function sortedRows(rows: readonly EngineRow[], o: CubeOptions): EngineRow[] {
  const dims = grouped(o)
  const n = dims.length
  const shown = rows.filter((r) => o.rollup || Number(r.depth) === n)
  const idOf = (r: EngineRow, i: number) => jsonDimId(dims[i], r[`k${i}`], o.fiscalYearStart)
  // The order, from exact integers: currency code, then per level subtotals last, a folded row after its siblings, ancestor amount descending, id.
  return [...shown].sort((a, b) => {
    const c = compareIds(a.currency, b.currency)
    if (c) return c
    for (let i = 0; i < n; i++) {
      const ga = Number(a[`g${i}`]), gb = Number(b[`g${i}`])
      if (ga !== gb) return ga - gb
      if (ga === 1) continue
      if (i === n - 1 && folded(a) !== folded(b)) return folded(a) ? 1 : -1
      const aa = big(a[`a${i}`]), ab = big(b[`a${i}`])
      if (aa !== ab && aa !== null && ab !== null) return aa > ab ? -1 : 1
      const ids = compareIds(idOf(a, i), idOf(b, i))
      if (ids) return ids
    }
    return 0
  })
}

/** The --json body from the shown rows in their order. */
function cubeJson(sorted: readonly EngineRow[], o: CubeOptions, ctx: JsonContext): CubeOutput {
  const dims = grouped(o)
  const n = dims.length
  const si = dims.indexOf('supplier')
  const idOf = (r: EngineRow, i: number) => jsonDimId(dims[i], r[`k${i}`], o.fiscalYearStart)
  return {
    by: o.by, rollup: o.rollup, top: o.top ?? null, level: o.level ?? null, fiscal_year_start: o.fiscalYearStart ?? 1,
    rows: sorted.map((r) => {
      const depth = Number(r.depth)
      const other = folded(r) ? Number(r.other) : null
      const out: Record<string, string | number | boolean | null> = {}
      dims.forEach((name, i) => {
        const rolled = r[`g${i}`] === '1'
        const id = rolled ? null : idOf(r, i)
        out[name] = other !== null && i === n - 1 ? otherLabel(name, other) : rolled ? null : jsonDimLabel(name, id, r[`label${i}`] ?? null, ctx)
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
      if (other !== null) out.other = other
      if (si >= 0 && r[`g${si}`] === '0' && r.unidentified === '1') out.unidentified = true
      return out
    }),
  }
}

export const cubeSql: SqlAnalysis<CubeOptions> = {
  name: 'cube',
  sql: cubeSqlText,
  json: (rows, o, ctx) => {
    const sorted = sortedRows(rows, o)
    const body = cubeJson(sorted, o, ctx)
    // People's table needs each row's depth; scripts' views are the JSON rows.
    return {body, views: (human) => (human ? [cubeJsonHumanView(body, grouped(o), sorted.map((r) => Number(r.depth)), {})] : null)}
  },
}

