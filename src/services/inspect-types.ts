/**
 * The result of `spend inspect`: what one source would import as, and how
 * each choice was made. These shapes are the --json contract
 * (schemas/inspect.json); keys are built in this order (`inspect-source.ts`).
 */
import type {SpendRecord} from '../model/record.js'
import type {CurrencyEvidence, SourceReport} from '../io/read/types.js'

export interface InspectFlags {
  buyer?: string
  currency?: string
  map?: string
  preset?: string
  'ocds-level'?: 'awards' | 'contracts' | 'transactions'
}

/** A parsed row as it would be imported: canonical fields, amount as an exact decimal string. */
export type InspectSample = {line: number; amount: string} & Pick<SpendRecord,
  'date' | 'buyer' | 'unit' | 'supplier' | 'supplier_id' | 'currency' | 'expense_type' | 'category_code' | 'category' | 'description' | 'transaction_id'>

export interface InspectPreset {
  name: string
  confidence: number
  matched: string[]
  /** True when given with --preset rather than recognised. */
  forced: boolean
}

/** What inspect found in one source (a file, an archive member or a sheet). */
export interface InspectSource {
  file: string
  format: string
  container: string[]
  encoding: string | null
  delimiter: string | null
  header_line: number | null
  header: string[]
  preset: InspectPreset | null
  /** When no preset was recognised: the one that came closest, for the officer to judge. */
  preset_closest: {name: string; confidence: number; matched: string[]} | null
  mapping: Record<string, string | null>
  mapping_how: Record<string, string>
  /** Header cells no field was mapped to. */
  unused_columns: string[]
  date_order: string | null
  date_order_reason: string | null
  decimal: string | null
  decimal_reason: string | null
  /** Currency for rows that do not name one (null for OCDS: each value names its own). */
  currency: string | null
  currency_source: string
  /** How the currency was decided, for scripts (null when the source could not be read). */
  currency_evidence: CurrencyEvidence | null
  /** The buyer when every imported row has the same one, else null (see `buyers`). */
  buyer: string | null
  buyers: number
  buyer_source: string
  /** Registry of the supplier id column ('GB-COH', 'NO-BRC', 'US-UEI'...), null when there is none or it holds the publisher's own numbers. */
  supplier_id_scheme: string | null
  rows: SourceReport['rows']
  skipped: Record<string, number>
  /** Imported rows with no date, a redacted supplier, a supplier id, a category. */
  quality: SourceReport['quality']
  totals: {currency: string; source: string; imported: string; rejected: string}[]
  samples: InspectSample[]
  problems: {line: number; reason: string}[]
  warnings: string[]
  /** OCDS only: document shape and award counts. */
  ocds: {shape: string; level: string; releases: number; records: number; awards: number; with_value: number; no_value: number; zero_value: number; no_currency: number; split: number; superseded: number; nothing_to_import: boolean} | null
  /** Set when this source could not be read; the other sources are still reported. */
  error: {code: string; message: string} | null
}

export interface InspectResult {
  sources: InspectSource[]
}
