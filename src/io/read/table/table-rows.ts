/**
 * Per-row work of the table layer: classify each row, then import it or
 * reject it (with file, line and reason), keeping counters and exact control
 * totals for the SourceReport. Imported rows are collected column-wise in a
 * RowBatch (per-value work memoised, values numbered once) and handed to the
 * sink a batch at a time, or as SpendRecords to sinks that take only records.
 * The per-value memos are in `row-memos.ts`, buyer and supplier ids in
 * `row-ids.ts`, the control totals in `row-totals.ts`.
 */
import {amountError, amountToMinor} from '../../../model/amount.js'
import {currencyExponent, isCurrencyCode} from '../../../model/currency.js'
import {RowBatch, sendBatch} from './batch.js'
import {isBlankRow} from './header.js'
import {headerAgain} from './header-again.js'
import {OrgIds, type BuyerInfo} from './row-ids.js'
import {DateMemo, SupplierMemo} from './row-memos.js'
import {accFor, floatNoise, type CurrencyAcc} from './row-totals.js'
import {classify, mayBeTotal, opt, rowFacts, type SkipKind} from './rowclass.js'
import type {TablePlan} from './tableplan.js'
import type {CellRow, ImportOptions, RecordSink, TableSource} from '../types.js'
import {rejectMsg} from '../../../messages.js'

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
  readonly totals = new Map<string, CurrencyAcc>()
  headerLine: number | null = null
  private readonly orgIds: OrgIds
  private readonly suppliers = new SupplierMemo()
  private readonly dates: DateMemo | null
  // Rows go to the sink column-wise, in batches (see batch.ts).
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
  private readonly isHeaderAgain: (cells: readonly string[]) => boolean
  private readonly categoryScheme: string | null
  private seen = 0

  constructor(
    readonly plan: TablePlan,
    readonly source: TableSource,
    private readonly opts: ImportOptions,
    private readonly sink: RecordSink,
  ) {
    this.ix = plan.mapping.index
    this.orgIds = new OrgIds(plan)
    this.dates = plan.dateOrder ? new DateMemo(plan.dateOrder) : null
    this.exp = currencyExponent(plan.currency)
    this.width = plan.header.length
    this.isHeaderAgain = headerAgain(plan)
    this.categoryScheme = categoryScheme(plan)
  }

  /** Buyers not from the buyer column seen by another reader of the same file (a split read, see split.ts). */
  otherBuyerNotColumn = false

  /** The memoised ids, for merging a split read (see split-stats.ts). */
  get ids(): OrgIds {
    return this.orgIds
  }

  /** Treat every row as a data row: the reader of a split file's second half starts below the header. */
  startBelowHeader(): void {
    this.seen = this.plan.headerIdx + 1
  }

  /** Supplier ids that failed the plan's registry check. */
  get badOrgIds(): number {
    return this.orgIds.badOrgIds
  }

  /** The distinct buyers seen (name + id cell -> buyer), up to 10,000. */
  get buyers(): Map<string, BuyerInfo> {
    return this.orgIds.buyers
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
      if (!amountOk && this.isHeaderAgain(cells)) {
        this.skipped.repeated_header++
        return
      }
    }
    if (ix.currency !== undefined && !isCurrencyCode(currency)) {
      return this.reject(r, rejectMsg.unknownCurrency(currency), null, null)
    }
    if (!amountOk) {
      const reason = amountWhy === 'blank' ? rejectMsg.noAmount() : rejectMsg.badAmount(amountWhy, amountCell.trim())
      return this.reject(r, reason, null, currency)
    }
    const b = this.batch
    let date: string | null = null
    let dateCode = -1
    if (this.dates !== null && hasDate) {
      const di = this.dates.get(dateCell)
      if (di.iso === false) return this.reject(r, di.error, amount, currency)
      date = di.iso
      if (date !== null) dateCode = this.dates.code(di, b)
    }
    // Codes are asked for in this order (supplier, then its id, then buyer) in every batch.
    const sup = this.suppliers.get(supplier, b)
    const idInfo = this.orgIds.supplierOf(sup, cells, currency, b)
    const supplierId = idInfo.id
    const buyer = this.orgIds.buyerOf(cells, b)
    if (this.constGen !== b.gen) this.constCodes()
    if (currency !== this.lastCurrency) {
      this.currencyCode = b.dicts.currency.code(currency)
      this.lastCurrency = currency
    }
    const categoryCode = opt(cells, ix.category_code)
    const category = opt(cells, ix.category)
    const unit = opt(cells, ix.unit)
    const expenseType = opt(cells, ix.expense_type)
    const scale = opt(cells, ix.supplier_scale)
    const invoice = opt(cells, ix.invoice_number)
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
    c.supplier_scale[i] = scale === null ? -1 : b.dicts.supplier_scale.code(scale)
    c.invoice_number[i] = invoice === null ? -1 : b.dicts.invoice_number.code(invoice)
    b.amount[i] = amount
    b.line[i] = r.line
    b.redacted[i] = sup.redacted ? 1 : 0
    b.description[i] = opt(cells, ix.description)
    b.transaction_id[i] = opt(cells, ix.transaction_id)
    if (b.length === b.capacity) this.flush()
    this.imported++
    accFor(this.totals, currency).imported.add(amount)
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

  private reject(r: CellRow, reason: string, amount: number | null, currency: string | null): void {
    // Records batched so far go first, so the sink sees rows in file order.
    this.flush()
    this.rejected++
    if (amount !== null && currency !== null) accFor(this.totals, currency).rejected.add(amount)
    this.sink.reject({source_file: this.source.name, source_line: r.line, reason, amount, currency, raw: r.cells.slice()})
  }
}

/**
 * The category scheme of the file's category columns: named by the code
 * column's header, else the preset's, else the publisher's own.
 */
function categoryScheme(plan: TablePlan): string | null {
  const ix = plan.mapping.index
  if (ix.category_code === undefined && ix.category === undefined) return null
  const catHead = ix.category_code === undefined ? '' : (plan.header[ix.category_code] ?? '').toLowerCase()
  if (catHead.includes('proclass')) return 'proclass'
  if (catHead.includes('cpv')) return 'cpv'
  if (catHead.includes('naics')) return 'naics'
  if (catHead.includes('product_or_service') || catHead.includes('psc')) return 'psc'
  return plan.preset?.categoryScheme ?? 'publisher'
}
