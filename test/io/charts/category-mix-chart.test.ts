import {describe, expect, it} from 'vitest'
import {cubeTable} from '../../../src/analysis/cube.js'
import {categoryMixCharts, MIX_BUYERS, MIX_CATEGORIES} from '../../../src/io/write/charts/category-mix-chart.js'
import type {ChartContext} from '../../../src/io/write/charts/context.js'
import {OTHER_COLOUR, PALETTE, PALETTE_TINTS, seriesColours} from '../../../src/io/write/charts/theme.js'
import {frameOf} from '../../helpers/analysis-records.js'
import {compileWarnings, rounded} from './vl-check.js'

const ctx: ChartContext = {filters: null, period: ['2024-01-01', '2024-06-30']}
type Value = {buyer: string; category: string; amount: number; share: number}

/** 30 buyers x 14 categories in GBP, one NOK buyer. */
function frame() {
  const rows = []
  for (let b = 0; b < 30; b++) {
    for (let c = 0; c < 14; c++) rows.push({buyer: `Buyer ${String(b).padStart(2, '0')}`, category_code: `K${String(c).padStart(2, '0')}`, category: `Kind ${c}`, amount: 10000 + c * 997 + b * 31})
  }
  rows.push({buyer: 'Norsk kommune', category_code: 'K01', category: 'Kind 1', amount: 9900, currency: 'NOK'})
  return frameOf(...rows)
}
const table = (f = frame()) => cubeTable(f, {by: ['buyer', 'category']})

describe('categoryMixCharts', () => {
  it('draws stacked bars per buyer, one chart per currency, the 10 largest categories and Other in grey', () => {
    const charts = categoryMixCharts(table(), ctx)
    expect(charts.map((c) => c.name)).toEqual(['category-mix-gbp', 'category-mix-nok'])
    const gbp = charts[1 - 1]
    for (const c of charts) expect(compileWarnings(c)).toEqual([])
    const enc = gbp.spec.encoding as Record<string, any>
    expect(enc.color.scale.domain).toHaveLength(MIX_CATEGORIES + 1)
    expect(enc.color.scale.domain.at(-1)).toBe('Other categories')
    expect(enc.color.scale.range.at(-1)).toBe(OTHER_COLOUR)
    expect(new Set(enc.color.scale.range).size).toBe(MIX_CATEGORIES + 1)
    // The largest categories overall: Kind 13 down to Kind 4 (amounts grow with the index).
    expect(enc.color.scale.domain.slice(0, MIX_CATEGORIES)).toEqual(Array.from({length: MIX_CATEGORIES}, (_, i) => `Kind ${13 - i}`))
    expect(enc.x).toMatchObject({title: 'Amount (GBP)', stack: 'zero', scale: {zero: true}})
    const values = (gbp.spec.data as {values: Value[]}).values
    expect(new Set(values.map((v) => v.buyer)).size).toBe(MIX_BUYERS)
    expect((gbp.spec.title as {subtitle: string[]}).subtitle.at(-1)).toBe(`the ${MIX_BUYERS} largest of 30 buyers drawn; ${30 - MIX_BUYERS} left out`)
  })

  it('keeps every buyer total: the segments of a bar add up to the buyer', () => {
    const f = frame()
    const values = (categoryMixCharts(table(f), ctx)[0].spec.data as {values: Value[]}).values
    const per = new Map<string, number>()
    for (const v of values) per.set(v.buyer, (per.get(v.buyer) ?? 0) + Math.round(v.amount * 100))
    const b29 = Array.from({length: 14}, (_, c) => 10000 + c * 997 + 29 * 31).reduce((a, b) => a + b, 0)
    expect(per.get('Buyer 29')).toBe(b29)
    expect(per.has('Buyer 00')).toBe(false)
  })

  it('draws shares of each buyer on request, on an axis from 0 to 100%', () => {
    const [chart] = categoryMixCharts(table(), ctx, {measure: 'share'})
    expect(compileWarnings(chart)).toEqual([])
    expect((chart.spec.encoding as Record<string, any>).x).toMatchObject({field: 'share', scale: {domain: [0, 1]}})
    const values = (chart.spec.data as {values: Value[]}).values.filter((v) => v.buyer === 'Buyer 29')
    expect(values.reduce((s, v) => s + v.share, 0)).toBeCloseTo(1, 5)
  })

  it('matches the spec snapshot on a tiny frame', () => {
    const f = frameOf(
      {buyer: 'Oxford', category_code: '45000000', category: 'Construction work', amount: 50000},
      {buyer: 'Oxford', category_code: '72000000', category: 'IT services', amount: 20000},
      {buyer: 'Leeds', category_code: '72000000', category: 'IT services', amount: 30000},
    )
    const charts = categoryMixCharts(table(f), ctx)
    expect(charts).toHaveLength(1)
    expect(compileWarnings(charts[0])).toEqual([])
    expect(rounded(charts[0])).toMatchSnapshot()
  })

  it('draws nothing for a table that is not buyer x category', () => {
    expect(categoryMixCharts(cubeTable(frame(), {by: ['buyer']}), ctx)).toEqual([])
  })
})

describe('seriesColours', () => {
  it('gives ten distinct colour-blind-safe colours and the grey of Other', () => {
    const colours = seriesColours(11, true)
    expect(new Set(colours).size).toBe(11)
    expect(colours.slice(0, 10).every((c) => (PALETTE as readonly string[]).includes(c) || (PALETTE_TINTS as readonly string[]).includes(c))).toBe(true)
    expect(colours.at(-1)).toBe(OTHER_COLOUR)
  })
})
