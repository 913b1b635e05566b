import {LISTED_ONLY_COLUMNS, narrowRows, orderRows, ROW_COLUMNS, rowTotals, type RowSort, type RowTotal} from '../analysis/rows.js'
import type {SpendFrame} from '../model/frame.js'
import {resolveWorkspace, Workspace} from '../io/workspace/index.js'
import {pickColumn} from '../io/workspace/pick.js'
import {type AnalysisFlagValues, type AnalysisInput, loadAnalysisInput} from './analysis-input.js'
import {readRawLines, type RawLines} from './raw-lines.js'
import {loadedEntries} from './text-pick.js'
import {type LineRef, parseLineRefs, rowsAt} from '../analysis/rows-at.js'
import {rowsAtMsg} from '../messages.js'
import {readFile} from 'node:fs/promises'
import {SpendInputError} from '../errors.js'
import type {Rows} from '../analysis/kernel.js'

/** The flags of `spend rows` beyond the common filters. */
export interface RowsRequest {
  sort: RowSort
  top?: number
  unit?: string[]
  expenseType?: string[]
  raw: boolean
  /** `--at IMPORT:LINE` (and --at-file): exactly these lines' records, in this order unless `sortGiven`. */
  at?: LineRef[]
  /** --sort was given (with --at: order by it instead of the order given). */
  sortGiven?: boolean
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
  const narrowed = narrowRows(frame, input.selection, {unit: req.unit, expenseType: req.expenseType})
  const at = req.at ? atRows(frame, narrowed, req.at) : null
  const selection = at ? Uint32Array.from(at).sort() : narrowed
  const order = at && !req.sortGiven ? at.slice(0, req.top ?? at.length) : orderRows(frame, selection, {sort: req.sort, top: req.top})
  const entries = ws ? loadedEntries(frame, await ws.list()) : []
  if (ws) for (const name of LISTED_ONLY_COLUMNS) frame.columns[name] = pickColumn(ws.dir, entries, name, order, frame.length)
  const raw = req.raw ? await readRawLines(frame, order, {dir: ws?.dir ?? null, entries}) : null
  return {frame, order, totals: rowTotals(frame, selection), raw, money: input.money, notes: input.notes}
}

/** The rows of `--at`, in the order given, kept where the other filters (if any) select them. */
function atRows(frame: SpendFrame, selection: Rows, refs: readonly LineRef[]): Uint32Array {
  const rows = rowsAt(frame, refs)
  if (selection === null) return rows
  const keep = new Uint8Array(frame.length)
  for (let k = 0; k < selection.length; k++) keep[selection[k]] = 1
  return rows.filter((i) => keep[i] === 1)
}

/**
 * The `--at` references: each flag value (comma lists allowed), then the
 * lines of `--at-file` (one `IMPORT:LINE` per line, blank lines skipped; `-`
 * reads standard input). Undefined when neither is given.
 * @example await lineRefs(['3f2a9c:12,3f2a9c:14'], undefined) // two references
 */
export async function lineRefs(at: readonly string[] | undefined, atFile: string | undefined): Promise<LineRef[] | undefined> {
  if (!at?.length && atFile === undefined) return undefined
  const refs = (at ?? []).flatMap((v) => parseLineRefs(v, '--at', 2))
  if (atFile !== undefined) {
    const text = await readRefsFile(atFile)
    const name = atFile === '-' ? '<stdin>' : atFile
    text.split(/\r\n|\n|\r/).forEach((line, k) => refs.push(...parseLineRefs(line, `${name}:${k + 1}`, 1)))
  }
  if (refs.length === 0) throw new SpendInputError('BAD_LINE_REF', rowsAtMsg.malformed(''), {where: atFile ?? '--at', hint: rowsAtMsg.malformedHint(), exit: atFile === undefined ? 2 : 1})
  return refs
}

async function readRefsFile(file: string): Promise<string> {
  try {
    if (file !== '-') return await readFile(file, 'utf8')
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  } catch (error) {
    throw new SpendInputError('FILE_NOT_FOUND', rowsAtMsg.fileUnreadable((error as NodeJS.ErrnoException).code ?? 'error'), {where: file, exit: 2})
  }
}
