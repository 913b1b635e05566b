/**
 * Labels that ran into other marks: the HHI values under the band rules,
 * the Pareto rule labels across the even-spread diagonal (and, with --by,
 * under the legend). Checked on the specs: what is drawn after what, and
 * where the labels sit.
 */
import {describe, expect, it} from 'vitest'
import {concentration} from '../../../src/analysis/concentration.js'
import {pareto} from '../../../src/analysis/pareto.js'
import type {Chart} from '../../../src/io/write/charts/chart.js'
import {barSpec} from '../../../src/io/write/charts/bars.js'
import {concentrationCharts} from '../../../src/io/write/charts/concentration-chart.js'
import type {ChartContext} from '../../../src/io/write/charts/context.js'
import {paretoCharts} from '../../../src/io/write/charts/pareto-chart.js'
import {frameOf} from '../../helpers/analysis-records.js'
import {compileWarnings} from '../../helpers/charts.js'

const ctx: ChartContext = {filters: '', period: ['2024-01-01', '2024-12-31']}
type Mark = {type: string; [k: string]: unknown}
type Layer = {data?: {values: Record<string, unknown>[]}; mark: Mark; encoding: Record<string, any>}
const layersOf = (c: Chart) => (c.spec as {layer: Layer[]}).layer

describe('concentration chart', () => {
  // HHI 1,500 exactly on the moderate rule: its label would sit on the dashed line.
  const frame = frameOf(
    ...Array.from({length: 10}, (_, i) => ({category: 'IT', supplier: `S${i}`, amount: 100})),
    {category: 'Rent', supplier: 'A', amount: 300}, {category: 'Rent', supplier: 'B', amount: 100},
  )
  const [chart] = concentrationCharts(concentration(frame, {by: 'category'}), ctx)
  const layers = layersOf(chart)
  const valueText = layers.filter((l) => l.mark.type === 'text' && l.encoding.text?.field === 'hhi')

  it('draws the value labels after the band rules, each over a white halo', () => {
    expect(compileWarnings(chart.spec)).toEqual([])
    const rule = layers.findIndex((l) => l.mark.type === 'rule')
    expect(valueText).toHaveLength(2)
    const [halo, label] = valueText.map((l) => layers.indexOf(l))
    expect(rule).toBeLessThan(halo)
    expect(halo).toBeLessThan(label)
    expect(layers[halo].mark).toMatchObject({stroke: '#ffffff', aria: false})
    expect(Number(layers[halo].mark.strokeWidth)).toBeGreaterThanOrEqual(3)
    expect(layers[label].mark.stroke).toBeUndefined()
  })
})

describe('pareto chart', () => {
  const frame = frameOf(
    {buyer: 'B1', supplier: 'S1', amount: 600}, {buyer: 'B1', supplier: 'S2', amount: 200}, {buyer: 'B1', supplier: 'S3', amount: 100},
    {buyer: 'B2', supplier: 'S1', amount: 60}, {buyer: 'B2', supplier: 'S4', amount: 40},
  )
  const ruleLabels = (c: Chart) => layersOf(c).find((l) => l.mark.type === 'text' && l.encoding.text?.field === 'label')!

  it('writes the 80% and 95% labels beside the plot, right of its edge, where the diagonal never goes', () => {
    for (const c of [...paretoCharts(pareto(frame, {curve: true}), ctx), ...paretoCharts(pareto(frame, {by: 'buyer', curve: true}), ctx)]) {
      expect(compileWarnings(c.spec)).toEqual([])
      expect(ruleLabels(c).mark).toMatchObject({x: 'width', align: 'left'})
      expect(Number(ruleLabels(c).mark.dx)).toBeGreaterThan(0)
    }
  })

  it('with --by puts the legend below the plot, not over the labels on its right', () => {
    const [c] = paretoCharts(pareto(frame, {by: 'buyer', curve: true}), ctx)
    const curve = layersOf(c).at(-1)!
    expect(curve.encoding.color.legend.orient).toBe('bottom')
  })
})

describe('bar chart', () => {
  it('writes a negative bar\'s amount right of zero on its own row, not on the bar', () => {
    const spec = barSpec('Top', ctx, 'GBP', [{name: 'Up', amount: 5000}, {name: 'Down', amount: -1234.5}], []) as {data: {values: Record<string, number>[]}; layer: Layer[]}
    expect(compileWarnings(spec)).toEqual([])
    const text = spec.layer.find((l) => l.mark.type === 'text')!
    expect(text.encoding.x.field).toBe('at')
    expect(spec.data.values.map((v) => [v.amount, v.at])).toEqual([[5000, 5000], [-1234.5, 0]])
    expect(text.encoding.text.field).toBe('amount')
  })
})
