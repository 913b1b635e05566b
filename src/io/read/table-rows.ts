/**
 * Per-row work of the table layer: classify each row, then import it or
 * reject it (with file, line and reason), keeping counters and exact control
 * totals for the SourceReport. Imported rows are collected column-wise in a
 * RowBatch (per-value work memoised, values numbered once) and handed to the
 * sink a batch at a time, or as SpendRecords to sinks that take only records.
 */
import {amountError, amountToMinor} from '../../model/amount.js'
import {currencyExponent, isCurrencyCode} from '../../model/currency.js'
import {DateColumn} from '../../model/dates.js'
import {noOrgId, ukCompanyId, ukVatId, usUeiId} from '../../model/orgid.js'
import type {BuyerOrigin} from '../../model/record.js'
import {slug, supplierFacts} from '../../model/supplier.js'
import {flat, RowBatch, sendBatch} from '../workspace/batch.js'
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

/**
 * Per distinct value, what the rows need: computed once, with the value's
 * codes in the batch dictionaries (valid while `gen` equals the batch's).
 */
interface SupplierInfo {
  redacted: boolean
  key: string
  gen: number
  nameCode: number
  keyCode: number
  /** The id cell last seen with this name, and its result: names and ids come in pairs. */
  idRaw: string | null
  idInfo: IdInfo | null
}

/** A supplier id cell's validated id (null when invalid). */
interface IdInfo {
  id: string | null
  /** In the ids map, so reusing it skips no bad-id count. */
  cached: boolean
  gen: number
  idCode: number
  keyCode: number
}

interface DateInfo {
  iso: string | null | false
  error: string
  gen: number
  code: number
}

/** Buyers are few; cache name -> id. */
interface BuyerInfo {
  name: string
  id: string
  origin: BuyerOrigin
  gen: number
  idCode: number
  nameCode: number
  originCode: number
}

const NO_ID: IdInfo = {id: null, cached: true, gen: 0, idCode: -1, keyCode: -1}

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
  private readonly ids = new Map<string, IdInfo>()
  private readonly vats = new Map<string, IdInfo>()
  private readonly dates: DateColumn | null
  private readonly dateInfo = new Map<string, DateInfo>()
  private lastDateCell = ''
  private lastDate: DateInfo | undefined = undefined
  private lastSupplierName = ''
  private lastSupplier: SupplierInfo | undefined = undefined
  // Rows go to the sink column-wise, in batches (see workspace/batch.ts).
  private readonly batch = new RowBatch()
  private constGen = -1
  private sourceCode = -1
  private fileCode = -1
  private schemeCode = -1
  private lastCurrency = ''
  private currencyCode = -1
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
    const b = this.batch
    let date: string | null = null
    let dateCode = -1
    if (this.dates !== null && hasDate) {
      // Files sorted by date repeat a cell for long runs: skip the Map then.
      let di = dateCell === this.lastDateCell ? this.lastDate : this.dateInfo.get(dateCell)
      if (di === undefined) {
        const d = this.dates.parse(dateCell)
        di = {iso: d, error: d === false ? this.dates.error : '', gen: -1, code: -1}
        if (this.dateInfo.size < 50_000) this.dateInfo.set(flat(dateCell), di)
      }
      this.lastDateCell = dateCell
      this.lastDate = di
      if (di.iso === false) return this.reject(r, di.error, amount, currency)
      date = di.iso
      if (date !== null) {
        if (di.gen !== b.gen) {
          di.code = b.dicts.date.code(date)
          di.gen = b.gen
        }
        dateCode = di.code
      }
    }
    let sup = supplier === this.lastSupplierName ? this.lastSupplier : this.suppliers.get(supplier)
    if (sup === undefined) {
      const {redacted, key} = supplierFacts(supplier)
      sup = {redacted, key, gen: -1, nameCode: -1, keyCode: -1, idRaw: null, idInfo: null}
      if (this.suppliers.size < 200_000) this.suppliers.set(flat(supplier), sup)
    }
    this.lastSupplierName = supplier
    this.lastSupplier = sup
    if (sup.gen !== b.gen) {
      sup.nameCode = b.dicts.supplier.code(supplier)
      sup.keyCode = b.dicts.supplier_key.code(sup.key)
      sup.gen = b.gen
    }
    let idInfo = NO_ID
    if (ix.supplier_id !== undefined) {
      const raw = opt(cells, ix.supplier_id)
      if (sup.idInfo !== null && raw === sup.idRaw) idInfo = sup.idInfo
      else {
        idInfo = this.supplierId(raw)
        sup.idRaw = raw
        sup.idInfo = idInfo.cached ? idInfo : null
      }
    }
    if (idInfo.id === null && ix.supplier_vat !== undefined && currency === 'GBP') idInfo = this.vatId(opt(cells, ix.supplier_vat))
    const supplierId = idInfo.id
    if (supplierId !== null && idInfo.gen !== b.gen) {
      idInfo.idCode = b.dicts.supplier_id.code(supplierId)
      idInfo.keyCode = b.dicts.supplier_key.code(supplierId)
      idInfo.gen = b.gen
    }
    const buyer = this.buyer(opt(cells, ix.buyer), opt(cells, ix.buyer_id))
    if (buyer.gen !== b.gen) {
      buyer.idCode = b.dicts.buyer_id.code(buyer.id)
      buyer.nameCode = b.dicts.buyer.code(buyer.name)
      buyer.originCode = b.dicts.buyer_origin.code(buyer.origin)
      buyer.gen = b.gen
    }
    if (this.constGen !== b.gen) this.constCodes()
    if (currency !== this.lastCurrency) {
      this.currencyCode = b.dicts.currency.code(currency)
      this.lastCurrency = currency
    }
    const categoryCode = opt(cells, ix.category_code)
    const category = opt(cells, ix.category)
    const unit = opt(cells, ix.unit)
    const expenseType = opt(cells, ix.expense_type)
    const i = b.length++
    const c = b.codes
    c.buyer_id[i] = buyer.idCode
    c.buyer[i] = buyer.nameCode
    c.unit[i] = unit === null ? -1 : b.dicts.unit.code(unit)
    c.supplier_id[i] = supplierId === null ? -1 : idInfo.idCode
    c.supplier[i] = sup.nameCode
    c.supplier_key[i] = sup.redacted || supplierId === null ? sup.keyCode : idInfo.keyCode
    c.date[i] = dateCode
    c.currency[i] = this.currencyCode
    c.category_scheme[i] = categoryCode !== null || category !== null ? this.schemeCode : -1
    c.category_code[i] = categoryCode === null ? -1 : b.dicts.category_code.code(categoryCode)
    c.category[i] = category === null ? -1 : b.dicts.category.code(category)
    c.expense_type[i] = expenseType === null ? -1 : b.dicts.expense_type.code(expenseType)
    c.source[i] = this.sourceCode
    c.source_file[i] = this.fileCode
    c.buyer_origin[i] = buyer.originCode
    b.amount[i] = amount
    b.line[i] = r.line
    b.redacted[i] = sup.redacted ? 1 : 0
    b.description[i] = opt(cells, ix.description)
    b.transaction_id[i] = opt(cells, ix.transaction_id)
    if (b.length === b.capacity) this.flush()
    this.imported++
    this.acc(currency).imported.add(amount)
    if (date === null) this.noDate++
    if (sup.redacted) this.redacted++
    if (supplierId !== null) this.withSupplierId++
    if (categoryCode !== null || category !== null) this.withCategory++
  }

  /** Hand the rows batched so far to the sink; call once more after the last row. */
  flush(): void {
    const b = this.batch
    if (b.length === 0) return
    sendBatch(b, this.sink)
    b.clear()
  }

  /** Codes of the values that are the same on every row, for the batch's current dictionaries. */
  private constCodes(): void {
    const b = this.batch
    this.constGen = b.gen
    this.sourceCode = b.dicts.source.code(this.opts.importId)
    this.fileCode = b.dicts.source_file.code(this.source.name)
    this.schemeCode = this.categoryScheme === null ? -1 : b.dicts.category_scheme.code(this.categoryScheme)
    this.lastCurrency = ''
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
    // Records batched so far go first, so the sink sees rows in file order.
    this.flush()
    this.rejected++
    if (amount !== null && currency !== null) this.acc(currency).rejected.add(amount)
    this.sink.reject({source_file: this.source.name, source_line: r.line, reason, amount, currency, raw: r.cells.slice()})
  }

  private supplierId(raw: string | null): IdInfo {
    if (raw === null) return NO_ID
    const known = this.ids.get(raw)
    if (known !== undefined) return known
    const scheme = this.plan.supplierIdScheme
    const v = scheme === 'NO-BRC' ? noOrgId(raw) : scheme === 'GB-COH' ? ukCompanyId(raw) : scheme === 'US-UEI' ? usUeiId(raw) : null
    if (v === null && scheme !== null && !/^redacted$/i.test(raw)) this.badOrgIds++
    const info: IdInfo = {id: v, cached: this.ids.size < 200_000, gen: -1, idCode: -1, keyCode: -1}
    if (info.cached) this.ids.set(flat(raw), info)
    return info
  }

  private vatId(raw: string | null): IdInfo {
    if (raw === null) return NO_ID
    let v = this.vats.get(raw)
    if (v === undefined) {
      v = {id: ukVatId(raw), cached: true, gen: -1, idCode: -1, keyCode: -1}
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
    b = {name: n, id: scheme ?? slug(n), origin, gen: -1, idCode: -1, nameCode: -1, originCode: -1}
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
