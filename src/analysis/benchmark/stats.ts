/**
 * Benchmark statistics: where one buyer's value stands among its peers'.
 * Every method is named in a const the output echoes, so an auditor can
 * recompute each figure from the peer values the output repeats. The buyer is
 * never among its own peers: callers pass the peers' values only.
 */
import {benchmarkMsg} from '../../messages.js'

/** Quantiles: the linear method, Hyndman & Fan (1996) type 7, R's and NumPy's default. */
export const QUANTILE_METHOD = 'linear interpolation between order statistics (Hyndman-Fan type 7, the default of R and NumPy)'
/** Percentile rank with mid-rank for ties. */
export const PERCENTILE_METHOD = 'mid-rank: (peers below + 0.5 x peers equal) / peers x 100'
/** Outliers: Tukey's fences on the peers' quartiles. */
export const FENCE_METHOD = 'Tukey fences: P25 - 1.5 x IQR and P75 + 1.5 x IQR, IQR = P75 - P25, of the peers'
/** Below this many peers a comparison is weak: quantiles are shown, no flag is raised. */
export const MIN_PEERS = 3

/**
 * Every method, for the output to echo (`methods` beside the measures).
 * @example BENCHMARK_METHODS.quantile // 'linear interpolation ... (Hyndman-Fan type 7, ...)'
 */
export const BENCHMARK_METHODS = {quantile: QUANTILE_METHOD, percentile: PERCENTILE_METHOD, fences: FENCE_METHOD, min_peers: MIN_PEERS} as const

/** Outside the fences: above the upper one `high`, below the lower one `low`. */
export type Flag = 'high' | 'low' | null

/** One peer's value of a measure; null when it cannot be computed for that peer (left out of the statistics, still listed). */
export interface PeerValue<V = number> {
  buyer: string
  value: V | null
}

/**
 * The words of a measure's sentence: `lower` is what peers below the buyer
 * do, `higher` what peers above it do, each with the measure in it.
 * @example {label: 'IT services share', lower: 'spend a smaller share on IT services', higher: 'spend a larger share on IT services'}
 */
export interface MeasureWords {
  /** The measure as named in a sentence that has no direction ('IT services share'). */
  label: string
  lower: string
  higher: string
}

/** The buyer beside its peers on one measure (the `measures[]` entry of `spend benchmark --json`, without measure and unit). */
export interface Comparison<V = number> {
  value: V | null
  peer_median: V | null
  p25: V | null
  p75: V | null
  lower_fence: V | null
  upper_fence: V | null
  /** Mid-rank percentile of the buyer among the peers with a value, 0-100; null with no peer or no buyer value. */
  percentile: number | null
  flag: Flag
  /** Fewer than MIN_PEERS peers have a value: no flag. */
  weak: boolean
  sentence: string
  /** Every peer as given, in the order given (values null included). */
  peer_values: PeerValue<V>[]
}

/**
 * The p-quantile (0 <= p <= 1) of values sorted ascending, by the linear
 * method (type 7): h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]),
 * 0-based. NaN for no values.
 * @example quantileSorted([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be within 0..1, got ${p}`)
  if (n === 0) return NaN
  const h = (n - 1) * p
  const lo = Math.floor(h)
  const frac = h - lo
  const a = sorted[lo]
  return frac === 0 ? a : a + frac * (sorted[lo + 1] - a)
}

/**
 * The p-quantile of values in any order (type 7; sorts a copy).
 * @example quantile([4, 1, 3, 2], 0.5) // 2.5
 */
export function quantile(values: readonly number[], p: number): number {
  return quantileSorted(Float64Array.from(values).sort(), p)
}

/** How many values are below, equal to and above `value`. */
export interface Standing {
  below: number
  equal: number
  above: number
}

/**
 * Count the peer values below, equal to and above the buyer's value.
 * @example standing(5, [1, 5, 7]) // {below: 1, equal: 1, above: 1}
 */
export function standing<V extends number | bigint>(value: V, peers: readonly V[]): Standing {
  let below = 0
  let equal = 0
  for (const v of peers) {
    if (v < value) below++
    else if (v === value) equal++
  }
  return {below, equal, above: peers.length - below - equal}
}

/**
 * The buyer's percentile rank among the peers, mid-rank for ties:
 * (below + 0.5 x equal) / n x 100. A buyer above every peer is 100, below
 * every peer 0, equal to every peer 50. Null with no peers.
 * @example percentileRank(5, [1, 5, 7, 9]) // 37.5
 */
export function percentileRank<V extends number | bigint>(value: V, peers: readonly V[]): number | null {
  if (peers.length === 0) return null
  const s = standing(value, peers)
  return ((s.below + 0.5 * s.equal) / peers.length) * 100
}

/**
 * Tukey's fences from the quartiles: [Q1 - 1.5 IQR, Q3 + 1.5 IQR].
 * @example tukeyFences(10, 20) // {lower: -5, upper: 35}
 */
export function tukeyFences(q1: number, q3: number): {lower: number; upper: number} {
  const iqr = q3 - q1
  return {lower: q1 - 1.5 * iqr, upper: q3 + 1.5 * iqr}
}

/**
 * `high` above the upper fence, `low` below the lower one, null inside them
 * (on a fence is inside) or when the comparison is weak.
 * @example fenceFlag(40, -5, 35, false) // 'high'
 */
export function fenceFlag<V extends number | bigint>(value: V, lower: V, upper: V, weak: boolean): Flag {
  if (weak) return null
  return value > upper ? 'high' : value < lower ? 'low' : null
}

/**
 * One plain sentence of where the buyer stands: the larger side is told
 * ("7 of 9 peers spend a smaller share on IT services"), `lower` when as many
 * peers are below as above, and ties are added (", 1 the same").
 * @example standingSentence({below: 7, equal: 0, above: 2}, words) // '7 of 9 peers spend a smaller share on IT services'
 */
export function standingSentence(s: Standing, words: MeasureWords): string {
  const n = s.below + s.equal + s.above
  if (n === 0) return benchmarkMsg.noPeerValue(words.label)
  const [count, verb] = s.below >= s.above ? [s.below, words.lower] : [s.above, words.higher]
  // The verb agrees with the count: '1 of 3 peers has', '2 of 3 peers have' (0 reads as plural).
  return benchmarkMsg.standing(count, n, count === 1 ? singularVerb(verb) : verb, s.equal)
}

/**
 * A plural verb phrase made singular (third person) for a count of one:
 * `have` becomes `has`, `are` `is`, `do` `does`, any other first word takes an `s`.
 * @example singularVerb('spend a smaller share on IT services') // 'spends a smaller share on IT services'
 * @example singularVerb('have fewer suppliers') // 'has fewer suppliers'
 */
export function singularVerb(phrase: string): string {
  const m = /^(\S+)(.*)$/s.exec(phrase)
  if (!m) return phrase
  const irregular: Record<string, string> = {have: 'has', are: 'is', do: 'does', go: 'goes'}
  const verb = m[1]
  return (irregular[verb] ?? (/(s|sh|ch|x|z)$/.test(verb) ? `${verb}es` : `${verb}s`)) + m[2]
}

/** The peers' values that are known (not null), in the order given. */
export function knownValues<V>(peers: readonly PeerValue<V>[]): V[] {
  const out: V[] = []
  for (const p of peers) if (p.value !== null) out.push(p.value)
  return out
}

/**
 * The buyer beside its peers on one measure held as a number (a share, a
 * count, a ratio): the peers' median, P25 and P75 (type 7), the buyer's
 * mid-rank percentile, Tukey fences and a flag outside them (none with fewer
 * than MIN_PEERS peers: weak), and the sentence. Peers whose value is null
 * are listed but left out of the statistics; a null buyer value gets the
 * peers' statistics and no rank, flag or standing. Money held as minor units
 * goes through `compareMinor` (stats-minor.ts) so its figures stay exact.
 * @example compareMeasure(0.4, [{buyer: 'A', value: 0.1}, {buyer: 'B', value: 0.2}, {buyer: 'C', value: 0.25}], words).flag // 'high'
 */
export function compareMeasure(value: number | null, peers: readonly PeerValue[], words: MeasureWords): Comparison {
  const known = knownValues(peers)
  for (const v of [value, ...known]) if (v !== null && !Number.isFinite(v)) throw new RangeError(`benchmark value must be finite, got ${v}`)
  const sorted = Float64Array.from(known).sort()
  const n = sorted.length
  const weak = n < MIN_PEERS
  const q = (p: number) => (n === 0 ? null : quantileSorted(sorted, p))
  const p25 = q(0.25)
  const p75 = q(0.75)
  const fences = p25 === null || p75 === null ? null : tukeyFences(p25, p75)
  const ranked = value !== null && n > 0
  return {
    value,
    peer_median: q(0.5),
    p25,
    p75,
    lower_fence: fences?.lower ?? null,
    upper_fence: fences?.upper ?? null,
    percentile: ranked ? percentileRank(value, known) : null,
    flag: ranked && fences ? fenceFlag(value, fences.lower, fences.upper, weak) : null,
    weak,
    sentence: value === null && n > 0 ? benchmarkMsg.noBuyerValue(words.label) : standingSentence(value === null ? {below: 0, equal: 0, above: 0} : standing(value, known), words),
    peer_values: peers.map((p) => ({buyer: p.buyer, value: p.value})),
  }
}
