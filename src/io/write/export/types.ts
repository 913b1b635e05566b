/**
 * The exported record: the workspace's canonical records as other tools read
 * them (Parquet, Arrow, CSV, JSON Lines, XLSX, a PostgreSQL table). One
 * declaration, so every format, the SQL that `spend sql` writes and the
 * README's table schema agree. Column names are a contract: add, never rename.
 *
 * Money is `amount_minor` (int64 minor units) beside `currency` and
 * `currency_exponent` (ISO 4217 decimals): exact in every engine, and one
 * column holds several currencies. People's formats (CSV, XLSX) add `amount`
 * in major units; the PostgreSQL table adds `amount` as NUMERIC.
 */

/** How a column is stored: `date` is days since 1970-01-01 (Parquet DATE, Arrow Date32). */
export type ExportType = 'string' | 'int64' | 'int32' | 'date' | 'bool'

export interface ExportColumn {
  name: string
  type: ExportType
  nullable: boolean
  /** One line for the README's table schema and the Parquet column docs. */
  description: string
  /** Strings with few distinct values (ids, names, codes): dictionary-encoded where the format has it. */
  dictionary?: boolean
}

/**
 * One batch of exported rows, column by column (in `EXPORT_COLUMNS` order).
 * Values per type: string -> string | null, int64 -> bigint | null,
 * int32 and date -> number | null, bool -> boolean | null.
 */
export interface ExportBatch {
  length: number
  values: Record<string, ReadonlyArray<string | bigint | number | boolean | null>>
}

/** A format's streaming writer: batches in, one file out. */
export interface RecordWriter {
  write(batch: ExportBatch): Promise<void>
  /** Flush and close; the file's size in bytes. */
  finish(): Promise<{bytes: number}>
  /** Close and remove what was written (after an error or an interrupt). */
  abort(): Promise<void>
}

/** File-level metadata every format that has a place for it records (Parquet key-value metadata, Arrow schema metadata). */
export interface ExportMetadata {
  /** e.g. `spendkit 0.1.0`. */
  tool: string
  /** Per source import: id, file name and content SHA-256. */
  imports: {id: string; file: string; sha256: string}[]
}

const s = (name: string, description: string, nullable = true, dictionary = true): ExportColumn => ({name, type: 'string', nullable, description, dictionary})

/** The exported columns, in file order. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  s('import_id', 'The import the row came from (first 12 hex of its id hash).', false),
  s('source_file', 'The file inside the import (archive member path, or the file name).', false),
  {name: 'source_line', type: 'int64', nullable: false, description: '1-based physical line (or sheet row, or JSON item index) in source_file.'},
  s('buyer_id', 'Scheme-prefixed buyer id when known, else a stable slug of the name.', false),
  s('buyer', 'Buying organisation as published.', false),
  s('unit', 'Department, expense area or cost centre.'),
  s('supplier_id', 'Scheme-prefixed supplier id (GB-COH-..., NO-BRC-..., US-UEI-...) when the file has one.'),
  s('supplier_key', 'Supplier entity key (the crosswalk\'s entity where one is stored, else the normalised name).', false),
  s('supplier', 'Supplier name (the entity\'s display name where a crosswalk is stored).', false),
  s('published_supplier', 'Supplier name as published.', false),
  {name: 'supplier_unidentified', type: 'bool', nullable: false, description: 'True for redacted or blank suppliers (many unknown payees, never one supplier).'},
  {name: 'redacted', type: 'bool', nullable: false, description: 'True when the supplier name is a redaction placeholder.'},
  s('supplier_scale', 'Supplier size class as published (sme, micro, large...).'),
  {name: 'date', type: 'date', nullable: true, description: 'Payment (or award) date; null when the row has no usable date.'},
  {name: 'amount_minor', type: 'int64', nullable: false, description: 'Signed amount in integer minor units of currency (exact).'},
  s('currency', 'ISO 4217 code.', false),
  {name: 'currency_exponent', type: 'int32', nullable: false, description: 'ISO 4217 decimals of currency: amount = amount_minor / 10^currency_exponent.'},
  s('category_scheme', 'Category scheme (CPV, ProClass...).'),
  s('category_code', 'Category code (the classified CPV code where rules are stored).'),
  s('category', 'Category label.'),
  s('classified_by', 'What gave the row its CPV code: data, or a rule as FILE:LINE; null when unclassified.'),
  s('gpp_group', 'EU GPP product group of the CPV code.'),
  s('expense_type', 'The publisher\'s own category text.'),
  s('description', 'Description as published.', true, false),
  s('transaction_id', 'Transaction number as published.', true, false),
  s('invoice_number', 'Invoice number where the file publishes one beside the transaction number.', true, false),
  s('buyer_origin', 'Where the buyer came from: column, flag, title, filename, unknown or ocds.', false),
]
