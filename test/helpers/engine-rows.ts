/**
 * A workspace's records as rows of EXPORT_COLUMNS, from the frame the
 * analyses load (a stand-in for the export's own row source in tests).
 * `supplier_key` is the analyses' supplier dimension id and
 * `supplier_unidentified` its unidentified mask, so SQL that groups by them
 * groups as the kernels do.
 */
import {dim} from '../../src/analysis/dims.js'
import {Workspace} from '../../src/io/workspace/index.js'
import {EXPORT_COLUMNS} from '../../src/io/write/export/types.js'
import {currencyExponent} from '../../src/model/currency.js'
import {type Column, dictValue} from '../../src/model/frame.js'
import {DERIVED_COLUMNS, type FrameColumn, RECORD_COLUMNS} from '../../src/model/record.js'
import {loadWorkspaceFrame} from '../../src/services/frame-load.js'

export const DIMS_SUPPLIER_UNIDENTIFIED = 'supplier_unidentified'

type Cell = string | bigint | number | boolean | null

export async function exportRecordRows(workspace: string): Promise<Cell[][]> {
  const ws = await Workspace.open(workspace)
  const {frame} = await loadWorkspaceFrame(ws, [...RECORD_COLUMNS, ...DERIVED_COLUMNS] as FrameColumn[])
  const sup = dim(frame, 'supplier')
  const col = (name: string) => frame.columns[name as FrameColumn] as Column | undefined
  const text = (name: string, i: number): string | null => {
    const c = col(name)
    return c && c.type === 'dict' ? dictValue(c, i) : null
  }
  const rows: Cell[][] = []
  for (let i = 0; i < frame.length; i++) {
    const currency = text('currency', i)!
    const date = text('date', i)
    const values: Record<string, Cell> = {
      import_id: text('source', i), supplier_key: sup.ids[sup.keys[i]] ?? '', supplier_unidentified: sup.unidentified?.[sup.keys[i]] === 1,
      amount_minor: BigInt((col('amount') as {values: Float64Array}).values[i]), currency_exponent: currencyExponent(currency),
      source_line: BigInt((col('source_line') as {values: Float64Array}).values[i]),
      redacted: (col('redacted') as {values: Uint8Array}).values[i] === 1,
      date: date === null ? null : Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000,
      published_supplier: text('published_supplier', i) ?? text('supplier', i),
    }
    rows.push(EXPORT_COLUMNS.map((c) => (c.name in values ? values[c.name] : text(c.name, i))))
  }
  return rows
}
