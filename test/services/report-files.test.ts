/**
 * A chart drawn twice in one report (the overview's headline and its own
 * section) is drawn once: the copy under another id prefix must be exactly
 * what chartSvg draws under that prefix.
 */
import {describe, expect, it} from 'vitest'
import {pareto} from '../../src/analysis/pareto.js'
import {trend} from '../../src/analysis/trend.js'
import {paretoCharts} from '../../src/io/write/charts/pareto-chart.js'
import {chartSvg} from '../../src/io/write/charts/render.js'
import {trendCharts} from '../../src/io/write/charts/trend-chart.js'
import {reprefixed} from '../../src/services/report/files.js'
import {frameOf} from '../helpers/analysis-records.js'

const ctx = {filters: '', period: ['2023-01-01', '2024-12-31'] as [string, string]}

describe('reprefixed', () => {
  it('gives the SVG chartSvg draws under the other prefix (ids, clip paths, aria-labelledby)', async () => {
    const frame = frameOf(
      {date: '2023-02-10', amount: 100, supplier: 'A very long supplier name that the axis has to cut somewhere Ltd'},
      {date: '2024-02-10', amount: 300, supplier: 'B'}, {date: '2024-05-10', amount: 50, supplier: 'C'},
    )
    const charts = [...trendCharts(trend(frame, {every: 'quarter'}), ctx), ...paretoCharts(pareto(frame, {curve: true}), ctx)]
    expect(charts.length).toBe(2)
    for (const c of charts) {
      const a = await chartSvg(c, 'overview-trend-')
      const b = await chartSvg(c, 'trend-')
      expect(a).not.toBe(b)
      expect(reprefixed(a, 'overview-trend-', 'trend-')).toBe(b)
    }
  }, 30_000)
})
