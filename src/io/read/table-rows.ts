/**
 * Per-row work of the table layer: classify each row, then import it (one
 * SpendRecord) or reject it (with file, line and reason), keeping counters and
 * exact control totals for the SourceReport.
 */
import {amountError, amountToMinor} from '../../model/amount.js'
import {currencyExponent, isCurrencyCode} from '../../model/currency.js'
import {DateColumn} from '../../model/dates.js'
import {noOrgId, ukCompanyId, ukVatId, usUeiId} from '../../model/orgid.js'
import type {BuyerOrigin, SpendRecord} from '../../model/record.js'
import {isRedacted, slug, supplierKey} from '../../model/supplier.js'
import {isBlankRow} from './header.js'
import {classify, mayBeTotal, opt, rowFacts, type SkipKind} from './rowclass.js'
import type {TablePlan} from './tableplan.js'
import type {CellRow, ImportOptions, RecordSink, TableSource} from './types.js'

/** Exact running totals: a double while it is safe, flushed into a bigint. */
class Total {
  small = 0
  big = 0n
  add(v: number): void {
    this.small += v
    if (this.small > 4e15 || this.small < -4e15) {
      this.big += BigInt(this.small)
      this.small = 0
    }
  }
  value(): bigint {
    return this.big + BigInt(this.small)
  }
}

export interface CurrencyAcc {
  imported: Total
  rejected: Total
}

interface SupplierInfo {
  redacted: boolean
  key: string
}

/** Buyers are few; cache name -> id. */
interface BuyerInfo {
  name: string
  id: string
  origin: BuyerOrigin
}

/**
 * Applies a TablePlan to rows, one at a time; `buildReport` reads its counters.
 *
 * @example const reader = new TableReader(plan, source, opts, sink); for (const r of rows) reader.row(r)
 */
export class TableReader {
  readonly skipped: Record<SkipKind, number> = {blank: 0, title: 0, header: 0, repeated_header: 0, total: 0, nil: 0, note: 0}
  imported = 0
  rejected = 0
  noDate = 0
  redacted = 0
  withSupplierId = 0
  withCategory = 0
  badOrgIds = 0
  readonly totals = new Map<string, CurrencyAcc>()
  private readonly suppliers = new Map<string, SupplierInfo>()
  readonly buyers = new Map<string, BuyerInfo>()
  private readonly ids = new Map<string, string | null>()
  private readonly vats = new Map<string, string | null>()
  private readonly dates: DateColumn | null
  private readonly exp: number
  private readonly ix: TablePlan['mapping']['index']
  private readonly width: number
  private readonly headerNorm: string
  private readonly categoryScheme: string | null
  private seen = 0

  constructor(
    readonly plan: TablePlan,
    readonly source: TableSource,
    private readonly opts: ImportOptions,
    private readonly sink: RecordSink,
  ) {
    this.ix = plan.mapping.index
    this.dates = plan.dateOrder ? new DateColumn(plan.dateOrder) : null
    this.exp = currencyExponent(plan.currency)
    this.width = plan.header.length
    this.headerNorm = (plan.header[this.ix.amount as number] ?? '').trim()
    const catHead = this.ix.category_code === undefined ? '' : (plan.header[this.ix.category_code] ?? '').toLowerCase()
    this.categoryScheme =
      this.ix.category_code === undefined && this.ix.category === undefined
        ? null
        : catHead.includes('proclass')
          ? 'proclass'
          : catHead.includes('cpv')
            ? 'cpv'
            : catHead.includes('naics')
              ? 'naics'
              : catHead.includes('product_or_service') || catHead.includes('psc')
                ? 'psc'
                : (plan.preset?.categoryScheme ?? 'publisher')
  }

  private acc(currency: string): CurrencyAcc {
    let a = this.totals.get(currency)
    if (!a) {
      a = {imported: new Total(), rejected: new Total()}
      this.totals.set(currency, a)
    }
    return a
  }

  row(r: CellRow): void {
    const idx = this.seen++
    const cells = r.cells
    if (idx < this.plan.headerIdx) {
      this.skipped[isBlankRow(cells) ? 'blank' : 'title']++
      return
    }
    if (idx === this.plan.headerIdx) {
      this.skipped.header++
      return
    }
    const ix = this.ix
    const amountCell = cells[ix.amount as number] ?? ''
    // Currency of the row: its own cell when the file has a currency column.
    let currency = this.plan.currency
    let exp = this.exp
    if (ix.currency !== undefined) {
      const c = (cells[ix.currency] ?? '').trim().toUpperCase()
      if (c !== '' && c !== currency) {
        currency = c
        exp = currencyExponent(c)
      }
    }
    let amount = amountToMinor(amountCell, this.plan.decimal, exp)
    let amountWhy = Number.isNaN(amount) ? amountError() : ''
    if (Number.isNaN(amount) && this.source.typedCells && amountWhy.startsWith('more decimals')) {
      amount = floatNoise(amountCell, exp)
      if (!Number.isNaN(amount)) amountWhy = ''
    }
    const amountOk = !Number.isNaN(amount)
    const supplierRaw = ix.supplier === undefined ? '' : (cells[ix.supplier] ?? '')
    const supplier = supplierRaw.trim()
    const dateCell = ix.date === undefined ? '' : (cells[ix.date] ?? '')
    const hasSupplier = supplier !== '' && !mayBeTotal(supplier)
    const hasDate = dateCell.trim() !== ''
    if (!(amountOk && (hasSupplier || hasDate))) {
      const kind = classify(rowFacts(cells), this.width, amountOk, hasSupplier, hasDate)
      if (kind !== 'data') {
        this.skipped[kind]++
        return
      }
      if (!amountOk && amountCell.trim() === this.headerNorm && this.isRepeatedHeader(cells)) {
        this.skipped.repeated_header++
        return
      }
    }
    if (ix.currency !== undefined && !isCurrencyCode(currency)) {
      return this.reject(r, `unknown currency "${currency}"`, null, null)
    }
    if (!amountOk) {
      const reason = amountWhy === 'blank' ? 'no amount' : `amount ${amountWhy}: "${amountCell.trim()}"`
      return this.reject(r, reason, null, currency)
    }
    let date: string | null = null
    if (this.dates !== null && hasDate) {
      const d = this.dates.parse(dateCell)
      if (d === false) return this.reject(r, this.dates.error, amount, currency)
      date = d
    }
    let sup = this.suppliers.get(supplier)
    if (sup === undefined) {
      sup = {redacted: isRedacted(supplier), key: supplierKey(supplier)}
      if (this.suppliers.size < 200_000) this.suppliers.set(supplier, sup)
    }
    let supplierId: string | null = null
    if (ix.supplier_id !== undefined) supplierId = this.supplierId(opt(cells, ix.supplier_id))
    if (supplierId === null && ix.supplier_vat !== undefined && currency === 'GBP') supplierId = this.vatId(opt(cells, ix.supplier_vat))
    const buyer = this.buyer(opt(cells, ix.buyer), opt(cells, ix.buyer_id))
    const categoryCode = opt(cells, ix.category_code)
    const category = opt(cells, ix.category)
    const rec: SpendRecord = {
      buyer_id: buyer.id,
      buyer: buyer.name,
      unit: opt(cells, ix.unit),
      supplier_id: supplierId,
      supplier,
      supplier_key: sup.redacted ? sup.key : (supplierId ?? sup.key),
      date,
      amount,
      currency,
      category_scheme: categoryCode !== null || category !== null ? this.categoryScheme : null,
      category_code: categoryCode,
      category,
      expense_type: opt(cells, ix.expense_type),
      description: opt(cells, ix.description),
      transaction_id: opt(cells, ix.transaction_id),
      source: this.opts.importId,
      source_file: this.source.name,
      source_line: r.line,
      redacted: sup.redacted,
      buyer_origin: buyer.origin,
    }
    this.sink.add(rec)
    this.imported++
    this.acc(currency).imported.add(amount)
    if (date === null) this.noDate++
    if (sup.redacted) this.redacted++
    if (supplierId !== null) this.withSupplierId++
    if (categoryCode !== null || category !== null) this.withCategory++
  }

  private isRepeatedHeader(cells: readonly string[]): boolean {
    let same = 0
    let filled = 0
    for (let i = 0; i < this.width; i++) {
      const h = (this.plan.header[i] ?? '').trim()
      if (h === '') continue
      filled++
      if ((cells[i] ?? '').trim().toLowerCase() === h.toLowerCase()) same++
    }
    return filled > 0 && same * 2 > filled
  }

  private reject(r: CellRow, reason: string, amount: number | null, currency: string | null): void {
    this.rejected++
    if (amount !== null && currency !== null) this.acc(currency).rejected.add(amount)
    this.sink.reject({source_file: this.source.name, source_line: r.line, reason, amount, currency, raw: r.cells.slice()})
  }

  private supplierId(raw: string | null): string | null {
    if (raw === null) return null
    let v = this.ids.get(raw)
    if (v !== undefined) return v
    const scheme = this.plan.supplierIdScheme
    v = scheme === 'NO-BRC' ? noOrgId(raw) : scheme === 'GB-COH' ? ukCompanyId(raw) : scheme === 'US-UEI' ? usUeiId(raw) : null
    if (v === null && scheme !== null && !/^redacted$/i.test(raw)) this.badOrgIds++
    if (this.ids.size < 200_000) this.ids.set(raw, v)
    return v
  }

  private vatId(raw: string | null): string | null {
    if (raw === null) return null
    let v = this.vats.get(raw)
    if (v === undefined) {
      v = ukVatId(raw)
      if (this.vats.size < 200_000) this.vats.set(raw, v)
    }
    return v
  }

  private lastBuyer: BuyerInfo | null = null
  private lastBuyerName: string | null = null
  private lastBuyerId: string | null = null

  private buyer(name: string | null, id: string | null): BuyerInfo {
    // Files usually repeat one buyer for long runs: skip the map lookup then.
    if (this.lastBuyer !== null && name === this.lastBuyerName && id === this.lastBuyerId) return this.lastBuyer
    const key = id === null ? (name ?? '') : `${name ?? ''}\u0000${id}`
    let b = this.buyers.get(key)
    if (b) {
      this.lastBuyer = b
      this.lastBuyerName = name
      this.lastBuyerId = id
      return b
    }
    const plan = this.plan
    const origin: BuyerOrigin = name !== null ? 'column' : plan.fallbackOrigin
    const n = name ?? plan.fallbackBuyer
    const scheme = id === null ? null : (noOrgId(id) ?? ukCompanyId(id))
    b = {name: n, id: scheme ?? slug(n), origin}
    if (this.buyers.size < 10_000) this.buyers.set(key, b)
    this.lastBuyer = b
    this.lastBuyerName = name
    this.lastBuyerId = id
    return b
  }

  headerLine: number | null = null
}

/**
 * Spreadsheet numbers are doubles: `0.30000000000000004` is 0.30 written by a
 * float, not a sub-penny amount. Accept it when it is within 1e-6 of a whole
 * minor unit (typed cells only); anything else stays an error.
 */
function floatNoise(text: string, exp: number): number {
  const x = Number(text.trim()) * 10 ** exp
  const r = Math.round(x)
  return Number.isFinite(x) && Math.abs(x - r) < 1e-6 && Number.isSafeInteger(r) ? r : Number.NaN
}
