import {loadFrameFrom} from '../../io/workspace/loader.js'
import type {ImportEntry} from '../../io/workspace/manifest.js'
import type {Workspace} from '../../io/workspace/index.js'
import {EXPORT_COLUMNS, type ExportBatch, type ExportMetadata} from '../../io/write/export/types.js'
import {dim} from '../../analysis/dims.js'
import {currencyExponent} from '../../model/currency.js'
import type {Column, SpendFrame} from '../../model/frame.js'
import {type FrameColumn, RECORD_COLUMNS} from '../../model/record.js'
import type {AnalysisFlagValues} from '../analysis-input.js'
import {deriveColumns, readOverlays, storedColumns} from '../frame-load.js'

/**
 * The workspace's canonical records as export batches, streamed part by
 * part: each part is loaded on its own (its dictionary columns hold the
 * import's chain up to it, so it decodes alone), the overlays applied to it
 * as the analyses apply them, and sliced into batches. Memory stays at one
 * part plus, with filters, one selection bit per row.
 */

const FRAME_COLUMNS: readonly FrameColumn[] = [...RECORD_COLUMNS.filter((c) => c !== 'source'), 'published_supplier', 'classified_by', 'gpp_group']

export interface ExportRowOptions {
  filters?: AnalysisFlagValues
  /** Import ids or prefixes (default: all, in manifest order). */
  imports?: readonly string[]
  /** Rows per batch at most (default 65,536). */
  batchRows?: number
  /** The filters' selection from exportSelection (for several passes over the rows: worked out once); default: worked out here. */
  selection?: Uint8Array | null
  /** Of the rows the filters select, in export order, those to give (1); the others are skipped, and a part with none is not read. */
  keep?: Uint8Array
}

/** Whether any of the analyses' row filters is given. */
export function hasFilters(f: AnalysisFlagValues | undefined): boolean {
  if (!f) return false
  return Boolean(f.buyer?.length || f.supplier?.length || f.category?.length || f.from || f.to?.length || f.currency?.length || f['exclude-redacted'])
}

/**
 * The rows of the chosen imports the filters select (1 per row, in
 * `ws.loadFrame` order), or null without filters.
 */
export async function exportSelection(ws: Workspace, opts: ExportRowOptions): Promise<Uint8Array | null> {
  return hasFilters(opts.filters) ? selectedMask(ws, await chosenEntries(ws, opts.imports), opts.filters!) : null
}

/**
 * Batches of exported rows in `ws.loadFrame` order (imports as `ws.list()`
 * gives them, parts in order), every EXPORT_COLUMNS column filled.
 * @example for await (const b of exportBatches(ws, {batchRows: 10_000})) await writer.write(b)
 */
export async function* exportBatches(ws: Workspace, opts: ExportRowOptions = {}): AsyncGenerator<ExportBatch> {
  const entries = await chosenEntries(ws, opts.imports)
  const batchRows = Math.max(1, opts.batchRows ?? 65_536)
  const overlays = await readOverlays(ws)
  const stored = await storedColumns(FRAME_COLUMNS, overlays)
  const selected = opts.selection !== undefined ? opts.selection : await exportSelection(ws, opts)
  let global = 0
  let emitted = 0
  for (const entry of entries) {
    for (const part of entry.parts) {
      const base = global
      global += part.rows
      if (selected && !anySelected(selected, base, part.rows)) continue
      let rows = selected ? pickRows(selected, base, part.rows) : null
      const first = emitted
      emitted += rows ? rows.length : part.rows
      if (opts.keep) {
        if (!anySelected(opts.keep, first, emitted - first)) continue
        rows = rows ? keptRows(opts.keep, first, rows) : pickRows(opts.keep, first, part.rows)
      }
      // One part as its own import: no dictionary join, codes decoded from the part's own dictionary.
      const single: ImportEntry = {...entry, parts: [part], dict_join: undefined}
      const loaded = await loadFrameFrom(ws.dir, [single], stored)
      const frame = await deriveColumns(loaded, FRAME_COLUMNS, overlays)
      const n = rows ? rows.length : part.rows
      for (let start = 0; start < n; start += batchRows) {
        const end = Math.min(n, start + batchRows)
        yield toBatch(frame, entry.id, rows, start, end)
      }
    }
  }
}

/** The tool and each chosen import's id, file name and SHA-256, for the files' metadata. */
export async function exportMetadata(ws: Workspace, imports?: readonly string[]): Promise<ExportMetadata> {
  const {toolInfo} = await import('../report/build.js')
  const tool = toolInfo()
  const entries = await chosenEntries(ws, imports)
  return {tool: `${tool.name} ${tool.version}`, imports: entries.map((e) => ({id: e.id, file: e.file, sha256: e.sha256}))}
}

async function chosenEntries(ws: Workspace, imports: readonly string[] | undefined): Promise<ImportEntry[]> {
  const all = await ws.list()
  if (!imports) return all
  const chosen = new Map<string, ImportEntry>()
  for (const p of imports) {
    const e = await ws.get(p)
    chosen.set(e.id, e)
  }
  return all.filter((e) => chosen.has(e.id))
}

/** The analyses' selection over the chosen imports, resolved once over the filter columns only, as one bit per row. */
async function selectedMask(ws: Workspace, entries: readonly ImportEntry[], flags: AnalysisFlagValues): Promise<Uint8Array> {
  const [{filterColumns, filterRows}, {splitTo}, {loadWorkspaceFrame}] = await Promise.all([
    import('../../analysis/filter.js'), import('../analysis-input.js'), import('../frame-load.js'),
  ])
  const filters = {
    buyer: flags.buyer, supplier: flags.supplier, category: flags.category, from: flags.from, to: splitTo(flags.to).date,
    currency: flags.currency, excludeRedacted: flags['exclude-redacted'],
  }
  const need: FrameColumn[] = [...new Set<FrameColumn>([...filterColumns(filters), 'currency'])]
  const {frame} = await loadWorkspaceFrame(ws, need, {imports: entries.map((e) => e.id)})
  const rows = await usage(() => filterRows(frame, filters))
  const mask = new Uint8Array(frame.length)
  if (rows === null) mask.fill(1)
  else for (let k = 0; k < rows.length; k++) mask[rows[k]] = 1
  return mask
}

/** A malformed --from/--to is a usage error (exit 2), as in the analyses. */
async function usageAsync<T>(run: () => T): Promise<T> {
  const {SpendInputError} = await import('../../errors.js')
  try {
    return run()
  } catch (error) {
    if (!(error instanceof SpendInputError) || !['BAD_PERIOD', 'BAD_RANGE'].includes(error.code)) throw error
    throw new SpendInputError(error.code, error.message, {where: error.where, hint: error.hint, exit: 2})
  }
}
const usage = <T>(run: () => T): Promise<T> => usageAsync(run)

function anySelected(mask: Uint8Array, base: number, rows: number): boolean {
  for (let i = 0; i < rows; i++) if (mask[base + i]) return true
  return false
}

/** The part's rows (`rows`, the first at export position `first`) that `keep` keeps. */
function keptRows(keep: Uint8Array, first: number, rows: Uint32Array): Uint32Array {
  let n = 0
  for (let k = 0; k < rows.length; k++) n += keep[first + k]
  const out = new Uint32Array(n)
  let j = 0
  for (let k = 0; k < rows.length; k++) if (keep[first + k]) out[j++] = rows[k]
  return out
}

function pickRows(mask: Uint8Array, base: number, rows: number): Uint32Array {
  let n = 0
  for (let i = 0; i < rows; i++) n += mask[base + i]
  const out = new Uint32Array(n)
  let k = 0
  for (let i = 0; i < rows; i++) if (mask[base + i]) out[k++] = i
  return out
}

const DAY_MS = 86_400_000

/** Days since 1970-01-01 of an ISO date (UTC arithmetic only). */
export function isoDays(iso: string): number {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS)
}

/** Rows start..end of the part frame (through `rows` when filtered) as one batch. */
function toBatch(frame: SpendFrame, importId: string, rows: Uint32Array | null, start: number, end: number): ExportBatch {
  const length = end - start
  const at = (k: number) => (rows ? rows[start + k] : start + k)
  const values: ExportBatch['values'] = {}
  const str = (name: FrameColumn) => {
    const col = frame.columns[name] as Column | undefined
    const out: (string | null)[] = new Array(length)
    if (!col || col.type !== 'dict') return out.fill(null)
    for (let k = 0; k < length; k++) {
      const c = col.codes[at(k)]
      out[k] = c >= 0 ? col.dict[c] : null
    }
    return out
  }
  const num = (name: FrameColumn) => (frame.columns[name] as Extract<Column, {type: 'num'}>).values
  const bool = (name: FrameColumn) => {
    const v = (frame.columns[name] as Extract<Column, {type: 'bool'}>).values
    return Array.from({length}, (_, k) => v[at(k)] === 1)
  }
  const supplier = dim(frame, 'supplier')
  const unidentified = supplier.unidentified
  const currency = str('currency')
  const amounts = num('amount')
  const lines = num('source_line')
  const dateCol = frame.columns.date as Extract<Column, {type: 'dict'}>
  const days = dateCol.dict.map(isoDays)
  for (const c of EXPORT_COLUMNS) {
    switch (c.name) {
      case 'import_id': values[c.name] = new Array(length).fill(importId); break
      case 'source_line': values[c.name] = Array.from({length}, (_, k) => BigInt(lines[at(k)])); break
      case 'supplier_unidentified': values[c.name] = Array.from({length}, (_, k) => (unidentified ? unidentified[supplier.keys[at(k)]] === 1 : false)); break
      case 'redacted': values[c.name] = bool('redacted'); break
      case 'date': values[c.name] = Array.from({length}, (_, k) => {
        const code = dateCol.codes[at(k)]
        return code >= 0 ? days[code] : null
      }); break
      case 'amount_minor': values[c.name] = Array.from({length}, (_, k) => BigInt(amounts[at(k)])); break
      case 'currency': values[c.name] = currency; break
      case 'currency_exponent': values[c.name] = currency.map((v) => currencyExponent(v ?? '')); break
      default: values[c.name] = str(c.name as FrameColumn)
    }
  }
  return {length, values}
}
