/**
 * `spend report`: the report of a workspace (or of some of its imports) as a
 * folder of files: index.html, report.md, tables/*.csv, report.xlsx,
 * charts/*.svg|png and manifest.json, which records everything needed to
 * build the same bytes again (see buildReport).
 */
import {loadWorkspaceFrame} from '../frame-load.js'
import {readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {msg, reportMsg} from '../../messages.js'
import {packageRoot} from '../../paths.js'
import {filterRows, type FilterOptions} from '../../analysis/filter.js'
import {checkFiscalStart} from '../../analysis/period.js'
import {categoryLabelsFor} from '../../io/cpv-labels.js'
import {filterFields, filterText} from '../../io/write/analysis-common.js'
import {Workspace, type ImportEntry} from '../../io/workspace/index.js'
import {readManifest} from '../../io/workspace/manifest.js'
import type {ReportDoc, ReportSection} from '../../io/write/report/doc.js'
import {selectionSpan} from '../charts.js'
import {parseReportConfig, type ReportConfig, type ReportFilters, type SectionConfig} from './config.js'
import {checkAsOf, resolvePeriod, type ResolvedPeriod} from './period.js'
import {defaultSections, SECTION_BUILDERS, sectionColumns} from './sections.js'
import {checkOutDir, checkOutsideWorkspace, fileEntry, recordedPath, writeFolder, type OutputFile} from './folder.js'
import {renderReport, reportManifest} from './files.js'
import {overlayPins} from './overlay-pins.js'
import type {Rows} from '../../analysis/kernel.js'

export interface ReportOptions {
  /** The workspace folder. */
  workspace: string
  /** The configuration's text (YAML; JSON is YAML too); none: the default report. */
  configText?: string
  /** The configuration's file name, for errors and the manifest (null: a configuration made by flags, recorded with no file). */
  configFile?: string | null
  /** A benchmark section from --benchmark (replaces the configuration's top-level `benchmark:`). */
  benchmark?: SectionConfig
  /** The day relative periods count back from (YYYY-MM-DD). */
  asOf?: string
  /** Pin the imports used (ids or prefixes); none: every import of the workspace. */
  importIds?: string[]
  /** Record the generation time in the manifest (SOURCE_DATE_EPOCH when set, else the clock). */
  stamp?: boolean
  /** The command line to record, its paths already relative to the report folder (recordedArgv). */
  command?: string[]
  /** The folder paths are recorded relative to (default: outDir): a rebuild elsewhere records the original's. */
  recordDir?: string
  /** The output folder as typed, for messages (default: outDir). */
  outShown?: string
  /** Called with each section's title as it is built (progress). */
  onSection?: (title: string) => void
}

export interface ReportResult {
  /** The output folder as given. */
  out: string
  /** index.html's path (the output folder joined as given). */
  index: string
  /** Every file written, manifest.json included, sorted by path. */
  files: OutputFile[]
  sections: {id: string; title: string; tables: string[]; charts: string[]}[]
  manifest: Record<string, unknown>
  /** Lines for stderr (a report of no rows). */
  notes: string[]
}

/** The tool as recorded: name and version (no platform). */
export function toolInfo(): {name: string; version: string} {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {name: string; version: string}
  return {name: pkg.name, version: pkg.version}
}

/**
 * The command line with the paths of --out, --config and --workspace made
 * relative to the report folder, so the manifest holds no machine's paths.
 * @example recordedArgv(['--out', 'r', '-w', 'ws'], '/x', '/x/r') // ['spend', 'report', '--out', '.', '-w', '../ws']
 */
export function recordedArgv(argv: readonly string[], cwd: string, outDir: string): string[] {
  const PATHS = new Set(['--out', '--config', '--workspace', '-w'])
  const rel = (v: string) => recordedPath(outDir, resolve(cwd, v))
  const out: string[] = ['spend', 'report']
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const eq = a.indexOf('=')
    if (a.startsWith('--') && eq > 0 && PATHS.has(a.slice(0, eq))) out.push(`${a.slice(0, eq)}=${rel(a.slice(eq + 1))}`)
    else if (PATHS.has(a) && i + 1 < argv.length) out.push(a, rel(argv[++i]))
    else out.push(a)
  }
  return out
}

const listOf = (v: string[] | undefined) => (v?.length ? v : undefined)

/** The analyses' filters from the configured ones and a resolved period. */
function filterOptionsOf(f: ReportFilters | undefined, period: ResolvedPeriod | null): FilterOptions {
  return {
    buyer: listOf(f?.buyer), supplier: listOf(f?.supplier), category: listOf(f?.category), currency: listOf(f?.currency),
    excludeRedacted: f?.exclude_redacted || undefined, from: period?.from ?? undefined, to: period?.to ?? undefined,
  }
}

/** Unique section ids: the configured id, else the type (then -2, -3...). */
function sectionIds(sections: readonly SectionConfig[], file: string): string[] {
  const used = new Set<string>()
  return sections.map((s) => {
    if (s.id) {
      if (used.has(s.id)) throw new SpendInputError('BAD_CONFIG', reportMsg.duplicateId(s.id), {where: file, hint: reportMsg.duplicateIdHint(), exit: 2})
      used.add(s.id)
      return s.id
    }
    let id = s.type
    for (let n = 2; used.has(id); n++) id = `${s.type}-${n}`
    used.add(id)
    return id
  })
}

/** A filter's error names the config file (and the filter) instead of a flag the user never typed. */
function inConfig<T>(file: string | null, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (file === null || !(error instanceof SpendInputError) || !error.where?.startsWith('--')) throw error
    throw new SpendInputError(error.code, error.message, {where: `${file} (filters: ${error.where.slice(2)})`, hint: error.hint, exit: error.exit})
  }
}

/** A section's error (a profile of no one...) names the config file and the section. */
async function inSection<T>(file: string | null, id: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (file === null || !(error instanceof SpendInputError)) throw error
    const where = [reportMsg.inSection(id), error.where].filter(Boolean).join(', ')
    throw new SpendInputError(error.code, error.message, {where: `${file} (${where})`, hint: error.hint, exit: error.exit})
  }
}

/**
 * A chart's file stem in the report: prefixed with its section's id, which
 * replaces the section type the chart's own name starts with.
 * @example chartName('trend-year-gbp', 'trend-2', 'trend') // 'trend-2-year-gbp'
 * @example chartName('trend-month-gbp', 'overview', 'overview') // 'overview-trend-month-gbp'
 */
export function chartName(name: string, id: string, type: string): string {
  if (name === id || name.startsWith(`${id}-`)) return name
  return name.startsWith(`${type}-`) ? `${id}-${name.slice(type.length + 1)}` : `${id}-${name}`
}

/** The imports to use: all, or the pinned ones (each must still be there). */
async function chosenImports(ws: Workspace, ids: readonly string[] | undefined): Promise<ImportEntry[]> {
  const all = await ws.list()
  if (!ids) return all
  const out: ImportEntry[] = []
  for (const id of ids) {
    const hits = all.filter((e) => e.id === id || e.id.startsWith(id))
    if (hits.length !== 1) throw new SpendInputError('IMPORT_NOT_FOUND', reportMsg.importGone(id), {where: ws.label(), hint: reportMsg.importGoneHint()})
    if (!out.includes(hits[0])) out.push(hits[0])
  }
  return out
}

/**
 * Build the report of `opts.workspace` into `outDir`, written whole or not at all.
 * @example await buildReport({workspace: '.spendkit', asOf: '2024-12-31'}, 'report')
 */
export async function buildReport(opts: ReportOptions, outDir: string): Promise<ReportResult> {
  const configFile = opts.configFile ?? 'report.yml'
  const parsed: ReportConfig | null = opts.configText === undefined ? null : await parseReportConfig(opts.configText, configFile)
  // --benchmark is recorded in the manifest's config, so a rebuild (spend verify) builds the same section.
  const config: ReportConfig | null = opts.benchmark ? {...parsed, benchmark: opts.benchmark} : parsed
  const fromFile = opts.configText !== undefined && opts.configFile !== null
  const asOf = opts.asOf === undefined ? undefined : checkAsOf(opts.asOf)
  const fiscalStart = checkFiscalStart(config?.fiscal_year_start)
  const period = resolvePeriod(config?.period, {asOf, fiscalStart, where: configFile})
  const plan = (base: readonly SectionConfig[]) => {
    const sections = config?.benchmark ? [...base, config.benchmark] : [...base]
    const resolved = sections.map((s) => ({cfg: s, period: s.period === undefined ? period : resolvePeriod(s.period, {asOf, fiscalStart, where: configFile})}))
    return {sections, resolved, ids: sectionIds(sections, configFile)}
  }
  const configured = config?.sections?.length ? plan(config.sections) : null
  const outAbs = resolve(outDir)
  const recordDir = resolve(opts.recordDir ?? outDir)
  const shown = opts.outShown ?? outDir

  await checkOutDir(outAbs, shown)
  const ws = await Workspace.open(resolve(opts.workspace))
  checkOutsideWorkspace(outAbs, ws.dir, shown, ws.label())
  const imports = await chosenImports(ws, opts.importIds)
  if (imports.length === 0) throw new SpendInputError('NO_ROWS', msg.noImports(ws.label()))
  // With no configured sections, stored classification rules add the classification and gpp sections
  // (the manifest pins the overlays, so spend verify's rebuild chooses the same sections).
  let rules = configured === null && (await readManifest(ws.dir)).overlays?.classification !== undefined
  let chosen = configured ?? plan(defaultSections(rules))
  let loaded = await loadWorkspaceFrame(ws, sectionColumns(chosen.sections), {imports: imports.map((e) => e.id)})
  if (configured === null && (loaded.overlays.classification !== null) !== rules) {
    // The rules were stored or cleared meanwhile: choose again by what the frame was loaded with.
    rules = loaded.overlays.classification !== null
    chosen = plan(defaultSections(rules))
    loaded = await loadWorkspaceFrame(ws, sectionColumns(chosen.sections), {imports: imports.map((e) => e.id)})
  }
  const {frame, overlays} = loaded
  const {resolved, ids} = chosen
  const categoryLabels = await categoryLabelsFor(frame, ['category'])
  const workspaceShown = recordedPath(recordDir, ws.dir)
  const reportFilters = filterOptionsOf(config?.filters, period)

  const selections = new Map<string, Rows>()
  const notes: string[] = []
  const select = (filters: FilterOptions) => inConfig(fromFile ? configFile : null, () => filterRows(frame, filters))
  const whole = select(reportFilters)
  selections.set(JSON.stringify(reportFilters), whole)
  if (whole !== null && whole.length === 0) notes.push(reportMsg.noRows(frame.length))
  const docSections: ReportSection[] = []
  const usedNames = new Set<string>()
  const unique = (name: string) => {
    let n = name
    for (let k = 2; usedNames.has(n); k++) n = `${name}-${k}`
    usedNames.add(n)
    return n
  }
  for (const [i, {cfg, period: p}] of resolved.entries()) {
    const builder = SECTION_BUILDERS[cfg.type]
    const title = cfg.title ?? builder.title(cfg)
    opts.onSection?.(title)
    const filters = filterOptionsOf({...config?.filters, ...cfg.filters}, p)
    const key = JSON.stringify(filters)
    if (!selections.has(key)) selections.set(key, select(filters))
    const selection = selections.get(key)!
    const chart = {filters: filterText(filterFields(filters)), period: selectionSpan(frame, selection), money: null}
    const id = ids[i]
    // A section's error names where the section was asked for: the config file, or --benchmark.
    const asked = cfg === opts.benchmark || (!fromFile && cfg.type === 'benchmark') ? '--benchmark' : fromFile ? configFile : null
    const built = await inSection(asked, id, () => builder.build({
      frame, selection, filters, chart, money: {}, fiscalYearStart: fiscalStart, categoryLabels, imports, workspaceDir: ws.dir, workspaceShown, overlays,
    }, cfg))
    const views = built.views.filter((v) => v.rows.length > 0)
    docSections.push({
      id, title: cfg.title ?? built.title, intro: built.intro, facts: built.facts, notes: built.notes,
      // The first table is the section's id, the next ones id_2, id_3...: never the name of another section's table (ids have no "_").
      tables: views.map((view, k) => ({name: unique(k === 0 ? id : `${id}_${k + 1}`), title: view.title ?? title, view})),
      charts: built.charts.map((chart) => {
        const name = unique(chartName(chart.name, id, cfg.type))
        return {chart: {...chart, name}, svg: `charts/${name}.svg`, png: `charts/${name}.png`}
      }),
    })
  }
  const tool = toolInfo()
  const filterLine = filterText(filterFields(reportFilters))
  const doc: ReportDoc = {
    title: config?.title ?? 'Spend report',
    subtitle: [
      `Workspace: ${workspaceShown} (${imports.length} import${imports.length === 1 ? '' : 's'})`,
      period ? `Period: ${period.from ?? 'start'} to ${period.to ?? 'end'}${asOf ? ` (as of ${asOf})` : ''}` : 'Period: all dates',
      filterLine ? `Filters: ${filterLine}` : 'Filters: none',
    ],
    sections: docSections,
    footer: [`Made with ${tool.name} ${tool.version}. manifest.json lists the imports used (with their SHA-256) and every file of this report with its SHA-256 and size.`],
  }
  const files = await renderReport(doc)
  const manifest = reportManifest({
    tool, command: opts.command ?? null, configFile: fromFile ? configFile : null, config, asOf: asOf ?? null,
    period, filters: filterFields(reportFilters), fiscalStart, workspace: workspaceShown, imports, overlays: overlayPins(overlays), sections: docSections, stamp: opts.stamp ?? false,
  }, files)
  await writeFolder(outAbs, shown, files)
  return {
    out: shown,
    index: join(shown, 'index.html'),
    files: [...files].map(([path, bytes]) => fileEntry(path, bytes)).sort((a, b) => (a.path < b.path ? -1 : 1)),
    sections: docSections.map((s) => ({id: s.id, title: s.title, tables: s.tables.map((t) => `tables/${t.name}.csv`), charts: s.charts.map((c) => c.svg)})),
    manifest,
    notes,
  }
}
