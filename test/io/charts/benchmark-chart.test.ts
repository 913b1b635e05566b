/**
 * The benchmark dot plots on small hand-made results: one panel per measure
 * with a value, one dot per peer with a value, the buyer's own mark, the
 * band, median and the fences that can be crossed, the flag in the title
 * line, the category-mix panels chosen as the subtitle says, and SVGs with
 * each dot named on hover, escaped, the same bytes on every render.
 */
import {describe, expect, it} from 'vitest'
import {BENCHMARK_METHODS} from '../../../src/analysis/benchmark/stats.js'
import type {BenchmarkJson, BenchmarkMeasureJson} from '../../../src/io/write/benchmark-report.js'
import {BENCHMARK_KEY, benchmarkCharts, MAX_CATEGORY_PANELS} from '../../../src/io/write/charts/benchmark-chart.js'
import {BUYER_COLOUR, BUYER_SHAPE, decimalMinor, figureText, stackDots} from '../../../src/io/write/charts/benchmark-panel.js'
import type {ChartContext} from '../../../src/io/write/charts/context.js'
import {chartSvg} from '../../../src/io/write/charts/render.js'
import {compileWarnings} from './vl-check.js'

type Spec = Record<string, any>
const ctx: ChartContext = {filters: null, period: ['2024-01', '2024-12']}
const PEERS = ['York', 'Hull', 'Bradford', 'Wakefield', 'Sheffield'].map((name) => ({buyer: name, buyer_id: name.toLowerCase()}))

/** A measure with the peers' values given, quartiles and fences from them (type 7, as the command computes them). */
function measure(name: string, unit: string, label: string, value: string | number | null, peers: (string | number | null)[], extra: Partial<BenchmarkMeasureJson> = {}): BenchmarkMeasureJson {
  const nums = peers.filter((v): v is string | number => v !== null).map(Number).sort((a, b) => a - b)
  const q = (p: number) => {
    if (nums.length === 0) return null
    const h = (nums.length - 1) * p
    const lo = Math.floor(h)
    return lo + 1 < nums.length ? nums[lo] + (h - lo) * (nums[lo + 1] - nums[lo]) : nums[lo]
  }
  const [p25, med, p75] = [q(0.25), q(0.5), q(0.75)]
  const out = (n: number | null) => (n === null ? null : unit === 'money' ? n.toFixed(2) : n)
  const iqr = p25 === null ? null : p75! - p25
  return {
    measure: name, unit, label, basis: 'all', category_code: null, category: null, value,
    peer_median: out(med), p25: out(p25), p75: out(p75),
    lower_fence: out(iqr === null ? null : p25! - 1.5 * iqr), upper_fence: out(iqr === null ? null : p75! + 1.5 * iqr),
    percentile: 50, flag: null, weak: false, sentence: `${label}: a sentence`, note: null,
    peer_values: peers.map((v, i) => ({...PEERS[i], value: v})),
    ...extra,
  }
}

function result(measures: BenchmarkMeasureJson[], over: Partial<BenchmarkJson> = {}): BenchmarkJson {
  return {
    buyer: 'Leeds City Council', buyer_id: 'leeds', currency: 'GBP', peers: PEERS, peer_choice: 'named',
    period: {from: '2024-01', to: '2024-12', label: '2024-01..2024-12'}, any_period: false, periods: [],
    floor: {amount: '500.00', currency: 'GBP', source: 'x', sentence: 'compared on payments of £500 or more, the highest floor among these buyers', set_by: ['York']},
    sentence: 'compared on payments of £500 or more, the highest floor among these buyers', level: null, weak: false, left_out: [],
    methods: BENCHMARK_METHODS,
    shared_suppliers: {note: '', total: 0, shown: 0, top: 20, rows: []},
    categories: {total: 0, compared: 0, folded: 0, rule: ''},
    size: null, per: null, peer_group: null,
    measures, ...over,
  }
}

const SAMPLE = [
  measure('total_spend', 'money', 'Total spend', '1000000.00', ['800000.00', '900000.00', '950000.00', '1100000.00', '1200000.00'], {note: 'total spend is shown, never flagged: bodies differ in size'}),
  measure('top5_share', 'share', 'Share of the top 5 suppliers', 0.9, [0.4, 0.42, 0.45, 0.5, 0.52], {flag: 'high', percentile: 100}),
  measure('suppliers', 'count', 'Suppliers', 120, [100, 110, null, 130, 140]),
  measure('new_supplier_share', 'share', 'Share of spend with new suppliers', null, [null, null, null, null, null]),
]

const panels = (spec: Spec): Spec[] => spec.vconcat
const layerOf = (panel: Spec, pred: (l: Spec) => boolean): Spec[] => panel.layer.filter(pred)
const points = (panel: Spec, shape: string) => layerOf(panel, (l) => l.mark.type === 'point' && l.mark.shape === shape)

describe('benchmarkCharts', () => {
  it('draws one panel per measure with a value, one dot per peer with a value, and the buyer apart', () => {
    const json = result(SAMPLE)
    const [chart] = benchmarkCharts(json, ctx)
    expect(compileWarnings(chart)).toEqual([])
    expect(chart.title).toBe('Leeds City Council against 5 peers')
    const drawn = SAMPLE.filter((m) => m.value !== null || m.peer_values.some((v) => v.value !== null))
    expect(panels(chart.spec)).toHaveLength(drawn.length)
    panels(chart.spec).forEach((panel, k) => {
      const m = drawn[k]
      const dots = points(panel, 'circle')
      expect(dots).toHaveLength(1)
      expect(dots[0].data.values).toHaveLength(m.peer_values.filter((v) => v.value !== null).length)
      // Each dot names its peer and value (hover title and aria-label).
      expect(dots[0].data.values.map((d: Spec) => d.hover.split(':')[0]).sort()).toEqual(m.peer_values.filter((v) => v.value !== null).map((v) => v.buyer).sort())
      const buyer = points(panel, BUYER_SHAPE)
      expect(buyer).toHaveLength(1)
      expect(buyer[0].mark.color).toBe(BUYER_COLOUR)
      expect(buyer[0].mark.color).not.toBe(dots[0].mark.color)
      expect(buyer[0].data.values[0].value).toBe(Number(m.value))
      const label = layerOf(panel, (l) => l.mark.type === 'text')[0].data.values[0].name
      expect(label).toBe(`Leeds City Council ${figureText(m.value, m.unit, 'GBP')}`)
      expect(layerOf(panel, (l) => l.mark.type === 'rect')[0].data.values[0]).toMatchObject({p25: Number(m.p25), p75: Number(m.p75)})
      expect(layerOf(panel, (l) => l.mark.type === 'rule' && l.mark.strokeDash === undefined)[0].data.values[0].median).toBe(Number(m.peer_median))
    })
    const subtitle = (chart.spec.title as Spec).subtitle as string[]
    expect(subtitle[0]).toBe('GBP · period 2024-01..2024-12')
    expect(subtitle).toContain(json.sentence)
    expect(subtitle.slice(-2)).toEqual(BENCHMARK_KEY)
  })

  it('says the flag in the title line, labels each axis in its unit and draws only the fences that can be crossed', () => {
    const [chart] = benchmarkCharts(result(SAMPLE), ctx)
    const [total, top5, suppliers] = panels(chart.spec)
    expect(top5.title.text).toBe('Share of the top 5 suppliers: high')
    expect(total.title.text).toBe('Total spend')
    expect(total.title.subtitle).toContain('total spend is shown, never flagged: bodies differ in size')
    expect(suppliers.title.text).toBe('Suppliers: within the fences')
    expect(suppliers.title.subtitle[1]).toMatch(/1 peer not computed$/)
    const axis = (p: Spec) => points(p, 'circle')[0].encoding.x.axis
    expect(axis(total).title).toBe('GBP')
    expect(axis(top5).format).toMatch(/%$/)
    const fences = (p: Spec) => layerOf(p, (l) => l.mark.strokeDash !== undefined).flatMap((l) => l.data.values.map((v: Spec) => v.at))
    // Total spend is never flagged: no fences. Shares: the lower fence lies within 0-1 here, so both are drawn.
    expect(fences(total)).toEqual([])
    const m = SAMPLE[1]
    expect(fences(top5)).toEqual([m.lower_fence, m.upper_fence])
    // A fence no value can cross (a share above 100%) is not drawn; the figures line still gives it.
    const wide = measure('tail_share', 'share', 'Share of spend in the tail', 0.5, [0.1, 0.2, 0.7, 0.9, 0.95])
    expect(wide.upper_fence as number).toBeGreaterThan(1)
    const [one] = panels(benchmarkCharts(result([wide]), ctx)[0].spec)
    expect(fences(one)).toEqual([wide.lower_fence].filter((f) => (f as number) >= 0))
    expect(one.title.subtitle[1]).toContain(`fences ${figureText(wide.lower_fence, 'share', 'GBP')} and ${figureText(wide.upper_fence, 'share', 'GBP')}`)
  })

  it('draws nothing when no measure has a value, so --chart can refuse', () => {
    expect(benchmarkCharts(result([SAMPLE[3]]), ctx)).toEqual([])
  })

  it('draws of the category mix the flagged categories only, or else the largest, and says which', () => {
    const cats = Array.from({length: 9}, (_, i) => measure('category_mix', 'share', `share of spend on Category ${i}`, 0.2 - i * 0.01, [0.1, 0.11, 0.12, 0.13, 0.14], {category_code: `C${i}`, flag: i === 2 || i === 5 ? 'low' : null}))
    const flagged = benchmarkCharts(result(cats), ctx)[0]
    expect(panels(flagged.spec).map((p) => p.title.text)).toEqual(['Share of spend on Category 2: low', 'Share of spend on Category 5: low'])
    expect((flagged.spec.title as Spec).subtitle).toContain('category mix: the 2 flagged categories (of 9 categories)')
    const none = benchmarkCharts(result(cats.map((c) => ({...c, flag: null}))), ctx)[0]
    expect(panels(none.spec).map((p) => p.title.text.split(':')[0])).toEqual(cats.slice(0, MAX_CATEGORY_PANELS).map((c) => `S${c.label.slice(1)}`))
    expect((none.spec.title as Spec).subtitle).toContain(`category mix: none flagged; the ${MAX_CATEGORY_PANELS} largest in the buyer's spend (of 9 categories)`)
  })

  it('stacks dots that would overlap, in a stable order, and gives the same spec for the same result', () => {
    const dots = stackDots([{peer: 'b', id: 'b', value: 5, text: ''}, {peer: 'a', id: 'a', value: 5, text: ''}, {peer: 'c', id: 'c', value: 100, text: ''}], [0, 100])
    expect(dots.map((d) => [d.peer, d.row])).toEqual([['a', 0], ['b', 1], ['c', 0]])
    expect(JSON.stringify(benchmarkCharts(result(SAMPLE), ctx))).toBe(JSON.stringify(benchmarkCharts(result(SAMPLE), ctx)))
    expect(benchmarkCharts(result(SAMPLE), ctx)[0].name).toBe('benchmark-leeds-gbp')
  })

  it('writes money exactly as the JSON has it, rounded only for the text', () => {
    expect(decimalMinor('10.005', 'GBP')).toBe(1001n)
    expect(decimalMinor('-0.004', 'GBP')).toBe(0n)
    expect(figureText('1234567.5', 'money', 'GBP')).toBe('GBP 1,234,568')
    expect(figureText(1234, 'hhi', 'GBP')).toBe('1,234')
  })

  it('names each dot on hover in the SVG, escaped, with the same bytes on every render', async () => {
    const hostile = '<img src=x onerror=alert(1)> & Co'
    const json = result([{...SAMPLE[1], peer_values: SAMPLE[1].peer_values.map((v, i) => (i === 0 ? {...v, buyer: hostile} : v))}])
    const [chart] = benchmarkCharts(json, ctx)
    const svg = await chartSvg(chart)
    expect(svg).not.toContain('<img')
    expect(svg).toContain('<title>&lt;img src=x onerror=alert(1)&gt; &amp; Co: 40.0%</title>')
    for (const p of PEERS.slice(1)) expect(svg).toContain(`<title>${p.buyer}: `)
    expect(svg).toContain('<title>Leeds City Council (the buyer): 90.0%</title>')
    expect(await chartSvg(chart)).toBe(svg)
    // The hover titles are the chart's choice: without markTitles the marks keep only their aria-label.
    const plain = await chartSvg({...chart, markTitles: false})
    expect(plain).toContain('aria-label="Leeds City Council (the buyer): 90.0%"')
    expect(plain).not.toContain('<title>Leeds City Council (the buyer)')
  })

  it('cuts a long buyer name beside its mark, and keeps it whole in the figures and on hover', () => {
    const long = 'The Metropolitan Borough Council of a Very Long Place Name upon Somewhere'
    const [panel] = panels(benchmarkCharts(result([SAMPLE[1]], {buyer: long}), ctx)[0].spec)
    const [label] = layerOf(panel, (l) => l.mark.type === 'text')[0].data.values
    expect(label.name).toMatch(/… 90\.0%$/)
    expect(points(panel, BUYER_SHAPE)[0].data.values[0].hover).toBe(`${long} (the buyer): 90.0%`)
    expect(panel.title.subtitle[1]).toContain(`${long}: 90.0%`)
  })
})
