import type {Rows} from './kernel.js'
import type {TextPick} from './identical.js'

/** What `spend summary` returns (see summarise in summary.ts), and its counting rules in words. */

/**
 * How `suppliers` and `supplier_names` are counted, for the output to name.
 * @example SUPPLIER_RULE.suppliers // 'distinct entities: ...'
 */
export const SUPPLIER_RULE = {
  suppliers: 'distinct entities: the supplier id (GB-COH-..., NO-BRC-...) when the file gives one, else the name normalised (case, accents, punctuation, "&"/"and" and a trailing legal form such as Ltd, Limited, plc, AS ignored)',
  supplier_names: 'distinct names as published, ignoring case',
  unidentified: 'redacted and blank supplier names are many unknown payees: not counted in either (their spend is in unidentified, and in the totals)',
  as_supplier: 'redacted and blank supplier names are counted as one supplier (--redacted-as-supplier)',
} as const

/** What summary needs of a workspace import (an ImportEntry has all of it). */
export interface SummaryImport {
  id: string
  file: string
  rows: {read: number; imported: number; rejected: number; skipped: number}
}

export interface CurrencyTotal {
  currency: string
  /** Exact decimal in major units, e.g. "1234.50". */
  amount: string
}

/** Data-quality counts: rows with a supplier id, with a category, redacted, with no date. */
export interface QualityCounts {
  with_supplier_id: number
  with_category: number
  redacted: number
  no_date: number
}

/** The same as shares of rows (6 significant digits), null for no rows. */
export type QualityShares = Record<keyof QualityCounts, number | null>

/** Spend with no identified supplier (redacted or blank), per currency: left out of the supplier counts. */
export interface UnidentifiedTotal {
  currency: string
  amount: string
  count: number
  /** Of the currency's total. */
  share: number | null
}

export interface SummaryCore {
  rows: number
  buyers: number
  /** Distinct supplier entities (supplier_key: ids first, then normalised names), identified ones only unless counted as one. */
  suppliers: number
  from: string | null
  to: string | null
  totals: CurrencyTotal[]
  /** Distinct supplier names as published, case-folded (same rows as `suppliers`). */
  supplier_names: number
  /** Per currency of `totals`: the spend left out of the supplier counts. */
  unidentified: UnidentifiedTotal[]
  quality: QualityCounts
  shares: QualityShares
  /** Rows identical to an earlier row of the scope on every canonical field (IDENTICAL_RULE): identicalGroups(...).extra. */
  identical_rows: number
  /** Groups of two or more identical rows in the scope. */
  identical_groups: number
}

export interface BuyerSummary {
  buyer_id: string
  /** The name most rows give (ties: first in code-unit order). */
  buyer: string
  /** Where the buyer came from: column, flag, title, filename, ocds. */
  origins: string[]
  rows: number
}

export interface ImportSummary extends SummaryCore {
  id: string
  /** The file as given at import; null for rows whose import is not in the manifest. */
  file: string | null
  rejected: number
  skipped: number
}

/** JSON contract: rows, buyers, suppliers, from, to, totals first; then the extras. */
export interface SpendSummary extends SummaryCore {
  /** The rules of `suppliers` and `supplier_names`, in words. */
  supplier_rule: {suppliers: string; supplier_names: string; unidentified: string}
  /** What identical_rows and identical_groups compare, in words. */
  identical_rule: string
  imports: number
  by_buyer: BuyerSummary[]
  per_import: ImportSummary[]
}

export interface SummaryOptions {
  /** Rows to summarise (from filterRows); null/undefined = all. */
  selection?: Rows
  /** Count redacted and blank suppliers as one supplier (default: leave them out of the supplier counts). */
  redactedAsSupplier?: boolean
  /** Reads transaction_id and description at chosen rows when the frame does not hold them (see identicalGroups). */
  pick?: TextPick
}

/**
 * The rule behind `identical_rows`, for the output to name.
 * @example IDENTICAL_RULE.startsWith('identical canonical fields') // true
 */
export const IDENTICAL_RULE = 'identical canonical fields: buyer, unit, supplier as published, ids, date, amount, currency, category, expense type, invoice and transaction numbers, description (the import, file and line are not compared); identical_rows counts the rows identical to an earlier one (a group of k counts k - 1), per import within the import'
