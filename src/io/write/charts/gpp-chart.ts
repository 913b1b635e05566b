/**
 * GPP groups per buyer: per currency, a stacked horizontal bar per buyer of
 * its spend in each EU GPP product group (the groups with the most spend in
 * the currency drawn by name, the rest as one segment), the largest GPP
 * spenders first, at most GPP_BUYERS of them; spend in no group is not drawn.
 */
import type {GppBuyerRow} from '../../../analysis/gpp-shares.js'
import {buyerStackSpec, drawnAmount} from './bars.js'
import type {Chart} from './chart.js'
import {contextSentence, slug, subtitleLines, type ChartContext} from './context.js'
import {axisLabels} from './labels.js'

/** Buyers drawn per currency, the largest GPP spenders. */
export const GPP_BUYERS = 25
/** Groups drawn by name; the rest are one segment. */
export const GPP_GROUPS_DRAWN = 10

const OTHER = 'Other GPP groups'

/**
 * The charts of a per-buyer GPP table (one per currency with GPP spend).
 * @example gppCharts(gppShares(frame, null), ctx)[0].name // 'gpp-groups-gbp'
 */
export function gppCharts(rows: readonly GppBuyerRow[], ctx: ChartContext): Chart[] {
  const byCurrency = new Map<string | null, GppBuyerRow[]>()
  for (const r of rows) if (r.groups.length > 0) byCurrency.set(r.currency, [...(byCurrency.get(r.currency) ?? []), r])
  return [...byCurrency.entries()].map(([currency, list]) => {
    const cur = currency ?? 'unknown currency'
    const totals = new Map<string, bigint>()
    for (const r of list) for (const g of r.groups) totals.set(g.group, (totals.get(g.group) ?? 0n) + g.amount)
    const ranked = [...totals.entries()].sort(([a, x], [b, y]) => (x !== y ? (x > y ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0)).map(([g]) => g)
    const named = ranked.length > GPP_GROUPS_DRAWN + 1 ? ranked.slice(0, GPP_GROUPS_DRAWN) : ranked
    const legend = axisLabels(named, 260)
    const index = new Map(named.map((g, j) => [g, j]))
    const series = named.length < ranked.length ? [...legend.labels, OTHER] : legend.labels
    const shown = list.slice(0, GPP_BUYERS)
    const names = axisLabels(shown.map((r) => r.buyer ?? r.buyerId ?? '(none)'))
    const values: Record<string, unknown>[] = []
    shown.forEach((r, i) => {
      const sums = new Array<bigint>(series.length).fill(0n)
      for (const g of r.groups) sums[index.get(g.group) ?? series.length - 1] += g.amount
      sums.forEach((v, j) => {
        if (v !== 0n) values.push({buyer: names.labels[i], group: series[j], s: j, amount: drawnAmount(v, currency)})
      })
    })
    const extra = list.length > shown.length ? [`the ${shown.length} largest of ${list.length} buyers drawn; ${list.length - shown.length} left out`] : []
    const title = 'Spend in EU GPP product groups per buyer'
    return {
      name: slug('gpp-groups', currency),
      title,
      description: `Stacked bars of spend in ${cur} per buyer (${shown.length} buyers) in the EU green public procurement product groups: the ${named.length} largest groups${series.includes(OTHER) ? ' and the other groups together' : ''}; spend in no group is not drawn${extra.length ? `; ${extra[0]}` : ''}. ${contextSentence(ctx, cur)}`,
      fullNames: {...names.fullNames, ...legend.fullNames},
      spec: buyerStackSpec({
        title, subtitle: [...subtitleLines(ctx, cur), ...extra], values, buyers: names.labels,
        x: {field: 'amount', type: 'quantitative', title: `Amount (${cur})`, stack: 'zero', scale: {zero: true, nice: true}, axis: {format: ',.0f', tickCount: 5}},
        series: {field: 'group', title: 'GPP group', values: series, other: series[series.length - 1] === OTHER},
      }),
    }
  })
}
