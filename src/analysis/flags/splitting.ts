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
 * - Windows: in date order, from each candidate not yet flagged, every
 *   candidate dated less than `window_days` days after it; at least
 *   `min_payments` of them whose sum reaches T is a flag (its rows, amount =
 *   the sum, score = sum / T); the next window starts after it.
 * - Runs only where the buyer's publication floor (effectiveFloor) is below
 *   T: a file published above T cannot show the parts. Notes say where it
 *   could not run, and which currencies have no threshold.
 */
import {thresholdsMsg} from '../../messages.js'
import {ExactSum} from '../kernel.js'
import {
  buyerFloors, buyerOf, floorEcho, groupDigits, money, periodDays, rowsByCurrency, thresholdEcho, thresholdFrame, thresholdsInForce,
  unidentifiedRows, type ThresholdFrame,
} from './split-common.js'
import {recurringMask} from './split-recurring.js'
import type {CheckContext, CheckDef, CheckNote, CheckResult, Flag, ProcurementThreshold} from './types.js'
import type {Floor} from '../benchmark/floor.js'

/** One (buyer, supplier) group's candidate payments, in date order. */
interface Group {
  buyer: number
  rows: Uint32Array
  days: Float64Array
  amounts: Float64Array
  recurring: Uint8Array
}

/**
 * Find the split windows of one group's payments against one threshold:
 * each window's positions (into the group's arrays). Pure and exported for
 * tests: `days` ascending, `eligible` marks candidates.
 * @example splitWindows([0, 3, 9], [460000, 470000, 480000], [1, 1, 1], 500000, 30, 2) // [[0, 1, 2]]
 */
export function splitWindows(days: ArrayLike<number>, amounts: ArrayLike<number>, eligible: ArrayLike<number>, threshold: number, windowDays: number, minPayments: number): number[][] {
  const idx: number[] = []
  for (let i = 0; i < days.length; i++) if (eligible[i]) idx.push(i)
  const out: number[][] = []
  let s = 0
  while (s < idx.length) {
    let e = s
    let sum = 0
    while (e < idx.length && days[idx[e]] - days[idx[s]] < windowDays) sum += amounts[idx[e++]]
    // Candidate amounts are each under T (< 2^53 minor units), and few per window: the float sum is exact.
    if (e - s >= minPayments && sum >= threshold) {
      out.push(idx.slice(s, e))
      s = e
    } else {
      s++
    }
  }
  return out
}

/** Candidate rows per (buyer, supplier) group for one currency: amounts in some threshold's [min_share x T, T). */
function groupsOf(tf: ThresholdFrame, rows: Uint32Array, bad: Uint8Array, ts: readonly ProcurementThreshold[], minShare: number): Group[] {
  const ranges = ts.map((t) => [minShare * t.minor, t.minor] as const)
  const byGroup = new Map<number, number[]>()
  const keys = tf.supplierKey?.dict.length ?? 0
  for (const i of rows) {
    const a = tf.amount[i]
    if (a <= 0 || bad[i]) continue
    let hit = false
    for (const [lo, hi] of ranges) if (a >= lo && a < hi) hit = true
    if (!hit) continue
    const g = tf.buyerKey[i] * keys + (tf.supplierKey?.codes[i] ?? 0)
    let list = byGroup.get(g)
    if (!list) byGroup.set(g, (list = []))
    list.push(i)
  }
  const out: Group[] = []
  for (const list of byGroup.values()) {
    list.sort((x, y) => tf.days[tf.date.codes[x]] - tf.days[tf.date.codes[y]] || x - y)
    const days = Float64Array.from(list, (i) => tf.days[tf.date.codes[i]])
    const amounts = Float64Array.from(list, (i) => tf.amount[i])
    out.push({buyer: tf.buyerKey[list[0]], rows: Uint32Array.from(list), days, amounts, recurring: recurringMask(days, amounts)})
  }
  return out
}

function flagOf(tf: ThresholdFrame, g: Group, pos: readonly number[], t: ProcurementThreshold, windowDays: number): Flag {
  const sum = new ExactSum()
  let lo = Infinity
  let hi = -Infinity
  for (const p of pos) {
    sum.add(g.amounts[p])
    lo = Math.min(lo, g.amounts[p])
    hi = Math.max(hi, g.amounts[p])
  }
  const total = sum.value()
  const rows = Uint32Array.from(pos, (p) => g.rows[p]).sort()
  const first = rows[0]
  const b = buyerOf(tf, g.buyer)
  const each = lo === hi ? money(lo, t.currency) : `${money(lo, t.currency)} to ${money(hi, t.currency)}`
  const dates = `${tf.date.dict[tf.date.codes[g.rows[pos[0]]]]} to ${tf.date.dict[tf.date.codes[g.rows[pos[pos.length - 1]]]]}`
  return {
    check: 'splitting', kind: 'window', ...b,
    supplier: tf.supplier?.dict[tf.supplier.codes[first]] ?? null,
    supplier_key: tf.supplierKey?.dict[tf.supplierKey.codes[first]] ?? null,
    category: null, amount: total, currency: t.currency, score: Number(total) / t.minor,
    explanation: `${thresholdsMsg.splitExplanation(groupDigits(pos.length), windowDays, each, money(total, t.currency), t.name, money(t.minor, t.currency))}, ${dates}`,
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
  const minPayments = Number(ctx.params.min_payments)
  const tf = thresholdFrame(ctx.frame, ctx.selection)
  const flags: Flag[] = []
  const notes: CheckNote[] = []
  const used: ProcurementThreshold[] = []
  const floors: {buyer: string; buyer_id: string; currency: string; floor: Floor | null}[] = []
  let windows = 0
  if (tf) {
    const bad = unidentifiedRows(tf, ctx.frame.length)
    for (const cur of rowsByCurrency(tf, ctx.selection, ctx.frame.length)) {
      const ts = thresholdsInForce(ctx.thresholds, cur)
      if (ts.length === 0) {
        notes.push({check: 'splitting', buyer: null, currency: cur.currency, text: `${thresholdsMsg.noThreshold(cur.currency)} (${thresholdsMsg.noThresholdHint()})`})
        continue
      }
      used.push(...ts)
      const fl = buyerFloors(tf, cur)
      const present = new Set<number>()
      for (const i of cur.rows) present.add(tf.buyerKey[i])
      for (const k of [...present].sort((x, y) => x - y)) floors.push({...buyerOf(tf, k), currency: cur.currency, floor: fl[k]})
      for (const t of ts) {
        for (const k of present) {
          const f = fl[k]
          if (f && f.minor >= t.minor) {
            notes.push({check: 'splitting', buyer: buyerOf(tf, k).buyer, currency: cur.currency, text: thresholdsMsg.floorAtOrAbove(money(f.minor, f.currency), t.name, money(t.minor, t.currency))})
          }
        }
      }
      const period = ts.map(periodDays)
      for (const g of groupsOf(tf, cur.rows, bad, ts, minShare)) {
        const f = fl[g.buyer]
        ts.forEach((t, ti) => {
          if (f && f.minor >= t.minor) return
          const {from, to} = period[ti]
          const eligible = Uint8Array.from(g.days, (d, p) => (!g.recurring[p] && d >= from && d <= to && g.amounts[p] >= minShare * t.minor && g.amounts[p] < t.minor ? 1 : 0))
          for (const pos of splitWindows(g.days, g.amounts, eligible, t.minor, windowDays, minPayments)) {
            windows++
            flags.push(flagOf(tf, g, pos, t, windowDays))
          }
        })
      }
    }
  }
  notes.sort((a, b) => ((a.currency ?? '') < (b.currency ?? '') ? -1 : (a.currency ?? '') > (b.currency ?? '') ? 1 : (a.buyer ?? '') < (b.buyer ?? '') ? -1 : (a.buyer ?? '') > (b.buyer ?? '') ? 1 : 0))
  return {flags, notes, echo: {score: thresholdsMsg.splitScore(), thresholds: thresholdEcho(used), floors: floorEcho(floors), windows}}
}

export const splittingCheck: CheckDef = {
  name: 'splitting',
  summary: 'Payments by one buyer to one supplier within a window, each under a procurement threshold and together over it.',
  columns: [],
  params: {
    window_days: {
      kind: 'days', default: 30, min: 1, max: 366,
      doc: 'payments dated less than this many days after the window\'s first payment (30: about a month, one billing cycle; quotation rules count a requirement, not a day)',
    },
    min_share: {
      kind: 'share', default: 0.5, min: 0, max: 1,
      doc: 'each payment at least this share of the threshold (0.5: a two-way split puts at least one half near it; lower finds three- and four-way splits but also routine small orders)',
    },
    min_payments: {kind: 'int', default: 2, min: 2, max: 1000, doc: 'payments in a window (at least 2)'},
  },
  run: runSplitting,
}
