/**
 * The chart core: text measured in the shipped font, names cut to a width
 * (unique, with the full name kept), SVG ids prefixed per chart, and the SVG
 * itself: accessible title and description, the full name of a cut label on
 * hover, the same bytes on every render.
 */
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {Chart} from '../../../src/io/write/charts/chart.js'
import {chartFontFiles, chartFontMetrics, cutToWidth, fontMetrics} from '../../../src/io/write/charts/font.js'
import {axisLabels} from '../../../src/io/write/charts/labels.js'
import {chartSvg, prefixIds} from '../../../src/io/write/charts/render.js'
import {escapeHtml} from '../../../src/io/write/safe.js'
import {chartConfig} from '../../../src/io/write/charts/theme.js'

const regular = chartFontMetrics().regular

describe('font metrics', () => {
  it('measure wider text wider, scale with the size, and tell W from i', () => {
    expect(regular.width('Total spend', 11)).toBeGreaterThan(regular.width('Total', 11))
    expect(regular.width('Total', 22)).toBeCloseTo(2 * regular.width('Total', 11), 9)
    expect(regular.width('W', 11)).toBeGreaterThan(2 * regular.width('i', 11))
    expect(regular.width('', 11)).toBe(0)
  })

  it('read the same widths from the file as the cached faces, and bold wider than regular', () => {
    const again = fontMetrics(readFileSync(chartFontFiles().regular))
    expect(again.width('Grant & Young Ltd', 11)).toBe(regular.width('Grant & Young Ltd', 11))
    expect(chartFontMetrics().bold.width('Grant & Young Ltd', 11)).toBeGreaterThan(regular.width('Grant & Young Ltd', 11))
  })
})

describe('cutToWidth and axisLabels', () => {
  const long = 'Grant & Young Building Contractors and Civil Engineering Ltd'

  it('leave a name that fits alone and cut one that does not to fit, with an ellipsis', () => {
    expect(cutToWidth('ACME', 120, 11)).toBe('ACME')
    const cut = cutToWidth(long, 120, 11)
    expect(cut.endsWith('…')).toBe(true)
    expect(long.startsWith(cut.slice(0, -1))).toBe(true)
    expect(regular.width(cut, 11)).toBeLessThanOrEqual(120)
    // Never inside a grapheme cluster: a flag or an accent is kept whole or left out.
    const flags = '🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴'
    const cutFlags = cutToWidth(flags, 60, 11)
    expect([...cutFlags.slice(0, -1)].length % 2).toBe(0)
  })

  it('give every name its own label that fits, and map each cut label back to its name', () => {
    const names = [`${long} North`, `${long} South`, `${long} East`, 'ACME', 'ACME Ltd']
    const {labels, fullNames} = axisLabels(names, 140)
    expect(new Set(labels).size).toBe(names.length)
    for (const l of labels) expect(regular.width(l, 11)).toBeLessThanOrEqual(140)
    labels.forEach((l, i) => expect(fullNames[l] ?? l).toBe(names[i]))
    expect(Object.keys(fullNames)).toHaveLength(3)
    expect(labels.slice(3)).toEqual(['ACME', 'ACME Ltd'])
  })
})

describe('prefixIds', () => {
  it('prefixes every id and every url(#...) reference', () => {
    const svg = '<svg><defs><clipPath id="clip1"><rect/></clipPath><linearGradient id="gradient_0"/></defs><g clip-path="url(#clip1)"><rect fill="url(#gradient_0)"/></g></svg>'
    const out = prefixIds(svg, 'c1-')
    expect(out).toBe('<svg><defs><clipPath id="c1-clip1"><rect/></clipPath><linearGradient id="c1-gradient_0"/></defs><g clip-path="url(#c1-clip1)"><rect fill="url(#c1-gradient_0)"/></g></svg>')
  })
})

/** A chart with a clip path, a gradient legend and a long, hostile name that must be cut. */
function sample(name: string, title = 'Spend by supplier, GBP'): Chart {
  const hostile = '<img src=x onerror=alert(1)> Very Long Supplier Name & Partners Limited'
  const {labels, fullNames} = axisLabels([hostile, 'ACME'], 120)
  return {
    name,
    title,
    description: 'Two suppliers & their spend in GBP.',
    fullNames,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: chartConfig(),
      title,
      width: 300,
      height: {step: 22},
      data: {values: [{name: labels[0], amount: 1200.5}, {name: labels[1], amount: 300}]},
      mark: {type: 'bar', clip: true},
      encoding: {
        y: {field: 'name', type: 'nominal', title: null, axis: {labelLimit: 0}},
        x: {field: 'amount', type: 'quantitative', title: 'Amount (GBP)', scale: {zero: true}},
        color: {field: 'amount', type: 'quantitative'},
      },
    },
  }
}

const ids = (svg: string) => [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1])

describe('chartSvg', () => {
  it('puts <title> and <desc> right after the root tag, escaped, and names them in aria-labelledby', async () => {
    const svg = await chartSvg(sample('one'), 'one-')
    const root = svg.slice(0, svg.indexOf('>') + 1)
    expect(root).toMatch(/^<svg [^>]*role="img" aria-labelledby="one-title one-desc"/)
    const desc = escapeHtml('Two suppliers & their spend in GBP.')
    expect(desc).not.toContain(' & ')
    expect(svg.slice(root.length)).toMatch(new RegExp(`^<title id="one-title">Spend by supplier, GBP</title><desc id="one-desc">${desc}</desc>`))
  })

  it('gives a cut label its full name as a <title>, escaped, and draws no raw markup from the data', async () => {
    const chart = sample('one')
    const [cut] = Object.keys(chart.fullNames!)
    expect(cut.endsWith('…')).toBe(true)
    const svg = await chartSvg(chart, 'one-')
    const full = chart.fullNames![cut]
    const at = svg.indexOf(`<title>${escapeHtml(full)}</title>`)
    expect(at).toBeGreaterThan(0)
    // The title sits inside the label's own <text>, before the cut text.
    const drawn = svg.slice(at).match(/^<title>[^<]*<\/title>([^<]*)<\/text>/)![1]
    expect(drawn.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(cut)
    expect(escapeHtml(full)).not.toMatch(/[<>]/)
    expect(svg).not.toContain('<img')
  })

  it('prefixes every id, so two charts on one page share none, and every reference points at its own chart', async () => {
    const a = await chartSvg(sample('a'), 'a-')
    const b = await chartSvg(sample('b'), 'b-')
    const idsA = ids(a)
    const idsB = ids(b)
    expect(idsA.filter((id) => id !== 'a-title' && id !== 'a-desc').length).toBeGreaterThan(0)
    for (const id of idsA) expect(id.startsWith('a-')).toBe(true)
    for (const id of idsB) expect(id.startsWith('b-')).toBe(true)
    expect(idsA.filter((id) => idsB.includes(id))).toEqual([])
    for (const [svg, own] of [[a, idsA], [b, idsB]] as const) {
      for (const m of svg.matchAll(/url\(#([^)]+)\)/g)) expect(own).toContain(m[1])
    }
  })

  it('gives the same bytes on every render', async () => {
    const first = await chartSvg(sample('same'))
    await chartSvg(sample('other'))
    expect(await chartSvg(sample('same'))).toBe(first)
  })
})
