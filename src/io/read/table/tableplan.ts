/**
 * The plan for reading one table, decided once from the first rows: header,
 * preset, column mapping, currency, decimal separator, date order and the
 * buyer fallback. Per-row work in `table.ts` then only applies the plan.
 */
import {SpendInputError} from '../../../errors.js'
import {decideDateOrder, type DateOrder} from '../../../model/dates.js'
import {sniffDecimal, type DecimalSeparator} from '../../../model/amount.js'
import {decideCurrency, type CurrencyFrom, type CurrencySuggestion} from './currency.js'
import {findHeader, isBlankRow} from './header.js'
import {FIELDS, mapColumns, normHeader, type Field, type Mapping} from './mapping.js'
import {detectPreset, presetByName, presetScore, type Preset, type PresetMatch} from './presets.js'
import {type FallbackOrigin, planBuyer} from './buyer-plan.js'
import type {CellRow, ImportOptions, TableSource} from '../types.js'
import {tableMsg} from '../../../messages.js'

/** Data rows sampled to decide the decimal separator and the date order. */
export const SAMPLE_ROWS = 2000

export {buyerFromFileName, buyerFromTitle, UNKNOWN_BUYER} from './buyer-plan.js'

export interface TablePlan {
  headerIdx: number
  header: string[]
  preset: Preset | null
  /** How well the header matched the preset (also when forced with --preset), and whether it was forced. */
  presetMatch: (PresetMatch & {forced: boolean}) | null
  mapping: Mapping
  /** Currency for rows with no currency cell ('XXX' when there is none: no data rows, or unknown for inspect). */
  currency: string
  /** Where `currency` came from (currency.ts). */
  currencyFrom: CurrencyFrom
  /** What decided it, as a phrase (`"£" in the amounts`), and the --currency to give when nothing did. */
  currencyEvidence: string
  currencySuggestion: CurrencySuggestion | null
  decimal: DecimalSeparator
  /** Why that decimal separator ('typed spreadsheet cells' for xls/xlsx). */
  decimalReason: string
  dateOrder: DateOrder | null
  dateMixed: boolean
  dateReason: string | null
  /**
   * Buyer for rows with no buyer cell, and where it came from: --buyer, a
   * title line, the file name, or 'unknown' (UNKNOWN_BUYER) when the file
   * name names only a period (`september-2018.csv`) or there is none (stdin).
   */
  fallbackBuyer: string
  fallbackOrigin: FallbackOrigin
  /** Scheme used for supplier ids: 'NO-BRC' | 'GB-COH' | 'US-UEI' | 'GB-VAT' | null (publisher's own numbers). */
  supplierIdScheme: string | null
  warnings: string[]
}

function cell(row: CellRow, i: number | undefined): string {
  return i === undefined ? '' : (row.cells[i] ?? '')
}

/**
 * Decide everything that is per file, from the buffered first rows.
 * Throws SpendInputError for an empty table, a missing amount column, an
 * unknown preset or currency, or a file that gives no currency at all.
 *
 * @example planTable(source, {importId: 'i', label: 'x.csv'}, firstRows).currency // 'GBP'
 */
export function planTable(source: TableSource, opts: ImportOptions, rows: readonly CellRow[]): TablePlan {
  const warnings: string[] = []
  const mapNames = new Set(Object.values(opts.map ?? {}).map(normHeader))
  let headerIdx = findHeader(rows, mapNames)
  if (headerIdx < 0) headerIdx = rows.findIndex((r) => !isBlankRow(r.cells))
  if (headerIdx < 0) throw new SpendInputError('EMPTY_FILE', tableMsg.noRows(), {where: source.name})
  const header = (rows[headerIdx] as CellRow).cells.slice()
  let preset: Preset | null = null
  let presetMatch: TablePlan['presetMatch'] = null
  if (opts.preset) {
    preset = presetByName(opts.preset)
    presetMatch = {...presetScore(preset, header), forced: true}
  } else {
    const found = detectPreset(header)
    if (found) {
      preset = presetByName(found.name)
      presetMatch = {...found, forced: false}
    }
  }
  const mapping = mapColumns(header, {map: opts.map, preset, where: source.name})
  const ix = mapping.index

  const titles = rows.slice(0, headerIdx).filter((r) => !isBlankRow(r.cells)).map((r) => r.cells.join(' ').trim())
  const sample = rows.slice(headerIdx + 1).filter((r) => !isBlankRow(r.cells)).slice(0, SAMPLE_ROWS)
  const amounts = sample.map((r) => cell(r, ix.amount))

  // Currency: --currency, else the file's evidence (column, layout, symbols, header, title), named (currency.ts).
  const cur = decideCurrency({
    flag: opts.currency, header, mapping, preset, titles, sample, where: source.name, allowUnknown: opts.allowUnknownCurrency,
  })
  const currency = cur.code
  warnings.push(...cur.warnings)
  // Conventions (decimal separator, date order) of an unknown currency: those of the one suggested.
  const convention = cur.from === 'unknown' ? (cur.suggestion?.code ?? currency) : currency

  // Decimal separator, per column from the sample (spreadsheet cells are plain decimals).
  let decimal: DecimalSeparator = '.'
  let decimalReason = tableMsg.typedDecimals()
  if (!source.typedCells) {
    const fallback: DecimalSeparator = preset?.decimal ?? (['NOK', 'SEK', 'DKK'].includes(convention) ? ',' : '.')
    const d = sniffDecimal(amounts, fallback)
    decimal = d.decimal
    decimalReason = d.reason
    if (d.reason.startsWith('mixed')) warnings.push(tableMsg.mixedDecimals(d.reason))
  }

  // Date order, per column from the sample, else the publisher's convention.
  let dateOrder: DateOrder | null = null
  let dateReason: string | null = null
  let dateMixed = false
  if (ix.date !== undefined) {
    const us = preset ? preset.dateOrder === 'mdy' : convention === 'USD'
    const dates = us
      ? {order: 'mdy' as const, why: tableMsg.usDates(preset ? preset.name : null)}
      : {order: 'dmy' as const, why: tableMsg.dayFirstDates(convention)}
    const d = decideDateOrder(sample.map((r) => cell(r, ix.date)), dates)
    dateOrder = d.order
    dateReason = d.reason
    dateMixed = d.mixed
    if (d.mixed) warnings.push(tableMsg.mixedDates(d.reason))
  } else {
    dateReason = tableMsg.noDateColumn()
    warnings.push(tableMsg.noDateColumnWarning())
  }

  const {fallbackBuyer, fallbackOrigin} = planBuyer(source.name, header, ix.buyer, sample, titles, opts.buyer, warnings)
  if (ix.supplier === undefined) warnings.push(tableMsg.noSupplierColumn())

  // Supplier ids: which registry, if any, the id column holds.
  let supplierIdScheme: string | null = null
  if (ix.supplier_id !== undefined) {
    const h = normHeader(header[ix.supplier_id] ?? '')
    if (preset?.supplierIdScheme) supplierIdScheme = preset.supplierIdScheme
    else if (h.includes('uei')) supplierIdScheme = 'US-UEI'
    else if (h.includes('orgnr') || h.includes('organisasjonsnummer') || h.includes('orgnummer') || convention === 'NOK') supplierIdScheme = 'NO-BRC'
    else if (h.includes('company') || h === 'crn') supplierIdScheme = 'GB-COH'
    if (supplierIdScheme === null) {
      warnings.push(tableMsg.publisherIds((header[ix.supplier_id] ?? '').trim()))
    }
  }
  return {
    headerIdx, header, preset, presetMatch, mapping, currency, currencyFrom: cur.from, currencyEvidence: cur.evidence,
    currencySuggestion: cur.suggestion, decimal, decimalReason, dateOrder, dateMixed, dateReason, fallbackBuyer, fallbackOrigin,
    supplierIdScheme, warnings,
  }
}

/**
 * Report form of the mapping: every field, with the header text or null.
 *
 * @example mappingReport(plan).mapping.amount // ' Amount '
 */
export function mappingReport(plan: TablePlan): {mapping: Record<string, string | null>; how: Record<string, string>} {
  const mapping: Record<string, string | null> = {}
  const how: Record<string, string> = {}
  for (const f of FIELDS) {
    const i = plan.mapping.index[f as Field]
    mapping[f] = i === undefined ? null : (plan.header[i] ?? null)
    const h = plan.mapping.how[f as Field]
    if (h) how[f] = h
  }
  if (plan.mapping.index.buyer === undefined) how.buyer = plan.fallbackOrigin
  return {mapping, how}
}
