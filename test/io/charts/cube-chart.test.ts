import {describe, expect, it} from 'vitest'
import {cube, cubeTable} from '../../../src/analysis/cube.js'
import {cubeCharts, heatCells, HEAT_COLUMNS, HEAT_ROWS} from '../../../src/io/write/charts/cube-chart.js'
import type {ChartContext} from '../../../src/io/write/charts/context.js'
import {frameOf} from '../../helpers/analysis-records.js'
import {compileWarnings, rounded} from './vl-check.js'

const ctx: ChartContext = {filters: '--from 2024', period: ['2024-01-01', '2024-12-31']}

/** 40 buyers x 25 categories, amounts varied so that ranks are not ties; plus a small EUR block. */
function bigFrame() {
  const rows = []
  for (let b = 0; b < 40; b++) {
    for (let c = 0; c < 25; c++) {
      if ((b + c) % 3 === 0) continue
      rows.push({buyer: `Buyer ${String(b).padStart(2, '0')}`, category_code: `C${String(c).padStart(2, '0')}`, category: `Category ${c}`, amount: 1000 + b * 37 + c * 101 + ((b * c) % 13)})
    }
  }
  rows.push({buyer: 'Euro Buyer', category_code: 'C01', category: 'Category 1', amount: 5000, currency: 'EUR'})
  return frameOf(...rows)
}

const tiny = () => frameOf(
  {buyer: 'Buyer A', category_code: '45000000', category: 'Construction work', amount: 250000},
  {buyer: 'Buyer A', category_code: '72000000', category: 'IT services', amount: 100050},
  {buyer: 'Buyer B with a very long name that has to be cut on the axis', category_code: '45000000', category: 'Construction work', amount: 70000},
  {buyer: 'Buyer B with a very long name that has to be cut on the axis', category_code: '72000000', category: 'IT services', amount: 1234},
)

describe('cubeCharts: heat map of two dimensions', () => {
  it('draws one heat map per currency, the colour legend titled with the currency, and compiles with no warnings', () => {
    const charts = cubeCharts(cubeTable(bigFrame(), {by: ['buyer', 'category']}), ctx)
    expect(charts.map((c) => c.name)).toEqual(['cube-buyer-category-eur', 'cube-buyer-category-gbp'])
    for (const c of charts) {
      expect(compileWarnings(c)).toEqual([])
      const enc = c.spec.encoding as Record<string, {title?: string; scale?: {zero?: boolean}}>
      expect(enc.color.title).toBe(c.name.endsWith('gbp') ? 'GBP' : 'EUR')
      expect(enc.color.scale?.zero).toBe(true)
      expect((c.spec.title as {subtitle: string[]}).subtitle.slice(0, 2)).toEqual([`${enc.color.title} · 2024-01-01 to 2024-12-31`, 'filters: --from 2024'])
      expect(c.description).toContain('Heat map')
    }
  })

  it('folds to at most 30 x 20 cells, and the folded cells sum to the rest exactly', () => {
    const frame = bigFrame()
    const table = cubeTable(frame, {by: ['buyer', 'category']})
    const gbp = heatCells(table).find((h) => h.currency === 'GBP')!
    expect(gbp.rows.length).toBeLessThanOrEqual(HEAT_ROWS)
    expect(gbp.columns.length).toBeLessThanOrEqual(HEAT_COLUMNS)
    expect(gbp.rows.at(-1)).toBe(`Other (${40 - (HEAT_ROWS - 1)} buyers)`)
    expect(gbp.columns.at(-1)).toBe(`Other (${25 - (HEAT_COLUMNS - 1)} categories)`)
    const source = cube(frame, {by: ['buyer', 'category']}).rows.filter((r) => r.currency === 'GBP')
    const total = source.reduce((s, r) => s + r.amount, 0n)
    expect(gbp.cells.reduce((s, c) => s + c.amount, 0n)).toBe(total)
    const namedRows = new Set(gbp.rows.slice(0, -1))
    const namedCols = new Set(gbp.columns.slice(0, -1).map((c) => c))
    const otherRow = gbp.rows.length - 1
    const otherCol = gbp.columns.length - 1
    const restRows = source.filter((r) => !namedRows.has(r.labels[0]!)).reduce((s, r) => s + r.amount, 0n)
    const restCols = source.filter((r) => !namedCols.has(r.labels[1]!)).reduce((s, r) => s + r.amount, 0n)
    expect(gbp.cells.filter((c) => c.row === otherRow).reduce((s, c) => s + c.amount, 0n)).toBe(restRows)
    expect(gbp.cells.filter((c) => c.column === otherCol).reduce((s, c) => s + c.amount, 0n)).toBe(restCols)
    // The named members are the largest by total.
    const byBuyer = new Map<string, bigint>()
    for (const r of source) byBuyer.set(r.labels[0]!, (byBuyer.get(r.labels[0]!) ?? 0n) + r.amount)
    const smallestNamed = [...namedRows].reduce((m, b) => (byBuyer.get(b)! < m ? byBuyer.get(b)! : m), byBuyer.get([...namedRows][0])!)
    for (const [b, v] of byBuyer) if (!namedRows.has(b)) expect(v <= smallestNamed).toBe(true)
  })

  it('matches the spec snapshot on a tiny frame (long names cut, full names kept)', () => {
    const [chart] = cubeCharts(cubeTable(tiny(), {by: ['buyer', 'category']}), ctx)
    expect(compileWarnings(chart)).toEqual([])
    expect(Object.values(chart.fullNames ?? {})).toContain('Buyer B with a very long name that has to be cut on the axis')
    expect(rounded(chart)).toMatchSnapshot()
  })

  it('skips subtotal rows of --rollup and draws a --top fold as Other', () => {
    const frame = bigFrame()
    const plain = heatCells(cubeTable(frame, {by: ['buyer', 'category']}))
    const rolled = heatCells(cubeTable(frame, {by: ['buyer', 'category'], rollup: true}))
    expect(rolled).toEqual(plain)
    const topped = heatCells(cubeTable(frame, {by: ['buyer', 'category'], top: 3})).find((h) => h.currency === 'GBP')!
    expect(topped.columns.at(-1)).toBe('Other')
    expect(topped.cells.reduce((s, c) => s + c.amount, 0n)).toBe(plain.find((h) => h.currency === 'GBP')!.cells.reduce((s, c) => s + c.amount, 0n))
  })
})

describe('cubeCharts: periods', () => {
  it('keeps a period dimension in time order and draws the latest, whatever the totals', () => {
    const rows = []
    for (let m = 0; m < 36; m++) rows.push({date: `${2021 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-10`, amount: 1000 + ((m * 7919) % 500)})
    const [heat] = heatCells(cubeTable(frameOf(...rows, {date: '2021-01-05', buyer: 'Buyer B', amount: 99999}), {by: ['month', 'buyer']}))
    const months = heat.rows.slice(0, -1)
    expect(months).toEqual([...months].sort())
    expect(months).toHaveLength(HEAT_ROWS - 1)
    expect(months.at(-1)).toBe('2023-12')
    expect(heat.rows.at(-1)).toBe(`Other (${36 - (HEAT_ROWS - 1)} months)`)
  })
})

describe('cubeCharts: one dimension, bars', () => {
  it('draws bars on a money axis from zero, the rest stated in the subtitle, not drawn', () => {
    const charts = cubeCharts(cubeTable(bigFrame(), {by: ['buyer']}), ctx)
    const gbp = charts.find((c) => c.name === 'cube-buyer-gbp')!
    expect(compileWarnings(gbp)).toEqual([])
    const values = (gbp.spec.data as {values: {name: string}[]}).values
    expect(values.length).toBe(30)
    expect(values.some((v) => v.name.startsWith('Other'))).toBe(false)
    expect((gbp.spec.title as {subtitle: string[]}).subtitle.at(-1)).toMatch(/^Other \(10 buyers\), not drawn: GBP [\d,]+$/)
    const x = (gbp.spec.encoding as Record<string, {title: string; scale: {zero: boolean}}>).x
    expect(x).toMatchObject({title: 'Amount (GBP)', scale: {zero: true}})
    expect(rounded(cubeCharts(cubeTable(tiny(), {by: ['category']}), ctx))).toMatchSnapshot()
  })

  it('draws nothing for three dimensions (the command refuses them)', () => {
    expect(cubeCharts(cubeTable(tiny(), {by: ['buyer', 'category', 'year']}), ctx)).toEqual([])
  })
})
