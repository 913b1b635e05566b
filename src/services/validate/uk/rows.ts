/**
 * The row pass of a UK spend file: each data row's cells checked as they
 * stream past, and what needs the whole file (the dominant date format, the
 * dominant redaction marker) kept as line lists and judged at the end.
 * Amounts are summed exactly (BigInt pence) to recognise a sum at the bottom.
 */
import {isBlankRow} from '../../../io/read/table/header.js'
import type {CellRow} from '../../../io/read/types.js'
import {ukVatId} from '../../../model/orgid.js'
import {isRedacted} from '../../../model/supplier.js'
import type {Problem} from '../types.js'
import {checkAmount, dateFormat, DateCells, isTotalLabel, strayCharacters, supplierIdScheme} from './cells.js'
import type {ColumnKey, UkSpec} from './guidance.js'

/** Required columns whose cells must not be blank (supplier, amount and date have their own checks). */
const VALUE_KEYS: readonly ColumnKey[] = ['family', 'entity', 'expense_type', 'unit', 'transaction']

/** Pence as pounds with thousands separators, without Intl (which costs ~100x more per call on a big file). */
function pounds(minor: number): string {
  const abs = Math.abs(minor)
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ',')
  return `${minor < 0 ? '-' : ''}£${whole}.${String(abs % 100).padStart(2, '0')}`
}

export class RowChecker {
  readonly problems: Problem[] = []
  rows = 0
  private blankFrom = 0
  private blankCount = 0
  private sum = 0n
  private readonly dates = new DateCells()
  private readonly dateLines = new Map<string, number[]>()
  private readonly redactions = new Map<string, number[]>()
  private readonly threshold: number
  private readonly thresholdText: string
  private readonly valueCols: {key: ColumnKey; name: string}[]

  constructor(
    private readonly spec: UkSpec,
    private readonly index: Partial<Record<ColumnKey, number>>,
    private readonly header: readonly string[],
    /** Spreadsheet cells are typed: a date cell is a date, whatever its display format. */
    private readonly typedCells: boolean,
  ) {
    this.threshold = spec.thresholdPounds * 100
    this.thresholdText = pounds(this.threshold).replace(/\.00$/, '')
    this.valueCols = spec.columns.filter((c) => c.required && VALUE_KEYS.includes(c.key) && index[c.key] !== undefined)
  }

  private cell(cells: readonly string[], key: ColumnKey): string | null {
    const j = this.index[key]
    return j === undefined ? null : (cells[j] ?? '')
  }

  private add(line: number, key: ColumnKey | null, severity: Problem['severity'], code: string, message: string, fix: string): void {
    const j = key === null ? undefined : this.index[key]
    this.problems.push({line, column: j === undefined ? null : j + 1, severity, code, message, fix, field: j === undefined ? null : (this.header[j] ?? '').trim()})
  }

  /** One row below the header. */
  row(r: CellRow): void {
    if (isBlankRow(r.cells)) {
      if (this.blankCount === 0) this.blankFrom = r.line
      this.blankCount++
      return
    }
    this.flushBlank()
    if (this.totalRow(r)) return
    this.rows++
    const {line, cells} = r
    this.amount(line, cells)
    this.date(line, cells)
    const supplier = this.cell(cells, 'supplier')
    if (supplier !== null && isRedacted(supplier)) {
      const form = supplier.trim().replace(/\s+/g, ' ')
      const lines = this.redactions.get(form)
      if (lines) lines.push(line)
      else this.redactions.set(form, [line])
    }
    for (const {key, name} of this.valueCols) {
      if ((this.cell(cells, key) as string).trim() === '') this.add(line, key, 'error', 'value-missing', `"${name}" is blank`, `fill in the ${name} on every row`)
    }
    this.ids(line, cells)
  }

  /** A total or subtotal row: a cell labelled "Total", or an amount equal to the sum of every row above it. */
  private totalRow(r: CellRow): boolean {
    for (let j = 0; j < r.cells.length; j++) {
      if (j === this.index.amount || !isTotalLabel(r.cells[j] as string)) continue
      this.problems.push({
        line: r.line, column: j + 1, severity: 'error', code: 'total-row',
        message: `a total row ("${(r.cells[j] as string).trim()}") among the transactions`,
        fix: 'remove total and subtotal rows: publish one row per transaction', field: (this.header[j] ?? '').trim(),
      })
      return true
    }
    const a = checkAmount(this.cell(r.cells, 'amount') ?? '')
    if (a.kind === 'ok' && a.minor !== 0 && this.rows >= 2 && BigInt(a.minor) === this.sum) {
      this.add(r.line, 'amount', 'error', 'total-row', `${pounds(a.minor)} is the sum of the ${this.rows} rows above it: a total row`, 'remove total rows: publish one row per transaction')
      return true
    }
    return false
  }

  private amount(line: number, cells: readonly string[]): void {
    const text = this.cell(cells, 'amount')
    if (text === null) return
    const a = checkAmount(text)
    if (a.kind === 'missing') this.add(line, 'amount', 'error', 'amount-missing', 'the amount is blank', 'give the amount paid, e.g. 25123.45')
    else if (a.kind === 'bad') this.add(line, 'amount', 'error', 'amount-unparseable', `"${text.trim()}" is not an amount: ${a.reason}`, 'write the amount as a plain number, e.g. 25123.45')
    else {
      this.sum += BigInt(a.minor)
      if (!a.plain)
        this.add(line, 'amount', 'warning', 'amount-not-plain', `"${text.trim()}" has ${strayCharacters(text)} around the number`, `write it as a plain number: ${(a.minor / 100).toFixed(2)}`)
      if (Math.abs(a.minor) < this.threshold)
        this.add(line, 'amount', 'warning', 'below-threshold', `${pounds(a.minor)} is below the ${this.thresholdText} threshold of ${this.spec.standard}`, 'check that the payment belongs in this publication (a line of a larger invoice does; say so in the notes)')
    }
  }

  private date(line: number, cells: readonly string[]): void {
    const text = this.cell(cells, 'date')
    if (text === null) return
    const d = this.dates.check(text)
    if (d.kind === 'missing') this.add(line, 'date', 'error', 'date-missing', 'the date is blank', 'give the payment date as DD/MM/YYYY')
    else if (d.kind === 'bad') this.add(line, 'date', 'error', 'date-unparseable', `"${text.trim()}" is not a date: ${d.reason}`, 'give the payment date as DD/MM/YYYY')
    else {
      const f = this.typedCells ? 'date cell' : dateFormat(text)
      const lines = this.dateLines.get(f)
      if (lines) lines.push(line)
      else this.dateLines.set(f, [line])
    }
  }

  private ids(line: number, cells: readonly string[]): void {
    for (const key of ['supplier_id', 'company'] as const) {
      const v = this.cell(cells, key)?.trim() ?? ''
      if (v !== '' && supplierIdScheme(v) === null)
        this.add(line, key, 'warning', 'supplier-id-unknown-scheme', `supplier id "${v}" is in no known scheme`, 'give a Companies House, charity or VAT number (or an org-id.guide id such as GB-COH-01234567), or leave it blank')
    }
    const vat = this.cell(cells, 'vat')?.trim() ?? ''
    if (vat !== '' && ukVatId(vat) === null)
      this.add(line, 'vat', 'warning', 'supplier-id-unknown-scheme', `"${vat}" is not a valid UK VAT number`, 'give the 9-digit VAT registration number (GB optional), or leave it blank')
  }

  private flushBlank(): void {
    if (this.blankCount === 0) return
    const n = this.blankCount
    this.problems.push({
      line: this.blankFrom, column: null, severity: 'warning', code: 'blank-row',
      message: n === 1 ? 'a blank row' : `${n} blank rows (lines ${this.blankFrom} to ${this.blankFrom + n - 1})`,
      fix: 'remove blank rows', field: null,
    })
    this.blankCount = 0
  }

  /** The end of the file: trailing blank rows, then the checks of the whole file. */
  finish(): void {
    this.flushBlank()
    this.mixedDates()
    this.redaction()
  }

  private mixedDates(): void {
    const [main, mainLines] = dominant(this.dateLines)
    if (main === null) return
    if (!this.typedCells && main !== '99/99/9999')
      this.add(mainLines[0] as number, 'date', 'warning', 'date-format', `dates are written as ${main}, not DD/MM/YYYY`, 'write dates as DD/MM/YYYY, with leading zeros (01/09/2010)')
    for (const [f, lines] of this.dateLines) {
      if (f === main) continue
      for (const line of lines)
        this.add(line, 'date', 'warning', 'mixed-date-formats', `date written as ${f}; most dates in this file (${mainLines.length}) are ${main}`, `write every date in one format, ${main === '99/99/9999' ? 'DD/MM/YYYY' : main}`)
    }
  }

  private redaction(): void {
    const marked = new Map([...this.redactions].filter(([f]) => f !== ''))
    const blank = this.redactions.get('') ?? []
    const [main] = dominant(marked)
    if (main === null) {
      for (const line of blank) this.add(line, 'supplier', 'warning', 'supplier-blank', 'the supplier is blank, with no mark of redaction', 'name the supplier, or write REDACTED where it is withheld')
      return
    }
    if (marked.size === 1 && blank.length === 0) return
    for (const [f, lines] of this.redactions) {
      if (f === main) continue
      const shown = f === '' ? 'left blank' : `marked "${f}"`
      for (const line of lines)
        this.add(line, 'supplier', 'warning', 'redaction-inconsistent', `redacted supplier ${shown}; most redacted rows say "${main}"`, `mark every redaction the same way: "${main}"`)
    }
  }
}

/** The key with the most lines (the first seen on a tie), and its lines. */
function dominant(m: ReadonlyMap<string, number[]>): [string | null, number[]] {
  let best: string | null = null
  let lines: number[] = []
  for (const [k, v] of m) if (v.length > lines.length) [best, lines] = [k, v]
  return [best, lines]
}
