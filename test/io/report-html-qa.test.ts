/**
 * index.html as a reader sees it: long tables cut in the page (the CSV keeps
 * every row), captions that add to the chart instead of repeating its title,
 * charts drawn larger than vega's size, hashes that wrap.
 */
import {describe, expect, it} from 'vitest'
import type {Chart} from '../../src/io/write/charts/chart.js'
import {CHART_SCALE, cutNote, HTML_TABLE_ROWS, reportHtml} from '../../src/io/write/report/html.js'
import type {ReportDoc} from '../../src/io/write/report/doc.js'

const chart: Chart = {name: 'trend-gbp', title: 'Spend per month, GBP', description: 'One line over 3 periods.', spec: {}}
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100" viewBox="0 0 400 100"><title>t</title></svg>'
const rows = (n: number) => Array.from({length: n}, (_, i) => ({name: `row ${i + 1}`, sha256: 'ab'.repeat(32), amount: '1.00'}))
const doc = (n: number): ReportDoc => ({
  title: 'R', subtitle: [],
  sections: [{
    id: 's', title: 'S', charts: [{chart, svg: 'charts/trend-gbp.svg', png: 'charts/trend-gbp.png'}],
    tables: [{name: 'long', title: 'Long', view: {columns: [{key: 'name', header: 'name'}, {key: 'sha256', header: 'SHA-256'}, {key: 'amount', header: 'amount', kind: 'money'}], rows: rows(n)}}],
  }],
})
const page = (n: number) => reportHtml(doc(n), {'charts/trend-gbp.svg': svg})

describe('index.html for readers', () => {
  it(`shows the first ${HTML_TABLE_ROWS} rows of a longer table and says where all of them are`, () => {
    const html = page(HTML_TABLE_ROWS + 7)
    expect(html.match(/<tr>/g)).toHaveLength(HTML_TABLE_ROWS + 1)
    expect(html).toContain(`row ${HTML_TABLE_ROWS}<`)
    expect(html).not.toContain(`row ${HTML_TABLE_ROWS + 1}<`)
    expect(html).toContain(`<p class="cut">${cutNote(HTML_TABLE_ROWS, HTML_TABLE_ROWS + 7, 'long', false)}</p>`)
    expect(cutNote(HTML_TABLE_ROWS, HTML_TABLE_ROWS + 7, 'long', false)).toContain('tables/long.csv')
  })

  it('cuts a table with a currency column per currency, so no currency is hidden', () => {
    const n = HTML_TABLE_ROWS + 3
    const view = {
      columns: [{key: 'name', header: 'name'}, {key: 'currency', header: 'cur'}, {key: 'amount', header: 'amount', kind: 'money' as const}],
      rows: [...rows(n).map((r) => ({...r, currency: 'GBP'})), ...rows(4).map((r) => ({...r, name: `usd ${r.name}`, currency: 'USD'}))],
    }
    const d: ReportDoc = {title: 'R', subtitle: [], sections: [{id: 's', title: 'S', charts: [], tables: [{name: 'top', title: 'Top', view}]}]}
    const html = reportHtml(d, {})
    expect(html.match(/<tr>/g)).toHaveLength(HTML_TABLE_ROWS + 4 + 1)
    for (let i = 1; i <= 4; i++) expect(html).toContain(`usd row ${i}<`)
    expect(html).not.toContain(`row ${HTML_TABLE_ROWS + 1}<`)
    expect(html).toContain(`<p class="cut">${cutNote(HTML_TABLE_ROWS + 4, n + 4, 'top', true)}</p>`)
    expect(cutNote(HTML_TABLE_ROWS + 4, n + 4, 'top', true)).toMatch(/of each currency/)
  })

  it('leaves a table that fits whole, with no note', () => {
    const html = page(HTML_TABLE_ROWS)
    expect(html.match(/<tr>/g)).toHaveLength(HTML_TABLE_ROWS + 1)
    expect(html).not.toContain('class="cut"')
  })

  it('captions a chart with its description and files, not its title again', () => {
    const cap = /<figcaption>([^<]*)<\/figcaption>/.exec(page(1))![1]
    expect(cap).not.toBe(chart.title)
    expect(cap).toContain(chart.description)
    expect(cap).toContain('charts/trend-gbp.svg')
    expect(cap).toContain('charts/trend-gbp.png')
  })

  it('draws a chart larger than its SVG size, within the column, and wraps hashes', () => {
    const html = page(1)
    expect(CHART_SCALE).toBeGreaterThan(1)
    expect(html).toContain(`<figure id="figure-trend-gbp" style="max-width:${Math.round(400 * CHART_SCALE)}px">`)
    expect(html).toMatch(/figure svg\{[^}]*width:100%/)
    expect(html).toContain(`<td class="hash">${'ab'.repeat(32)}</td>`)
    expect(html).toMatch(/td\.hash\{[^}]*word-break:break-all/)
  })
})
