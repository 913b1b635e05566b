import {dictColumn, dim} from '../analysis/dims.js'
import {categoryMatcher, filterColumns, filterRows, type FilterOptions} from '../analysis/filter.js'
import {periodBounds} from '../analysis/period.js'
import {matchEntity} from '../analysis/resolve.js'
import {SpendInputError} from '../errors.js'
import {resolveWorkspace, Workspace} from '../io/workspace/index.js'
import {sqlMsg} from '../messages.js'
import type {FrameColumn} from '../model/record.js'
import {type AnalysisFlagValues, splitTo} from '../services/analysis-input.js'
import {loadWorkspaceFrame} from '../services/frame-load.js'
import type {SpendFrame} from '../model/frame.js'
import type {Dialect} from './dialect.js'

/**
 * The common filters (--buyer --supplier --category --from --to --currency
 * --exclude-redacted) as one SQL predicate over the exported columns. Names
 * are resolved against the workspace exactly as the native filters resolve
 * them (the same functions, on the filter columns only), then written as
 * explicit lists of ids and date bounds, so the SQL selects the rows the
 * native analysis selects. --fx, --deflate and --file are not run on engines.
 */

export interface SqlWhere {
  /** The predicate (`TRUE` without filters). */
  where: string
  /** The filters as given, for the output's echo. */
  filters: FilterOptions
  /** Rows the native filters select in the workspace (null: no workspace was read, no filters). */
  rows: number | null
}

const list = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : (typeof v === 'string' ? [v] : [...v]).map((s) => s.trim()).filter((s) => s !== ''))

/** Refuse what engines do not run: --fx (and --to CODE), --deflate, --file. */
export function refuseNative(flags: AnalysisFlagValues): void {
  const to = splitTo(flags.to)
  const refused = flags.fx ? '--fx' : to.currency ? '--to CODE' : flags.deflate ? '--deflate' : flags.base ? '--base' : flags.file?.length ? '--file' : null
  if (refused) throw new SpendInputError('NOT_ON_ENGINE', sqlMsg.notOnEngines(refused), {where: refused.split(' ')[0], hint: sqlMsg.notOnEnginesHint(), exit: 2})
}

/** The filter options of the flags (as loadAnalysisInput builds them). */
export function filtersOf(flags: AnalysisFlagValues): FilterOptions {
  return {
    buyer: flags.buyer, supplier: flags.supplier, category: flags.category, from: flags.from, to: splitTo(flags.to).date,
    currency: flags.currency, excludeRedacted: flags['exclude-redacted'],
  }
}

const inList = (d: Dialect, column: string, values: readonly string[]) =>
  values.length === 0 ? 'FALSE' : `${column} IN (${[...values].sort().map((v) => d.str(v)).join(', ')})`

/** The predicate for filters over a frame holding (at least) their columns; errors as filterRows gives them. */
export function wherePredicate(frame: SpendFrame, filters: FilterOptions, d: Dialect): string {
  const parts: string[] = []
  const buyers = list(filters.buyer)
  if (buyers.length > 0) {
    const bd = dim(frame, 'buyer')
    parts.push(inList(d, 'buyer_id', [...new Set(buyers.map((b) => bd.ids[matchEntity(frame, 'buyer', b, '--buyer')]!))]))
  }
  const suppliers = list(filters.supplier)
  if (suppliers.length > 0) {
    const sd = dim(frame, 'supplier')
    parts.push(inList(d, 'supplier_key', [...new Set(suppliers.map((s) => sd.ids[matchEntity(frame, 'supplier', s, '--supplier')]!))]))
  }
  const categories = list(filters.category)
  if (categories.length > 0) {
    const m = categoryMatcher(categories)
    const codes = (dictColumn(frame, 'category_code')?.dict ?? []).filter(m)
    const texts = (dictColumn(frame, 'category')?.dict ?? []).filter(m)
    parts.push(`(${inList(d, 'category_code', codes)} OR ${inList(d, 'category', texts)})`)
  }
  const currencies = list(filters.currency).map((c) => c.toUpperCase())
  if (currencies.length > 0) parts.push(inList(d, 'currency', [...new Set(currencies)]))
  if (filters.from !== undefined || filters.to !== undefined) {
    parts.push('date IS NOT NULL')
    if (filters.from !== undefined) parts.push(`date >= DATE ${d.str(periodBounds(filters.from, '--from')[0])}`)
    if (filters.to !== undefined) parts.push(`date <= DATE ${d.str(periodBounds(filters.to, '--to')[1])}`)
  }
  if (filters.excludeRedacted) parts.push('NOT redacted', 'NOT supplier_unidentified')
  return parts.length === 0 ? 'TRUE' : parts.join('\n  AND ')
}

const hasFilter = (f: FilterOptions) =>
  list(f.buyer).length + list(f.supplier).length + list(f.category).length + list(f.currency).length > 0 || f.from !== undefined || f.to !== undefined || f.excludeRedacted === true

/**
 * The filters of the flags as SQL, resolved against the workspace (read only
 * when a filter needs it). Malformed periods are usage errors (exit 2) and
 * names that match nothing data errors (exit 1), as natively.
 */
export async function sqlWhere(flags: AnalysisFlagValues, d: Dialect): Promise<SqlWhere> {
  refuseNative(flags)
  const filters = filtersOf(flags)
  if (!hasFilter(filters)) return {where: 'TRUE', filters, rows: null}
  const ws = await Workspace.open(resolveWorkspace(flags.workspace))
  const {frame} = await loadWorkspaceFrame(ws, [...new Set<FrameColumn>([...filterColumns(filters), 'currency'])])
  let rows: number
  try {
    const sel = filterRows(frame, filters)
    rows = sel === null ? frame.length : sel.length
  } catch (error) {
    if (!(error instanceof SpendInputError) || !['BAD_PERIOD', 'BAD_RANGE'].includes(error.code)) throw error
    throw new SpendInputError(error.code, error.message, {where: error.where, hint: error.hint, exit: 2})
  }
  if (rows === 0 && flags['fail-empty']) throw new SpendInputError('NO_ROWS', 'no rows match the filters', {hint: 'loosen the filters'})
  return {where: wherePredicate(frame, filters, d), filters, rows}
}
