/**
 * Text is drawn in PNGs: resvg without font files drops all text silently,
 * so decode the PNG and look for dark pixels where the title is, and none
 * there when the same chart has no title.
 */
import {describe, expect, it} from 'vitest'
import type {Chart} from '../../../src/io/write/charts/chart.js'
import {chartFontMetrics} from '../../../src/io/write/charts/font.js'
import {chartPng, chartSvg} from '../../../src/io/write/charts/render.js'
import {chartConfig} from '../../../src/io/write/charts/theme.js'
import {darkPixels, decodePng} from '../../helpers/charts.js'

const TITLE = 'Spend per quarter, GBP'

/** Bars in Okabe-Ito blue (not dark by darkPixels' measure), no y axis: nothing but the title is dark near the top. */
function chart(title: string): Chart {
  return {
    name: 'png-test',
    title: title || 'untitled',
    description: 'A test chart.',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: chartConfig(),
      ...(title ? {title: {text: title}} : {}),
      width: 300,
      height: 200,
      data: {values: [{q: 'Q1', amount: 10}, {q: 'Q2', amount: 20}]},
      mark: {type: 'bar', color: '#0072B2'},
      encoding: {
        y: {field: 'q', type: 'nominal', axis: null},
        x: {field: 'amount', type: 'quantitative', title: 'Amount (GBP)', scale: {zero: true}},
      },
    },
  }
}

describe('chartPng', () => {
  it('draws the title text where the title is, and nothing there without one', async () => {
    const withTitle = decodePng(await chartPng(await chartSvg(chart(TITLE))))
    const without = decodePng(await chartPng(await chartSvg(chart(''))))
    // The PNG is at twice the SVG's size; the title starts at the padding (8 px) and is 14 px bold.
    const titleWidth = chartFontMetrics().bold.width(TITLE, 14)
    const box = {x: 2 * 8, y: 2 * 8, w: Math.ceil(2 * titleWidth), h: 2 * 16}
    expect(withTitle.width).toBeGreaterThan(box.x + box.w)
    const inked = darkPixels(withTitle, box)
    // Text, not a smudge: a good part of the box is ink, but far from all of it.
    expect(inked).toBeGreaterThan(box.w * box.h * 0.05)
    expect(inked).toBeLessThan(box.w * box.h * 0.6)
    expect(darkPixels(without, box)).toBe(0)
    // Past the end of the title, no ink on the title's line.
    expect(darkPixels(withTitle, {x: box.x + box.w + 8, y: box.y, w: 100, h: box.h})).toBe(0)
  })

  it('gives the same bytes twice', async () => {
    const svg = await chartSvg(chart(TITLE))
    expect((await chartPng(svg)).equals(await chartPng(svg))).toBe(true)
  })
})
