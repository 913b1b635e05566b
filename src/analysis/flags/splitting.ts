/**
 * The `splitting` check: payments by one buyer to one supplier within a
 * window, each under a procurement threshold and together at or over it
 * (a purchase split so that no part reaches the quotation, tender or
 * regulated limit). Method (docs/flags/splitting.md):
 *
 * - Groups: buyer (id and name), supplier entity (`supplier_key`, the
 *   entity's after a stored crosswalk), currency. Rows whose supplier is
 *   redacted or blank are left out: many unknown payees are not one supplier.
 * - Per threshold T (each period of each threshold separately, in force at
 *   the payment's date): the candidates are positive payments with
 *   `min_share` x T <= amount < T, leaving out recurring series (the same
 *   amount on a regular weekly to quarterly schedule: split-recurring.ts).
 * - Routine windows: a window is not flagged when the supplier's own rate of
 *   candidates outside it (Poisson, per window) makes that many in one
 *   window at least `routine_alpha` likely: a supplier paid just under T all
 *   year round is a different pattern from a burst of parts.
 * - Windows: in date order, from each candidate not yet flagged, every
 *   candidate dated less than `window_days` days after it; at least
 *   `min_payments` of them (lines of one invoice number count once: a
 *   multi-line invoice is one purchase, not a split) whose sum reaches T is a flag (its rows, amount =
 *   the sum, score = sum / T); the next window starts after it.
 * - Runs only where the buyer's publication floor (effectiveFloor) is below
 *   T: a file published above T cannot show the parts. Notes say where it
 *   could not run, and which currencies have no threshold.
 */
import {thresholdsMsg} from '../../messages.js'
import {countText} from './share-text.js'
import {dictColumn} from '../frame-access.js'
import {bucketRows, ExactSum, pairKeys} from '../kernel.js'
import {
  buyerOf, eachThresholdCurrency, floorEcho, money, periodDays, rowsInRanges, thresholdEcho, thresholdFrame, unidentifiedRows,
  type ThresholdFrame, type ThresholdRun, AUTHORITY_PARAM, buyerAuthority, thresholdApplies,
} from './split-common.js'
import {recurringMask} from './split-recurring.js'
import {poissonUpper, routineRate, splitWindows} from './split-windows.js'
import type {CheckContext, CheckDef, CheckResult, Flag, ProcurementThreshold} from './types.js'

/** One (buyer, supplier) group's candidate payments, in date order (positions `start..end` of the shared arrays). */
interface Group {
  buyer: number
  start: number
  end: number
  /** Smallest and largest candidate amount, first and last day. */
  min: number
  max: number
  first: number
  last: number
}

/** Every group's candidates side by side: rows, days, amounts and the recurring mark, grouped and in date order within a group. */
interface Candidates {
  rows: Uint32Array
  days: Float64Array
  amounts: Float64Array
  recurring: Uint8Array
  /** Invoice number code per candidate (-1 = none). */
  invoices: Int32Array
  groups: Group[]
}

/**
 * The candidates of one currency: positive payments of an identified
 * supplier with an amount in some threshold's [min_share x T, T), grouped by
 * (buyer, supplier) with a counting sort, then ordered by day within each
 * group; groups with fewer than `minPayments` candidates are dropped.
 */
function candidatesOf(tf: ThresholdFrame, rows: Uint32Array, bad: Uint8Array, ts: readonly ProcurementThreshold[], minShare: number, minPayments: number): Candidates {
  const near = rowsInRanges(tf.amount, rows, ts.map((t) => [Math.max(1, minShare * t.minor), t.minor] as const))
  const keep: number[] = []
  for (let j = 0; j < near.length; j++) if (!bad[near[j]]) keep.push(near[j])
  // Candidates in day order first (a counting sort over the days the data spans), then a stable
  // counting sort by group: each group's rows come out in day order, ties in frame order.
  const dates = tf.date.codes
  let d0 = Infinity
  let d1 = -Infinity
  for (const i of keep) {
    const d = tf.days[dates[i]]
    if (d < d0) d0 = d
    if (d > d1) d1 = d
  }
  const dayKey = new Int32Array(tf.amount.length)
  for (const i of keep) dayKey[i] = tf.days[dates[i]] - d0
  const byDay = keep.length ? bucketRows(dayKey, d1 - d0 + 1, Uint32Array.from(keep), tf.amount.length).rows : new Uint32Array(0)
  const supplier = tf.supplierKey?.codes ?? new Int32Array(tf.amount.length)
  const pk = pairKeys(tf.buyerKey, tf.buyers, supplier, (tf.supplierKey?.dict.length ?? 0) + 1, byDay)
  const order = bucketRows(pk.keys, pk.size, byDay, tf.amount.length)
  const n = order.rows.length
  const invoice = dictColumn(tf.frame, 'invoice_number')
  const out: Candidates = {rows: new Uint32Array(n), days: new Float64Array(n), amounts: new Float64Array(n), recurring: new Uint8Array(n), invoices: new Int32Array(n).fill(-1), groups: []}
  let at = 0
  for (let g = 0; g < pk.size; g++) {
    const s = order.start[g]
    const e = order.start[g + 1]
    if (e - s < minPayments) continue
    const list = order.rows.subarray(s, e)
    const start = at
    let min = Infinity
    let max = -Infinity
    for (const i of list) {
      const a = tf.amount[i]
      out.rows[at] = i
      if (invoice) out.invoices[at] = invoice.codes[i]
      out.days[at] = tf.days[dates[i]]
      out.amounts[at++] = a
      if (a < min) min = a
      if (a > max) max = a
    }
    out.recurring.set(recurringMask(out.days.subarray(start, at), out.amounts.subarray(start, at)), start)
    out.groups.push({buyer: tf.buyerKey[list[0]], start, end: at, min, max, first: out.days[start], last: out.days[at - 1]})
  }
  return out
}

function flagOf(tf: ThresholdFrame, c: Candidates, pos: readonly number[], t: ProcurementThreshold, windowDays: number): Flag {
  const sum = new ExactSum()
  let lo = Infinity
  let hi = -Infinity
  for (const p of pos) {
    sum.add(c.amounts[p])
    lo = Math.min(lo, c.amounts[p])
    hi = Math.max(hi, c.amounts[p])
  }
  const total = sum.value()
  const rows = Uint32Array.from(pos, (p) => c.rows[p]).sort()
  const first = rows[0]
  const b = buyerOf(tf, tf.buyerKey[first])
  const each = lo === hi ? money(lo, t.currency) : `${money(lo, t.currency)} to ${money(hi, t.currency)}`
  const dates = `${tf.date.dict[tf.date.codes[c.rows[pos[0]]]]} to ${tf.date.dict[tf.date.codes[c.rows[pos[pos.length - 1]]]]}`
  return {
    check: 'splitting', kind: 'window', ...b,
    supplier: tf.supplier?.dict[tf.supplier.codes[first]] ?? null,
    supplier_key: tf.supplierKey?.dict[tf.supplierKey.codes[first]] ?? null,
    category: null, amount: total, currency: t.currency, score: Number(total) / t.minor,
    explanation: `${thresholdsMsg.splitExplanation(countText(pos.length), windowDays, each, money(total, t.currency), t.name, money(t.minor, t.currency))}, ${dates}`,
    rows,
  }
}

/**
 * Run the check (the CheckDef's `run`).
 * @example runSplitting(ctx).flags.length
 */
export function runSplitting(ctx: CheckContext): CheckResult {
  const windowDays = Number(ctx.params.window_days)
  const minShare = Number(ctx.params.min_share)
  const authority = String(ctx.params.authority ?? 'auto')
  const minPayments = Number(ctx.params.min_payments)
  const routineAlpha = Number(ctx.params.routine_alpha)
  const tf = thresholdFrame(ctx.frame, ctx.selection)
  const flags: Flag[] = []
  const run: ThresholdRun = {notes: [], used: [], floors: []}
  const {notes} = run
  let windows = 0
  let routine = 0
  if (tf) {
    const bad = unidentifiedRows(tf, ctx.frame.length)
    eachThresholdCurrency(tf, ctx, 'splitting', run, ({cur, ts, fl, present}) => {
      for (const t of ts) {
        for (const k of present) {
          const f = fl[k]
          if (!thresholdApplies(t, buyerAuthority(buyerOf(tf, k).buyer, authority))) continue
          if (f && f.minor >= t.minor) {
            notes.push({check: 'splitting', buyer: buyerOf(tf, k).buyer, currency: cur.currency, text: thresholdsMsg.floorAtOrAbove(money(f.minor, f.currency), t.name, money(t.minor, t.currency))})
          }
        }
      }
      const period = ts.map(periodDays)
      const c = candidatesOf(tf, cur.rows, bad, ts, minShare, minPayments)
      const eligible = new Uint8Array(c.rows.length)
      for (const g of c.groups) {
        const f = fl[g.buyer]
        const kind = buyerAuthority(buyerOf(tf, g.buyer).buyer, authority)
        ts.forEach((t, ti) => {
          const lo = minShare * t.minor
          const {from, to} = period[ti]
          if (!thresholdApplies(t, kind) || (f && f.minor >= t.minor) || g.max < lo || g.min >= t.minor || g.last < from || g.first > to) return
          for (let p = g.start; p < g.end; p++) {
            const a = c.amounts[p]
            const d = c.days[p]
            eligible[p] = !c.recurring[p] && d >= from && d <= to && a >= lo && a < t.minor ? 1 : 0
          }
          const days = c.days.subarray(g.start, g.end)
          const span = Math.min(to, cur.last) - Math.max(from, cur.first) + 1
          let all = 0
          for (let p = g.start; p < g.end; p++) all += eligible[p]
          for (const pos of splitWindows(days, c.amounts.subarray(g.start, g.end), eligible.subarray(g.start, g.end), t.minor, windowDays, minPayments, c.invoices.subarray(g.start, g.end))) {
            const rate = routineRate(all - pos.length, span - windowDays, windowDays)
            if (poissonUpper(pos.length, rate) >= routineAlpha) {
              routine++
              continue
            }
            windows++
            flags.push(flagOf(tf, c, pos.map((p) => p + g.start), t, windowDays))
          }
        })
      }
    })
  }
  notes.sort((a, b) => ((a.currency ?? '') < (b.currency ?? '') ? -1 : (a.currency ?? '') > (b.currency ?? '') ? 1 : (a.buyer ?? '') < (b.buyer ?? '') ? -1 : (a.buyer ?? '') > (b.buyer ?? '') ? 1 : 0))
  return {flags, notes, echo: {score: thresholdsMsg.splitScore(), thresholds: thresholdEcho(run.used), floors: floorEcho(run.floors), windows, routine_windows: routine}}
}

export const splittingCheck: CheckDef = {
  name: 'splitting',
  summary: 'Payments by one buyer to one supplier within a window, each under a procurement threshold and together over it.',
  columns: ['invoice_number'],
  params: {
    authority: AUTHORITY_PARAM,
    window_days: {
      kind: 'days', default: 30, min: 1, max: 366,
      doc: 'payments dated less than this many days after the window\'s first payment (30: about a month, one billing cycle; quotation rules count a requirement, not a day)',
    },
    min_share: {
      kind: 'share', default: 0.8, min: 0, max: 1,
      doc: 'each payment at least this share of the threshold (0.8: parts kept just under the limit, the region threshold-bunching tests; lower finds even two- and three-way splits but also routine orders to frequent suppliers)',
    },
    min_payments: {kind: 'int', default: 2, min: 2, max: 1000, doc: 'payments in a window (at least 2)'},
    routine_alpha: {
      kind: 'number', default: 0.01, min: 0, max: 1,
      doc: 'a window is routine, not flagged, when the supplier\'s own rate of such payments outside it (Poisson) makes this many in one window at least this likely (0.01; 1 flags every window)',
    },
  },
  run: runSplitting,
}
