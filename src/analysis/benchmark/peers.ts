import {SpendInputError} from '../../errors.js'
import {benchmarkMsg} from '../../messages.js'
import {compareIds} from '../json.js'
import {FEATURE_GROUPS, type BuyerFeatures, type Feature, type FeatureGroup} from './features.js'

export {buyerFeatures, FEATURE_GROUPS, mixName, type BuyerFeatures, type Feature, type FeatureGroup, type FeatureOptions, type FeatureTable} from './features.js'

/**
 * Nearest peers by the method of the published peer models (CIPFA's nearest
 * neighbours, the NHS peer groups): each feature standardised as a z-score
 * over the candidate buyers, a weight per feature, Euclidean distance.
 *
 * Exactly: for feature f with raw values x over the N candidate buyers
 * (the target included), z = (x - mean) / sd with the population standard
 * deviation sd = sqrt(sum((x - mean)^2) / N). A feature with sd 0 cannot
 * tell buyers apart and is dropped (listed in `dropped`), and so is one
 * whose group has weight 0. The weight of the
 * `size` group goes to the size feature; the weight of the `mix` group is
 * spread evenly over the K mix features kept, each getting mix / K, so the
 * category mix counts as one group however many categories there are. The
 * distance from the target t to a peer p is
 * sqrt(sum over f of w_f * (z_f(p) - z_f(t))^2), and each term
 * w_f * (z_f(p) - z_f(t))^2 is that feature's contribution.
 */

/** A weight per feature group. */
export type Weights = Record<FeatureGroup, number>

export const DEFAULT_WEIGHTS: Readonly<Weights> = {size: 1, mix: 1}

/** A feature as used: its standardisation and the weight it got. */
export interface UsedFeature extends Feature {
  mean: number
  /** Population standard deviation over the candidate buyers. */
  sd: number
  /** The weight of this one feature (the mix group's weight spread over its features). */
  weight: number
}

/** How much one feature adds to a peer's squared distance. */
export interface Contribution {
  feature: string
  /** z(peer) - z(target). */
  difference: number
  /** weight * difference^2. */
  contribution: number
}

export interface Peer {
  buyer: string
  distance: number
  /** The (up to 3) features with the smallest contributions, smallest first (ties by feature name). */
  closest: Contribution[]
  /** The (up to 3) features with the largest contributions, largest first (ties by feature name). */
  furthest: Contribution[]
}

export interface PeerResult {
  buyer: string
  features: UsedFeature[]
  /** Features left out: every candidate has the same value (sd_0), or their group's weight is 0. */
  dropped: {feature: string; reason: 'sd_0' | 'weight_0'; message: string}[]
  /** The group weights as given. */
  weights: Weights
  peers: Peer[]
}

/** How many features `closest` and `furthest` list. */
export const EXPLAIN_TOP = 3

/**
 * Parse `--weights size=1,mix=1`. Groups not named keep weight 1. Throws a
 * SpendInputError (exit 2) for an unknown group, a repeated group, a weight
 * that is not a finite number 0 or more, or all weights 0.
 * @example parseWeights('size=2') // {size: 2, mix: 1}
 */
export function parseWeights(text: string, where = '--weights'): Weights {
  const fail = (message: string): never => {
    throw new SpendInputError('BAD_WEIGHTS', message, {where, hint: benchmarkMsg.badWeightsHint(), exit: 2})
  }
  const out: Weights = {...DEFAULT_WEIGHTS}
  const given = new Set<string>()
  const parts = text.split(',').map((s) => s.trim()).filter((s) => s !== '')
  if (parts.length === 0) fail(benchmarkMsg.badWeights(text))
  for (const part of parts) {
    const m = /^([^=]*)=(.*)$/.exec(part)
    if (!m) fail(benchmarkMsg.badWeights(text))
    const group = m![1].trim().toLowerCase()
    const value = m![2].trim()
    if (!(FEATURE_GROUPS as readonly string[]).includes(group)) fail(benchmarkMsg.unknownWeightGroup(group))
    if (given.has(group)) fail(benchmarkMsg.repeatedWeight(group))
    given.add(group)
    const w = /^\d+(\.\d+)?$|^\.\d+$/.test(value) ? Number(value) : NaN
    if (!Number.isFinite(w)) fail(benchmarkMsg.badWeight(group, value))
    out[group as FeatureGroup] = w
  }
  if (FEATURE_GROUPS.every((g) => out[g] === 0)) fail(benchmarkMsg.allWeightsZero())
  return out
}

/**
 * Standardise each feature over the candidates and weight it (see the module
 * comment). Features with sd 0 are dropped and said so.
 * @example standardise(table.features, table.buyers, {size: 1, mix: 1}).features[0].sd
 */
export function standardise(features: readonly Feature[], candidates: readonly BuyerFeatures[], weights: Weights = DEFAULT_WEIGHTS): {features: UsedFeature[]; dropped: PeerResult['dropped']; z: Map<string, Float64Array>} {
  const n = candidates.length
  const kept: Omit<UsedFeature, 'weight'>[] = []
  const dropped: PeerResult['dropped'] = []
  // Each feature's values read once (a column per feature), for the standardisation and the z-scores.
  const columns = new Map<string, Float64Array>()
  for (const f of features) {
    // Plain loops (typed-array from/reduce with a callback are slow), summing in the same order a reduce does.
    const xs = new Float64Array(n)
    for (let j = 0; j < n; j++) xs[j] = valueOf(candidates[j], f.name)
    columns.set(f.name, xs)
    let sum = 0
    for (let j = 0; j < n; j++) sum += xs[j]
    const mean = sum / n
    let squares = 0
    for (let j = 0; j < n; j++) squares += (xs[j] - mean) ** 2
    const sd = Math.sqrt(squares / n)
    // A spread below rounding noise of the mean is no spread.
    if (!(sd > Math.abs(mean) * 1e-12) || !Number.isFinite(sd)) dropped.push({feature: f.name, reason: 'sd_0', message: benchmarkMsg.featureDropped(f.label)})
    else if (weights[f.group] === 0) dropped.push({feature: f.name, reason: 'weight_0', message: benchmarkMsg.featureWeightZero(f.label, f.group)})
    else kept.push({...f, mean, sd})
  }
  const mixCount = kept.filter((f) => f.group === 'mix').length
  const used: UsedFeature[] = kept.map((f) => ({...f, weight: f.group === 'mix' ? weights.mix / mixCount : weights.size}))
  const z = new Map<string, Float64Array>()
  const cols = used.map((f) => columns.get(f.name)!)
  candidates.forEach((c, ci) => {
    const zc = new Float64Array(used.length)
    for (let fi = 0; fi < used.length; fi++) zc[fi] = (cols[fi][ci] - used[fi].mean) / used[fi].sd
    z.set(c.buyer, zc)
  })
  return {features: used, dropped, z}
}

/**
 * The `n` candidates nearest to `target` (a buyer id among the candidates),
 * sorted by distance (to 12 significant digits), ties by buyer id; each with the features that bring
 * it closest and push it furthest. Features are standardised over all the
 * candidates, the target included. Throws a SpendInputError when the target
 * is not a candidate or the only one, n is not a positive whole number (exit 2), or no
 * feature varies.
 * @example nearestPeers('leeds', table.buyers, 5, {size: 1, mix: 1}, table.features).peers[0].buyer
 */
export function nearestPeers(target: string, candidates: readonly BuyerFeatures[], n: number, weights: Weights = DEFAULT_WEIGHTS, features: readonly Feature[] = featuresOf(candidates)): PeerResult {
  if (!Number.isInteger(n) || n < 1) throw new SpendInputError('BAD_PEER_COUNT', benchmarkMsg.badPeerCount(n), {where: '--auto', exit: 2})
  if (!candidates.some((c) => c.buyer === target)) {
    throw new SpendInputError('TARGET_NOT_CANDIDATE', benchmarkMsg.targetNotCandidate(target), {hint: benchmarkMsg.targetNotCandidateHint()})
  }
  if (candidates.length < 2) throw new SpendInputError('NO_PEER_CANDIDATES', benchmarkMsg.noCandidates(target), {hint: benchmarkMsg.noCandidatesHint()})
  const std = standardise(features, candidates, weights)
  if (std.features.length === 0) throw new SpendInputError('NO_PEER_FEATURES', benchmarkMsg.noFeatures(), {hint: benchmarkMsg.noFeaturesHint()})
  const zt = std.z.get(target)!
  const peers: Peer[] = []
  for (const c of candidates) {
    if (c.buyer === target) continue
    const zp = std.z.get(c.buyer)!
    const m = std.features.length
    const diff = new Float64Array(m)
    const contrib = new Float64Array(m)
    let sum = 0
    for (let j = 0; j < m; j++) {
      const difference = zp[j] - zt[j]
      diff[j] = difference
      contrib[j] = std.features[j].weight * difference * difference
      sum += contrib[j]
    }
    const distance = Math.sqrt(sum)
    // Each contribution rounded once (not per comparison: with hundreds of categories and buyers that was most of the run),
    // and only those that can be among the first EXPLAIN_TOP (near is monotonic: see explainCandidates).
    const keys = new Float64Array(m)
    const byName = (a: number, b: number): number => compareIds(std.features[a].name, std.features[b].name)
    const part = (j: number): Contribution => ({feature: std.features[j].name, difference: diff[j], contribution: contrib[j]})
    const rank = (low: boolean) => {
      const among = explainCandidates(contrib, EXPLAIN_TOP, low)
      for (const j of among) keys[j] = near(contrib[j])
      const cmp = low ? (a: number, b: number) => keys[among[a]] - keys[among[b]] || byName(among[a], among[b]) : (a: number, b: number) => keys[among[b]] - keys[among[a]] || byName(among[a], among[b])
      return firstK(among.length, EXPLAIN_TOP, cmp).map((a) => part(among[a]))
    }
    const closest = rank(true)
    const furthest = rank(false)
    peers.push({buyer: c.buyer, distance, closest, furthest})
  }
  peers.sort((a, b) => near(a.distance) - near(b.distance) || compareIds(a.buyer, b.buyer))
  return {buyer: target, features: std.features, dropped: std.dropped, weights: {...weights}, peers: peers.slice(0, n)}
}

/**
 * The first k of 0 .. n-1 in the order `cmp` gives (a total order), as
 * sorting them all and taking k would give, in one pass.
 */
function firstK(n: number, k: number, cmp: (a: number, b: number) => number): number[] {
  const best: number[] = []
  for (let i = 0; i < n; i++) {
    if (best.length === k && cmp(i, best[k - 1]) >= 0) continue
    let at = best.length
    while (at > 0 && cmp(i, best[at - 1]) < 0) at--
    best.splice(at, 0, i)
    if (best.length > k) best.pop()
  }
  return best
}

/**
 * The indexes (ascending) that can be among the k smallest (`low`) or
 * largest contributions once rounded by `near`: every one whose raw value
 * is within a relative 1e-9 of the k-th smallest (largest) raw value, or
 * beyond it. `near` moves a value by at most a relative 5e-12 and keeps the
 * order (ties aside), so a value further out rounds strictly past the k-th
 * and k others beat it. Every index when a value is not a finite number
 * 0 or more, or when there are at most k.
 * @example explainCandidates(Float64Array.of(5, 1, 3, 2), 2, true) // [1, 3]
 */
export function explainCandidates(xs: Float64Array, k: number, low: boolean): number[] {
  const all = () => Array.from(xs, (_, j) => j)
  if (xs.length <= k) return all()
  // The k smallest (largest) raw values, kept sorted.
  const best: number[] = []
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j]
    if (!(x >= 0 && x < Infinity)) return all()
    if (best.length === k && (low ? x >= best[k - 1] : x <= best[k - 1])) continue
    let at = best.length
    while (at > 0 && (low ? x < best[at - 1] : x > best[at - 1])) at--
    best.splice(at, 0, x)
    if (best.length > k) best.pop()
  }
  const t = best[k - 1]
  const out: number[] = []
  if (low) {
    const limit = t * (1 + 1e-9)
    for (let j = 0; j < xs.length; j++) if (xs[j] <= limit) out.push(j)
  } else {
    if (t === 0) return all()
    const limit = t * (1 - 1e-9)
    for (let j = 0; j < xs.length; j++) if (xs[j] >= limit) out.push(j)
  }
  return out
}

/**
 * A value to 12 significant digits, for ordering only: distances equal but
 * for the last bits of rounding (2 and 2.0000000000000004) tie, and the tie
 * goes by id, the same on every machine.
 */
function near(x: number): number {
  return Number(x.toPrecision(12))
}

/** Features named by the candidates' values (size first, then mix by name), when the caller has no Feature list. */
function featuresOf(candidates: readonly BuyerFeatures[]): Feature[] {
  const names = new Set<string>()
  for (const c of candidates) for (const k of Object.keys(c.values)) names.add(k)
  return [...names]
    .sort((a, b) => (a === 'size' ? -1 : b === 'size' ? 1 : compareIds(a, b)))
    .map((name) => (name === 'size' ? {name, group: 'size', label: 'size'} : {name, group: 'mix', category: name.slice(4) || null, label: name.slice(4) || 'no category'}))
}

/** A missing mix value is a share of 0; a missing size is a caller's bug (buyerFeatures excludes such buyers). */
function valueOf(c: BuyerFeatures, name: string): number {
  const v = c.values[name]
  if (v === undefined) {
    if (name === 'size') throw new Error(`buyer ${c.buyer} has no size`)
    return 0
  }
  return v
}
