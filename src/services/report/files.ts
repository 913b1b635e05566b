/**
 * The bytes of every report file, from one ReportDoc, and the manifest that
 * lists them. Nothing here depends on the machine or the clock (except the
 * generation time, only with --stamp).
 */
import type {ReportDoc} from '../../io/write/report/doc.js'
import type {ImportEntry} from '../../io/workspace/index.js'
import {contractTotals} from '../../io/workspace/manifest.js'
import {renderDelimited} from '../../io/write/delimited.js'
import type {FilterFields} from '../../io/write/analysis-common.js'
import type {ReportConfig} from './config.js'
import type {ResolvedPeriod} from './period.js'
import {fileEntry, MANIFEST_NAME, REPORT_FORMAT} from './folder.js'
import type {OverlayPins} from './overlay-pins.js'

const utf8 = (text: string | Uint8Array) => (typeof text === 'string' ? Buffer.from(text, 'utf8') : text)

/**
 * A chart's SVG with its per-chart id prefix changed (ids, references,
 * aria-labelledby): what chartSvg draws for the same chart under `to`.
 * @example reprefixed('<svg aria-labelledby="a-title a-desc"><title id="a-title">', 'a-', 'b-') // '<svg aria-labelledby="b-title b-desc"><title id="b-title">'
 */
export function reprefixed(svg: string, from: string, to: string): string {
  return svg.split(`"${from}title ${from}desc"`).join(`"${to}title ${to}desc"`).split(`id="${from}`).join(`id="${to}`).split(`#${from}`).join(`#${to}`)
}

/** Every file but the manifest: path (relative, `/`-separated) -> bytes. */
export async function renderReport(doc: ReportDoc): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>()
  const svgs: Record<string, string> = {}
  const charts = doc.sections.flatMap((s) => s.charts)
  if (charts.length) {
    // vega loads only when there is something to draw (~1 s to import).
    const {chartPng, chartSvg} = await import('../../io/write/charts/render.js')
    // The same chart in two sections (the overview's headline and the trend) is drawn and rasterised once: only its ids differ.
    const drawn = new Map<string, {svg: string; prefix: string; png: Buffer}>()
    for (const c of charts) {
      const prefix = `${c.chart.name}-`
      const key = JSON.stringify([c.chart.spec, c.chart.title, c.chart.description, c.chart.fullNames ?? null])
      const seen = drawn.get(key)
      const svg = seen ? reprefixed(seen.svg, seen.prefix, prefix) : await chartSvg(c.chart, prefix)
      const png = seen ? seen.png : await chartPng(svg)
      if (!seen) drawn.set(key, {svg, prefix, png})
      svgs[c.svg] = svg
      files.set(c.svg, utf8(svg))
      files.set(c.png, png)
    }
  }
  const tables = doc.sections.flatMap((s) => s.tables)
  for (const t of tables) files.set(`tables/${t.name}.csv`, utf8(renderDelimited(t.view, ',')))
  const [{reportHtml}, {reportMarkdown}] = await Promise.all([import('../../io/write/report/html.js'), import('../../io/write/report/markdown.js')])
  files.set('index.html', utf8(reportHtml(doc, svgs)))
  files.set('report.md', utf8(reportMarkdown(doc)))
  const xlsx = await workbook(doc)
  if (xlsx) files.set('report.xlsx', xlsx)
  return files
}

/** The workbook, one sheet per table; null while the XLSX writer cannot write one. */
async function workbook(doc: ReportDoc): Promise<Uint8Array | null> {
  const tables = doc.sections.flatMap((s) => s.tables)
  if (!tables.length) return null
  const {xlsxBytes} = await import('../../io/write/xlsx.js')
  return xlsxBytes(tables.map((t) => ({name: t.name, view: t.view})))
}

export interface ManifestMeta {
  tool: {name: string; version: string}
  command: string[] | null
  configFile: string | null
  config: ReportConfig | null
  asOf: string | null
  period: ResolvedPeriod | null
  filters: FilterFields
  fiscalStart: number
  workspace: string
  imports: readonly ImportEntry[]
  /** The workspace's crosswalk and rules the report was built with. */
  overlays: OverlayPins
  sections: ReportDoc['sections']
  stamp: boolean
}

/**
 * The generation time for --stamp: SOURCE_DATE_EPOCH (seconds) when set, else the clock.
 * @example stampTime({SOURCE_DATE_EPOCH: '0'}) // '1970-01-01T00:00:00Z'
 */
export function stampTime(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH
  const when = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date()
  return when.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * manifest.json: what the report was made from and of. Adds its bytes to
 * `files` and returns it.
 */
export function reportManifest(meta: ManifestMeta, files: Map<string, Uint8Array>): Record<string, unknown> {
  const manifest: Record<string, unknown> = {
    format: REPORT_FORMAT,
    format_version: 1,
    tool: meta.tool,
    command: meta.command,
    config_file: meta.configFile,
    config: meta.config,
    as_of: meta.asOf,
    period: meta.period,
    filters: meta.filters,
    fiscal_year_start: meta.fiscalStart,
    workspace: meta.workspace,
    imports: meta.imports.map((e) => ({id: e.id, file: e.file, sha256: e.sha256, rows: e.rows, totals: contractTotals(e.totals)})),
    overlays: meta.overlays,
    sections: meta.sections.map((s) => ({id: s.id, title: s.title})),
    ...(meta.stamp ? {generated_at: stampTime()} : {}),
    files: [...files].map(([path, bytes]) => fileEntry(path, bytes)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  }
  files.set(MANIFEST_NAME, utf8(`${JSON.stringify(manifest, null, 2)}\n`))
  return manifest
}
