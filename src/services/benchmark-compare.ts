import {benchInputsMsg, benchmarkCmdMsg, benchSharedMsg} from '../messages.js'
import {currencyExponent} from '../model/currency.js'
import type {CategoryLevel} from '../analysis/dims.js'
import {compareIds, shareJson} from '../analysis/json.js'
import type {MonthPeriod} from '../analysis/benchmark/coverage.js'
import {BUYER_MEASURES, type BuyerMeasures, type MeasureName} from '../analysis/benchmark/measures.js'
import {BENCHMARK_METHODS, compareMeasure, MIN_PEERS, type Comparison, type MeasureWords} from '../analysis/benchmark/stats.js'
import {compareMinor} from '../analysis/benchmark/stats-minor.js'
import type {SharedSuppliersResult} from '../analysis/benchmark/shared-suppliers.js'
import {chooseCategories} from '../analysis/benchmark/category-choice.js'
import type {BenchmarkCategoriesJson, BenchmarkInputsJson, BenchmarkJson, BenchmarkLeftOut, BenchmarkMeasureJson, SharedSuppliersJson} from '../io/write/benchmark-report.js'

export type {BenchmarkJson, BenchmarkLeftOut, BenchmarkMeasureJson, SharedSuppliersJson} from '../io/write/benchmark-report.js'

/** A resolved buyer: its dimension key, id and display name. */
export interface Named {
  key: number
  id: string
  name: string
}

export interface BenchmarkParts {
  target: Named
  peers: Named[]
  currency: string
  period: MonthPeriod
  periods: Map<string, MonthPeriod> | null
  floor: BenchmarkJson['floor']
  level: CategoryLevel | null
  leftOut: BenchmarkLeftOut[]
  measured: Map<string, BuyerMeasures>
  /** The shared suppliers; null when not compared (--any-period). */
  shared: SharedSuppliersResult | null
  /** The --shared-top cap. */
  sharedTop: number
  /** --all-categories: a measure for every category, none folded. */
  allCategories?: boolean
  choice: 'named' | 'auto' | 'group'
  /** Total spend per unit of a --per size column (null without --per). */
  perUnit?: PerUnitParts | null
  /** Fields added after the measures: size, per, peer_group, and what was done to amounts (fx, deflate, note). */
  inputs?: BenchmarkInputsJson
}

/** Total spend per unit of size, per buyer id: exact decimal strings in units of 10^-(currency decimals + extra). */
export interface PerUnitParts {
  name: string
  column: string
  year: string
  unit: string
  decimals: number
  extra: number
  rounding: string
  values: Map<string, string | null>
  /** Buyer ids (the buyer or peers) with no size for the year: left out of this measure only. */
  noSize: string[]
  /** Why the buyer's own value is null, if it is. */
  buyerNote: string | null
}

/** Decimals beyond the currency's a money measure is written with (a median half a minor unit, a mean two more). */
const EXTRA: Partial<Record<MeasureName, number>> = {total_spend: 0, median_payment: 1, mean_payment: 2, spend_per_supplier: 2}

/**
 * The `spend benchmark --json` result: each measure of the buyer beside its
 * peers (money exact, in minor units scaled as the measure is written;
 * shares, counts and HHI as numbers rounded as shareJson rounds), total
 * spend never flagged, the category mix one measure per category; with
 * --any-period only the share measures.
 * @example benchmarkJson(parts).measures.map((m) => m.measure)[0] // 'total_spend'
 */
export function benchmarkJson(p: BenchmarkParts): BenchmarkJson {
  const measures: BenchmarkMeasureJson[] = []
  const shareOnly = p.periods !== null
  const of = (id: string) => p.measured.get(id)
  for (const spec of BUYER_MEASURES) {
    if (shareOnly && spec.unit !== 'share') continue
    const words = measureWords(spec.label, spec.unit)
    const valueOf = (id: string) => of(id)?.measures[spec.name] ?? null
    let c: Comparison<string | number>
    if (spec.unit === 'money') {
      const extra = EXTRA[spec.name] ?? 0
      const scaled = (id: string) => scaledMinor(valueOf(id), currencyExponent(p.currency) + extra)
      c = compareMinor(scaled(p.target.id), p.peers.map((x) => ({buyer: x.id, value: scaled(x.id)})), p.currency, words, extra)
    } else {
      const num = (id: string) => (typeof valueOf(id) === 'number' ? (valueOf(id) as number) : null)
      c = rounded(compareMeasure(num(p.target.id), p.peers.map((x) => ({buyer: x.id, value: num(x.id)})), words))
    }
    let note = of(p.target.id)?.not_computed[spec.name] ?? null
    if (spec.name === 'total_spend') {
      c = {...c, flag: null}
      note = benchmarkCmdMsg.totalNotFlagged()
    }
    measures.push(entry(spec, null, null, c, note, p))
    if (spec.name === 'total_spend' && p.perUnit && !shareOnly) measures.push(perUnitMeasure(p.perUnit, p))
  }
  const mix = categoryMeasures(p)
  measures.push(...mix.measures)
  const weak = p.peers.length < MIN_PEERS
  return {
    buyer: p.target.name, buyer_id: p.target.id, currency: p.currency,
    peers: p.peers.map((x) => ({buyer: x.name, buyer_id: x.id})), peer_choice: p.choice,
    period: {from: p.period.from, to: p.period.to, label: p.period.label}, any_period: shareOnly,
    periods: p.periods ? [p.target, ...p.peers].map((x) => ({buyer: x.name, buyer_id: x.id, ...p.periods!.get(x.id)!})) : [],
    floor: p.floor, sentence: p.floor.sentence, level: p.level, weak, left_out: p.leftOut, methods: BENCHMARK_METHODS, measures,
    shared_suppliers: sharedSuppliersJson(p.shared, p.sharedTop),
    categories: mix.summary,
    ...(p.inputs ?? {size: null, per: null, peer_group: null}),
  }
}

/** Total spend per unit of size: compared and flagged (the sizes are divided out), exact to the stated decimals. */
function perUnitMeasure(u: PerUnitParts, p: BenchmarkParts): BenchmarkMeasureJson {
  const label = benchInputsMsg.perUnitLabel(u.column)
  const scaled = (id: string) => scaledMinor(u.values.get(id) ?? null, u.decimals)
  const c = compareMinor(scaled(p.target.id), p.peers.map((x) => ({buyer: x.id, value: scaled(x.id)})), p.currency, measureWords(label, 'money'), u.extra)
  return entry({name: u.name, unit: 'money_per_unit', label: `${label} (${u.unit})`, basis: 'all'}, null, null, c, u.buyerNote, p)
}

/**
 * The `shared_suppliers` field: the note, how many suppliers are shared
 * (null: not compared, with --any-period, the note says why), how many
 * shown, the cap and the rows.
 * @example sharedSuppliersJson(null, 20).total // null
 */
export function sharedSuppliersJson(shared: SharedSuppliersResult | null, top: number): SharedSuppliersJson {
  if (!shared) return {note: benchSharedMsg.anyPeriod(), total: null, shown: 0, top, rows: []}
  return {note: benchSharedMsg.note(), total: shared.total, shown: shared.shown, top, rows: shared.rows}
}

/**
 * What is said on stderr about the shared suppliers: why they are not
 * compared, or how many are not shown.
 * @example sharedNotes({note: '', total: 25, shown: 20, top: 20, rows: []}) // ['5 more shared suppliers not shown (--shared-top N shows more)']
 */
export function sharedNotes(s: SharedSuppliersJson): string[] {
  if (s.total === null) return [s.note]
  if (s.total === 0) return [benchSharedMsg.none()]
  return s.total > s.shown ? [benchSharedMsg.more(s.total - s.shown)] : []
}

/**
 * The words of a measure's sentence: counts are fewer or more ('have fewer
 * suppliers'), other measures lower or higher ('have a lower mean payment').
 * @example measureWords('Suppliers', 'count').lower // 'have fewer suppliers'
 */
export function measureWords(label: string, unit: string): MeasureWords {
  // 'Suppliers' reads 'suppliers' in a sentence; an acronym ('SME share', 'HHI') keeps its capitals.
  const name = /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1)
  return unit === 'count'
    ? {label: name, lower: benchmarkCmdMsg.fewer(name), higher: benchmarkCmdMsg.more(name)}
    : {label: name, lower: benchmarkCmdMsg.lower(name), higher: benchmarkCmdMsg.higher(name)}
}

/**
 * One measure per compared category (chooseCategories: by default those
 * making up most of the group's spend and the buyer's largest; every one
 * with --all-categories), the buyer's share first, largest first, ties by
 * code; the rest as one share of other categories.
 */
function categoryMeasures(p: BenchmarkParts): {measures: BenchmarkMeasureJson[]; summary: BenchmarkCategoriesJson} {
  const labels = new Map<string | null, string | null>()
  // Each category numbered (first seen first) and each buyer's shares in an array by that number.
  const index = new Map<string | null, number>()
  const group = [p.target, ...p.peers]
  for (const x of group) {
    for (const c of p.measured.get(x.id)?.category_mix ?? []) {
      labels.set(c.category_code, c.category)
      if (!index.has(c.category_code)) index.set(c.category_code, index.size)
    }
  }
  const mixes = new Map<string, Float64Array | null>()
  for (const x of group) {
    const mix = p.measured.get(x.id)?.category_mix ?? []
    if (mix.length === 0 || mix[0].share === null) {
      mixes.set(x.id, null)
      continue
    }
    const shares = new Float64Array(index.size)
    for (const c of mix) shares[index.get(c.category_code)!] = c.share!
    mixes.set(x.id, shares)
  }
  // A buyer with spend has share 0 in a category it spends nothing on; one with no (or zero) total has none.
  const shareOf = (id: string, code: string | null): number | null => {
    const mix = mixes.get(id)
    return mix ? (mix[index.get(code) ?? -1] ?? 0) : null
  }
  const sorted = [...labels.keys()].sort((a, b) => (shareOf(p.target.id, b) ?? 0) - (shareOf(p.target.id, a) ?? 0) || compareIds(a, b))
  const choice = chooseCategories(sorted, shareOf, p.target.id, p.peers.map((x) => x.id), p.allCategories === true)
  const folded = choice.folded
  const foldedAt = folded.map((code) => index.get(code)!)
  const otherOf = (id: string): number | null => {
    const mix = mixes.get(id)
    if (!mix) return null
    let sum = 0
    for (const at of foldedAt) sum += mix[at]
    return sum
  }
  const summary: BenchmarkCategoriesJson = {total: sorted.length, compared: choice.kept.length, folded: folded.length, rule: choice.rule}
  const kept = choice.kept.map((code) => {
    const name = labels.get(code) ?? code ?? benchmarkCmdMsg.noCategory()
    const words = {label: benchmarkCmdMsg.categoryLabel(name), lower: benchmarkCmdMsg.categoryLower(name), higher: benchmarkCmdMsg.categoryHigher(name)}
    const c = rounded(compareMeasure(shareOf(p.target.id, code), p.peers.map((x) => ({buyer: x.id, value: shareOf(x.id, code)})), words))
    const spec = {name: 'category_mix', unit: 'share', label: benchmarkCmdMsg.categoryLabel(name), basis: 'all'}
    return entry(spec, code, labels.get(code) ?? null, c, null, p)
  })
  if (folded.length === 0) return {measures: kept, summary}
  const label = benchmarkCmdMsg.otherCategoriesLabel(folded.length)
  const words = {label, lower: benchmarkCmdMsg.categoryLower(benchmarkCmdMsg.otherCategories(folded.length)), higher: benchmarkCmdMsg.categoryHigher(benchmarkCmdMsg.otherCategories(folded.length))}
  const c = rounded(compareMeasure(otherOf(p.target.id), p.peers.map((x) => ({buyer: x.id, value: otherOf(x.id)})), words))
  return {measures: [...kept, entry({name: 'category_mix_other', unit: 'share', label, basis: 'all'}, null, null, c, null, p)], summary}
}

function entry(spec: {name: string; unit: string; label: string; basis: string}, code: string | null, category: string | null, c: Comparison<string | number>, note: string | null, p: BenchmarkParts): BenchmarkMeasureJson {
  const names = new Map(p.peers.map((x) => [x.id, x.name]))
  return {
    measure: spec.name, unit: spec.unit, label: spec.label, basis: spec.basis, category_code: code, category,
    value: c.value, peer_median: c.peer_median, p25: c.p25, p75: c.p75, lower_fence: c.lower_fence, upper_fence: c.upper_fence,
    percentile: shareJson(c.percentile), flag: c.flag, weak: c.weak, sentence: c.sentence, note,
    peer_values: c.peer_values.map((v) => ({buyer: names.get(v.buyer) ?? v.buyer, buyer_id: v.buyer, value: v.value})),
  }
}

/** A number comparison with every figure rounded as shares are (6 significant digits). */
function rounded(c: Comparison): Comparison {
  return {
    ...c, value: shareJson(c.value), peer_median: shareJson(c.peer_median), p25: shareJson(c.p25), p75: shareJson(c.p75),
    lower_fence: shareJson(c.lower_fence), upper_fence: shareJson(c.upper_fence),
    peer_values: c.peer_values.map((v) => ({buyer: v.buyer, value: shareJson(v.value)})),
  }
}

/**
 * An exact decimal string as an integer of 10^-decimals units (null stays null).
 * @example scaledMinor('10.005', 4) // 100050n
 */
export function scaledMinor(value: string | number | null, decimals: number): bigint | null {
  if (typeof value !== 'string') return null
  const neg = value.startsWith('-')
  const [whole, frac = ''] = (neg ? value.slice(1) : value).split('.')
  if (frac.length > decimals) throw new RangeError(`${value} has more than ${decimals} decimals`)
  const n = BigInt(whole + frac.padEnd(decimals, '0'))
  return neg ? -n : n
}
