/**
 * `spend top` as bars: one chart per currency (and per group with --by, at
 * most MAX_GROUPS groups per currency, the largest), the largest first on a
 * money axis from zero labelled with the currency. The folded "Other" row is
 * not drawn (its bar would dwarf the ranked ones): a subtitle line states it,
 * as it states the spend of redacted and blank suppliers left out.
 */
import {TOP_SUBJECTS, type TopResult} from '../../../analysis/top.js'
import {dimHeader, shownLabel, UNIDENTIFIED} from '../analysis-common.js'
import {barSpec, drawnAmount, moneyText, percentText} from './bars.js'
import type {Chart} from './chart.js'
import {contextSentence, slug, type ChartContext} from './context.js'
import {axisLabels} from './labels.js'

/** Groups drawn per currency with --by; the rest are named as left out. */
export const MAX_GROUPS = 12

/**
 * The bar charts of a ranking.
 * @example topCharts(result, {filters: null, period: ['2024-01-01', '2024-12-31']})[0].name // 'top-suppliers-gbp'
 */
export function topCharts(result: TopResult, ctx: ChartContext): Chart[] {
  const subject = TOP_SUBJECTS[result.what]
  const blocks = new Map<string, {currency: string | null; group: string; groupKey: string | null; rows: TopResult['rows']}>()
  for (const row of result.rows) {
    const group = result.by && row.group ? shownLabel(result.by, row.group.id, row.group.label) : ''
    const key = `${row.currency ?? ''}\u0000${row.group?.id ?? ''}\u0000${group}`
    let block = blocks.get(key)
    if (!block) blocks.set(key, (block = {currency: row.currency, group, groupKey: row.group?.id ?? null, rows: []}))
    block.rows.push(row)
  }
  const groupsPer = new Map<string, number>()
  for (const b of blocks.values()) groupsPer.set(b.currency ?? '', (groupsPer.get(b.currency ?? '') ?? 0) + 1)
  const drawnPer = new Map<string, number>()
  const charts: Chart[] = []
  for (const {currency, group, groupKey, rows} of blocks.values()) {
    const c = currency ?? ''
    const drawn = drawnPer.get(c) ?? 0
    if (drawn >= MAX_GROUPS) continue
    drawnPer.set(c, drawn + 1)
    const cur = currency ?? 'unknown currency'
    const ranked = rows.filter((r) => r.other === null)
    const {labels, fullNames} = axisLabels(ranked.map((r) => shownLabel(subject, r.id, r.label)))
    const extra: string[] = []
    for (const r of rows) if (r.other !== null) extra.push(`${r.label ?? 'Other'}: ${moneyText(r.amount, currency)}, ${percentText(r.share)}`)
    const left = result.unidentified.find((u) => u.currency === currency && (u.group?.id ?? null) === groupKey && u.amount !== 0n)
    if (left) extra.push(`${UNIDENTIFIED} suppliers, not ranked: ${moneyText(left.amount, currency)}`)
    const groups = groupsPer.get(c) ?? 0
    if (result.by && groups > MAX_GROUPS) extra.push(`the ${MAX_GROUPS} largest of ${groups} ${dimHeader(result.by)} groups drawn; ${groups - MAX_GROUPS} left out`)
    const title = `Top ${result.top} ${result.what}${group ? ` in ${group}` : ''}`
    charts.push({
      name: slug('top', result.what, group, currency),
      title,
      description: `Bar chart of the ${ranked.length} largest ${result.what}${group ? ` of ${dimHeader(result.by!)} ${group}` : ''} by spend in ${cur}${extra.length ? ` (${extra.join('; ')})` : ''}. ${contextSentence(ctx, cur)}`,
      fullNames,
      spec: barSpec(title, ctx, cur, ranked.map((r, i) => ({name: labels[i], amount: drawnAmount(r.amount, currency)})), extra),
    })
  }
  return charts
}
