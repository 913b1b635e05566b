/**
 * The `new-supplier-large` check: a supplier's first payment far above the
 * buyer's typical payment.
 *
 * Per buyer and currency, the buyer's typical payments are summed up by
 * Tukey's fences of its positive payments in the selection (redacted ones
 * included: they are the buyer's payments): Q1, Q3 (type 7, exact in eighths
 * of a minor unit, fences.ts), IQR = Q3 - Q1 and the upper fence
 * Q3 + k IQR (k = `iqr_factor`, 1.5 as Tukey and OCP's Cardinal use). Each
 * is echoed per buyer, as Cardinal echoes its fences, so a flag can be
 * recomputed by hand.
 *
 * A supplier entity's first payment is its earliest-dated row with that
 * buyer and currency anywhere in the frame (ties by frame order, which is
 * source order), so a filter never makes an old supplier look new; it is
 * tested when it is in the selection, positive, and above the fence. Not
 * tested: redacted or blank suppliers (many unknown payees, never one
 * supplier), rows with no date, buyers with fewer than `min_payments`
 * positive payments (a note), and first payments in the first
 * `warmup_days` of the buyer's data, when every supplier is new (a note with
 * how many were skipped). Score: payment / fence.
 *
 * What it cannot see: payments under the publication floor are not
 * published, so the fences are of published payments only (higher than the
 * buyer's true typical payment where the floor cuts in); a supplier paid
 * before the first file is "new" in the data.
 */
import {formatMinor} from '../../model/money.js'
import {codePointCompare} from '../../model/entity-name.js'
import {flagsSupplierMsg as msg} from '../../messages.js'
import {eighthsToDecimal} from '../benchmark/stats-minor.js'
import {amounts, dim} from '../dims.js'
import {pairKeys} from '../kernel.js'
import {aboveFence, type Fences, upperFence, upperFenceLog} from './fences.js'
import {countText} from './share-text.js'
import {addDays} from './calendar.js'
import {dateRanks, selectedMask} from './share-rows.js'
import type {CheckContext, CheckDef, CheckNote, CheckResult, Flag} from './types.js'

const NAME = 'new-supplier-large'

export const newSupplierLargeCheck: CheckDef = {
  name: NAME,
  summary: 'A supplier\'s first payment far above the buyer\'s typical payment (above Q3 + k IQR).',
  columns: [],
  params: {
    iqr_factor: {kind: 'number', default: 1.5, min: 0, doc: 'k in the upper fence of the buyer\'s positive payments (Tukey 1977: 1.5; OCP Cardinal uses the same fences)'},
    scale: {kind: 'enum', default: 'log', values: ['log', 'linear'], doc: 'log: the fence on log amounts, Q3 x (Q3/Q1)^k (payments are skewed to the right: the plain fence passes a buyer\'s top ~8% of payments, this one well under 1% of log-normal ones); linear: Q3 + k IQR as Cardinal computes it'},
    warmup_days: {kind: 'days', default: 90, min: 0, doc: 'days from the start of a buyer\'s data in which first payments are not tested (every supplier is new then)'},
    min_payments: {kind: 'int', default: 30, min: 4, doc: 'positive payments a buyer needs for its quartiles to be tested (fewer: a note)'},
  },
  run: runNewSupplier,
}

interface BuyerFacts {
  b: number
  c: number
  /** Earliest date rank of the buyer's rows (any sign, whole frame). */
  start: number
  fences: Fences | null
  /** Positive payments in the selection. */
  positives: number
  warmupUntil: string
  skipped: number
}

function runNewSupplier(ctx: CheckContext): CheckResult {
  const {frame, selection} = ctx
  const k = Number(ctx.params.iqr_factor)
  const logScale = ctx.params.scale !== 'linear'
  const warmup = Number(ctx.params.warmup_days)
  const minPayments = Number(ctx.params.min_payments)
  const flags: Flag[] = []
  const notes: CheckNote[] = []
  const buyer = dim(frame, 'buyer')
  const cur = dim(frame, 'currency')
  const sup = dim(frame, 'supplier')
  const amt = amounts(frame)
  const n = frame.length
  const dates = dateRanks(frame)
  const red = frame.columns.redacted?.type === 'bool' ? frame.columns.redacted.values : null
  const picked = selectedMask(selection, n)
  // Buyer x currency groups over every row (the history), then x supplier.
  const bc = pairKeys(buyer.keys, buyer.size, cur.keys, cur.size, null)
  const bcs = pairKeys(bc.keys, bc.size, sup.keys, sup.size, null)
  const start = new Int32Array(bc.size).fill(-1)
  const first = new Int32Array(bcs.size).fill(-1)
  const firstRank = new Int32Array(bcs.size)
  const positives = new Int32Array(bc.size)
  for (let i = 0; i < n; i++) {
    const g = bc.keys[i]
    if (picked[i] && amt[i] > 0) positives[g]++
    const dc = dates.codes[i]
    if (dc < 0) continue
    const r = dates.byCode[dc]
    if (start[g] < 0 || r < start[g]) start[g] = r
    const t = bcs.keys[i]
    if (first[t] < 0 || r < firstRank[t]) {
      first[t] = i
      firstRank[t] = r
    }
  }
  // Positive selected payments per buyer x currency, one slice each (reordered by the quartile selection).
  const offset = new Int32Array(bc.size + 1)
  for (let g = 0; g < bc.size; g++) offset[g + 1] = offset[g] + positives[g]
  const values = new Float64Array(offset[bc.size])
  const fill = offset.slice(0, bc.size)
  for (let i = 0; i < n; i++) if (picked[i] && amt[i] > 0) values[fill[bc.keys[i]]++] = amt[i]
  const facts: BuyerFacts[] = []
  for (let g = 0; g < bc.size; g++) {
    const slice = values.subarray(offset[g], offset[g + 1])
    const from = start[g] < 0 ? null : dates.sorted[start[g]]
    const fences = slice.length >= Math.max(1, minPayments) ? (logScale ? upperFenceLog(slice, k) : upperFence(slice, k)) : null
    facts.push({b: bc.parent[g], c: bc.child[g], start: start[g], fences, positives: slice.length, warmupUntil: from ? addDays(from, warmup - 1) : '', skipped: 0})
  }
  for (let t = 0; t < bcs.size; t++) {
    const i = first[t]
    if (i < 0 || !picked[i] || amt[i] <= 0) continue
    const s = bcs.child[t]
    if (sup.unidentified?.[s] === 1 || red?.[i] === 1) continue
    const f = facts[bcs.parent[t]]
    if (!f.fences || !aboveFence(amt[i], f.fences)) continue
    const date = dates.sorted[dates.byCode[dates.codes[i]]]
    if (date <= f.warmupUntil) {
      f.skipped++
      continue
    }
    const currency = cur.ids[f.c] ?? ''
    const supplier = sup.labels[s] ?? sup.ids[s] ?? ''
    const score = (amt[i] * 8) / Number(f.fences.upper)
    const fence = eighthsToDecimal(f.fences.upper, currency)
    flags.push({
      check: NAME, kind: 'first-payment-above-fence',
      buyer: buyer.labels[f.b] ?? buyer.ids[f.b] ?? '', buyer_id: buyer.ids[f.b] ?? '',
      supplier, supplier_key: sup.ids[s], category: null,
      amount: BigInt(amt[i]), currency, score,
      explanation: msg.newSupplierLarge(supplier, date, `${currency} ${formatMinor(amt[i], currency)}`, score.toFixed(1),
        `${currency} ${fence}`, String(k), countText(f.fences.n), logScale),
      rows: Uint32Array.of(i),
    })
  }
  const echoFences: Record<string, unknown>[] = []
  const ordered = facts.filter((f) => f.start >= 0 || f.fences)
    .sort((a, b) => codePointCompare(cur.ids[a.c] ?? '', cur.ids[b.c] ?? '') || codePointCompare(buyer.ids[a.b] ?? '', buyer.ids[b.b] ?? ''))
  for (const f of ordered) {
    const currency = cur.ids[f.c] ?? ''
    const name = buyer.labels[f.b] ?? buyer.ids[f.b] ?? ''
    if (!f.fences) {
      notes.push({check: NAME, buyer: name, currency, text: msg.newSupplierFew(f.positives, minPayments)})
      continue
    }
    const dec = (e: bigint) => eighthsToDecimal(e, currency)
    echoFences.push({
      buyer: name, buyer_id: buyer.ids[f.b], currency, payments: f.fences.n,
      q1: dec(f.fences.q1), q3: dec(f.fences.q3), iqr: dec(f.fences.iqr), upper_fence: dec(f.fences.upper),
      data_from: f.start >= 0 ? dates.sorted[f.start] : null, warmup_until: f.warmupUntil || null,
    })
    if (f.skipped > 0) notes.push({check: NAME, buyer: name, currency, text: msg.newSupplierWarmup(f.skipped, dates.sorted[f.start], f.warmupUntil, warmup)})
  }
  return {flags, notes, echo: {score: msg.newSupplierScore(), method: msg.newSupplierMethod(), fences: echoFences}}
}
