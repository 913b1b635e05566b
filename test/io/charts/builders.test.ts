/**
 * The trend, Pareto and concentration chart builders on tiny frames: their
 * Vega-Lite specs (floats rounded) as snapshots, every spec compiling with no
 * vega-lite warning, and what each chart must show checked against the
 * analysis it draws.
 */
import {describe, expect, it} from 'vitest'
import {concentration, HHI_BANDS} from '../../../src/analysis/concentration.js'
import {pareto} from '../../../src/analysis/pareto.js'
import {trend} from '../../../src/analysis/trend.js'
import type {Chart} from '../../../src/io/write/charts/chart.js'
import {concentrationCharts} from '../../../src/io/write/charts/concentration-chart.js'
import type {ChartContext} from '../../../src/io/write/charts/context.js'
import {paretoCharts} from '../../../src/io/write/charts/pareto-chart.js'
import {PALETTE} from '../../../src/io/write/charts/theme.js'
import {TREND_MAX_SERIES, trendCharts} from '../../../src/io/write/charts/trend-chart.js'
import {frameOf} from '../../helpers/analysis-records.js'
import {compileWarnings, roundFloats} from '../../helpers/charts.js'

const ctx: ChartContext = {filters: '--buyer Oxford', period: ['2023-01-05', '2024-06-30']}

type Layer = {data?: {values: Record<string, unknown>[]}; mark: {type: string} | string; encoding: Record<string, any>}
const specOf = (c: Chart) => c.spec as {title: {text: string; subtitle: string[]}; data?: {values: Record<string, any>[]}; layer?: Layer[]; encoding?: Record<string, any>}

function checkCommon(charts: Chart[]): void {
  expect(charts.length).toBeGreaterThan(0)
  for (const c of charts) {
    expect(compileWarnings(c.spec), c.name).toEqual([])
    const spec = specOf(c)
    expect(spec.title.text).toBe(c.title)
    expect(spec.title.subtitle.join(' ')).toContain('filters: --buyer Oxford')
    expect(spec.title.subtitle.join(' ')).toContain('2023-01-05 to 2024-06-30')
    expect(c.description).toContain(c.title)
    expect(JSON.stringify(c.spec)).not.toMatch(/"type":"temporal"|timeUnit/)
  }
}

describe('trendCharts', () => {
  const quarters = ['2023-02-10', '2023-05-10', '2023-08-10', '2023-11-10', '2024-02-10', '2024-05-10']
  const frame = frameOf(
    ...quarters.map((date, i) => ({date, amount: 1000 * (i + 1)})),
    ...quarters.slice(0, 4).map((date, i) => ({date, amount: 500 + i, currency: 'EUR'})),
  )

  it('draws one chart per currency with the same quarter a year earlier beside it (spec snapshot)', () => {
    const result = trend(frame, {every: 'quarter'})
    const charts = trendCharts(result, ctx)
    checkCommon(charts)
    expect(charts.map((c) => c.name)).toEqual(['trend-quarter-eur', 'trend-quarter-gbp'])
    expect(roundFloats(charts)).toMatchSnapshot()
    const gbp = specOf(charts[1])
    const rows = result.rows.filter((r) => r.currency === 'GBP')
    const now = gbp.data!.values.filter((v) => v.line === 'in the period')
    const earlier = gbp.data!.values.filter((v) => v.line === 'a year earlier')
    expect(now.map((v) => v.period)).toEqual(rows.map((r) => r.period))
    expect(now.map((v) => v.amount)).toEqual(rows.map((r) => Number(r.amount) / 100))
    // 2024-Q1 beside 2023-Q1, 2024-Q2 beside 2023-Q2, and nothing before the range.
    expect(earlier.map((v) => [v.period, v.amount])).toEqual(rows.slice(4).map((r, i) => [r.period, Number(rows[i].amount) / 100]))
    expect(gbp.encoding!.x).toMatchObject({type: 'ordinal', sort: rows.map((r) => r.period)})
    expect(gbp.encoding!.y).toMatchObject({title: 'Amount (GBP)', scale: {zero: true}, axis: {format: ',.0f'}})
    // A range of four quarters has no quarter a year earlier, and the subtitle says so.
    const short = specOf(trendCharts(trend(frameOf(...quarters.slice(0, 4).map((date) => ({date}))), {every: 'quarter'}), ctx)[0])
    expect(short.data!.values.every((v) => v.line === 'in the period')).toBe(true)
    expect(short.title.subtitle.join(' ')).toContain('no quarter a year earlier')
  })

  it('with --by: the largest groups coloured from the palette, the rest folded into Other in grey', () => {
    const buyers = Array.from({length: 11}, (_, i) => `Buyer ${String.fromCharCode(65 + i)}`)
    const f = frameOf(...buyers.flatMap((buyer, i) => [{buyer, date: '2023-03-01', amount: 100 * (i + 1)}, {buyer, date: '2024-03-01', amount: 10 * (i + 1)}]))
    const result = trend(f, {every: 'year', by: 'buyer'})
    const charts = trendCharts(result, ctx)
    checkCommon(charts)
    const spec = specOf(charts[0])
    const domain: string[] = spec.encoding!.color.scale.domain
    expect(domain).toHaveLength(TREND_MAX_SERIES)
    expect(domain[domain.length - 1]).toBe('Other')
    expect(spec.encoding!.color.scale.range.slice(0, -1)).toEqual(PALETTE.slice(0, TREND_MAX_SERIES - 1))
    // Other holds the folded groups' spend, exactly: per period, the lines add up to the total.
    for (const period of ['2023', '2024']) {
      const drawn = spec.data!.values.filter((v) => v.period === period && v.line === 'in the period').reduce((a, v) => a + Math.round(v.amount * 100), 0)
      const total = result.rows.filter((r) => r.period === period).reduce((a, r) => a + r.amount, 0n)
      expect(BigInt(drawn)).toBe(total)
    }
    expect(roundFloats(charts)).toMatchSnapshot()
  })

  it('has no chart for a result with no dated rows', () => {
    expect(trendCharts(trend(frameOf({date: null}), {every: 'month'}), ctx)).toEqual([])
  })
})

describe('paretoCharts', () => {
  const frame = frameOf(
    {supplier: 'S1', amount: 600}, {supplier: 'S2', amount: 200}, {supplier: 'S3', amount: 100},
    {supplier: 'S4', amount: 60}, {supplier: 'S5', amount: 40}, {supplier: 'S6', amount: -70},
    {supplier: 'N1', amount: 300, currency: 'NOK'}, {supplier: 'N2', amount: 100, currency: 'NOK'},
  )

  it('draws the curve per currency with the 80% and 95% rules (spec snapshot)', () => {
    const result = pareto(frame, {curve: true})
    const charts = paretoCharts(result, ctx)
    checkCommon(charts)
    expect(charts.map((c) => c.name)).toEqual(['pareto-gbp', 'pareto-nok'])
    expect(roundFloats(charts)).toMatchSnapshot()
    const layers = specOf(charts[0]).layer!
    const rule = layers.find((l) => (l.mark as {type: string}).type === 'rule')!
    expect(rule.data!.values.map((v) => v.spend)).toEqual([0.8, 0.95])
    const curve = layers[layers.length - 1].data!.values
    expect(curve.map((v) => [v.suppliers, v.spend])).toEqual(result.groups[0].curve!.map((p) => [p.suppliers, p.spend]))
    expect(curve[0]).toMatchObject({suppliers: 0, spend: 0})
    expect(curve[curve.length - 1]).toMatchObject({suppliers: 1, spend: 1})
    expect(layers[layers.length - 1].encoding.y).toMatchObject({scale: {domain: [0, 1]}, title: 'Cumulative share of spend (GBP)'})
  })

  it('with --by: one curve per group, the largest first, at most eight', () => {
    const f = frameOf(...Array.from({length: 10}, (_, i) => [
      {buyer: `B${i}`, supplier: 'X', amount: 100 * (i + 1)}, {buyer: `B${i}`, supplier: 'Y', amount: 50},
    ]).flat())
    const charts = paretoCharts(pareto(f, {by: 'buyer', curve: true}), ctx)
    checkCommon(charts)
    const layers = specOf(charts[0]).layer!
    const domain: string[] = layers[layers.length - 1].encoding.color.scale.domain
    expect(domain).toEqual(['B9', 'B8', 'B7', 'B6', 'B5', 'B4', 'B3', 'B2'])
    expect(specOf(charts[0]).title.subtitle.join(' ')).toContain('the 8 largest of 10 buyer groups')
  })

  it('has no chart without the curve or without positive spend', () => {
    expect(paretoCharts(pareto(frame), ctx)).toEqual([])
    expect(paretoCharts(pareto(frameOf({amount: -5}), {curve: true}), ctx)).toEqual([])
  })
})

describe('concentrationCharts', () => {
  const frame = frameOf(
    {category: 'Cleaning', supplier: 'A', amount: 900}, {category: 'Cleaning', supplier: 'B', amount: 100},
    {category: 'IT', supplier: 'A', amount: 100}, {category: 'IT', supplier: 'B', amount: 100},
    {category: 'IT', supplier: 'C', amount: 100}, {category: 'IT', supplier: 'D', amount: 100},
    {category: 'IT', supplier: 'E', amount: 100}, {category: 'IT', supplier: 'F', amount: 100},
    {category: 'IT', supplier: 'G', amount: 100}, {category: 'IT', supplier: 'H', amount: 100},
    {category: 'IT', supplier: 'I', amount: 100}, {category: 'IT', supplier: 'J', amount: 100},
    {category: 'Travel', supplier: 'A', amount: 50, currency: 'EUR'},
  )

  it('draws HHI bars per category with the band thresholds as rules (spec snapshot)', () => {
    for (const bands of ['2010', '2023'] as const) {
      const result = concentration(frame, {by: 'category', bands})
      const charts = concentrationCharts(result, ctx)
      checkCommon(charts)
      expect(charts.map((c) => c.name)).toEqual(['concentration-category-eur', 'concentration-category-gbp'])
      const layers = specOf(charts[1]).layer!
      const bars = layers[0].data!.values
      expect(bars.map((v) => [v.name, v.hhi, v.band])).toEqual(result.rows.filter((r) => r.currency === 'GBP').sort((a, b) => Number(b.amount - a.amount)).map((r) => [r.group!.label, r.hhi, r.band]))
      const rule = layers.find((l) => (l.mark as {type: string}).type === 'rule')!
      expect(rule.data!.values.map((v) => v.hhi)).toEqual([HHI_BANDS[bands].moderate, HHI_BANDS[bands].high])
      expect(layers[0].encoding.x.scale.domain).toEqual([0, 10_000])
      expect(charts[1].description).toContain(HHI_BANDS[bands].name)
      if (bands === '2010') expect(roundFloats(charts)).toMatchSnapshot()
    }
  })

  it('cuts long names and keeps the full name; no chart when no market has positive spend', () => {
    const long = 'Repair and maintenance services of building installations and their surroundings'
    const charts = concentrationCharts(concentration(frameOf({category: long, amount: 5}), {by: 'category'}), ctx)
    const [label] = Object.keys(charts[0].fullNames!)
    expect(label.endsWith('…')).toBe(true)
    expect(charts[0].fullNames![label]).toBe(long)
    expect(concentrationCharts(concentration(frameOf({amount: -5}), {by: 'category'}), ctx)).toEqual([])
  })
})
