/**
 * Turn distinct OCDS items into spend records and rejected rows, and keep the
 * counts the report needs. Money is exact: the amount's decimal text becomes
 * integer minor units of its currency; an item's amount split between several
 * suppliers is divided in minor units so the parts add up to the whole.
 */
import {currencyExponent} from '../../../model/currency.js'
import type {SpendRecord} from '../../../model/record.js'
import type {RecordSink} from '../types.js'
import {describe, type Candidate, type Org} from './extract.js'
import {isRedacted, slug, supplierKey} from '../../../model/supplier.js'
import {ocdsMsg} from './messages.js'
import {amountText, decimalToMinor} from './values.js'

export interface EmitStats {
  distinct: number
  imported: number
  rejected: number
  records: number
  reasons: {no_value: number; zero_value: number; no_currency: number; bad_amount: number}
  split: number
  noSuppliers: number
  noBuyer: number
  statuses: Map<string, number>
  currencyFromContract: number
  currencyFromFlag: number
  totals: Map<string, {imported: bigint; rejected: bigint}>
  quality: {no_date: number; redacted: number; with_supplier_id: number; with_category: number}
  /** Per currency: value with a known `details.scale`, and the part of it with scale 'sme'. */
  scale: Map<string, {known: bigint; sme: bigint}>
  scaleRows: number
  /** Running sums behind `totals` and `scale` until `finishStats`. */
  sums: Map<string, Sums>
}

/**
 * An exact integer sum that stays a double while that is exact and spills into
 * a bigint before it would not: a BigInt per record costs more than the rest of it.
 */
class ExactSum {
  private big = 0n
  private small = 0
  add(n: number): void {
    if (Math.abs(this.small) + Math.abs(n) > Number.MAX_SAFE_INTEGER) {
      this.big += BigInt(this.small)
      this.small = 0
    }
    this.small += n
  }
  get value(): bigint {
    return this.big + BigInt(this.small)
  }
}

interface Sums {
  imported: ExactSum
  rejected: ExactSum
  scale: {known: ExactSum; sme: ExactSum} | null
}

export function newStats(): EmitStats {
  return {distinct: 0, imported: 0, rejected: 0, records: 0, reasons: {no_value: 0, zero_value: 0, no_currency: 0, bad_amount: 0},
    split: 0, noSuppliers: 0, noBuyer: 0, statuses: new Map(), currencyFromContract: 0, currencyFromFlag: 0, totals: new Map(),
    quality: {no_date: 0, redacted: 0, with_supplier_id: 0, with_category: 0}, scale: new Map(), scaleRows: 0, sums: new Map()}
}

/**
 * Move the running sums into `totals` and `scale` (call once, after the last item).
 *
 * @example const stats = newStats(); finishStats(stats); stats.totals.size // 0
 */
export function finishStats(stats: EmitStats): void {
  for (const [currency, s] of stats.sums) {
    stats.totals.set(currency, {imported: s.imported.value, rejected: s.rejected.value})
    if (s.scale) stats.scale.set(currency, {known: s.scale.known.value, sme: s.scale.sme.value})
  }
  stats.sums.clear()
}

function sumsOf(stats: EmitStats, currency: string): Sums {
  let t = stats.sums.get(currency)
  if (!t) stats.sums.set(currency, (t = {imported: new ExactSum(), rejected: new ExactSum(), scale: null}))
  return t
}

/** Name checks repeat for the same few thousand suppliers and buyers: remember them (bounded), each worked out when first needed. */
interface NameFacts {
  redacted?: boolean
  key?: string
  slug?: string
}
const nameCache = new Map<string, NameFacts>()

function nameFacts(name: string): NameFacts {
  let hit = nameCache.get(name)
  if (hit === undefined) {
    if (nameCache.size >= 100_000) nameCache.clear()
    nameCache.set(name, (hit = {}))
  }
  return hit
}

const redactedName = (name: string): boolean => (nameFacts(name).redacted ??= name !== '' && isRedacted(name))
const nameKey = (name: string): string => (nameFacts(name).key ??= supplierKey(name))
const nameSlug = (name: string): string => (nameFacts(name).slug ??= slug(name))

/**
 * Split `total` minor units into `n` parts that add up to it exactly: equal
 * parts truncated toward zero, the remainder to the first part.
 *
 * @example splitMinor(100, 3) // [34, 33, 33]
 * @example splitMinor(-5, 2) // [-3, -2]
 */
export function splitMinor(total: number, n: number): number[] {
  if (n <= 1) return [total]
  const part = Math.trunc(total / n)
  return [total - part * (n - 1), ...Array.from({length: n - 1}, () => part)]
}

function tally(stats: EmitStats, currency: string, kind: 'imported' | 'rejected', amount: number): void {
  sumsOf(stats, currency)[kind].add(amount)
}

/** Context every record of one source shares. */
export interface EmitContext {
  sink: RecordSink
  stats: EmitStats
  importId: string
  file: string
  buyerFlag?: string
  /** --currency: used only for items that state no currency. */
  currencyFlag?: string
}

/** Check the amount of one distinct item; reject it (with the reason) or import it, split per supplier. */
export function emitItem(c: Candidate & {suppliers: Org[]}, ctx: EmitContext): void {
  const {stats, sink} = ctx
  stats.distinct++
  if (c.status && c.status !== 'active') stats.statuses.set(c.status, (stats.statuses.get(c.status) ?? 0) + 1)
  const txt = amountText(c.amount)
  const {ocid, what, transactionId} = describe(c)
  let currency = c.currency
  const reject = (reason: string, key: keyof EmitStats['reasons'], amount: number | null) => {
    stats.reasons[key]++
    stats.rejected++
    if (amount !== null && currency) tally(stats, currency, 'rejected', amount)
    sink.reject({source_file: ctx.file, source_line: c.line, reason, amount, currency,
      raw: [ocid, what, txt ?? '', currency ?? '', c.suppliers.map((x) => x.name).join('; ')]})
  }
  if (txt === null) return reject(ocdsMsg.noValue(what), 'no_value', null)
  if (!currency && c.fallbackCurrency) {
    currency = c.fallbackCurrency
    stats.currencyFromContract++
  } else if (!currency && ctx.currencyFlag) {
    // Only an explicit --currency fills a missing currency; we never guess one.
    currency = ctx.currencyFlag
    stats.currencyFromFlag++
  }
  if (!currency) return reject(ocdsMsg.noCurrency(what), 'no_currency', null)
  const minor = decimalToMinor(txt, currencyExponent(currency))
  if (minor === 'not-a-number') return reject(ocdsMsg.badAmount(what, txt), 'bad_amount', null)
  if (minor === 'too-many-decimals') return reject(ocdsMsg.tooPrecise(what, txt, currency), 'bad_amount', null)
  if (minor === 'too-large') return reject(ocdsMsg.tooLarge(what, txt), 'bad_amount', null)
  if (minor === 0) return reject(ocdsMsg.zeroValue(what), 'zero_value', 0)
  stats.imported++
  const suppliers: Org[] = c.suppliers.length ? c.suppliers : [{name: '', id: null, scale: null}]
  if (c.suppliers.length === 0) stats.noSuppliers++
  if (suppliers.length > 1) stats.split++
  const parts = splitMinor(minor, suppliers.length)
  const buyerName = c.buyer?.name || ctx.buyerFlag || ''
  if (!c.buyer?.name && !ctx.buyerFlag) stats.noBuyer += parts.length
  const buyerId = (c.buyer?.name ? c.buyer.id : null) ?? nameSlug(buyerName)
  for (let i = 0; i < suppliers.length; i++) {
    const s = suppliers[i]
    const amount = parts[i]
    const share = suppliers.length > 1 ? `[share ${i + 1}/${suppliers.length}]` : null
    const rec: SpendRecord = {
      buyer_id: buyerId, buyer: buyerName, unit: null,
      supplier_id: s.id, supplier: s.name, supplier_key: s.id ?? nameKey(s.name),
      date: c.date, amount, currency,
      category_scheme: c.category?.[0] ?? null, category_code: c.category?.[1] ?? null, category: c.category?.[2] ?? null,
      expense_type: c.expenseType,
      description: share ? (c.description ? `${c.description} ${share}` : share) : c.description,
      transaction_id: transactionId,
      source: ctx.importId, source_file: ctx.file, source_line: c.line,
      redacted: redactedName(s.name), buyer_origin: c.buyer?.name || !ctx.buyerFlag ? 'ocds' : 'flag',
      supplier_scale: s.scale,
    }
    sink.add(rec)
    stats.records++
    tally(stats, currency, 'imported', amount)
    if (!rec.date) stats.quality.no_date++
    if (rec.redacted) stats.quality.redacted++
    if (rec.supplier_id) stats.quality.with_supplier_id++
    if (rec.category_code) stats.quality.with_category++
    if (s.scale) {
      stats.scaleRows++
      const t = sumsOf(stats, currency)
      const sc = (t.scale ??= {known: new ExactSum(), sme: new ExactSum()})
      sc.known.add(amount)
      if (/^(sme|micro|small|medium)$/i.test(s.scale)) sc.sme.add(amount)
    }
  }
}
