/**
 * The flags charts on hand-made tests: Benford's observed bars against the
 * expected ticks (first digit, and a wider first-two-digits chart), the
 * bunching histogram with the threshold rule, the title's numbers, the caps
 * (largest MAD first, smallest p first, the rest counted as left out), and
 * SVG/PNG renders that carry the title and give the same bytes twice.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {BenfordTest, BunchingTest} from '../../src/analysis/flags/types.js'
import type {ChartContext} from '../../src/io/write/charts/context.js'
import {FLAGS_MAX_CHARTS, flagsCharts, pText} from '../../src/io/write/charts/flags-chart.js'
import {chartPng, chartSvg} from '../../src/io/write/charts/render.js'
import {darkPixels, decodePng} from '../helpers/charts.js'
import {tempDir} from '../helpers/cli.js'
import {compileWarnings} from './charts/vl-check.js'

type Spec = Record<string, any>
const ctx: ChartContext = {filters: null, period: ['2024-04-01', '2025-03-31']}

/** A Benford test of these amounts (minor units), with Benford's expected shares and the MAD computed from them. */
function benford(buyer: string, amounts: number[], digits: 1 | 2 = 1): BenfordTest {
  const first = digits === 1 ? 1 : 10
  const bins = digits === 1 ? 9 : 90
  const observed = Array.from({length: bins}, () => 0)
  for (const a of amounts) observed[Number(String(a).slice(0, digits)) - first]++
  const expected = observed.map((_, i) => Math.log10(1 + 1 / (first + i)))
  const mad = observed.reduce((s, o, i) => s + Math.abs(o / amounts.length - expected[i]), 0) / bins
  const bound = digits === 1 ? [0.006, 0.012, 0.015] : [0.0012, 0.0018, 0.0022]
  const conformity = mad < bound[0] ? 'close' : mad < bound[1] ? 'acceptable' : mad < bound[2] ? 'marginal' : 'nonconformity'
  return {type: 'benford', buyer, buyer_id: buyer.toLowerCase().replace(/ /g, '-'), currency: 'GBP', digits, n: amounts.length, observed, expected, mad, conformity}
}

/** Amounts whose first digits follow `weights` (count per digit 1-9). */
const amountsOf = (weights: number[]) => weights.flatMap((w, i) => Array.from({length: w}, (_, k) => (i + 1) * 100_000 + k))
const uniform69 = amountsOf([0, 0, 0, 0, 0, 150, 150, 150, 150])
const near = amountsOf([301, 176, 125, 97, 79, 67, 58, 51, 46])

function bunching(buyer: string, p: number, below = 40, above = 3): BunchingTest {
  const threshold = {jurisdiction: 'config', name: 'quotation', currency: 'GBP', minor: 500_000, from: '2020-01-01', to: null, source: 'Council contract procedure rules 2020'}
  const bins = Array.from({length: 8}, (_, i) => ({from: 400_000 + i * 25_000, to: 425_000 + i * 25_000, count: i === 3 ? below : i === 4 ? above : 5 + i}))
  return {type: 'bunching', buyer, buyer_id: buyer.toLowerCase().replace(/ /g, '-'), currency: 'GBP', threshold, below, above, p_value: p, bins}
}

const layer = (spec: Spec, type: string) => spec.layer.find((l: Spec) => l.mark.type === type)

describe('flagsCharts', () => {
  it('draws Benford observed shares as bars and the expected as ticks, with n, MAD and conformity in the title', () => {
    const t = benford('Southdale Fire & Rescue', uniform69)
    const [chart] = flagsCharts([t], ctx)
    expect(compileWarnings(chart)).toEqual([])
    expect(chart.title).toContain('Southdale Fire & Rescue (GBP)')
    expect(chart.title).toContain('n = 600')
    expect(chart.title).toContain(`MAD ${t.mad.toFixed(4)}`)
    expect(chart.title).toContain(t.conformity)
    expect(t.conformity).toBe('nonconformity')
    const values = chart.spec.data as unknown as Spec
    const rows = (values as {values: {digit: string; observed: number; expected: number}[]}).values
    expect(rows.map((r) => r.digit)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9'])
    expect(rows.reduce((s, r) => s + r.observed, 0)).toBeCloseTo(1, 5)
    rows.forEach((r, i) => expect(r.expected).toBeCloseTo(t.expected[i], 5))
    expect(layer(chart.spec, 'bar').encoding.y.field).toBe('observed')
    expect(layer(chart.spec, 'tick').encoding.y.field).toBe('expected')
    expect(layer(chart.spec, 'bar').encoding.x.type).toBe('ordinal')
  })

  it('draws the first two digits as a wider chart of 90 bars', () => {
    const amounts = near.map((a, i) => a + (i % 9) * 10_000)
    const [one, two] = flagsCharts([benford('Eastmere', amounts, 2), benford('Eastmere', amounts)], ctx).sort((a, b) => a.name.localeCompare(b.name))
    expect([one.name, two.name]).toEqual(['flags-benford-first-eastmere-gbp', 'flags-benford-two-eastmere-gbp'])
    expect(((two.spec.data as Spec).values as unknown[]).length).toBe(90)
    expect(two.spec.width as number).toBeGreaterThan(one.spec.width as number)
    expect(two.title).toContain('first two digits')
    expect(compileWarnings(two)).toEqual([])
  })

  it('draws at most six Benford charts, the largest MAD first, and says how many were left out', () => {
    const tests = Array.from({length: FLAGS_MAX_CHARTS + 2}, (_, i) => benford(`Buyer ${i}`, i % 2 ? uniform69.slice(0, 300 + 30 * i) : near.slice(0, 400 + 50 * i)))
    const charts = flagsCharts(tests, ctx)
    expect(charts).toHaveLength(FLAGS_MAX_CHARTS)
    const byMad = [...tests].sort((a, b) => b.mad - a.mad).slice(0, FLAGS_MAX_CHARTS)
    expect(charts.map((c) => c.title)).toEqual(byMad.map((t) => flagsCharts([t], ctx)[0].title))
    for (const c of charts) expect(c.description).toContain('2 more Benford tests are not drawn')
    expect(new Set(charts.map((c) => c.name)).size).toBe(charts.length)
  })

  it('draws the bunching histogram with the threshold rule, the counts and p in the title, at most six, smallest p first', () => {
    const [chart] = flagsCharts([bunching('Eastmere District Council', 0.00002)], ctx)
    expect(compileWarnings(chart)).toEqual([])
    expect(chart.title).toBe('Payments around the quotation threshold of GBP 5,000.00, Eastmere District Council: 40 just below, 3 just above, p < 0.0001')
    expect(layer(chart.spec, 'rule').data.values).toEqual([{at: 5000}])
    const bars = layer(chart.spec, 'bar').data.values as {from: number; to: number; count: number; side: string}[]
    expect(bars.map((b) => b.count)).toEqual(bunching('x', 0).bins.map((b) => b.count))
    // Bars stand on zero (x and x2 are the bin's edges; without y2 vega-lite draws a line at the count).
    expect(layer(chart.spec, 'bar').encoding.y2).toEqual({datum: 0})
    expect(layer(chart.spec, 'bar').encoding.x.axis.values).toContain(5000)
    expect(bars.filter((b) => b.side === 'below the threshold').every((b) => b.to <= 5000)).toBe(true)
    expect(bars.filter((b) => b.side !== 'below the threshold').every((b) => b.from >= 5000)).toBe(true)
    expect(chart.description).toContain('Council contract procedure rules 2020')

    const ps = [0.5, 0.01, 0.2, 0.0003, 0.9, 0.04, 0.07, 0.3]
    const charts = flagsCharts(ps.map((p, i) => bunching(`Buyer ${i}`, p)), ctx)
    expect(charts).toHaveLength(FLAGS_MAX_CHARTS)
    expect(charts.map((c) => c.title.split(', ').pop())).toEqual([...ps].sort((a, b) => a - b).slice(0, FLAGS_MAX_CHARTS).map(pText))
    for (const c of charts) expect(c.description).toContain('2 more bunching tests are not drawn')
  })

  it('puts Benford charts before bunching charts, names each apart, and draws nothing for no tests', () => {
    expect(flagsCharts([], ctx)).toEqual([])
    const later = {...bunching('A', 0.2), threshold: {...bunching('A', 0.2).threshold, from: '2026-01-01'}}
    const charts = flagsCharts([bunching('A', 0.1), benford('B', uniform69), later], ctx)
    expect(charts.map((c) => c.name)).toEqual(['flags-benford-first-b-gbp', 'flags-bunching-a-gbp-quotation', 'flags-bunching-a-gbp-quotation-2'])
  })

  it('renders SVGs holding the escaped title and PNGs with text, the same bytes twice', async () => {
    const dir = tempDir('spendkit-flags-chart-')
    for (const chart of flagsCharts([benford('Southdale Fire & Rescue', uniform69), bunching('Eastmere <District>', 0.002)], ctx)) {
      const svg = await chartSvg(chart)
      expect(svg).toContain(chart.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))
      expect(svg).not.toContain('<District>')
      expect(await chartSvg(chart)).toBe(svg)
      const png = await chartPng(svg)
      writeFileSync(join(dir, `${chart.name}.png`), png)
      const img = decodePng(png)
      expect(img.width).toBeGreaterThan(400)
      // The title line (top left, at twice the SVG's size) has ink.
      expect(darkPixels(img, {x: 16, y: 16, w: 300, h: 30})).toBeGreaterThan(100)
      expect((await chartPng(svg)).equals(png)).toBe(true)
    }
  })
})
