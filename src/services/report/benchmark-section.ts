/**
 * The report's `benchmark` section: `spend benchmark` (runBenchmark, the
 * same code) on the report's frame, with the section's filters and period,
 * shown as an intro (period, floor, the peers and why they were chosen), the
 * measures table, each peer's value, and the dot plots. Its errors (no
 * peers, no common period) fail the report, naming the section.
 */
import {NO_OVERLAYS} from '../frame-load.js'
import {SpendInputError} from '../../errors.js'
import {benchReportMsg, benchmarkCmdMsg} from '../../messages.js'
import {dim, type CategoryLevel} from '../../analysis/dims.js'
import {filterRows} from '../../analysis/filter.js'
import {DEFAULT_WEIGHTS, parseWeights, type PeerResult} from '../../analysis/benchmark/peers.js'
import {benchmarkViews, type BenchmarkJson} from '../../io/write/benchmark-report.js'
import {benchmarkPeersView, benchmarkValuesView} from '../../io/write/report/benchmark-views.js'
import {benchmarkCharts} from '../../io/write/charts/benchmark-chart.js'
import type {View} from '../../io/write/view.js'
import {splitTo, type AnalysisFlagValues} from '../analysis-input.js'
import {BENCHMARK_COLUMNS, runBenchmark, type BenchmarkLoader, type BenchmarkOptions} from '../benchmark.js'
import type {SectionConfig} from './config.js'
import type {SectionBuilder, SectionInput} from './section-types.js'

/** Peers chosen when the section names none: the N nearest. */
export const BENCHMARK_DEFAULT_AUTO = 8

/** Where a benchmark error points, as the section's parameter instead of the command's flag. */
const PARAM_OF: Record<string, string> = {
  BUYER: 'buyer', '--peers': 'peers', '--auto': 'auto', '--weights': 'weights', '--floor': 'floor', '--year': 'year',
  '--any-period': 'any_period', '--currency': 'filters: currency', '--from': 'period', '--to': 'period',
}

const list = (v: string | readonly string[] | undefined): string[] | undefined => (v === undefined ? undefined : typeof v === 'string' ? [v] : [...v])

/**
 * What `spend benchmark` is asked for a section: its parameters, and the
 * section's filters and period as the command's flags (a `year` replaces the
 * report's period; `any_period` takes none).
 * @example benchmarkRequest({type: 'benchmark', buyer: 'Leeds'}, input).opts.auto // 8
 */
export function benchmarkRequest(cfg: SectionConfig, input: Pick<SectionInput, 'filters' | 'fiscalYearStart'>): {flags: AnalysisFlagValues; opts: BenchmarkOptions} {
  const f = input.filters
  const dated = f.from !== undefined || f.to !== undefined
  if (cfg.any_period === true && dated) {
    throw new SpendInputError('BAD_CONFIG', benchReportMsg.anyPeriodWithPeriod(), {where: 'any_period', hint: benchReportMsg.anyPeriodWithPeriodHint(), exit: 2})
  }
  const own = cfg.year === undefined
  const peers = cfg.peers as string[] | undefined
  return {
    flags: {
      buyer: list(f.buyer), supplier: list(f.supplier), category: list(f.category), currency: list(f.currency), 'exclude-redacted': f.excludeRedacted,
      from: own ? f.from : undefined, to: own && f.to !== undefined ? [f.to] : undefined,
    },
    opts: {
      buyer: cfg.buyer as string, peers: peers?.join(','), auto: peers ? undefined : ((cfg.auto as number | undefined) ?? BENCHMARK_DEFAULT_AUTO),
      weights: cfg.weights as string | undefined, level: cfg.level as CategoryLevel | undefined, year: cfg.year as number | undefined,
      fiscalYearStart: input.fiscalYearStart, anyPeriod: cfg.any_period === true, floor: cfg.floor as string | undefined,
    },
  }
}

/** A benchmark error with its flag named as the section's parameter. */
function asSectionError(error: unknown): never {
  if (!(error instanceof SpendInputError)) throw error
  const where = error.where === undefined ? undefined : (PARAM_OF[error.where] ?? error.where)
  throw new SpendInputError(error.code, error.message, {where, hint: error.hint, exit: error.exit})
}

/** The intro: the period and how it was chosen, the floor, the peers and why, the methods. */
function intro(json: BenchmarkJson, cfg: SectionConfig, dated: boolean, fiscal: boolean, auto: number | undefined): string[] {
  const how = json.any_period ? benchReportMsg.periodOwn() : cfg.year !== undefined ? benchReportMsg.periodYear(fiscal) : dated ? benchReportMsg.periodGiven() : benchReportMsg.periodAll()
  const weights = Object.entries(cfg.weights ? parseWeights(cfg.weights as string) : DEFAULT_WEIGHTS).map(([k, v]) => `${k}=${v}`).join(', ')
  const peers = json.peer_choice === 'auto' ? benchReportMsg.peersAuto(auto ?? json.peers.length, json.currency, weights, json.level ?? 'the data\'s category codes') : benchReportMsg.peersNamed(json.peers.length)
  const m = json.methods
  return [
    benchReportMsg.periodLine(json.period.label, how),
    `${json.floor.sentence[0].toUpperCase()}${json.floor.sentence.slice(1)}${json.floor.set_by.length ? ` (${benchReportMsg.setBy(json.floor.set_by)})` : ''}.`,
    `${peers} ${benchmarkCmdMsg.peersLine(json.peers.map((p) => p.buyer)).replace(/^peers/, 'Compared')}.`,
    benchReportMsg.methods(m.quantile, m.percentile, m.fences),
  ]
}

/** For peers chosen by distance: the nearest as the command chose them, with why (the same features and weights). */
function peersView(input: SectionInput, json: BenchmarkJson, result: PeerResult): View {
  const b = dim(input.frame, 'buyer')
  const names = new Map(result.peers.map((p) => [p.buyer, b.labels[b.ids.indexOf(p.buyer)] ?? p.buyer]))
  const labels = new Map(result.features.map((f) => [f.name, f.group === 'mix' ? benchmarkCmdMsg.categoryLabel(categoryName(input, f.label)) : f.label]))
  return benchmarkPeersView(result.peers, names, new Set(json.peers.map((p) => p.buyer_id)), labels)
}

/** A mix feature's category by its label when the report has one. */
function categoryName(input: SectionInput, code: string): string {
  return input.categoryLabels?.get(code) ?? code
}

export const benchmarkSection: SectionBuilder = {
  title: (cfg) => `Benchmark of ${String(cfg.buyer)}`,
  columns: () => [...BENCHMARK_COLUMNS],
  async build(input, cfg) {
    const {flags, opts} = benchmarkRequest(cfg, input)
    // The report's frame, selected by the section's filters and the period the benchmark asks for.
    const load: BenchmarkLoader = async (f) => ({
      frame: input.frame, filters: input.filters, money: input.money, notes: [], overlays: NO_OVERLAYS,
      selection: filterRows(input.frame, {...input.filters, from: f.from, to: splitTo(f.to).date}),
    })
    const {json, notes, nearest} = await runBenchmark(flags, opts, load).catch(asSectionError)
    const dated = flags.from !== undefined || flags.to !== undefined
    // The command's table, titled without the floor and peers the intro already says.
    // The measures table is retitled (the intro says the floor and peers); the shared suppliers keep their title and note.
    const [measures, ...rest] = benchmarkViews(json, true)
    const views = [{...measures, title: benchmarkCmdMsg.title(json.buyer, json.currency, json.period.label)}, ...rest, benchmarkValuesView(json)]
    if (nearest) views.push(peersView(input, json, nearest))
    const period: [string, string] | null = json.any_period ? input.chart.period : [json.period.from, json.period.to]
    return {
      title: `Benchmark of ${json.buyer}`, intro: intro(json, cfg, dated, input.fiscalYearStart !== 1, opts.auto), views,
      charts: benchmarkCharts(json, {...input.chart, period}), notes,
    }
  },
}
