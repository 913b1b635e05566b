/**
 * Draw charts: Vega-Lite -> Vega -> SVG in this process (no browser), and
 * SVG -> PNG with resvg, both with the shipped font. vega and vega-lite cost
 * about a second to load, so they are loaded here, on first use, only by the
 * commands that draw.
 *
 * The SVG is made deterministic and safe to put several on one page: vega
 * numbers its clip paths and gradients per process (reset before each chart)
 * and every id is then prefixed with the chart's own prefix.
 */
import {escapeHtml} from '../safe.js'
import type {Chart, ChartFormat, VegaLiteSpec} from './chart.js'
import {chartFontFiles, chartFontMetrics, CHART_FONT} from './font.js'

interface VegaModules {
  vega: typeof import('vega')
  vl: typeof import('vega-lite')
}

let modules: Promise<VegaModules> | null = null

/** vega and vega-lite, loaded once, with text measured in the shipped font. */
function loadVega(): Promise<VegaModules> {
  modules ??= (async () => {
    const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')])
    const faces = chartFontMetrics()
    // vega exports textMetrics (vega-scenegraph's), but its typings do not declare it.
    const metrics = (vega as unknown as {textMetrics: {width: (item: never, text?: unknown) => number}}).textMetrics
    metrics.width = (item: {fontSize?: number; fontWeight?: string | number}, text?: unknown) => {
      const size = item.fontSize ?? 11
      const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600
      return (bold ? faces.bold : faces.regular).width(text == null ? '' : String(text).trim(), size)
    }
    return {vega, vl}
  })()
  return modules
}

/**
 * One SVG document for a chart: deterministic bytes, ids prefixed with
 * `prefix`, the chart's title and description as `<title>`/`<desc>` for
 * screen readers, and each cut label's full name as its `<title>`.
 * @example const svg = await chartSvg(chart, 'c1-')
 */
export async function chartSvg(chart: Chart, prefix = `${chart.name}-`): Promise<string> {
  const {vega, vl} = await loadVega()
  const compiled = vl.compile(chart.spec as unknown as Parameters<typeof vl.compile>[0], {logger: quietLogger()}).spec
  const view = new vega.View(vega.parse(compiled), {renderer: 'none', logLevel: vega.Error})
  vega.resetSVGDefIds()
  const svg = await view.toSVG()
  view.finalize()
  return accessible(prefixIds(svg, prefix), chart, prefix)
}

/**
 * vega-lite warns on the console about specs it adjusts; a chart's warnings
 * are ours to fix in the spec (the spec tests compile every chart and fail on
 * one), never the user's to read on stderr.
 */
function quietLogger(): any {
  const logger = {level: () => logger, error: (...m: unknown[]) => { throw new Error(`bug: vega-lite: ${m.join(' ')}`) }, warn: () => logger, info: () => logger, debug: () => logger}
  return logger
}

/** Prefix every id vega wrote (clip paths, gradients) and every reference to one. */
export function prefixIds(svg: string, prefix: string): string {
  return svg.replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}${id}"`).replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}${id})`)
}

/** Add `<title>`/`<desc>` after the root tag and a `<title>` inside each cut label. */
function accessible(svg: string, chart: Chart, prefix: string): string {
  const open = svg.indexOf('>', svg.indexOf('<svg')) + 1
  const root = svg
    .slice(0, open - 1)
    .replace(/^<svg/, `<svg role="img" aria-labelledby="${prefix}title ${prefix}desc"`)
  const head = `<title id="${prefix}title">${escapeHtml(chart.title)}</title><desc id="${prefix}desc">${escapeHtml(chart.description)}</desc>`
  let body = svg.slice(open)
  const full = chart.fullNames ?? {}
  if (Object.keys(full).length > 0) {
    body = body.replace(/(<text\b[^>]*>)([^<]*)(<\/text>)/g, (whole, start: string, text: string, end: string) => {
      const name = full[unescapeXml(text)]
      return name === undefined ? whole : `${start}<title>${escapeHtml(name)}</title>${text}${end}`
    })
  }
  if (chart.markTitles) body = markTitles(body)
  return `${root}>${head}${body}`
}

/**
 * A hover `<title>` inside each mark vega labelled for screen readers
 * (`aria-label`, from the mark's `description`): the label is already
 * escaped, so it goes in as it is.
 * @example markTitles('<path aria-label="York: 12" d="M0"/>') // '<path aria-label="York: 12" d="M0"><title>York: 12</title></path>'
 */
export function markTitles(svg: string): string {
  return svg.replace(/<(path|line|rect)\b([^>]*?) aria-label="([^"]*)"([^>]*?)\/>/g, (_, tag: string, before: string, label: string, after: string) =>
    `<${tag}${before} aria-label="${label}"${after}><title>${label}</title></${tag}>`)
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g, (_, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec))
    if (hex) return String.fromCodePoint(parseInt(hex, 16))
    return ({lt: '<', gt: '>', quot: '"', apos: "'", amp: '&'} as Record<string, string>)[name]
  })
}

/**
 * A PNG of an SVG at twice its size, drawn with the shipped font only (no
 * system fonts), so the same @resvg/resvg-js version gives the same bytes.
 */
export async function chartPng(svg: string): Promise<Buffer> {
  const {Resvg} = await import('@resvg/resvg-js')
  const files = chartFontFiles()
  const resvg = new Resvg(svg, {
    font: {fontFiles: [files.regular, files.bold], loadSystemFonts: false, defaultFontFamily: CHART_FONT},
    fitTo: {mode: 'zoom', value: 2},
    background: '#ffffff',
  })
  return Buffer.from(resvg.render().asPng())
}

/**
 * Several charts as one: stacked, each keeping its own scales and axes (so
 * two currencies never share a money axis). One chart is returned as it is.
 */
export function combineCharts(charts: Chart[]): Chart {
  if (charts.length === 1) return charts[0]
  const config = charts[0].spec.config
  const vconcat = charts.map((c) => {
    const {config: _c, $schema: _s, ...rest} = c.spec as VegaLiteSpec & {config?: unknown; $schema?: unknown}
    return rest
  })
  return {
    name: charts[0].name,
    title: [...new Set(charts.map((c) => c.title))].join('; '),
    description: charts.map((c) => c.description).join(' '),
    spec: {$schema: charts[0].spec.$schema, config, vconcat, spacing: 32, resolve: {scale: Object.fromEntries(['x', 'y', 'color', 'opacity', 'size', 'shape', 'strokeDash'].map((c) => [c, 'independent']))}},
    fullNames: Object.assign({}, ...charts.map((c) => c.fullNames ?? {})),
    ...(charts.some((c) => c.markTitles) ? {markTitles: true} : {}),
  }
}

/** A standalone HTML page showing SVGs (no script, no network). */
export function chartPage(title: string, svgs: string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:"DejaVu Sans",Verdana,sans-serif;margin:24px;background:#fff;color:#222}figure{margin:0 0 32px}svg{max-width:100%;height:auto}</style>',
    '</head><body>',
    ...svgs.map((svg) => `<figure>${svg}</figure>`),
    '</body></html>',
    '',
  ].join('\n')
}

/** The bytes of a chart file in one of the `--chart` formats. */
export async function chartBytes(chart: Chart, format: ChartFormat): Promise<Buffer> {
  if (format === 'vl.json') return Buffer.from(`${JSON.stringify(chart.spec, null, 2)}\n`)
  const svg = await chartSvg(chart)
  if (format === 'svg') return Buffer.from(svg)
  if (format === 'png') return chartPng(svg)
  return Buffer.from(chartPage(chart.title, [svg]))
}
