import {CURRENCY_EVIDENCE} from './inspect-fields.js'
import {contractTotals, type ImportEntry} from '../io/workspace/manifest.js'
import type {ImportOutcome} from './importer.js'
import type {ImportFailure} from './import-run.js'
import {basename} from 'node:path'
import type {View} from '../io/write/view.js'
import {req, type Output} from '../io/write/output-fields.js'
import {IMPORT_ENTRY_FIELDS} from '../io/write/imports-report.js'

/** `spend import --json`, declared once: schemas/import.json comes from it. */
export const IMPORT_OUTPUT: Output = {
  name: 'import',
  title: '`spend import --json` (issue 2 contract)',
  fields: [
    req({key: 'imports', type: 'array', fields: [
      ...IMPORT_ENTRY_FIELDS,
      {key: 'status', type: 'string', enum: ['imported', 'unchanged']},
      {key: 'sources', type: 'array', description: 'One per table, sheet or archive member read.', fields: [
        CURRENCY_EVIDENCE,
      ]},
    ]}),
  ],
}


export type ImportResult = ImportOutcome[]
export type ImportJson = ReturnType<typeof importJson>

/**
 * The `spend import --json` contract: {imports: [{id, file, sha256, format, rows, totals}]} plus extra fields.
 * `file` is the file's name, `path` where it is relative to the workspace folder (null for stdin, or unknown).
 */
export function importJson(outcomes: ImportResult, failed: readonly ImportFailure[] = [], empty: readonly ImportFailure[] = []) {
  return {
    imports: outcomes.map(({status, entry}) => ({
      id: entry.id,
      file: entry.file,
      path: entry.path ?? null,
      sha256: entry.sha256,
      format: entry.format,
      rows: entry.rows,
      totals: contractTotals(entry.totals),
      status,
      bytes: entry.bytes,
      sources: entry.files.map((f) => ({
        file: f.file,
        format: f.format,
        encoding: f.encoding,
        header_line: f.header_line,
        preset: f.preset,
        date_order: f.date_order,
        mapping: f.mapping,
        rows: f.rows,
        skipped: f.skipped_detail,
        totals: contractTotals(f.totals),
        warnings: f.warnings,
        currency_evidence: f.currency_evidence ?? null,
      })),
    })),
    ...(failed.length ? {failed} : {}),
    ...(empty.length ? {empty} : {}),
  }
}

/**
 * An import's row counts and, per currency, its control totals: the columns
 * of `spend import` CSV and of the report's data quality table (rows from
 * controlTotalRows).
 */
export const CONTROL_TOTAL_COLUMNS: View['columns'] = [
  {key: 'read', header: 'read', kind: 'int'},
  {key: 'imported', header: 'imported', kind: 'int'},
  {key: 'rejected', header: 'rejected', kind: 'int'},
  {key: 'skipped', header: 'skipped', kind: 'int'},
  {key: 'currency', header: 'currency'},
  {key: 'source', header: 'source total', kind: 'money'},
  {key: 'imported_amount', header: 'imported total', kind: 'money'},
  {key: 'rejected_amount', header: 'rejected total', kind: 'money'},
]

/** One row per currency of an import's control totals (one row of nulls when it has none), each starting with `base`. */
export function controlTotalRows(entry: Pick<ImportEntry, 'totals'>, base: Record<string, unknown>): Record<string, unknown>[] {
  const totals = contractTotals(entry.totals)
  if (totals.length === 0) return [{...base, currency: null, source: null, imported_amount: null, rejected_amount: null}]
  return totals.map((t) => ({...base, currency: t.currency, source: t.source, imported_amount: t.imported, rejected_amount: t.rejected}))
}

/** One row per import and currency: every column for CSV, the ones that fit 80 columns for people. */
export function importViews(outcomes: ImportResult, human = false): View[] {
  if (human) {
    return [{
      columns: [
        {key: 'id', header: 'id'},
        {key: 'file', header: 'file'},
        {key: 'imported', header: 'rows', kind: 'int'},
        {key: 'rejected', header: 'rejected', kind: 'int'},
        {key: 'currency', header: 'cur'},
        {key: 'amount', header: 'imported total', kind: 'money'},
      ],
      rows: outcomes.flatMap(({entry}) => (entry.totals.length ? entry.totals : [null]).map((t) => ({
        id: entry.id, file: basename(entry.file), imported: entry.rows.imported, rejected: entry.rows.rejected,
        currency: t?.currency ?? null, amount: t?.imported ?? null,
      }))),
    }]
  }
  const rows = outcomes.flatMap(({status, entry}) =>
    controlTotalRows(entry, {id: entry.id, file: entry.file, status, format: entry.format, ...entry.rows, path: entry.path ?? null}))
  return [{
    columns: [
      {key: 'id', header: 'id'},
      {key: 'file', header: 'file'},
      {key: 'status', header: 'status'},
      ...CONTROL_TOTAL_COLUMNS,
      {key: 'path', header: 'path'},
    ],
    rows,
  }]
}
