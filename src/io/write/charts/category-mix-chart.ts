/**
 * Category mix: per buyer, a stacked horizontal bar of its spend by
 * category: the 10 largest categories overall (in the currency) and "Other"
 * in grey, one chart per currency, drawn as amounts (a money axis from zero,
 * labelled with the currency) or as shares of each buyer's spend. At most
 * MIX_BUYERS buyers, the largest; the subtitle says how many were left out.
 */
import type {CubeTable} from '../../../analysis/cube-table.js'
import {shownLabel} from '../analysis-common.js'
import {buyerStackSpec, drawnAmount} from './bars.js'
import type {Chart} from './chart.js'
import {contextSentence, slug, subtitleLines, type ChartContext} from './context.js'
import {axisLabels} from './labels.js'
import {ExactSums} from './sums.js'

/** Categories drawn by name; the rest are one "Other" segment. */
export const MIX_CATEGORIES = 10
/** Buyers drawn per currency, the largest. */
export const MIX_BUYERS = 25

export interface CategoryMixOptions {
  /** Draw amounts (default) or each buyer's shares (its bar is 100%). */
  measure?: 'amount' | 'share'
}

const OTHER = 'Other categories'

/**
 * The category-mix charts of a buyer x category cube table.
 * @example categoryMixCharts(cubeTable(frame, {by: ['buyer', 'category']}), ctx)[0].name // 'category-mix-gbp'
 */
export function categoryMixCharts(table: CubeTable, ctx: ChartContext, opts: CategoryMixOptions = {}): Chart[] {
  const bi = table.by.indexOf('buyer')
  const ci = table.by.indexOf('category')
  if (bi < 0 || ci < 0 || table.by.length !== 2) return []
  const measure = opts.measure ?? 'amount'
  const width = table.dims[ci].size + 1
  const cell = (b: number, k: number) => (b + 1) * width + k + 1
  const per = new Map<number, {buyers: ExactSums; cats: ExactSums; cells: ExactSums}>()
  for (let r = 0; r < table.length; r++) {
    if (table.depth[r] !== 2) continue
    let c = per.get(table.currency[r])
    if (!c) per.set(table.currency[r], (c = {buyers: new ExactSums(), cats: new ExactSums(), cells: new ExactSums()}))
    const b = table.keys[bi][r]
    const k = table.keys[ci][r]
    const a = table.amount[r]
    const exact = table.bigAmount.size > 0 ? table.bigAmount.get(r) : undefined
    c.buyers.add(b, a, exact)
    c.cats.add(k, a, exact)
    c.cells.add(cell(b, k), a, exact)
  }
  const dims = table.dims
  const byTotal = (i: number) => ([a, x]: [number, bigint], [b, y]: [number, bigint]) => {
    if (x !== y) return x > y ? -1 : 1
    const p = dims[i].ids[a] ?? ''
    const q = dims[i].ids[b] ?? ''
    return p < q ? -1 : p > q ? 1 : 0
  }
  return [...per.entries()].map(([curKey, c]) => {
    const currency = table.currencies[curKey]
    const cur = currency ?? 'unknown currency'
    const entries = (sums: ExactSums) => sums.keys().filter((k) => k >= 0).map((k): [number, bigint] => [k, sums.get(k)])
    const cats = entries(c.cats).sort(byTotal(ci))
    const named = cats.length > MIX_CATEGORIES + 1 || c.cats.has(-1) ? cats.slice(0, MIX_CATEGORIES) : cats
    const catIndex = new Map(named.map(([k], j) => [k, j]))
    const catNames = named.map(([k]) => shownLabel('category', dims[ci].ids[k], dims[ci].labels[k]))
    const legend = axisLabels(catNames, 260)
    const series = named.length < cats.length || c.cats.has(-1) ? [...legend.labels, OTHER] : legend.labels
    const buyers = entries(c.buyers).sort(byTotal(bi))
    const shown = buyers.slice(0, MIX_BUYERS)
    const names = axisLabels(shown.map(([k]) => shownLabel('buyer', dims[bi].ids[k], dims[bi].labels[k])))
    const values: Record<string, unknown>[] = []
    shown.forEach(([b, total], i) => {
      const sums = new Array<bigint>(series.length).fill(0n)
      for (const k of c.cats.keys()) {
        if (c.cells.has(cell(b, k))) sums[catIndex.get(k) ?? series.length - 1] += c.cells.get(cell(b, k))
      }
      sums.forEach((v, j) => {
        if (v === 0n) return
        values.push({buyer: names.labels[i], category: series[j], s: j, amount: drawnAmount(v, currency), share: total === 0n ? 0 : Number(v) / Number(total)})
      })
    })
    const extra = buyers.length > shown.length ? [`the ${shown.length} largest of ${buyers.length} buyers drawn; ${buyers.length - shown.length} left out`] : []
    const title = measure === 'share' ? 'Category mix per buyer (share of each buyer\'s spend)' : 'Category mix per buyer'
    const x = measure === 'share'
      ? {field: 'share', type: 'quantitative', title: 'Share of the buyer\'s spend', stack: 'zero', scale: {domain: [0, 1]}, axis: {format: '.0%', tickCount: 5}}
      : {field: 'amount', type: 'quantitative', title: `Amount (${cur})`, stack: 'zero', scale: {zero: true, nice: true}, axis: {format: ',.0f', tickCount: 5}}
    return {
      name: slug('category-mix', measure === 'share' ? 'share' : null, currency),
      title,
      description: `Stacked bars of spend in ${cur} per buyer (${shown.length} buyers) by category: the ${named.length} largest categories${series.includes(OTHER) ? ' and the other categories together' : ''}, as ${measure === 'share' ? 'shares of each buyer\'s spend' : 'amounts'}${extra.length ? `; ${extra[0]}` : ''}. ${contextSentence(ctx, cur)}`,
      fullNames: {...names.fullNames, ...legend.fullNames},
      spec: buyerStackSpec({
        title, subtitle: [...subtitleLines(ctx, cur), ...extra], values, buyers: names.labels, x,
        series: {field: 'category', title: 'Category', values: series, other: series[series.length - 1] === OTHER},
      }),
    }
  })
}

