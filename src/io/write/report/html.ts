/**
 * index.html of a report: one self-contained page (the charts as inline SVG,
 * the stylesheet inline), no script and nothing loaded from anywhere, with a
 * Content-Security-Policy that forbids both even if a value slipped through.
 * Every value from the data is escaped.
 */
import {escapeHtml} from '../safe.js'
import {humanCell, isRightAligned} from '../view.js'
import type {ReportChart, ReportDoc, ReportSection, ReportTable} from './doc.js'
import {REPORT_CSS} from './style.js'

/** No script, no network: only inline styles and data: images. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

/**
 * The page, from the report document and each chart's SVG text (keyed by
 * its ReportChart.svg path; ids already unique per chart).
 * @example reportHtml({title: 'Spend', subtitle: [], sections: []}, {}).startsWith('<!DOCTYPE html>') // true
 */
export function reportHtml(doc: ReportDoc, svgs: Record<string, string>): string {
  const toc = doc.sections.length
    ? [
        '<nav class="toc" aria-labelledby="toc-title">',
        '<h2 id="toc-title">Contents</h2>',
        '<ol>',
        ...doc.sections.map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`),
        '</ol>',
        '</nav>',
      ]
    : []
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>\n${REPORT_CSS}\n</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    ...doc.subtitle.map((line) => `<p class="subtitle">${escapeHtml(line)}</p>`),
    '</header>',
    ...toc,
    '<main>',
    ...doc.sections.map((s) => sectionHtml(s, svgs)),
    '</main>',
    ...(doc.footer?.length ? ['<footer>', ...doc.footer.map((line) => `<p>${escapeHtml(line)}</p>`), '</footer>'] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

function sectionHtml(section: ReportSection, svgs: Record<string, string>): string {
  const id = escapeHtml(section.id)
  return [
    `<section id="${id}" aria-labelledby="${id}-title">`,
    `<h2 id="${id}-title">${escapeHtml(section.title)}</h2>`,
    ...(section.intro ?? []).map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(section.facts?.length
      ? ['<dl class="facts">', ...section.facts.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`), '</dl>']
      : []),
    ...section.charts.map((c) => figureHtml(c, svgs)),
    ...section.tables.map(tableHtml),
    ...(section.notes?.length ? ['<div class="notes">', ...section.notes.map((n) => `<p>${escapeHtml(n)}</p>`), '</div>'] : []),
    '</section>',
  ].join('\n')
}

function figureHtml(c: ReportChart, svgs: Record<string, string>): string {
  const svg = svgs[c.svg]
  if (svg === undefined) throw new Error(`bug: no SVG drawn for chart ${c.svg}`)
  if (unsafeSvg(svg)) throw new Error(`bug: the SVG of chart ${c.svg} has a script, an event handler, foreign content or an outside link`)
  const width = svgWidth(svg)
  const style = width === null ? '' : ` style="max-width:${Math.round(width * CHART_SCALE)}px"`
  // The title is drawn in the chart: the caption says what the chart shows and where its files are.
  const caption = `${c.chart.description} Files: ${c.svg}, ${c.png}.`
  return [`<figure id="figure-${escapeHtml(c.chart.name)}"${style}>`, inlineSvg(svg), `<figcaption>${escapeHtml(caption)}</figcaption>`, '</figure>'].join('\n')
}

/**
 * Charts are drawn at vega's sizes (labels of 10-11 px): the page shows them
 * this much larger, as far as the column allows, so their text reads like
 * the page's own small print.
 */
export const CHART_SCALE = 1.35

/** The width attribute of an SVG's root element, in px (null when not a plain number). */
function svgWidth(svg: string): number | null {
  const m = /<svg\b[^>]*?\swidth="(\d+(?:\.\d+)?)"/.exec(svg)
  return m ? Number(m[1]) : null
}

/**
 * True when an SVG has what a drawn chart never has (vega writes paths, text
 * and clip paths): a script, HTML inside, an event handler attribute, or a
 * link or source outside the page. Attribute values (labels) are not looked in.
 */
function unsafeSvg(svg: string): boolean {
  if (/<(script|foreignObject|iframe|object|embed)\b/i.test(svg)) return true
  for (const tag of svg.matchAll(/<[A-Za-z][^\s/>]*((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
    for (const a of tag[1].matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const name = a[1].toLowerCase()
      const value = a[2] ?? a[3] ?? a[4] ?? ''
      if (name.startsWith('on')) return true
      if ((name === 'href' || name === 'xlink:href' || name === 'src') && !value.startsWith('#')) return true
    }
  }
  return false
}

/** The SVG element alone (no XML declaration or doctype, which are not allowed inside HTML). */
function inlineSvg(svg: string): string {
  const at = svg.indexOf('<svg')
  return (at > 0 ? svg.slice(at) : svg).trim()
}

/**
 * Rows a table shows in the page (of each currency, when it has a currency
 * column: a cut never hides a whole currency); tables/<name>.csv and
 * report.xlsx keep every row.
 */
export const HTML_TABLE_ROWS = 25

function shownRows(rows: Record<string, unknown>[], perCurrency: boolean): Record<string, unknown>[] {
  if (!perCurrency) return rows.length > HTML_TABLE_ROWS ? rows.slice(0, HTML_TABLE_ROWS) : rows
  const seen = new Map<unknown, number>()
  return rows.filter((row) => {
    const n = seen.get(row.currency) ?? 0
    seen.set(row.currency, n + 1)
    return n < HTML_TABLE_ROWS
  })
}

/**
 * The line under a table cut in the page.
 * @example cutNote(25, 28, 'data-quality', false) // 'First 25 of 28 rows; all rows in tables/data-quality.csv and report.xlsx.'
 */
export function cutNote(shown: number, total: number, name: string, perCurrency: boolean): string {
  const first = perCurrency ? `First ${HTML_TABLE_ROWS} rows of each currency (${humanCell(shown, 'int')} of ${humanCell(total, 'int')} rows)` : `First ${shown} of ${humanCell(total, 'int')} rows`
  return `${first}; all rows in tables/${name}.csv and report.xlsx.`
}

function tableHtml(t: ReportTable): string {
  const cols = t.view.columns
  // A SHA-256 wraps in small type, so the control totals beside it fit the page.
  const cls = (c: (typeof cols)[number]) => (isRightAligned(c.kind) ? ' class="num"' : c.key === 'sha256' ? ' class="hash"' : '')
  const head = `<tr>${cols.map((c) => `<th scope="col"${cls(c)}>${escapeHtml(c.header)}</th>`).join('')}</tr>`
  // The first text column names the row (the supplier, the buyer, the period): its cells are row headers.
  const label = cols.findIndex((c) => c.kind === undefined || c.kind === 'text')
  const cell = (c: (typeof cols)[number], i: number, v: unknown) => {
    const text = escapeHtml(humanCell(v, c.kind))
    return i === label ? `<th scope="row">${text}</th>` : `<td${cls(c)}>${text}</td>`
  }
  const rows = t.view.rows
  const perCurrency = cols.some((c) => c.key === 'currency')
  const shown = shownRows(rows, perCurrency)
  const body = shown.map((row) => `<tr>${cols.map((c, i) => cell(c, i, row[c.key])).join('')}</tr>`)
  const cut = shown.length < rows.length ? [`<p class="cut">${escapeHtml(cutNote(shown.length, rows.length, t.name, perCurrency))}</p>`] : []
  return [
    `<div class="table-wrap" id="table-${escapeHtml(t.name)}">`,
    '<table>',
    `<caption>${escapeHtml(t.title)}</caption>`,
    `<thead>${head}</thead>`,
    '<tbody>',
    ...body,
    '</tbody>',
    '</table>',
    ...cut,
    '</div>',
  ].join('\n')
}
