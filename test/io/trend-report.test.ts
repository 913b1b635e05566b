import {describe, expect, it} from 'vitest'
import {trend, trendToJson} from '../../src/analysis/trend.js'
import {renderDelimited} from '../../src/io/write/delimited.js'
import {renderMarkdown} from '../../src/io/write/markdown.js'
import {trendOutput, trendViews, UNDATED} from '../../src/io/write/trend-report.js'
import {frameOf} from '../helpers/analysis-records.js'

const f = frameOf(
  {buyer: 'B1', date: '2024-01-10', amount: 100},
  {buyer: 'B1', date: null, amount: 40},
  {buyer: 'B1', date: '2024-03-10', amount: 300},
  {buyer: 'B2', date: '2024-02-10', amount: 50},
  {buyer: 'B3', date: null, amount: 9},
)

const views = (human: boolean) => {
  const result = trend(f, {every: 'month', by: 'buyer'})
  return trendViews(trendOutput(trendToJson(result), {}), result, human, {})
}

describe('trend report', () => {
  it('puts each series\' undated line right after its periods, with an empty period for scripts', () => {
    const [view, ...rest] = views(false)
    expect(rest).toEqual([])
    const csv = String(renderDelimited(view, ','))
    expect(csv.trimEnd().split('\n').map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      'buyer,buyer_id,currency,period',
      'B1,b1,GBP,2024-01', 'B1,b1,GBP,2024-02', 'B1,b1,GBP,2024-03', 'B1,b1,GBP,',
      'B2,b2,GBP,2024-01', 'B2,b2,GBP,2024-02', 'B2,b2,GBP,2024-03',
      'B3,b3,GBP,',
    ])
    const undatedLines = view.rows.filter((r) => r.period === null)
    expect(undatedLines.map((r) => [r.amount, r.count, r.change ?? null, r.change_pct ?? null])).toEqual([['0.40', 1, null, null], ['0.09', 1, null, null]])
  })

  it('labels the line "undated" for people, inside the one table', () => {
    const all = views(true)
    expect(all).toHaveLength(1)
    const md = renderMarkdown(all)
    expect(md).toContain(`| B1 | GBP | ${UNDATED} | 0.40 | 1 |  |  |`)
    expect(md).toContain(`| B3 | GBP | ${UNDATED} | 0.09 | 1 |  |  |`)
    // B1's February has no dated payment but B1 has undated spend: no change either way.
    expect(md).toContain('| B1 | GBP | 2024-02 | 0.00 | 0 |  |  |')
    expect(md).toContain('| B1 | GBP | 2024-03 | 3.00 | 1 |  |  |')
    // B2 has no undated spend: its March is a true zero.
    expect(md).toContain('| B2 | GBP | 2024-03 | 0.00 | 0 | -100.0% |  |')
  })
})
