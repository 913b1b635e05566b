import {join} from 'node:path'
import {spawnSync} from 'node:child_process'
import {type DictColumn, dictValue, type SpendFrame} from '../../src/model/frame.js'
import {RECORD_COLUMNS, type RecordColumn, type RejectedRow, type SpendRecord} from '../../src/model/record.js'
import type {SourceReport} from '../../src/io/read/types.js'
import {type ImportMeta, normaliseOptions} from '../../src/io/workspace/index.js'
import {tempDir} from '../helpers/temp.js'

/** A fresh empty folder for a workspace (removed after the test file). */
export function tempWorkspace(): string {
  return join(tempDir('spendkit-ws-'), '.spendkit')
}

/** A record with defaults: GBP 1.00 from Buyer A to ACME. */
export function record(p: Partial<SpendRecord> = {}): SpendRecord {
  return {
    buyer_id: 'buyer-a', buyer: 'Buyer A', unit: null, supplier_id: null, supplier: 'ACME', supplier_key: 'acme',
    date: '2024-01-15', amount: 100, currency: 'GBP', category_scheme: null, category_code: null, category: null,
    expense_type: null, description: null, transaction_id: null, source: 'imp', source_file: 'a.csv', source_line: 2,
    redacted: false, buyer_origin: 'column', supplier_scale: null, invoice_number: null, ...p,
  }
}

export function reject(p: Partial<RejectedRow> = {}): RejectedRow {
  return {source_file: 'a.csv', source_line: 9, reason: 'bad amount', amount: null, currency: null, raw: ['x', 'y'], ...p}
}

export function meta(id = 'aaaaaaaaaaaa', p: Partial<ImportMeta> = {}): ImportMeta {
  return {id, file: 'a.csv', path: '../a.csv', sha256: 'ab'.repeat(32), bytes: 10, options: normaliseOptions({}), tool_version: '0.0.0-test', ...p}
}

/** A minimal reader report with the given control totals. */
export function report(p: Partial<SourceReport> = {}): SourceReport {
  return {
    file: 'a.csv', format: 'csv', container: [], encoding: 'utf-8', delimiter: ',', header_line: 1, header: ['Supplier', 'Amount'],
    mapping: {supplier: 'Supplier', amount: 'Amount'}, mapping_how: {supplier: 'exact', amount: 'exact'}, preset: null,
    date_order: null, date_order_reason: null, rows: {read: 0, imported: 0, rejected: 0, skipped: 1}, skipped_detail: {blank: 1},
    totals: [], quality: {no_date: 0, redacted: 0, with_supplier_id: 0, with_category: 0}, buyer_origin: 'column', warnings: [], ...p,
  }
}

/** Rows of a frame decoded back to plain values, for whole-table comparisons. */
export function frameRows(frame: SpendFrame, columns: readonly RecordColumn[] = RECORD_COLUMNS): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = []
  for (let i = 0; i < frame.length; i++) {
    const row: Record<string, unknown> = {}
    for (const name of columns) {
      const col = frame.columns[name]
      if (!col) continue
      row[name] = col.type === 'dict' ? dictValue(col as DictColumn, i) : col.type === 'bool' ? col.values[i] === 1 : col.values[i]
    }
    rows.push(row)
  }
  return rows
}

/** The pid of a process that has exited (for stale-lock tests). */
export function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'})
  return Number(r.stdout)
}
