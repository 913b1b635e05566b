import {readTextFile} from '../io/read/text-file.js'
import {SpendInputError} from '../errors.js'
import {msg} from '../messages.js'
import {frameFromRecords, type SpendFrame} from '../model/frame.js'
import {type FrameColumn, RECORD_COLUMNS, type SpendRecord} from '../model/record.js'
import type {Rows} from '../analysis/kernel.js'
import type {MoneyNote} from '../analysis/money-note.js'
import {filterFields, filterText} from '../io/write/analysis-common.js'
import type {FilterOptions} from '../analysis/filter.js'
import type {RecordSink} from '../io/read/types.js'
import {resolveWorkspace, Workspace} from '../io/workspace/index.js'
import {deriveColumns, type FrameOverlays, loadWorkspaceFrame, NO_OVERLAYS} from './frame-load.js'

/**
 * The common filters and money options as parsed (see `analysisFlags` in
 * src/flags.ts). A plain shape, so services never depend on the CLI framework.
 */
export interface AnalysisFlagValues {
  workspace?: string
  buyer?: string[]
  supplier?: string[]
  category?: string[]
  from?: string
  to?: string[]
  currency?: string[]
  'exclude-redacted'?: boolean
  /** An empty selection is an error (exit 1) instead of a note. */
  'fail-empty'?: boolean
  fx?: string
  deflate?: string
  base?: string
  file?: string[]
}

/** One import (or, with --file, one source read in memory): what `summary` lists per import. */
export interface InputImport {
  id: string
  file: string
  rows: {read: number; imported: number; rejected: number; skipped: number}
}

/** What an analysis command works on: the frame, the selected rows, and notes on conversions. */
export interface AnalysisInput {
  frame: SpendFrame
  selection: Rows
  /** The common filters as applied (for the output to name). */
  filters: FilterOptions
  /** With `{imports: true}`: the workspace's imports, or the sources read with --file. */
  imports?: InputImport[]
  /** What was done to amounts, for the output to name: {fx: {to, from}, deflate: {base}}. */
  money: MoneyNote
  /** Lines for stderr (e.g. an empty workspace and how to fill it, or filters that matched no row). */
  notes: string[]
  /** The workspace's crosswalk and rules the frame was loaded with (none for --file). */
  overlays: FrameOverlays
}

const isCurrency = (v: string) => /^[A-Z]{3}$/.test(v)

/** Split --to values into the date bound and the --fx target currency. */
export function splitTo(values: readonly string[] | undefined): {date?: string; currency?: string} {
  const out: {date?: string; currency?: string} = {}
  for (const v of values ?? []) {
    const key = isCurrency(v) ? 'currency' : 'date'
    if (out[key] !== undefined) {
      throw new SpendInputError('BAD_FLAG', `--to given twice as a ${key === 'currency' ? 'currency' : 'date'} (${out[key]}, ${v})`, {exit: 2})
    }
    out[key] = v
  }
  return out
}

/**
 * Records of files given directly, imported in memory (nothing is written).
 * Each source (a file, or a member of an archive or folder) is its own
 * import `memory-N`, listed with its row counts.
 */
async function readFilesInMemory(files: readonly string[]): Promise<{frame: SpendFrame; imports: InputImport[]}> {
  const records: SpendRecord[] = []
  const sink: RecordSink = {add: (r) => records.push(r), reject: () => {}}
  const imports: InputImport[] = []
  // The readers load only in this mode: workspace queries start faster without them.
  const {openSources} = await import('../io/read/bytes/sources.js')
  for (const file of files) {
    for await (const source of openSources(file)) {
      const opts = {importId: `memory-${imports.length + 1}`, label: file}
      const report = source.kind === 'table'
        ? await (await import('../io/read/table/table.js')).readTable(source, opts, sink)
        : await (await import('../io/read/ocds/index.js')).readOcds(source, opts, sink)
      imports.push({id: opts.importId, file: report.file, rows: report.rows})
    }
  }
  return {frame: frameFromRecords(records, RECORD_COLUMNS), imports}
}

/**
 * Load the columns an analysis needs (from the workspace, or from files given
 * with --file), apply --fx / --deflate, and select rows with the common filters.
 * `classification` replaces the stored rules (null: none; a set: a preview).
 */
export async function loadAnalysisInput(flags: AnalysisFlagValues, columns: readonly FrameColumn[], opts: {imports?: boolean; classification?: FrameOverlays['classification']} = {}): Promise<AnalysisInput> {
  const to = splitTo(flags.to)
  if (to.currency && !flags.fx) throw new SpendInputError('BAD_FLAG', `--to ${to.currency} needs --fx FILE with exchange rates`, {exit: 2})
  if (flags.fx && !to.currency) throw new SpendInputError('BAD_FLAG', '--fx needs --to CODE, the currency to convert to', {exit: 2})
  if (flags.deflate && !flags.base) throw new SpendInputError('BAD_FLAG', '--deflate needs --base YEAR', {exit: 2})
  const filters: FilterOptions = {
    buyer: flags.buyer, supplier: flags.supplier, category: flags.category, from: flags.from, to: to.date,
    currency: flags.currency, excludeRedacted: flags['exclude-redacted'],
  }
  // Only what the query reads: loading is most of a query's time on big workspaces.
  const {filterColumns, filterRows} = await import('../analysis/filter.js')
  const need = new Set<FrameColumn>([...columns, ...filterColumns(filters), 'amount', 'currency'])
  if (flags.fx || flags.deflate) need.add('date')
  const ws = flags.file?.length ? null : await Workspace.open(resolveWorkspace(flags.workspace))
  const memory = ws ? null : await readFilesInMemory(flags.file!)
  const inMemory: FrameOverlays = opts.classification ? {...NO_OVERLAYS, classification: opts.classification} : NO_OVERLAYS
  const loaded = ws ? await loadWorkspaceFrame(ws, [...need], {classification: opts.classification}) : {frame: await deriveColumns(memory!.frame, [...need], inMemory), overlays: inMemory}
  let frame = loaded.frame
  const imports = opts.imports ? (ws ? await ws.list() : memory!.imports) : undefined
  const notes: string[] = []
  const money: AnalysisInput['money'] = {}
  if (flags.fx && to.currency) {
    const [{parseRatesCsv}, {convertCurrency}] = await Promise.all([import('../io/read/rates.js'), import('../analysis/fx.js')])
    const converted = convertCurrency(frame, {rates: parseRatesCsv(await readTextFile(flags.fx), flags.fx), to: to.currency})
    frame = converted.frame
    money.fx = {...converted.note, rates: flags.fx}
  }
  if (flags.deflate && flags.base) {
    const [{parseIndexCsv}, {deflate}] = await Promise.all([import('../io/read/rates.js'), import('../analysis/deflate.js')])
    frame = deflate(frame, {index: parseIndexCsv(await readTextFile(flags.deflate), flags.deflate), base: flags.base})
    money.deflate = {base: flags.base, index: flags.deflate}
  }
  const selection = asUsage(() => filterRows(frame, filters))
  const empty = emptyNote(flags, filters, frame, selection, ws ? ws.label() : null)
  if (empty && flags['fail-empty']) throw new SpendInputError('NO_ROWS', empty)
  if (empty) notes.push(frame.length === 0 ? empty : `spend: ${empty}`)
  return {frame, selection, filters, ...(imports ? {imports} : {}), money, notes, overlays: loaded.overlays}
}

/**
 * Why the selection is empty, or null when it is not: no rows at all (an
 * empty workspace), or filters that match no row together, listed with the
 * dates the data has when a date filter is among them.
 */
function emptyNote(flags: AnalysisFlagValues, filters: FilterOptions, frame: SpendFrame, selection: Rows, workspace: string | null): string | null {
  if (frame.length === 0) return workspace !== null ? msg.noImports(workspace) : msg.noRowsInFiles()
  if (selection === null || selection.length > 0) return null
  const dated = flags.from !== undefined || splitTo(flags.to).date !== undefined
  const span = dated ? selectionSpan(frame, null) : null
  const where = workspace !== null ? 'the workspace' : 'the files'
  const has = !dated ? msg.dataRows(where, frame.length) : span ? msg.dataDates(where, span[0], span[1]) : msg.dataUndated(where)
  return msg.noRowsMatch(filterText(filterFields(filters)) ?? '', has)
}

/** First and last date among the selected rows (null: all rows), or null when none is dated (the no-rows note, chart subtitles, the report's trend). */
export function selectionSpan(frame: SpendFrame, selection: Rows): [string, string] | null {
  const col = frame.columns.date
  if (!col || col.type !== 'dict') return null
  // Slot 0 is "no date" (code -1), slot c + 1 the date of code c.
  const used = new Uint8Array(col.dict.length + 1)
  if (selection === null) for (let i = 0; i < frame.length; i++) used[col.codes[i] + 1] = 1
  else for (let k = 0; k < selection.length; k++) used[col.codes[selection[k]] + 1] = 1
  let lo: string | null = null
  let hi: string | null = null
  col.dict.forEach((d, c) => {
    if (!used[c + 1]) return
    if (lo === null || d < lo) lo = d
    if (hi === null || d > hi) hi = d
  })
  return lo === null || hi === null ? null : [lo, hi]
}


/** A malformed --from/--to is a usage error (exit 2); a value matching nothing stays a data error (1). */
function asUsage<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (!(error instanceof SpendInputError) || !['BAD_PERIOD', 'BAD_RANGE'].includes(error.code)) throw error
    throw new SpendInputError(error.code, error.message, {where: error.where, hint: error.hint, exit: 2})
  }
}
