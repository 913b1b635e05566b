import {describe, expect, it} from 'vitest'
import {top} from '../../../src/analysis/top.js'
import type {ChartContext} from '../../../src/io/write/charts/context.js'
import {MAX_GROUPS, topCharts} from '../../../src/io/write/charts/top-chart.js'
import {frameOf} from '../../helpers/analysis-records.js'
import {compileWarnings, rounded} from './vl-check.js'

const ctx: ChartContext = {filters: null, period: ['2024-01-15', '2024-01-15']}
type Value = {name: string; amount: number}
const subtitle = (c: {spec: Record<string, unknown>}) => (c.spec.title as {subtitle: string[]}).subtitle

/** 20 buyers, each paying suppliers S00..S07 amounts that grow with the supplier number. */
function frame() {
  const rows = []
  for (let b = 0; b < 20; b++) for (let s = 0; s < 8; s++) rows.push({buyer: `Buyer ${String(b).padStart(2, '0')}`, supplier: `S${s}`, amount: 1000 * (s + 1) + b})
  rows.push({buyer: 'Buyer 00', supplier: 'REDACTED', redacted: true, supplier_key: 'redacted', amount: 777})
  return frameOf(...rows)
}

describe('topCharts', () => {
  it('leaves the folded Other off the bars and states it in a subtitle line', () => {
    const result = top(frame(), {what: 'suppliers', top: 3})
    const [chart] = topCharts(result, ctx)
    expect(compileWarnings(chart)).toEqual([])
    const values = (chart.spec.data as {values: Value[]}).values
    expect(values.map((v) => v.name)).toEqual(['S7', 'S6', 'S5'])
    const other = result.rows.find((r) => r.other !== null)!
    const whole = (other.amount + 50n) / 100n
    expect(subtitle(chart)).toContain(`Other (5 suppliers): GBP ${whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}, ${(other.share! * 100).toFixed(1)}%`)
    expect(subtitle(chart).at(-1)).toBe('(redacted or blank) suppliers, not ranked: GBP 8')
    expect(rounded(chart)).toMatchSnapshot()
  })

  it('with --by draws one chart per group and currency, at most MAX_GROUPS, and says how many were left out', () => {
    const charts = topCharts(top(frame(), {what: 'suppliers', by: 'buyer', top: 2}), ctx)
    expect(charts).toHaveLength(MAX_GROUPS)
    // Groups come largest first (Buyer 00 has the redacted payment on top), the smallest left out.
    expect(charts.slice(0, 3).map((c) => c.title)).toEqual(['Top 2 suppliers in Buyer 00', 'Top 2 suppliers in Buyer 19', 'Top 2 suppliers in Buyer 18'])
    for (const c of charts) {
      expect(compileWarnings(c)).toEqual([])
      expect(subtitle(c)).toContain(`the ${MAX_GROUPS} largest of 20 buyer groups drawn; ${20 - MAX_GROUPS} left out`)
      expect((c.spec.data as {values: Value[]}).values).toHaveLength(2)
    }
  })
})
