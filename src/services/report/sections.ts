/**
 * The section builders, keyed by section type: each runs an analysis as its
 * command does and returns the command's human views and its charts.
 */
import type {FrameColumn} from '../../model/record.js'
import {columnsFor, PROFILE_COLUMNS} from '../../analysis/columns.js'
import {cubeTable} from '../../analysis/cube.js'
import type {CategoryLevel, DimName} from '../../analysis/dims.js'
import {top, topToJson, TOP_SUBJECTS, type TopSubject} from '../../analysis/top.js'
import {concentration, concentrationToJson} from '../../analysis/concentration.js'
import {pareto, paretoToJson} from '../../analysis/pareto.js'
import {trend, trendToJson} from '../../analysis/trend.js'
import {profile, profileToJson} from '../../analysis/profile.js'
import type {PeriodKind} from '../../analysis/period.js'
import {unidentifiedMode} from '../../analysis/unidentified.js'
import {topOutput, topViews} from '../../io/write/top-report.js'
import {cubeOutput, cubeViews} from '../../io/write/cube-report.js'
import {concentrationOutput, concentrationViews} from '../../io/write/concentration-report.js'
import {paretoOutput, paretoViews} from '../../io/write/pareto-report.js'
import {trendOutput, trendViews, type TrendOutput} from '../../io/write/trend-report.js'
import {profileOutput, profileViews} from '../../io/write/profile-report.js'
import {topCharts} from '../../io/write/charts/top-chart.js'
import {categoryMixCharts} from '../../io/write/charts/category-mix-chart.js'
import {cubeCharts} from '../../io/write/charts/cube-chart.js'
import {concentrationCharts} from '../../io/write/charts/concentration-chart.js'
import {paretoCharts} from '../../io/write/charts/pareto-chart.js'
import {trendCharts} from '../../io/write/charts/trend-chart.js'
import {profileCharts} from '../../io/write/charts/profile-chart.js'
import {selectionSpan} from '../charts.js'
import type {SectionConfig} from './config.js'
import {dataQualitySection, overviewSection} from './quality.js'
import {benchmarkSection} from './benchmark-section.js'
import {gppSection} from './gpp-section.js'
import {classificationSection} from './classification-section.js'
import {flagsSection} from './flags-section.js'
import type {SectionBuilder, SectionInput} from './section-types.js'

const dimOpts = (input: SectionInput, cfg: SectionConfig) => ({
  level: cfg.level as CategoryLevel | undefined, fiscalYearStart: input.fiscalYearStart, selection: input.selection, categoryLabels: input.categoryLabels,
})
const mode = (input: SectionInput) => unidentifiedMode({'exclude-redacted': input.filters.excludeRedacted})
const dim = (v: unknown) => (v === undefined ? undefined : (v as DimName))

const topSection: SectionBuilder = {
  title: (cfg) => `Top ${cfg.what ?? 'suppliers'}`,
  columns: (cfg) => [...columnsFor(cfg.by ? [dim(cfg.by)!, TOP_SUBJECTS[(cfg.what ?? 'suppliers') as TopSubject]] : [TOP_SUBJECTS[(cfg.what ?? 'suppliers') as TopSubject]]), 'date'],
  async build(input, cfg) {
    const what = (cfg.what ?? 'suppliers') as TopSubject
    const result = top(input.frame, {...dimOpts(input, cfg), what, by: dim(cfg.by), top: (cfg.top as number | undefined) ?? 10})
    const out = topOutput(topToJson(result), input.money, mode(input))
    return {title: this.title(cfg), views: topViews(out, result, true, input.money), charts: topCharts(result, input.chart)}
  },
}

const CATEGORY_MIX_TOP = 10

const categoryMix: SectionBuilder = {
  title: () => 'Category mix per buyer',
  columns: () => [...columnsFor(['buyer', 'category']), 'date'],
  async build(input, cfg) {
    const opts = {...dimOpts(input, cfg), by: ['buyer', 'category'] as DimName[]}
    const table = cubeTable(input.frame, {...opts, top: CATEGORY_MIX_TOP})
    const params = {rollup: false, top: CATEGORY_MIX_TOP, level: (cfg.level as string | undefined) ?? null, fiscal_year_start: input.fiscalYearStart}
    const out = cubeOutput(table, params, input.money)
    return {title: this.title(cfg), views: cubeViews(out, table, true, input.money), charts: categoryMixCharts(cubeTable(input.frame, opts), input.chart)}
  },
}

const cubeSection: SectionBuilder = {
  title: (cfg) => `Spend by ${(cfg.by as string[]).join(' and ')}`,
  columns: (cfg) => [...columnsFor(cfg.by as DimName[]), 'date'],
  async build(input, cfg) {
    const table = cubeTable(input.frame, {...dimOpts(input, cfg), by: cfg.by as DimName[], top: cfg.top as number | undefined})
    const params = {rollup: false, top: (cfg.top as number | undefined) ?? null, level: (cfg.level as string | undefined) ?? null, fiscal_year_start: input.fiscalYearStart}
    const out = cubeOutput(table, params, input.money)
    return {title: this.title(cfg), views: cubeViews(out, table, true, input.money), charts: cubeCharts(table, input.chart)}
  },
}

const concentrationSection: SectionBuilder = {
  title: (cfg) => `Supplier concentration by ${cfg.by ?? 'category'}`,
  columns: (cfg) => [...columnsFor([dim(cfg.by) ?? 'category', 'supplier']), 'date'],
  async build(input, cfg) {
    const result = concentration(input.frame, {...dimOpts(input, cfg), by: dim(cfg.by) ?? 'category', bands: cfg.bands as '2010' | '2023' | undefined})
    const out = concentrationOutput(concentrationToJson(result), input.money, mode(input))
    return {title: this.title(cfg), views: concentrationViews(out, true, input.money), charts: concentrationCharts(result, input.chart)}
  },
}

const paretoSection: SectionBuilder = {
  title: () => 'Pareto analysis of suppliers',
  columns: (cfg) => [...columnsFor(cfg.by ? [dim(cfg.by)!, 'supplier'] : ['supplier']), 'date'],
  async build(input, cfg) {
    const opts = {...dimOpts(input, cfg), by: dim(cfg.by)}
    // One run gives the classes (the table) and the curve (the chart; not in the JSON).
    const result = pareto(input.frame, {...opts, curve: true})
    const out = paretoOutput(paretoToJson(result), input.money, mode(input))
    return {title: this.title(cfg), views: paretoViews(out, true, input.money), charts: paretoCharts(result, input.chart)}
  },
}

/** Points a trend should have: month or quarter, whichever gives 8-40 (year past that). */
export function trendEvery(span: [string, string] | null): PeriodKind {
  if (!span) return 'month'
  const months = (Number(span[1].slice(0, 4)) - Number(span[0].slice(0, 4))) * 12 + Number(span[1].slice(5, 7)) - Number(span[0].slice(5, 7)) + 1
  if (months <= 40) return 'month'
  return Math.ceil(months / 3) <= 40 ? 'quarter' : 'year'
}

const trendSection: SectionBuilder = {
  title: () => 'Spend over time',
  columns: (cfg) => [...columnsFor(cfg.by ? [dim(cfg.by)!, 'month'] : ['month']), 'date'],
  async build(input, cfg) {
    const every = !cfg.every || cfg.every === 'auto' ? trendEvery(selectionSpan(input.frame, input.selection)) : (cfg.every as PeriodKind)
    const result = trend(input.frame, {...dimOpts(input, cfg), every, by: dim(cfg.by)})
    const out = trendOutput(trendToJson(result) as TrendOutput, input.money)
    return {title: `${this.title(cfg)} (per ${every})`, views: trendViews(out, result, true, input.money), charts: trendCharts(result, input.chart)}
  },
}

const profileSection: SectionBuilder = {
  title: (cfg) => `Profile of ${cfg.of} ${cfg.name}`,
  columns: () => [...PROFILE_COLUMNS, 'date'],
  async build(input, cfg) {
    const result = profile(input.frame, {...dimOpts(input, cfg), kind: cfg.of as 'supplier' | 'buyer', query: cfg.name as string})
    const out = profileOutput(profileToJson(result), result, input.money)
    return {title: this.title(cfg), views: profileViews(out, result, true, input.money), charts: profileCharts(result, input.chart)}
  },
}

/**
 * The overview with the headline chart, spend over time per currency, so
 * the first page shows what the report is about.
 */
const overviewWithChart: SectionBuilder = {
  title: overviewSection.title,
  columns: (cfg) => [...overviewSection.columns(cfg), 'date'],
  async build(input, cfg) {
    const built = await overviewSection.build(input, cfg)
    const result = trend(input.frame, {...dimOpts(input, cfg), every: trendEvery(selectionSpan(input.frame, input.selection))})
    return {...built, charts: [...built.charts, ...trendCharts(result, input.chart)]}
  },
}

/** The section builders by type (the types config.ts accepts). */
export const SECTION_BUILDERS: Record<string, SectionBuilder> = {
  overview: overviewWithChart,
  'data-quality': dataQualitySection,
  top: topSection,
  'category-mix': categoryMix,
  cube: cubeSection,
  concentration: concentrationSection,
  pareto: paretoSection,
  trend: trendSection,
  profile: profileSection,
  gpp: gppSection,
  classification: classificationSection,
  benchmark: benchmarkSection,
  flags: flagsSection,
}

/** The default report: what a workspace says with no configuration. */
export const DEFAULT_SECTIONS: SectionConfig[] = [
  {type: 'overview'},
  {type: 'data-quality'},
  {type: 'top', what: 'suppliers', id: 'top-suppliers'},
  {type: 'top', what: 'buyers', id: 'top-buyers'},
  {type: 'category-mix'},
  {type: 'concentration', by: 'category'},
  {type: 'pareto'},
  {type: 'trend'},
  {type: 'flags'},
]

/**
 * The default report of a workspace: DEFAULT_SECTIONS, with `classification`
 * and `gpp` after `category-mix` when the workspace has stored
 * classification rules (without, the report is as it always was).
 * @example defaultSections(false) === DEFAULT_SECTIONS // true
 */
export function defaultSections(rules: boolean): SectionConfig[] {
  if (!rules) return DEFAULT_SECTIONS
  const at = DEFAULT_SECTIONS.findIndex((s) => s.type === 'category-mix') + 1
  return [...DEFAULT_SECTIONS.slice(0, at), {type: 'classification'}, {type: 'gpp'}, ...DEFAULT_SECTIONS.slice(at)]
}

/** Every column the sections read. */
export function sectionColumns(sections: readonly SectionConfig[]): FrameColumn[] {
  const all = new Set<FrameColumn>(['amount', 'currency'])
  for (const s of sections) for (const c of SECTION_BUILDERS[s.type].columns(s)) all.add(c)
  return [...all]
}
