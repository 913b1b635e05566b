import {SpendInputError} from '../errors.js'
import type {DictColumn, SpendFrame} from '../model/frame.js'
import type {FrameColumn} from '../model/record.js'
import {cpvCode, dictColumn, dim} from './dims.js'
import type {Rows} from './kernel.js'
import {periodBounds} from './period.js'
import {matchEntity, type EntityKind} from './resolve.js'
import {analysisMsg} from '../messages.js'
import {isUnidentifiedKey} from '../model/supplier.js'

/** The common filters of every analysis (`--buyer`, `--supplier`, ...). Several values are OR-ed. */
export interface FilterOptions {
  /** A buyer id or name, found by the rule of matchEntity (resolve.ts): exact id, exact name, unique substring. */
  buyer?: string | readonly string[]
  /** A supplier key, id or name (as published too, under a crosswalk), found by the rule of matchEntity (resolve.ts). */
  supplier?: string | readonly string[]
  /** Matches the category code (a digit prefix or CPV code covers its sub-codes) or the category text. */
  category?: string | readonly string[]
  /** First day, or first day of a period: `2024-03-15`, `2024-03`, `2024-Q1`, `2024`. */
  from?: string
  /** Last day, or last day of a period (inclusive of the whole period). */
  to?: string
  currency?: string | readonly string[]
  /** Drop rows whose supplier is redacted or blank (the `redacted` flag, or the placeholders' shared key). */
  excludeRedacted?: boolean
}

/**
 * The filter options from parsed command flags (kebab-case `exclude-redacted`
 * included), ignoring every other flag.
 * @example filterOptions({buyer: 'Oxford', 'exclude-redacted': true, top: 5}) // {buyer: 'Oxford', excludeRedacted: true}
 */
export function filterOptions(flags: Record<string, unknown>): FilterOptions {
  const str = (v: unknown) => (typeof v === 'string' || Array.isArray(v) ? (v as string | string[]) : undefined)
  const out: FilterOptions = {}
  for (const k of ['buyer', 'supplier', 'category', 'currency'] as const) if (str(flags[k]) !== undefined) out[k] = str(flags[k])
  if (typeof flags.from === 'string') out.from = flags.from
  if (typeof flags.to === 'string') out.to = flags.to
  if (flags['exclude-redacted'] === true || flags.excludeRedacted === true) out.excludeRedacted = true
  return out
}

/**
 * Frame columns the filters read (for loading only what a query needs).
 * @example filterColumns({from: '2024'}) // ['date']
 */
export function filterColumns(opts: FilterOptions): FrameColumn[] {
  const cols: FrameColumn[] = []
  if (opts.buyer !== undefined) cols.push('buyer_id', 'buyer')
  // published_supplier costs nothing without a stored crosswalk (it is then the supplier column itself).
  if (opts.supplier !== undefined) cols.push('supplier_key', 'supplier_id', 'supplier', 'published_supplier')
  if (opts.category !== undefined) cols.push('category_code', 'category')
  if (opts.currency !== undefined) cols.push('currency')
  if (opts.from !== undefined || opts.to !== undefined) cols.push('date')
  if (opts.excludeRedacted) cols.push('redacted', 'supplier_key')
  return cols
}

/** A yes/no test per code (a dictionary code or a dimension key), built once so the row loop is integer work. */
type CodeTest = {codes: Int32Array; ok: Uint8Array}

function list(v: string | readonly string[] | undefined): string[] {
  if (v === undefined) return []
  return (typeof v === 'string' ? [v] : [...v]).map((s) => s.trim()).filter((s) => s !== '')
}

function codeTest(col: DictColumn | undefined, match: (value: string) => boolean): CodeTest | null {
  if (!col) return null
  return {codes: col.codes, ok: Uint8Array.from(col.dict, (v) => (match(v) ? 1 : 0))}
}

/** Rows of the entities the wanted names stand for (each resolved by matchEntity, an error if it finds none or several). */
function entityTest(frame: SpendFrame, kind: EntityKind, wanted: string[], where: string): CodeTest {
  const d = dim(frame, kind)
  const ok = new Uint8Array(d.size)
  for (const w of wanted) ok[matchEntity(frame, kind, w, where)] = 1
  return {codes: d.keys, ok}
}

/**
 * Tests on several columns of which a row must pass at least one (e.g. id or
 * name). Each wanted value must match something, else it is reported.
 */
function anyOf(
  cols: (DictColumn | undefined)[],
  matcher: (wanted: string[]) => (v: string) => boolean,
  what: string,
  wanted: string[],
  where: string,
): CodeTest[] {
  for (const w of wanted) {
    const m = matcher([w])
    if (!cols.some((c) => c?.dict.some(m))) {
      throw new SpendInputError('NO_MATCH', analysisMsg.noMatch(what, w), {where, hint: analysisMsg.noMatchHint()})
    }
  }
  const m = matcher(wanted)
  return cols.map((c) => codeTest(c, m)).filter((t): t is CodeTest => t !== null)
}

/** Category codes matched by a wanted value: a CPV code stands for its sub-codes, digits are a prefix. */
export function categoryMatcher(wanted: string[]): (v: string) => boolean {
  const exact = new Set(wanted.map((w) => w.toLowerCase()))
  const prefixes = wanted
    .map((w) => {
      const cpv = cpvCode(w)
      if (cpv) return cpv.replace(/0+$/, '').padEnd(2, '0')
      return /^\d{2,7}$/.test(w) ? w : null
    })
    .filter((p): p is string => p !== null)
  return (v) => {
    if (exact.has(v.toLowerCase())) return true
    const cpv = cpvCode(v) ?? v
    return prefixes.some((p) => cpv.startsWith(p))
  }
}

/**
 * Rows passing the common filters, as sorted row indexes; null when no filter
 * is set (every row). A buyer or supplier is found by the one rule for
 * names (matchEntity: exact id, exact name, unique substring; ambiguous or
 * unknown names are errors, the latter with "did you mean"). A category or
 * currency value that matches nothing in the data is an error too (a typo
 * should not look like zero spend). Rows without a date are excluded as soon
 * as --from or --to is set.
 * @example filterRows(frame, {buyer: 'Oxford City Council', from: '2024-Q1', to: '2024'})
 */
export function filterRows(frame: SpendFrame, opts: FilterOptions): Rows {
  const groups: CodeTest[][] = []
  const buyers = list(opts.buyer)
  if (buyers.length > 0) groups.push([entityTest(frame, 'buyer', buyers, '--buyer')])
  const suppliers = list(opts.supplier)
  if (suppliers.length > 0) groups.push([entityTest(frame, 'supplier', suppliers, '--supplier')])
  const categories = list(opts.category)
  if (categories.length > 0) {
    // Codes and texts share one matcher: a text is never all digits, so prefixes only hit codes.
    const cols = [dictColumn(frame, 'category_code'), dictColumn(frame, 'category')]
    groups.push(anyOf(cols, categoryMatcher, 'category', categories, '--category'))
  }
  const currencies = list(opts.currency).map((c) => c.toUpperCase())
  if (currencies.length > 0) {
    const m = (w: string[]) => (v: string) => w.includes(v)
    groups.push(anyOf([dictColumn(frame, 'currency')], m, 'currency', currencies, '--currency'))
  }
  const dates = dateTest(frame, opts)
  if (dates) groups.push([dates])
  const redacted = opts.excludeRedacted ? frame.columns.redacted : undefined
  // Rows whose supplier is the shared key of redacted and blank names go too (e.g. OCDS awards with no supplier name).
  const keys = opts.excludeRedacted ? codeTest(dictColumn(frame, 'supplier_key'), (k) => !isUnidentifiedKey(k)) : null
  if (keys) groups.push([keys])
  if (groups.length === 0 && !redacted) return null
  return _filter(frame.length, groups, redacted?.type === 'bool' ? redacted.values : null)
}

function dateTest(frame: SpendFrame, opts: FilterOptions): CodeTest | null {
  if (opts.from === undefined && opts.to === undefined) return null
  const lo = opts.from === undefined ? '' : periodBounds(opts.from, '--from')[0]
  const hi = opts.to === undefined ? '\uffff' : periodBounds(opts.to, '--to')[1]
  if (lo > hi) {
    throw new SpendInputError('BAD_RANGE', analysisMsg.badRange(opts.from, opts.to), {where: '--from', hint: analysisMsg.badRangeHint()})
  }
  const col = dictColumn(frame, 'date') ?? {type: 'dict' as const, codes: new Int32Array(frame.length).fill(-1), dict: []}
  return codeTest(col, (d) => d >= lo && d <= hi)
}

/** Row loop: every group must pass (AND); within a group any column may pass (OR). */
function _filter(length: number, groups: CodeTest[][], redacted: Uint8Array | null): Uint32Array {
  const out = new Uint32Array(length)
  let n = 0
  rows: for (let i = 0; i < length; i++) {
    if (redacted && redacted[i]) continue
    for (const g of groups) {
      let pass = false
      for (const t of g) {
        const c = t.codes[i]
        if (c >= 0 && t.ok[c]) {
          pass = true
          break
        }
      }
      if (!pass) continue rows
    }
    out[n++] = i
  }
  return out.slice(0, n)
}
