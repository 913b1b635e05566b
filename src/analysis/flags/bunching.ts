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
import {countText} from './share-text.js'
import {ExactSum} from '../kernel.js'
import {binomialUpperLog10} from './binomial.js'
import {buyerOf, eachThresholdCurrency, floorEcho, money, periodDays, thresholdEcho, rowsInRanges, thresholdFrame, type ThresholdFrame, type ThresholdRun, AUTHORITY_PARAM, buyerAuthority, thresholdApplies} from './split-common.js'
import type {BunchingTest, CheckContext, CheckDef, CheckResult, Flag, ProcurementThreshold} from './types.js'

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

/** Per buyer (dense key), the payments in each band and in each histogram bin (key x BUNCHING_BINS + bin). */
interface Counts {
  below: Int32Array
  above: Int32Array
  bins: Float64Array
}

/** Count the payments near one threshold per buyer: one pass over the candidate rows. */
function countNear(tf: ThresholdFrame, near: Uint32Array, t: number, e: {lo: number; hi: number; from: number; to: number}, bins: readonly number[]): Counts {
  const c: Counts = {below: new Int32Array(tf.buyers), above: new Int32Array(tf.buyers), bins: new Float64Array(tf.buyers * BUNCHING_BINS)}
  const {amount, days, buyerKey} = tf
  const dates = tf.date.codes
  const start = bins[0]
  const end = bins[BUNCHING_BINS]
  const width = end - start
  for (let j = 0; j < near.length; j++) {
    const i = near[j]
    const a = amount[i]
    if (a < start || a >= end) continue
    const d = days[dates[i]]
    if (d < e.from || d > e.to) continue
    const k = buyerKey[i]
    let b = Math.min(BUNCHING_BINS - 1, Math.floor(((a - start) / width) * BUNCHING_BINS))
    while (b < BUNCHING_BINS - 1 && a >= bins[b + 1]) b++
    while (b > 0 && a < bins[b]) b--
    c.bins[k * BUNCHING_BINS + b]++
    if (a >= e.lo && a < t) c.below[k]++
    else if (a >= t && a < e.hi) c.above[k]++
  }
  return c
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
  const authority = String(ctx.params.authority ?? 'auto')
  const alpha = Number(ctx.params.alpha)
  const minBelow = Number(ctx.params.min_below)
  const tf = thresholdFrame(ctx.frame, ctx.selection)
  const flags: Flag[] = []
  const tests: BunchingTest[] = []
  const run: ThresholdRun = {notes: [], used: [], floors: []}
  const {notes} = run
  if (tf) {
    eachThresholdCurrency(tf, ctx, 'threshold-bunching', run, ({cur, ts, fl, present}) => {
      const near = rowsInRanges(tf.amount, cur.rows, ts.map((t) => {
        const e = bandEdges(t.minor, band).bins
        return [e[0], e[BUNCHING_BINS]] as const
      }))
      for (const t of ts) {
        const {lo, hi, bins} = bandEdges(t.minor, band)
        const {from, to} = periodDays(t)
        const c = countNear(tf, near, t.minor, {lo, hi, from, to}, bins)
        const p0 = expectedBelow(lo, t.minor, hi)
        for (const k of present) {
          const who = buyerOf(tf, k)
          if (!thresholdApplies(t, buyerAuthority(who.buyer, authority))) continue
          const f = fl[k]
          if (f && f.minor > lo) {
            notes.push({check: 'threshold-bunching', buyer: who.buyer, currency: cur.currency, text: thresholdsMsg.floorInBand(money(f.minor, f.currency), t.name, money(lo, t.currency))})
            continue
          }
          const below = c.below[k]
          const above = c.above[k]
          if (below + above === 0) continue
          const log10p = binomialUpperLog10(below, below + above, p0)
          const p = 10 ** log10p
          tests.push({
            type: 'bunching', ...who, currency: cur.currency, threshold: t, below, above, p_value: p,
            bins: Array.from({length: BUNCHING_BINS}, (_, j) => ({from: bins[j], to: bins[j + 1], count: c.bins[k * BUNCHING_BINS + j]})),
          })
          if (below < minBelow || !(p < alpha)) continue
          flags.push(bunchingFlag(tf, k, who, near, t, {lo, hi, from, to}, {below, above}, p0, log10p))
        }
      }
    })
  }
  return {
    flags, notes, tests,
    echo: {
      score: thresholdsMsg.bunchingScore(), expected: 'log-uniform density: share below = ln(T/lo) / (ln(T/lo) + ln(hi/T))',
      thresholds: thresholdEcho(run.used), floors: floorEcho(run.floors),
      tests: tests.map((x) => ({buyer: x.buyer, currency: x.currency, threshold: x.threshold.name, from: x.threshold.from, below: x.below, above: x.above, p_value: x.p_value})),
    },
  }
}

function bunchingFlag(
  tf: ThresholdFrame, k: number, who: {buyer: string; buyer_id: string}, rows: Uint32Array, t: ProcurementThreshold,
  e: {lo: number; hi: number; from: number; to: number}, c: {below: number; above: number}, p0: number, log10p: number,
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
      countText(c.below), `[${money(e.lo, cur)}, ${money(t.minor, cur)})`, countText(c.above), `[${money(t.minor, cur)}, ${money(e.hi, cur)})`,
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
    authority: AUTHORITY_PARAM,
    band: {kind: 'share', default: 0.05, min: 0.001, max: 0.2, doc: 'width of each band as a share of the threshold (0.05: within 5% under it, against 5% over it)'},
    alpha: {
      kind: 'number', default: 0.001, min: 0, max: 1,
      doc: 'flag when the one-sided binomial p-value is under this (0.001: with one test per buyer and threshold, about one chance flag per thousand tests)',
    },
    min_below: {kind: 'int', default: 10, min: 1, max: 1_000_000, doc: 'payments needed in the band below the threshold (10: fewer cannot show a pattern an auditor would act on)'},
  },
  run: runBunching,
}
