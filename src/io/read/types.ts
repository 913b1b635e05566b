import type {RejectedRow, SpendRecord} from '../../model/record.js'

/** How standard input is named in sources, records, rejects and the manifest. */
export const STDIN_NAME = '<stdin>'

/** One physical row of cells, with its 1-based line (CSV line, sheet row). */
export interface CellRow {
  line: number
  cells: string[]
}

/** A tabular source: a CSV/TSV text, a sheet, an archive member. */
export interface TableSource {
  kind: 'table'
  /** Name used as `source_file`: the file name, or `archive.zip!member.csv`. */
  name: string
  /** 'csv' | 'tsv' | 'xls' | 'xlsx' (what was detected from the bytes). */
  format: string
  /** Archive layers it came through, outermost first (e.g. ['zip']). */
  container: string[]
  /** Detected text encoding (csv), e.g. 'utf-8', 'utf-8-bom', 'utf-16le', 'windows-1252', 'cp850'. */
  encoding: string | null
  /** Detected delimiter (csv). */
  delimiter: string | null
  /** Spreadsheets give typed cells: dates as ISO `YYYY-MM-DD`, numbers as plain decimal strings. */
  typedCells: boolean
  /** Rows in order, in batches. */
  rows: AsyncIterable<CellRow[]>
  /** A workbook sheet: its number of rows (they are in memory), and that the workbook has other sheets. */
  sheet?: {rows: number; ofMany: boolean}
}

/** A JSON (OCDS) source: decoded text, streamed. */
export interface JsonSource {
  kind: 'json'
  name: string
  format: 'json' | 'jsonl'
  container: string[]
  encoding: string
  text: AsyncIterable<string>
}

export type Source = TableSource | JsonSource

/** Receives every record and every rejected row of an import. */
export interface RecordSink {
  add(record: SpendRecord): void
  reject(row: RejectedRow): void
}

/** Per-currency control totals in minor units: source = imported + rejected. */
export interface CurrencyTotals {
  currency: string
  source: bigint
  imported: bigint
  rejected: bigint
}

export interface RowCounts {
  /** Data rows: imported + rejected. */
  read: number
  imported: number
  rejected: number
  /** Lines that are not data: blank, title, header, total, NIL, notes. */
  skipped: number
}

/** How the currency of the rows that do not name one was decided (table/currency.ts); in the report, the manifest and --json. */
export interface CurrencyEvidence {
  /** The ISO code used; null when there is none: no data rows, unknown (inspect only: import refuses), or OCDS (each value names its own). */
  code: string | null
  /** 'flag' | 'column' | 'preset' | 'symbols' | 'header' | 'title' | 'layout' | 'none' | 'unknown' | 'ocds'. */
  from: string
  /** What decided it, as a phrase: '--currency', '"£" in the amounts', 'the uk-lga layout'... */
  evidence: string
  /** When unknown: the --currency to give (code null when nothing points to one) and why that one. */
  suggestion: {code: string | null; flag: string; why: string} | null
}

/** What reading one source found; stored in the manifest and printed by import. */
export interface SourceReport {
  file: string
  format: string
  container: string[]
  encoding: string | null
  delimiter: string | null
  /** 1-based line of the header row, null for JSON. */
  header_line: number | null
  header: string[]
  /** Canonical field -> header text used (null when not mapped). */
  mapping: Record<string, string | null>
  /** How each mapping was chosen: 'exact' | 'synonym' | 'fuzzy' | 'map-file' | 'preset' | 'flag'. */
  mapping_how: Record<string, string>
  preset: string | null
  /** 'dmy' | 'mdy' | 'ymd' | 'serial' | 'mixed' | null, with a sentence saying why. */
  date_order: string | null
  date_order_reason: string | null
  rows: RowCounts
  skipped_detail: Record<string, number>
  totals: CurrencyTotals[]
  quality: {no_date: number; redacted: number; with_supplier_id: number; with_category: number}
  buyer_origin: string
  warnings: string[]
  /** Added in issue 8; absent from older manifests. */
  currency_evidence?: CurrencyEvidence | null
}

export interface ImportOptions {
  importId: string
  /** The name the user gave (file path as typed, or '-' for stdin). */
  label: string
  buyer?: string
  currency?: string
  /** Canonical field -> header name, from --map. */
  map?: Record<string, string>
  preset?: string
  ocdsLevel?: 'awards' | 'contracts' | 'transactions'
  /** Plan a table whose currency nothing names instead of refusing it (inspect explains; import refuses). */
  allowUnknownCurrency?: boolean
  /** Called with bytes consumed so far, for the progress bar. */
  onProgress?: (bytes: number) => void
}
