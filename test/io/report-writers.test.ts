import {describe, expect, it} from 'vitest'
import type {Chart} from '../../src/io/write/charts/chart.js'
import {reportHtml, REPORT_CSP} from '../../src/io/write/report/html.js'
import {reportMarkdown} from '../../src/io/write/report/markdown.js'
import type {ReportChart, ReportDoc} from '../../src/io/write/report/doc.js'

const HOSTILE = '<img src=x onerror=alert(1)>'
const SCRIPT = '<script>alert(2)</script>'

function chart(name: string, title: string): ReportChart {
  const c: Chart = {name, title, description: `${title}, drawn for a test.`, spec: {}}
  return {chart: c, svg: `charts/${name}.svg`, png: `charts/${name}.png`}
}

/** SVG text as the chart renderer gives it: ids prefixed per chart, a <title> for a cut label. */
function svgOf(name: string, label: string): string {
  label = label.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120" viewBox="0 0 300 120" role="img" aria-labelledby="${name}-title"><title id="${name}-title">t</title><defs><clipPath id="${name}-clip1"><rect width="300" height="120"/></clipPath></defs><g clip-path="url(#${name}-clip1)"><rect width="200" height="20" fill="#0072b2"/><text x="4" y="14"><title>${label}</title>cut…</text></g></svg>`
}

const doc: ReportDoc = {
  title: 'Spend report: Test <Council> & partners',
  subtitle: ['Workspace: ws', 'Period: 2024-01-01 to 2024-12-31', '- filters: none'],
  sections: [
    {
      id: 'overview',
      title: 'Overview',
      intro: ['Spend of *all* buyers, [unfiltered].', '1. Not a list'],
      facts: [
        {label: 'Rows', value: '1,234'},
        {label: 'Top supplier', value: HOSTILE},
      ],
      tables: [],
      charts: [],
    },
    {
      id: 'top-suppliers',
      title: 'Top suppliers | by spend',
      tables: [
        {
          name: 'top-suppliers',
          title: 'Top 3 suppliers (GBP)',
          view: {
            columns: [
              {key: 'rank', header: '#', kind: 'int'},
              {key: 'supplier', header: 'supplier'},
              {key: 'currency', header: 'cur'},
              {key: 'amount', header: 'amount', kind: 'money'},
              {key: 'share', header: 'share', kind: 'share'},
            ],
            rows: [
              {rank: 1, supplier: HOSTILE, currency: 'GBP', amount: '1234567.50', share: 0.5},
              {rank: 2, supplier: SCRIPT, currency: 'GBP', amount: '-12.50', share: -0.000005},
              {rank: 3, supplier: '=HYPERLINK("http://evil.example/x")', currency: 'GBP', amount: '99.99', share: 0.25},
            ],
          },
        },
      ],
      charts: [chart('top-suppliers-gbp', `Top suppliers ${HOSTILE}`), chart('top-suppliers-nok', 'Top suppliers, NOK')],
      notes: ['Left out: 2 redacted rows.'],
    },
  ],
  footer: ['Rebuild and check: spend verify report/'],
}

const svgs = Object.fromEntries(doc.sections.flatMap((s) => s.charts).map((c) => [c.svg, svgOf(c.chart.name, SCRIPT)]))

describe('report.md', () => {
  it('matches the committed snapshot', async () => {
    await expect(reportMarkdown(doc)).toMatchFileSnapshot('__snapshots__/report.md')
  })

  it('escapes every value and links the charts relatively', () => {
    const md = reportMarkdown(doc)
    expect(md).not.toMatch(/<img|<script|<Council/)
    expect(md).toContain('![Top suppliers &lt;img src=x onerror=alert(1)&gt;](charts/top-suppliers-gbp.svg)')
    expect(md).toContain('![Top suppliers, NOK](charts/top-suppliers-nok.svg)')
    expect(md).toContain('## Top suppliers \\| by spend')
    expect(md).toContain('1\\. Not a list')
    expect(md).toContain('\\- filters: none')
    expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true)
  })
})

describe('index.html', () => {
  const html = reportHtml(doc, svgs)

  it('runs no script and loads nothing', () => {
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i)
    // No attribute that loads or links to anything outside the page.
    const urls = [...html.matchAll(/\b(?:href|src|srcset|action|xlink:href|poster|data)\s*=\s*"([^"]*)"/gi)].map((m) => m[1])
    expect(urls.length).toBeGreaterThan(0)
    for (const u of urls) expect(u, u).toMatch(/^#/)
    expect(html).not.toMatch(/url\((?!#)/)
    expect(html).not.toMatch(/@import|@font-face/)
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP.replaceAll("'", '&#39;')}">`)
    expect(REPORT_CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:/)
  })

  it('shows hostile names as text', () => {
    expect(html).not.toContain(HOSTILE)
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;')
    expect(html).toContain('&#60;script&#62;alert(2)&#60;/script&#62;')
    expect(html).toContain('<title>Spend report: Test &#60;Council&#62; &#38; partners</title>')
  })

  it('is semantic: h1, sections with ids, a table of contents, captions, scoped headers, figures', () => {
    expect(html.match(/<h1>/g)).toHaveLength(1)
    for (const s of doc.sections) {
      expect(html).toContain(`<section id="${s.id}"`)
      expect(html).toContain(`<a href="#${s.id}">`)
    }
    expect(html).toContain('<caption>Top 3 suppliers (GBP)</caption>')
    expect(html.match(/<th scope="col"/g)).toHaveLength(5)
    expect(html.match(/<th scope="row">/g)).toHaveLength(3)
    expect(html).toContain('<th scope="row">&#60;img src=x onerror=alert(1)&#62;</th>')
    expect(html).toContain('<td class="num">1,234,567.50</td>')
    expect(html).toContain('<td class="num">-12.50</td>')
    expect(html.match(/<figure/g)).toHaveLength(2)
    expect(html.match(/<figcaption>/g)).toHaveLength(2)
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
  })

  it('inlines one <svg per chart, as drawn', () => {
    expect(html.match(/<svg\b/g)).toHaveLength(2)
    for (const svg of Object.values(svgs)) expect(html).toContain(svg)
  })

  it('has a print stylesheet for A4 pages', () => {
    const css = /<style>([\s\S]*)<\/style>/.exec(html)![1]
    expect(css).toMatch(/@page\s*\{[^}]*size:\s*A4/)
    expect(css).toMatch(/@page\s*\{[^}]*margin:/)
    const print = css.slice(css.indexOf('@media print'))
    expect(print).toMatch(/h2\{[^}]*break-before:page/)
    expect(print).toMatch(/figure,tr[^{]*\{[^}]*break-inside:avoid/)
    expect(print).toMatch(/thead\{display:table-header-group\}/)
    expect(print).toMatch(/a\[href\][^{]*::after\{content:" \(" attr\(href\) "\)"/)
  })

  it('is the same text for the same document', () => {
    expect(reportHtml(doc, svgs)).toBe(html)
  })

  it('refuses a chart whose SVG was not drawn, or that could run a script', () => {
    expect(() => reportHtml(doc, {})).toThrow(/no SVG/)
    for (const bad of ['<svg><script>x</script></svg>', '<svg onload="x()"></svg>', '<svg><foreignObject/></svg>', '<svg><image href="http://x/y.png"/></svg>']) {
      expect(() => reportHtml(doc, {...svgs, 'charts/top-suppliers-gbp.svg': bad}), bad).toThrow(/bug/)
    }
  })
})

describe('index.html with a chart as drawn', () => {
  it('takes a real chart SVG whose labels carry a hostile name in attributes', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><g aria-label="supplier: &lt;img src=x onerror=alert(1)&gt;; amount: 300" role="graphics-symbol"><path d="M0,0h10v10h-10Z"/></g><text>&lt;img src=x onerror=alert(1)&gt;</text></svg>`
    const one: ReportDoc = {...doc, sections: [{...doc.sections[1], charts: [doc.sections[1].charts[0]]}]}
    const html = reportHtml(one, {'charts/top-suppliers-gbp.svg': svg})
    expect(html).toContain(svg)
    expect(html).not.toContain(HOSTILE)
  })
})
