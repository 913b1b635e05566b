/**
 * The `round-amounts` check: an excess of round amounts (exact multiples of
 * 100 or of 1,000 major units: kinds `round-100`, `round-1000`) in a
 * buyer's payments, or in a buyer's payments to one supplier.
 *
 * - Counted among payments whose |amount| is at least the unit (a payment of
 *   £40 cannot be a multiple of £100). A round amount paid again to the
 *   same supplier counts once (in the payments and in the round ones): a
 *   rent of £2,000 paid every month is one price, not twelve roundings.
 *   A redacted supplier is not one supplier: each of its payments counts on
 *   its own and it is never a pair.
 * - Expected share: for a buyer, the share of round amounts among the other
 *   buyers' payments of the same currency; for a buyer and supplier, among
 *   the buyer's other suppliers; never under `base_share` (on amounts with
 *   pennies a multiple of £100 comes once in 10,000, so this floor keeps a
 *   data set where nobody rounds from making every round price stand out).
 * - Flagged when the count is at least `min_count`, the share at least
 *   `min_ratio` times the expected share, and the binomial upper tail
 *   P(X >= r | n, expected) is under `alpha` divided by the number of tests
 *   of that unit (Bonferroni). Where both units flag one subject, the one
 *   with the smaller p-value is kept (the larger unit on a tie).
 * - Score = observed share / expected share; amount = the round payments'
 *   sum; evidence = every round payment of the subject.
 */
import {flagsDigitsDatesMsg as msg} from '../../messages.js'
import {currencyExponent} from '../../model/currency.js'
import type {BoolColumn, DictColumn} from '../../model/frame.js'
import {ExactSum, pairKeys} from '../kernel.js'
import {type BuyerGroup, buyerKeys} from './calendar.js'
import {countText} from './share-text.js'
import type {CheckContext, CheckDef, CheckResult, Flag} from './types.js'

export const roundAmountsCheck: CheckDef = {
  name: 'round-amounts',
  summary: 'An excess of round amounts (multiples of 100 or 1,000) per buyer, or per buyer and supplier.',
  columns: [],
  params: {
    base_share: {kind: 'share', default: 0.01, min: 0, max: 1, doc: 'the least expected share of round amounts'},
    min_count: {kind: 'int', default: 5, min: 1, doc: 'fewest round amounts a flag needs (a repeat to one supplier counted once)'},
    min_ratio: {kind: 'number', default: 2, min: 1, doc: 'the observed share must be at least this many times the expected share'},
    alpha: {kind: 'share', default: 0.001, min: 0, max: 1, doc: 'significance of the binomial test, divided by the number of tests (Bonferroni)'},
  },
  run: runRound,
}

const UNITS = [100, 1000] as const

/** A subject tested: a buyer (pair -1) or a buyer and supplier, with its counts per unit and the baseline's. */
interface Subject {
  group: number
  /** Supplier code, or -1 for the buyer as a whole. */
  supplier: number
  /** Pair id (pairKeys), or -1 for the buyer as a whole. */
  pair: number
  n: [number, number]
  r: [number, number]
  base: [Counts, Counts]
}

interface Counts {
  n: number
  r: number
}

function runRound(ctx: CheckContext): CheckResult {
  const frame = ctx.frame
  const amounts = (frame.columns.amount as {values: Float64Array}).values
  const sk = frame.columns.supplier_key as DictColumn
  const redacted = frame.columns.redacted as BoolColumn | undefined
  const p = ctx.params
  const {keys, size, groups} = buyerKeys(frame, ctx.selection)
  const steps = groups.map((g) => UNITS.map((u) => u * 10 ** currencyExponent(g.currency)))
  const step100 = Float64Array.from(steps, (x) => x[0])
  const step1000 = Float64Array.from(steps, (x) => x[1])
  // Eligible rows (at least the smaller unit), with their supplier code (keyless: one extra code, never a pair).
  const sizeS = sk.dict.length
  const eligible: number[] = []
  for (let i = 0; i < keys.length; i++) if (keys[i] >= 0 && Math.abs(amounts[i]) >= step100[keys[i]]) eligible.push(i)
  const supplierCode = Int32Array.from(sk.codes, (c) => (c < 0 ? sizeS : c))
  const pk = pairKeys(keys, size, supplierCode, sizeS + 1, Uint32Array.from(eligible))
  const pairs = {size: pk.size, groupOf: pk.parent, supplierOf: pk.child, n: [new Float64Array(pk.size), new Float64Array(pk.size)], r: [new Float64Array(pk.size), new Float64Array(pk.size)]}
  const buyerN = [new Float64Array(size), new Float64Array(size)]
  const buyerR = [new Float64Array(size), new Float64Array(size)]
  const pairOf = new Int32Array(frame.length).fill(-1)
  // Round amounts seen per pair: a repeat of one (rent, a fixed fee) counts once, in n and in r.
  const seen = new Map<number, Set<number>>()
  for (const i of eligible) {
    const g = keys[i]
    const v = Math.abs(amounts[i])
    const s100 = step100[g]
    const s1000 = step1000[g]
    // A redacted or keyless row is its own supplier: never deduplicated with another, never a pair.
    const own = redacted?.values[i] === 1 || sk.codes[i] < 0
    const pair = own ? -1 : pk.keys[i]
    pairOf[i] = pair
    const round100 = v % s100 === 0 ? 1 : 0
    if (round100 && pair >= 0) {
      let set = seen.get(pair)
      if (!set) seen.set(pair, (set = new Set()))
      if (set.has(v)) continue
      set.add(v)
    }
    const big = v >= s1000 ? 1 : 0
    const round1000 = big && v % s1000 === 0 ? 1 : 0
    buyerN[0][g]++
    buyerR[0][g] += round100
    buyerN[1][g] += big
    buyerR[1][g] += round1000
    if (pair >= 0) {
      pairs.n[0][pair]++
      pairs.r[0][pair] += round100
      pairs.n[1][pair] += big
      pairs.r[1][pair] += round1000
    }
  }
  const currencyTotals = new Map<string, Counts[]>()
  groups.forEach((g, k) => {
    const t = currencyTotals.get(g.currency) ?? [{n: 0, r: 0}, {n: 0, r: 0}]
    for (let u = 0; u < 2; u++) {
      t[u].n += buyerN[u][k]
      t[u].r += buyerR[u][k]
    }
    currencyTotals.set(g.currency, t)
  })
  const subjects: Subject[] = []
  const minCount = Number(p.min_count)
  // Every subject with an eligible amount is a test (the Bonferroni divisor); only those with enough round amounts can flag.
  const tests = [0, 0]
  groups.forEach((g, k) => {
    const t = currencyTotals.get(g.currency) as Counts[]
    for (let u = 0; u < 2; u++) tests[u] += +(buyerN[u][k] > 0)
    if (buyerR[0][k] < minCount) return
    subjects.push({group: k, supplier: -1, pair: -1, n: [buyerN[0][k], buyerN[1][k]], r: [buyerR[0][k], buyerR[1][k]],
      base: [{n: t[0].n - buyerN[0][k], r: t[0].r - buyerR[0][k]}, {n: t[1].n - buyerN[1][k], r: t[1].r - buyerR[1][k]}]})
  })
  for (let q = 0; q < pairs.size; q++) {
    for (let u = 0; u < 2; u++) tests[u] += +(pairs.n[u][q] > 0)
    if (pairs.r[0][q] < minCount || pairs.supplierOf[q] === sizeS) continue
    const k = pairs.groupOf[q]
    const n: [number, number] = [pairs.n[0][q], pairs.n[1][q]]
    const r: [number, number] = [pairs.r[0][q], pairs.r[1][q]]
    subjects.push({group: k, supplier: pairs.supplierOf[q], pair: q, n, r,
      base: [{n: buyerN[0][k] - n[0], r: buyerR[0][k] - r[0]}, {n: buyerN[1][k] - n[1], r: buyerR[1][k] - r[1]}]})
  }
  const found: {s: Subject; best: {u: number; pValue: number; expected: number}}[] = []
  for (const s of subjects) {
    let best: {u: number; pValue: number; expected: number} | null = null
    for (let u = 0; u < UNITS.length; u++) {
      const n = s.n[u]
      const r = s.r[u]
      if (r < minCount) continue
      const expected = Math.max(Number(p.base_share), s.base[u].n > 0 ? s.base[u].r / s.base[u].n : 0)
      if (r / n < Number(p.min_ratio) * expected) continue
      const pValue = binomialUpper(r, n, expected)
      if (pValue >= Number(p.alpha) / tests[u]) continue
      if (best === null || pValue <= best.pValue) best = {u, pValue, expected}
    }
    if (best) found.push({s, best})
  }
  // The evidence of every flag in one pass over the rows: a buyer's flag takes its round rows, a pair's those of its supplier.
  const byBuyer = new Int32Array(size).fill(-1)
  const byPair = new Map<number, number>()
  const evidence = found.map(() => [] as number[])
  found.forEach(({s}, f) => {
    if (s.supplier < 0) byBuyer[s.group] = f
    else byPair.set(s.pair, f)
  })
  const take = (f: number, i: number, v: number) => {
    const step = steps[keys[i]][found[f].best.u]
    if (v >= step && v % step === 0) evidence[f].push(i)
  }
  if (found.length > 0) {
    for (const i of eligible) {
      const v = Math.abs(amounts[i])
      if (byBuyer[keys[i]] >= 0) take(byBuyer[keys[i]], i, v)
      const f = pairOf[i] >= 0 && byPair.size > 0 ? byPair.get(pairOf[i]) : undefined
      if (f !== undefined) take(f, i, v)
    }
  }
  const sup = frame.columns.supplier as DictColumn
  const flags = found.map(({s, best}, f) => roundFlag(s, best, evidence[f], groups[s.group], amounts, sup, sk))
  return {flags, notes: [], echo: {score: msg.roundScore(), units: [...UNITS], expected: msg.roundBaseline(), tests: {'round-100': tests[0], 'round-1000': tests[1]}}}
}

function roundFlag(s: Subject, best: {u: number; pValue: number; expected: number}, rows: number[], g: BuyerGroup, amounts: Float64Array, sup: DictColumn, sk: DictColumn): Flag {
  const sum = new ExactSum()
  for (const i of rows) sum.add(amounts[i])
  const n = s.n[best.u]
  const r = s.r[best.u]
  const supplier = s.supplier < 0 || sup.codes[rows[0]] < 0 ? null : sup.dict[sup.codes[rows[0]]]
  return {
    check: 'round-amounts', kind: `round-${UNITS[best.u]}`, buyer: g.buyer, buyer_id: g.buyer_id, supplier, supplier_key: s.supplier < 0 ? null : sk.dict[s.supplier],
    category: null, amount: sum.value(), currency: g.currency, score: r / n / best.expected,
    explanation: msg.roundFlag(`${countText(UNITS[best.u])} ${g.currency}`, countText(r), countText(n), pct(r / n), pct(best.expected), best.pValue.toExponential(2), s.supplier >= 0),
    rows: Uint32Array.from(rows),
  }
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`

/**
 * P(X >= r) for X ~ Binomial(n, p), summed from the pmf at r upwards until
 * the terms no longer change the sum.
 * @example binomialUpper(1, 1, 0.5) // 0.5
 */
export function binomialUpper(r: number, n: number, p: number): number {
  if (r <= 0) return 1
  if (r > n) return 0
  if (p <= 0) return 0
  if (p >= 1) return 1
  let term = Math.exp(logChoose(n, r) + r * Math.log(p) + (n - r) * Math.log1p(-p))
  let sum = 0
  const q = p / (1 - p)
  for (let k = r; k <= n; k++) {
    sum += term
    if (term < sum * 1e-17) break
    term *= ((n - k) / (k + 1)) * q
  }
  return Math.min(1, sum)
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1)
}

/** ln Gamma(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
  const z = x - 1
  let a = c[0]
  const t = z + 7.5
  for (let i = 1; i < 9; i++) a += c[i] / (z + i)
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a)
}
