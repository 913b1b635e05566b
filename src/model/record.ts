/**
 * The canonical spend record: the common definitions every reader produces and
 * every analysis consumes. Column names here are a contract with scripts and
 * with the workspace files; add columns, never rename.
 */

/** Where the buyer of a row came from, so `summary` can say so. */
export type BuyerOrigin = 'column' | 'flag' | 'title' | 'filename' | 'unknown' | 'ocds'

/** One imported payment (or award / contract / transaction for OCDS). */
export interface SpendRecord {
  /** Scheme-prefixed id when known (e.g. `NO-BRC-974760673`), else a stable slug of the name. */
  buyer_id: string
  /** Buying organisation as published (or as given by --buyer / the title line / the file name). */
  buyer: string
  /** Department / expense area / cost centre. */
  unit: string | null
  /** Scheme-prefixed supplier id (`GB-COH-01234567`, `NO-BRC-...`, `US-UEI-...`), if the file has one. */
  supplier_id: string | null
  /** Supplier name as published (trimmed of padding), redacted names kept as published. */
  supplier: string
  /** Entity key after normalisation (see `supplierKey`). */
  supplier_key: string
  /** ISO `YYYY-MM-DD`, or null when the row has no usable date (counted under data quality). */
  date: string | null
  /** Signed amount in integer minor units of `currency` (a safe integer). */
  amount: number
  /** ISO 4217 code. */
  currency: string
  category_scheme: string | null
  category_code: string | null
  category: string | null
  /** The publisher's own category text. */
  expense_type: string | null
  description: string | null
  transaction_id: string | null
  /** Provenance: the import id. */
  source: string
  /** Provenance: the file inside the import (archive member path, or the file name). */
  source_file: string
  /** Provenance: 1-based physical line (or sheet row, or JSON item index) in `source_file`. */
  source_line: number
  /** True when the supplier name is a redaction placeholder. */
  redacted: boolean
  buyer_origin: BuyerOrigin
  /**
   * The supplier's size class as published (OCDS `details.scale`: `sme`, `micro`, `large`...;
   * TED `B_CONTRACTOR_SME`: `Y`/`N`), null when not published. Optional: added after the
   * first workspaces; parts written before it load it as null (see smeOf for its meaning).
   */
  supplier_scale?: string | null
  /**
   * The supplier's invoice number where the file publishes one beside its
   * transaction number (Trafford's `InvoiceNumber`), null otherwise. Optional:
   * added after the first workspaces; parts written before it load it as null
   * (`spend import FILE --replace` stores it). The duplicate checks use it.
   */
  invoice_number?: string | null
}

/** A source row that was not imported, with the reason. */
export interface RejectedRow {
  source_file: string
  source_line: number
  reason: string
  /** Amount in minor units when it could be parsed (it still counts in the control total). */
  amount: number | null
  currency: string | null
  /** The raw cells, for the rejects file. */
  raw: string[]
}

/** Column names in storage order. */
export const RECORD_COLUMNS = [
  'buyer_id', 'buyer', 'unit', 'supplier_id', 'supplier', 'supplier_key', 'date', 'amount', 'currency',
  'category_scheme', 'category_code', 'category', 'expense_type', 'description', 'transaction_id',
  'source', 'source_file', 'source_line', 'redacted', 'buyer_origin', 'supplier_scale', 'invoice_number',
] as const satisfies readonly (keyof SpendRecord)[]

export type RecordColumn = (typeof RECORD_COLUMNS)[number]

/**
 * Columns a frame may hold that no part file stores: worked out when data is
 * loaded, from the stored columns and the workspace's crosswalk and rules
 * (see src/services/frame-load.ts). `published_supplier` is the supplier name
 * as published (the frame's `supplier` is then the entity's display name),
 * `classified_by` names what gave a row its CPV code (`data`, or a rule as
 * `FILE:LINE`), `gpp_group` the EU GPP product group of its CPV code.
 */
export const DERIVED_COLUMNS = ['published_supplier', 'classified_by', 'gpp_group'] as const

export type DerivedColumn = (typeof DERIVED_COLUMNS)[number]

/** A column a SpendFrame may hold: a stored record column or a derived one. */
export type FrameColumn = RecordColumn | DerivedColumn

/** Whether a frame column is derived at load rather than stored. */
export function isDerivedColumn(name: FrameColumn): name is DerivedColumn {
  return (DERIVED_COLUMNS as readonly string[]).includes(name)
}

/**
 * Columns added after the first workspaces: a part written before one of them
 * has no such column, and loads it as all-null (not as damage).
 */
export const LATER_COLUMNS: ReadonlySet<RecordColumn> = new Set<RecordColumn>(['supplier_scale', 'invoice_number'])
