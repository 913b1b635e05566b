/**
 * Similarity of matching keys with blocking: token weights from the input's
 * own frequencies (IDF over the distinct keys, so "services", "council",
 * "care" count less than rare words), candidate pairs only from shared rare
 * tokens (a token in more than `maxPostings` keys proposes no pairs), and a
 * soft TF-IDF score with Jaro-Winkler token similarity.
 */
import {jaroWinkler} from './jaro.js'

/** Distinct keys as token lists, with their token weights. */
export interface KeyIndex {
  tokens: string[][]
  /** IDF weight of every token: ln(1 + keys / keys holding it). */
  weight: Map<string, number>
  /** Per key: its tokens' weights, L2-normalised, in token order. */
  norm: Float64Array[]
}

/**
 * Token weights for a list of distinct keys (each a space-joined token list).
 * @example indexKeys(['acme services', 'beta services']).weight.get('acme') // > weight of 'services'
 */
export function indexKeys(keys: readonly string[]): KeyIndex {
  const tokens = keys.map((k) => [...new Set(k.split(' ').filter(Boolean))])
  const df = new Map<string, number>()
  for (const list of tokens) for (const t of list) df.set(t, (df.get(t) ?? 0) + 1)
  const n = keys.length
  const weight = new Map<string, number>()
  for (const [t, d] of df) weight.set(t, Math.log(1 + n / d))
  const norm = tokens.map((list) => {
    const v = Float64Array.from(list, (t) => weight.get(t) as number)
    let s = 0
    for (const x of v) s += x * x
    const len = Math.sqrt(s) || 1
    for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / len
    return v
  })
  return {tokens, weight, norm}
}

/** Token similarity at or above which two different tokens count as one word. */
const TOKEN_SIM = 0.9

/** A word's plain form for comparison: a plural `-ies` as `-y`, a final `-s` dropped (`supplies` / `supply`, `estates` / `estate`). */
function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1)
  return w
}

/**
 * Two tokens' similarity: equal (or equal but for a plural) ~1; tokens with
 * digits only when equal; a word cut short (`nur` / `nurseries`, `prof` /
 * `professional`: published names are often truncated) 0.92; else
 * Jaro-Winkler when >= 0.9 and both have four letters or more.
 */
function tokenSim(a: string, b: string): number {
  if (a === b) return 1
  if (/\d/.test(a) || /\d/.test(b)) return 0
  if (stem(a) === stem(b)) return 0.99
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  if (short.length >= 3 && long.startsWith(short)) return 0.92
  if (short.length < 4) return 0
  const s = jaroWinkler(a, b)
  return s >= TOKEN_SIM ? s : 0
}

/** How two keys' tokens line up: the ones with no counterpart, and whether any pair matched only by Jaro-Winkler. */
export interface Alignment {
  /** Tokens of either key that match no token of the other. */
  unmatched: string[]
  /** Whether the first tokens of the two keys match. */
  firstMatch: boolean
  /** Whether a matched pair is two different words that are only alike (not a plural, not a word cut short). */
  fuzzy: boolean
}

/** Soft TF-IDF score of two keys and how their tokens line up. */
export interface KeyComparison extends Alignment {
  /** Soft TF-IDF, symmetric (the mean of both directions), 0..1. */
  score: number
}

/**
 * Compare keys i and j: soft TF-IDF (each token's weight times its best
 * counterpart's, both directions averaged) and the token alignment, from one
 * matrix of token similarities.
 * @example compareKeys(indexKeys(['acme services', 'acme service']), 0, 1).score // near 1
 * @example compareKeys(indexKeys(['acme', 'acme services']), 0, 1).unmatched // ['services']
 */
export function compareKeys(index: KeyIndex, i: number, j: number): KeyComparison {
  const ta = index.tokens[i] as string[]
  const tb = index.tokens[j] as string[]
  const va = index.norm[i] as Float64Array
  const vb = index.norm[j] as Float64Array
  const na = ta.length
  const nb = tb.length
  const sim = new Float64Array(na * nb)
  for (let x = 0; x < na; x++) for (let y = 0; y < nb; y++) sim[x * nb + y] = tokenSim(ta[x] as string, tb[y] as string)
  const unmatched: string[] = []
  // Each direction: every token's weight times its best weighted counterpart (sim is [x * nb + y]).
  const ab = oneWay(sim, na, nb, nb, 1, va, vb, ta, unmatched)
  const ba = oneWay(sim, nb, na, 1, nb, vb, va, tb, unmatched)
  return {score: Math.min(1, (ab.sum + ba.sum) / 2), unmatched, firstMatch: (sim[0] as number) > 0, fuzzy: ab.fuzzy || ba.fuzzy}
}

/**
 * One direction of compareKeys (the `from` tokens' similarities to the `to`
 * tokens are sim[f * fromStride + t * toStride]): the sum over `from` tokens of weight x best
 * (similarity x the counterpart's weight); tokens with no similar counterpart
 * are pushed to `unmatched`; `fuzzy` when a best raw similarity is under 0.92.
 */
function oneWay(sim: Float64Array, nFrom: number, nTo: number, fromStride: number, toStride: number, wFrom: Float64Array, wTo: Float64Array, tokens: readonly string[], unmatched: string[]): {sum: number; fuzzy: boolean} {
  let sum = 0
  let fuzzy = false
  for (let f = 0; f < nFrom; f++) {
    let best = 0
    let raw = 0
    for (let t = 0; t < nTo; t++) {
      const v = sim[f * fromStride + t * toStride] as number
      const w = v * (wTo[t] as number)
      if (w > best) best = w
      if (v > raw) raw = v
    }
    sum += (wFrom[f] as number) * best
    if (raw === 0) unmatched.push(tokens[f] as string)
    else if (raw < 0.92) fuzzy = true
  }
  return {sum, fuzzy}
}

export interface CandidateOptions {
  /** A token held by more keys than this proposes no pairs (it still weighs in the score). */
  maxPostings: number
  /** Per key, at most this many candidates (most shared weight first). */
  perKey: number
}

/**
 * Candidate pairs [i, j] (i < j) that share at least one rare token, at most
 * `perKey` per key i, ordered by i then j. Deterministic.
 * @example candidatePairs(indexKeys(['acme a', 'acme b', 'zeta']), {maxPostings: 10, perKey: 5}) // [[0, 1]]
 */
export function candidatePairs(index: KeyIndex, opts: CandidateOptions): [number, number][] {
  const postings = new Map<string, number[]>()
  index.tokens.forEach((list, i) => {
    for (const t of list) {
      const p = postings.get(t)
      if (p) p.push(i)
      else postings.set(t, [i])
    }
  })
  const n = index.tokens.length
  const acc = new Float64Array(n)
  const out: [number, number][] = []
  for (let i = 0; i < n; i++) {
    const touched: number[] = []
    for (const t of index.tokens[i] as string[]) {
      const p = postings.get(t) as number[]
      if (p.length > opts.maxPostings) continue
      const w = index.weight.get(t) as number
      for (const j of p) {
        if (j <= i) continue
        if (acc[j] === 0) touched.push(j)
        acc[j] = (acc[j] as number) + w
      }
    }
    if (touched.length > opts.perKey) {
      touched.sort((a, b) => (acc[b] as number) - (acc[a] as number) || a - b)
      for (let k = opts.perKey; k < touched.length; k++) acc[touched[k] as number] = 0
      touched.length = opts.perKey
    }
    touched.sort((a, b) => a - b)
    for (const j of touched) {
      acc[j] = 0
      out.push([i, j])
    }
  }
  return out
}
