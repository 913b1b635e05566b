/**
 * `spend cube` drawn: with two dimensions a heat map of at most the 30 x 20
 * largest cells (the 30 largest members of the first dimension by total, the
 * 20 largest of the second; the rest folded into one "Other" row and column,
 * so every total stays), one chart per currency with the colour legend
 * titled with the currency. Periods (year, quarter, month) keep time order
 * and the latest are drawn. With one dimension, bars like `spend top`.
 * Sums are exact (minor units, BigInt); only the drawn values are floats.
 */
import {otherLabel, type CubeTable} from '../../../analysis/cube-table.js'
import {DIM_PLURALS, type DimName} from '../../../analysis/dims.js'
import {dimHeader, shownLabel} from '../analysis-common.js'
import {barSpec, drawnAmount, moneyText, SCHEMA} from './bars.js'
import type {Chart} from './chart.js'
import {contextSentence, slug, subtitleLines, type ChartContext} from './context.js'
import {axisLabels} from './labels.js'
import {ExactSums} from './sums.js'
import {chartConfig, HEAT_SCHEME} from './theme.js'

/** Most rows (first dimension) and columns (second) a heat map draws. */
export const HEAT_ROWS = 30
export const HEAT_COLUMNS = 20
/** Most bars a one-dimension cube draws. */
export const CUBE_BARS = 30

/** One currency's leaf cells: per member of each dimension (-1: a folded "Other"), exact totals. */
interface Cells {
  currency: string | null
  /** Per dimension: member key -> total. */
  totals: ExactSums[]
  /** cellKey(k0, k1) -> amount. */
  cells: ExactSums
  /** Keys of the second dimension per key of the first, in cellKey. */
  width: number
}

/**
 * The charts of a cube of one or two dimensions (more: none; the command
 * refuses those before drawing).
 * @example cubeCharts(cubeTable(frame, {by: ['buyer', 'category']}), ctx)[0].name // 'cube-buyer-category-gbp'
 */
export function cubeCharts(table: CubeTable, ctx: ChartContext): Chart[] {
  const n = table.by.length
  if (n < 1 || n > 2) return []
  return leafCells(table).map((c) => (n === 1 ? cubeBars(table, c, ctx) : heatMap(table, c, ctx)))
}

/** Per currency, in table order, the leaf rows (subtotals skipped) summed per member. */
function leafCells(t: CubeTable): Cells[] {
  const n = t.by.length
  const width = n === 2 ? t.dims[1].size + 1 : 1
  const out = new Map<number, Cells>()
  for (let r = 0; r < t.length; r++) {
    if (t.depth[r] !== n) continue
    let c = out.get(t.currency[r])
    if (!c) out.set(t.currency[r], (c = {currency: t.currencies[t.currency[r]], totals: t.by.map(() => new ExactSums()), cells: new ExactSums(), width}))
    const amount = t.amount[r]
    const exact = t.bigAmount.size > 0 ? t.bigAmount.get(r) : undefined
    const k0 = t.keys[0][r]
    c.totals[0].add(k0, amount, exact)
    if (n === 2) {
      const k1 = t.keys[1][r]
      c.totals[1].add(k1, amount, exact)
      c.cells.add((k0 + 1) * width + k1 + 1, amount, exact)
    }
  }
  return [...out.values()]
}

const PERIOD_DIMS: readonly DimName[] = ['year', 'quarter', 'month']

/**
 * The members drawn by name: the `limit` largest by total (ties by id), or
 * for a period dimension the `limit` latest in time order (undated last),
 * so a time axis has no gaps; the folded member (-1) is never among them.
 */
function largest(t: CubeTable, i: number, totals: ExactSums, limit: number): number[] {
  const label = (k: number) => t.dims[i].ids[k] ?? ''
  if (PERIOD_DIMS.includes(t.by[i])) {
    const ids = t.dims[i].ids
    const keys = totals.keys().filter((k) => k >= 0)
    const dated = keys.filter((k) => ids[k] !== null).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0))
    return [...dated, ...keys.filter((k) => ids[k] === null)].slice(-limit)
  }
  return totals.keys()
    .filter((k) => k >= 0)
    .map((k): [number, bigint] => [k, totals.get(k)])
    .sort(([a, x], [b, y]) => (x === y ? (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : 0) : x > y ? -1 : 1))
    .slice(0, limit)
    .map(([k]) => k)
}

function memberName(t: CubeTable, i: number, k: number): string {
  return shownLabel(t.dims[i].name, t.dims[i].ids[k], t.dims[i].labels[k])
}

/** A heat map's grid: row and column names (the last may be the folded Other), and the non-empty cells' exact sums. */
export interface HeatCells {
  currency: string | null
  rows: string[]
  columns: string[]
  cells: {row: number; column: number; amount: bigint}[]
  /** Per dimension: members drawn by name, and members folded into Other (null: folded by --top, count unknown). */
  named: number[]
  folded: (number | null)[]
}

/**
 * Per currency, the cells of a two-dimension cube folded to at most
 * HEAT_ROWS x HEAT_COLUMNS: members past the largest go to "Other (k ...)"
 * ("Other" when the table was already folded with --top).
 * @example heatCells(cubeTable(frame, {by: ['buyer', 'category']}))[0].rows.length // <= 30
 */
export function heatCells(t: CubeTable): HeatCells[] {
  return t.by.length === 2 ? leafCells(t).map((c) => foldCells(t, c)) : []
}

function foldCells(t: CubeTable, c: Cells): HeatCells {
  const names: string[][] = []
  const index: Map<number, number>[] = []
  const named: number[] = []
  const folded: (number | null)[] = []
  for (let i = 0; i < 2; i++) {
    const limit = i === 0 ? HEAT_ROWS : HEAT_COLUMNS
    const keep = largest(t, i, c.totals[i], c.totals[i].has(-1) || c.totals[i].size > limit ? limit - 1 : limit)
    const idx = new Map(keep.map((k, j) => [k, j]))
    const rest = c.totals[i].keys().filter((k) => k >= 0 && !idx.has(k)).length
    const list = keep.map((k) => memberName(t, i, k))
    if (c.totals[i].has(-1)) list.push('Other')
    else if (rest > 0) list.push(otherLabel(t.by[i] as DimName, rest))
    names.push(list)
    index.push(idx)
    named.push(keep.length)
    folded.push(c.totals[i].has(-1) ? null : rest)
  }
  const sums = new ExactSums()
  const columns = names[1].length
  c.cells.forEach((id, amount, exact) => {
    const k0 = Math.floor(id / c.width) - 1
    const k1 = (id % c.width) - 1
    const row = index[0].get(k0) ?? names[0].length - 1
    const column = index[1].get(k1) ?? columns - 1
    sums.add(row * columns + column, amount, exact)
  })
  const cells = sums.keys().sort((a, b) => a - b).map((at) => ({row: Math.floor(at / columns), column: at % columns, amount: sums.get(at)}))
  return {currency: c.currency, rows: names[0], columns: names[1], cells, named, folded}
}

function heatMap(t: CubeTable, c: Cells, ctx: ChartContext): Chart {
  const [d0, d1] = t.by.map(dimHeader)
  const cur = c.currency ?? 'unknown currency'
  const folded = foldCells(t, c)
  const rows = axisLabels(folded.rows, 180)
  const columns = axisLabels(folded.columns, 150)
  const title = `Spend by ${d0} and ${d1}`
  const foldNote = (i: number) => {
    const k = folded.folded[i]
    const noun = DIM_PLURALS[t.by[i]]
    const which = PERIOD_DIMS.includes(t.by[i]) ? 'latest' : 'largest'
    return k === null ? `the ${folded.named[i]} ${which} ${noun} and Other` : k > 0 ? `the ${folded.named[i]} ${which} of ${folded.named[i] + k} ${noun}` : `all ${folded.named[i]} ${noun}`
  }
  const extra = folded.folded.some((k) => k !== 0) ? [`${foldNote(0)} by ${foldNote(1)}; the rest folded into Other`] : []
  return {
    name: slug('cube', t.by[0], t.by[1], c.currency),
    title,
    description: `Heat map of spend in ${cur} by ${d0} (${folded.rows.length} rows) and ${d1} (${folded.columns.length} columns), darker is more${extra.length ? `; ${extra[0]}` : ''}. ${contextSentence(ctx, cur)}`,
    fullNames: {...rows.fullNames, ...columns.fullNames},
    spec: {
      $schema: SCHEMA,
      config: chartConfig(),
      title: {text: title, subtitle: [...subtitleLines(ctx, cur), ...extra]},
      width: {step: 22},
      height: {step: 18},
      data: {values: folded.cells.map((x) => ({row: rows.labels[x.row], column: columns.labels[x.column], r: x.row, c: x.column, amount: drawnAmount(x.amount, c.currency)}))},
      mark: {type: 'rect', stroke: '#ffffff', strokeWidth: 1},
      encoding: {
        y: {field: 'row', type: 'ordinal', sort: rows.labels, title: d0, axis: {labelLimit: 0}},
        x: {field: 'column', type: 'ordinal', sort: columns.labels, title: d1, axis: {labelAngle: -45, labelAlign: 'right', labelLimit: 0}},
        color: {field: 'amount', type: 'quantitative', title: cur, scale: {scheme: HEAT_SCHEME, zero: true}, legend: {format: ',.0f', gradientLength: Math.min(300, Math.max(80, folded.rows.length * 18))}},
      },
    },
  }
}

function cubeBars(t: CubeTable, c: Cells, ctx: ChartContext): Chart {
  const d0 = dimHeader(t.by[0])
  const cur = c.currency ?? 'unknown currency'
  const keep = largest(t, 0, c.totals[0], CUBE_BARS)
  const {labels, fullNames} = axisLabels(keep.map((k) => memberName(t, 0, k)))
  const shown = new Set(keep)
  let rest = 0n
  let restCount = 0
  for (const k of c.totals[0].keys()) {
    if (shown.has(k)) continue
    rest += c.totals[0].get(k)
    if (k >= 0) restCount++
  }
  const folded = c.totals[0].has(-1) ? 'Other' : restCount > 0 ? otherLabel(t.by[0], restCount) : null
  const extra = folded ? [`${folded}, not drawn: ${moneyText(rest, c.currency)}`] : []
  const title = `Spend by ${d0}`
  return {
    name: slug('cube', t.by[0], c.currency),
    title,
    description: `Bar chart of spend in ${cur} by ${d0}, the ${keep.length} largest${extra.length ? ` (${extra[0]})` : ''}. ${contextSentence(ctx, cur)}`,
    fullNames,
    spec: barSpec(title, ctx, cur, keep.map((k, i) => ({name: labels[i], amount: drawnAmount(c.totals[0].get(k), c.currency)})), extra),
  }
}

