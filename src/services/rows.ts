import {LISTED_ONLY_COLUMNS, narrowRows, orderRows, ROW_COLUMNS, rowTotals, type RowSort, type RowTotal} from '../analysis/rows.js'
import {SpendInputError} from '../errors.js'
import type {SpendFrame} from '../model/frame.js'
import {type ImportEntry, resolveWorkspace, Workspace} from '../io/workspace/index.js'
import {pickColumn} from '../io/workspace/pick.js'
import {type AnalysisFlagValues, type AnalysisInput, loadAnalysisInput} from './analysis-input.js'
import {readRawLines, type RawLines} from './raw-lines.js'

/** The flags of `spend rows` beyond the common filters. */
export interface RowsRequest {
  sort: RowSort
  top?: number
  unit?: string[]
  expenseType?: string[]
  raw: boolean
}

/** What `spend rows` lists: the rows in order, the totals of all rows matched, and the raw lines (with --raw). */
export interface RowsListing {
  frame: SpendFrame
  /** Frame rows, in output order (cut to --top). */
  order: Uint32Array
  totals: RowTotal[]
  raw: RawLines | null
  money: AnalysisInput['money']
  notes: string[]
}

/**
 * Load, filter and order the records behind a figure; with `raw`, read their
 * original lines from the source files.
 * @example await listRows({buyer: ['Oxford City Council']}, {sort: 'amount', top: 10, raw: false})
 */
export async function listRows(flags: AnalysisFlagValues, req: RowsRequest): Promise<RowsListing> {
  const ws = flags.file?.length ? null : new Workspace(resolveWorkspace(flags.workspace))
  const input = await loadAnalysisInput(flags, ws ? ROW_COLUMNS.filter((c) => !(LISTED_ONLY_COLUMNS as readonly string[]).includes(c)) : ROW_COLUMNS)
  const {frame} = input
  const selection = narrowRows(frame, input.selection, {unit: req.unit, expenseType: req.expenseType})
  const order = orderRows(frame, selection, {sort: req.sort, top: req.top})
  const entries = ws ? loadedEntries(frame, await ws.list()) : []
  if (ws) for (const name of LISTED_ONLY_COLUMNS) frame.columns[name] = pickColumn(ws.dir, entries, name, order, frame.length)
  const raw = req.raw ? await readRawLines(frame, order, {dir: ws?.dir ?? null, entries}) : null
  return {frame, order, totals: rowTotals(frame, selection), raw, money: input.money, notes: input.notes}
}

/**
 * The imports the frame was loaded from (all of them, in id order), checked
 * against the frame: rows are found again by position, so an import added or
 * removed meanwhile must not shift them.
 */
export function loadedEntries(frame: SpendFrame, entries: ImportEntry[]): ImportEntry[] {
  const source = frame.columns.source
  const ids = source?.type === 'dict' ? source.dict : []
  const rows = entries.reduce((n, e) => n + e.parts.reduce((k, p) => k + p.rows, 0), 0)
  if (rows !== frame.length || ids.length !== entries.length || entries.some((e, k) => e.id !== ids[k])) {
    throw new SpendInputError('WORKSPACE_CHANGED', 'the workspace changed while it was read (an import added or removed)', {hint: 'run the command again'})
  }
  return entries
}
