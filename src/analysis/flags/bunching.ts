/**
 * The `threshold-bunching` check: more payments just below a procurement
 * threshold than just above it. Method (docs/flags/threshold-bunching.md):
 *
 * - Per buyer, currency and threshold T (each period separately, payments
 *   dated while it is in force): `below` = payments in [T(1-band), T),
 *   `above` = payments in [T, T(1+band)) (edges rounded to whole minor
 *   units). Every payment counts, whoever the supplier (redacted ones too):
 *   the test is about the buyer.
 * - Null hypothesis: amounts near T follow a log-uniform density (density
 *   proportional to 1/amount, the shape behind Benford's law, and locally a
 *   good fit to log-normal spend), so a payment in the two bands falls below
 *   T with probability p0 = ln(T/lo) / (ln(T/lo) + ln(hi/T)): 0.5125 for a
 *   5% band, a little above a half because the density falls with amount.
 * - Test: exact one-sided binomial, P(X >= below) for X ~ Bin(below + above, p0).
 *   A flag when p < `alpha` and below >= `min_below`; score = -log10 p.
 * - Runs only where the buyer's publication floor is at or under T(1-band):
 *   above it the band below is not fully published. A BunchingTest per
 *   (buyer, threshold) with any payment in the bands carries a 20-bin
 *   histogram over [T(1-4 band), T(1+4 band)) for the chart.
 */
import {thresholdsMsg} from '../../messages.js'
import {ExactSum} from '../kernel.js'
import type {Floor} from '../benchmark/floor.js'
import {binomialUpperLog10} from './binomial.js'
import {buyerFloors, buyerOf, floorEcho, groupDigits, money, periodDays, rowsByCurrency, thresholdEcho, thresholdFrame, thresholdsInForce, type ThresholdFrame} from './split-common.js'
import type {BunchingTest, CheckContext, CheckDef, CheckNote, CheckResult, Flag, ProcurementThreshold} from './types.js'

/** Bins of the histogram around a threshold. */
export const BUNCHING_BINS = 20

/** The band edges and histogram edges for a threshold, in whole minor units. */
export function bandEdges(t: number, band: number): {lo: number; hi: number; bins: number[]} {
  const bins: number[] = []
  for (let k = 0; k <= BUNCHING_BINS; k++) bins.push(Math.round(t * (1 - 4 * band + (8 * band * k) / BUNCHING_BINS)))
  return {lo: Math.round(t * (1 - band)), hi: Math.round(t * (1 + band)), bins}
}

/**
 * The expected share of the two bands' payments that fall below T under a
 * log-uniform density.
 * @example expectedBelow(475000, 500000, 525000) // 0.5125...
 */
export function expectedBelow(lo: number, t: number, hi: number): number {
  const down = Math.log(t / lo)
  const up = Math.log(hi / t)
  return down / (down + up)
}

/** The counts of one buyer against one threshold. */
interface Counts {
  below: number
  above: number
  bins: Float64Array
}

function formatP(log10p: number): string {
  if (log10p > -4) return (10 ** log10p).toFixed(4)
  const e = Math.floor(log10p)
  const mant = 10 ** (log10p - e)
  return `${mant.toFixed(2)}e${e}`
}

/**
 * Run the check (the CheckDef's `run`).
 * @example runBunching(ctx).tests
 */
export function runBunching(ctx: CheckContext): CheckResult {
  const band = Number(ctx.params.band)
  const alpha = Number(ctx.params.alpha)
  const minBelow = Number(ctx.params.min_below)
  const tf = thresholdFrame(ctx.frame, ctx.selection)
  const flags: Flag[] = []
  const notes: CheckNote[] = []
  const tests: BunchingTest[] = []
  const used: ProcurementThreshold[] = []
  const floors: {buyer: string; buyer_id: string; currency: string; floor: Floor | null}[] = []
  if (tf) {
    for (const cur of rowsByCurrency(tf, ctx.selection, ctx.frame.length)) {
      const ts = thresholdsInForce(ctx.thresholds, cur)
      if (ts.length === 0) {
        notes.push({check: 'threshold-bunching', buyer: null, currency: cur.currency, text: `${thresholdsMsg.noThreshold(cur.currency)} (${thresholdsMsg.noThresholdHint()})`})
        continue
      }
      used.push(...ts)
      const fl = buyerFloors(tf, cur)
      const present = [...new Set(Array.from(cur.rows, (i) => tf.buyerKey[i]))].sort((x, y) => x - y)
      for (const k of present) floors.push({...buyerOf(tf, k), currency: cur.currency, floor: fl[k]})
      for (const t of ts) {
        const {lo, hi, bins} = bandEdges(t.minor, band)
        const {from, to} = periodDays(t)
        const counts = new Map<number, Counts>()
        for (const i of cur.rows) {
          const a = tf.amount[i]
          if (a < bins[0] || a >= bins[BUNCHING_BINS]) continue
          const d = tf.days[tf.date.codes[i]]
          if (d < from || d > to) continue
          const k = tf.buyerKey[i]
          let c = counts.get(k)
          if (!c) counts.set(k, (c = {below: 0, above: 0, bins: new Float64Array(BUNCHING_BINS)}))
          let b = Math.min(BUNCHING_BINS - 1, Math.max(0, Math.floor(((a - bins[0]) / (bins[BUNCHING_BINS] - bins[0])) * BUNCHING_BINS)))
          while (b < BUNCHING_BINS - 1 && a >= bins[b + 1]) b++
          while (b > 0 && a < bins[b]) b--
          c.bins[b]++
          if (a >= lo && a < t.minor) c.below++
          else if (a >= t.minor && a < hi) c.above++
        }
        const p0 = expectedBelow(lo, t.minor, hi)
        for (const k of present) {
          const who = buyerOf(tf, k)
          const f = fl[k]
          if (f && f.minor > lo) {
            notes.push({check: 'threshold-bunching', buyer: who.buyer, currency: cur.currency, text: thresholdsMsg.floorInBand(money(f.minor, f.currency), t.name, money(lo, t.currency))})
            continue
          }
          const c = counts.get(k)
          if (!c || c.below + c.above === 0) continue
          const n = c.below + c.above
          const log10p = binomialUpperLog10(c.below, n, p0)
          const p = 10 ** log10p
          tests.push({
            type: 'bunching', ...who, currency: cur.currency, threshold: t, below: c.below, above: c.above, p_value: p,
            bins: Array.from(c.bins, (count, j) => ({from: bins[j], to: bins[j + 1], count})),
          })
          if (c.below < minBelow || !(p < alpha)) continue
          flags.push(bunchingFlag(tf, k, who, cur.rows, t, {lo, hi, from, to}, c, p0, log10p))
        }
      }
    }
  }
  return {
    flags, notes, tests,
    echo: {
      score: thresholdsMsg.bunchingScore(), expected: 'log-uniform density: share below = ln(T/lo) / (ln(T/lo) + ln(hi/T))',
      thresholds: thresholdEcho(used), floors: floorEcho(floors),
      tests: tests.map((x) => ({buyer: x.buyer, currency: x.currency, threshold: x.threshold.name, from: x.threshold.from, below: x.below, above: x.above, p_value: x.p_value})),
    },
  }
}

function bunchingFlag(
  tf: ThresholdFrame, k: number, who: {buyer: string; buyer_id: string}, rows: Uint32Array, t: ProcurementThreshold,
  e: {lo: number; hi: number; from: number; to: number}, c: Counts, p0: number, log10p: number,
): Flag {
  const evidence: number[] = []
  const sum = new ExactSum()
  for (const i of rows) {
    if (tf.buyerKey[i] !== k) continue
    const a = tf.amount[i]
    if (a < e.lo || a >= t.minor) continue
    const d = tf.days[tf.date.codes[i]]
    if (d < e.from || d > e.to) continue
    evidence.push(i)
    sum.add(a)
  }
  const cur = t.currency
  return {
    check: 'threshold-bunching', kind: 'below-threshold', ...who, supplier: null, supplier_key: null, category: null,
    amount: sum.value(), currency: cur, score: -log10p,
    explanation: thresholdsMsg.bunchingExplanation(
      groupDigits(c.below), `[${money(e.lo, cur)}, ${money(t.minor, cur)})`, groupDigits(c.above), `[${money(t.minor, cur)}, ${money(e.hi, cur)})`,
      t.name, money(t.minor, cur), p0.toFixed(4), formatP(log10p),
    ),
    rows: Uint32Array.from(evidence),
  }
}

export const thresholdBunchingCheck: CheckDef = {
  name: 'threshold-bunching',
  summary: 'More payments just below a procurement threshold than just above it (binomial test).',
  columns: [],
  params: {
    band: {kind: 'share', default: 0.05, min: 0.001, max: 0.2, doc: 'width of each band as a share of the threshold (0.05: within 5% under it, against 5% over it)'},
    alpha: {
      kind: 'number', default: 0.001, min: 0, max: 1,
      doc: 'flag when the one-sided binomial p-value is under this (0.001: with one test per buyer and threshold, about one chance flag per thousand tests)',
    },
    min_below: {kind: 'int', default: 10, min: 1, max: 1_000_000, doc: 'payments needed in the band below the threshold (10: fewer cannot show a pattern an auditor would act on)'},
  },
  run: runBunching,
}
