// STUB: replaced by the real module at merge. Rows come from the analyses' frame (as test/helpers/engine-rows.ts does).
import {dim} from '../../analysis/dims.js'
import type {FilterOptions} from '../../analysis/filter.js'
import type {Workspace} from '../../io/workspace/index.js'
import {EXPORT_COLUMNS, type ExportBatch, type ExportMetadata} from '../../io/write/export/types.js'
import {currencyExponent} from '../../model/currency.js'
import {type Column, dictValue} from '../../model/frame.js'
import {DERIVED_COLUMNS, type FrameColumn, RECORD_COLUMNS} from '../../model/record.js'
import {loadWorkspaceFrame} from '../frame-load.js'

type Cell = string | bigint | number | boolean | null

export async function* exportBatches(ws: Workspace, opts: {filters?: FilterOptions; imports?: readonly string[]; batchRows?: number} = {}): AsyncGenerator<ExportBatch> {
  const {frame} = await loadWorkspaceFrame(ws, [...RECORD_COLUMNS, ...DERIVED_COLUMNS] as FrameColumn[], opts.imports ? {imports: opts.imports} : {})
  const sup = dim(frame, 'supplier')
  const col = (name: string) => frame.columns[name as FrameColumn] as Column | undefined
  const text = (name: string, i: number): string | null => {
    const c = col(name)
    return c && c.type === 'dict' ? dictValue(c, i) : null
  }
  const size = opts.batchRows ?? 10_000
  for (let start = 0; start < frame.length; start += size) {
    const end = Math.min(frame.length, start + size)
    const values: Record<string, Cell[]> = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.name, []]))
    for (let i = start; i < end; i++) {
      const currency = text('currency', i)!
      const date = text('date', i)
      const row: Record<string, Cell> = {
        import_id: text('source', i), supplier_key: sup.ids[sup.keys[i]] ?? '', supplier_unidentified: sup.unidentified?.[sup.keys[i]] === 1,
        amount_minor: BigInt((col('amount') as {values: Float64Array}).values[i]), currency_exponent: currencyExponent(currency),
        source_line: BigInt((col('source_line') as {values: Float64Array}).values[i]),
        redacted: (col('redacted') as {values: Uint8Array}).values[i] === 1,
        date: date === null ? null : Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000,
        published_supplier: text('published_supplier', i) ?? text('supplier', i),
      }
      for (const c of EXPORT_COLUMNS) values[c.name].push(c.name in row ? row[c.name] : text(c.name, i))
    }
    yield {length: end - start, values}
  }
}

export async function exportMetadata(ws: Workspace): Promise<ExportMetadata> {
  const imports = await ws.list()
  return {tool: 'spendkit', imports: imports.map((e) => ({id: e.id, file: e.file, sha256: e.sha256}))}
}
