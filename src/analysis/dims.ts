import {SpendInputError} from '../errors.js'
import type {DictColumn, SpendFrame} from '../model/frame.js'
import type {FrameColumn} from '../model/record.js'
import {CATEGORY_LEVELS, categoryDim, periodDim} from './dim-parts.js'
import {dictColumn, KeyMaker} from './frame-access.js'
import {modeLabels} from './labels.js'
import {checkFiscalStart} from './period.js'
import {isRedacted, isUnidentifiedKey} from '../model/supplier.js'
import {analysisMsg} from '../messages.js'

/** Dimensions an analysis can group by. */
export const DIM_NAMES = [
  'buyer', 'unit', 'supplier', 'category', 'expense_type', 'year', 'quarter', 'month', 'currency', 'gpp_group',
] as const
export type DimName = (typeof DIM_NAMES)[number]

export {CATEGORY_LEVELS, cpvAtLevel, cpvCode} from './dim-parts.js'
export {amounts, dictColumn} from './frame-access.js'
export type CategoryLevel = keyof typeof CATEGORY_LEVELS

/** Nouns, for "Other (1 supplier)" / "Other (12 suppliers)". */
export const DIM_NOUNS: Record<DimName, string> = {
  buyer: 'buyer', unit: 'unit', supplier: 'supplier', category: 'category',
  expense_type: 'expense type', year: 'year', quarter: 'quarter', month: 'month', currency: 'currency',
  gpp_group: 'GPP group',
}

export const DIM_PLURALS: Record<DimName, string> = {
  buyer: 'buyers', unit: 'units', supplier: 'suppliers', category: 'categories',
  expense_type: 'expense types', year: 'years', quarter: 'quarters', month: 'months', currency: 'currencies',
  gpp_group: 'GPP groups',
}

export interface DimOptions {
  /** Category level for CPV-style 8-digit codes (default: the code as published). */
  level?: CategoryLevel
  /** First month of the fiscal year, 1-12 (default 1: calendar years). */
  fiscalYearStart?: number
  /** Category code -> label (e.g. from the CPV list); the analysis layer reads no files. */
  categoryLabels?: ReadonlyMap<string, string>
}

/**
 * A dimension resolved over a frame: an integer key per row (0..size-1, every
 * row has one; rows with no value share the last key, whose id is null), plus
 * a stable id (the sort/identity key) and a display label per key.
 */
export interface Dim {
  name: DimName
  keys: Int32Array
  size: number
  /** Identity per key: buyer_id, supplier key, category code, period label, currency code. */
  ids: (string | null)[]
  /** Display text per key: most frequent published name, CPV label, period label. */
  labels: (string | null)[]
  /** For period dims: the period number of each key (see period.ts), NaN for the null key. */
  periods?: Float64Array
  /**
   * For the supplier dim: 1 for keys that identify no supplier (redaction
   * placeholders and blank names share one key; the null key), built once
   * per key, so measures can leave them out without touching rows.
   */
  unidentified?: Uint8Array
}

/**
 * Validate a dimension name given by a user.
 * @example checkDim('buyer') // 'buyer'
 */
export function checkDim(name: string, where = '--by'): DimName {
  if ((DIM_NAMES as readonly string[]).includes(name)) return name as DimName
  throw new SpendInputError('BAD_DIMENSION', analysisMsg.unknownDimension(name), {where, hint: analysisMsg.unknownDimensionHint(DIM_NAMES)})
}

/**
 * Parse a comma-separated `--by` list.
 * @example parseDims('buyer, category') // ['buyer', 'category']
 */
export function parseDims(text: string, where = '--by'): DimName[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => checkDim(s, where))
}

/**
 * Validate a `--level` value (undefined stays undefined).
 * @example checkLevel('division') // 'division'
 */
export function checkLevel(level: string | undefined): CategoryLevel | undefined {
  if (level === undefined || level in CATEGORY_LEVELS) return level as CategoryLevel | undefined
  throw new SpendInputError('BAD_LEVEL', analysisMsg.unknownLevel(level), {where: '--level', hint: analysisMsg.unknownLevelHint(Object.keys(CATEGORY_LEVELS))})
}

/** Frame columns a dimension reads, so a command loads only those (each column costs ~0.1 s on 1M rows). */
export const DIM_COLUMNS: Record<DimName, readonly FrameColumn[]> = {
  buyer: ['buyer_id', 'buyer'], unit: ['unit'], supplier: ['supplier_key', 'supplier'],
  category: ['category_code', 'category'], expense_type: ['expense_type'], year: ['date'], quarter: ['date'],
  month: ['date'], currency: ['currency'], gpp_group: ['gpp_group'],
}

/**
 * Resolve a dimension over a frame.
 * @example dim(frame, 'quarter', {fiscalYearStart: 4}).labels // ['2024-25-Q1', ...]
 */
export function dim(frame: SpendFrame, name: DimName, opts: DimOptions = {}): Dim {
  // Frames are immutable values, so a dimension resolved once (a full pass over
  // the rows) is reused by later analyses of the same frame (profile needs several).
  const fy = checkFiscalStart(opts.fiscalYearStart)
  checkLevel(opts.level)
  const cacheKey = `${name}|${name === 'category' ? (opts.level ?? '') : ''}|${PERIOD_DIMS.has(name) ? fy : ''}`
  const cacheable = !(name === 'category' && opts.categoryLabels)
  let cache = CACHE.get(frame)
  const hit = cacheable ? cache?.get(cacheKey) : undefined
  if (hit) return hit
  const d = resolveDim(frame, name, opts, fy)
  if (cacheable) {
    if (!cache) CACHE.set(frame, (cache = new Map()))
    cache.set(cacheKey, d)
  }
  return d
}

const CACHE = new WeakMap<SpendFrame, Map<string, Dim>>()
const PERIOD_DIMS: ReadonlySet<DimName> = new Set(['year', 'quarter', 'month'])

function resolveDim(frame: SpendFrame, name: DimName, opts: DimOptions, fy: number): Dim {
  switch (name) {
    case 'buyer':
      return buyerDim(frame)
    case 'supplier':
      return supplierDim(frame)
    case 'category':
      return categoryDim(frame, opts)
    case 'year':
    case 'quarter':
    case 'month':
      return periodDim(frame, name, fy)
    default:
      return plainDim(frame, name, dictColumn(frame, name))
  }
}

/** A dictionary column used as is: key = code, null -> the last key. */
function plainDim(frame: SpendFrame, name: DimName, col: DictColumn | undefined): Dim {
  const size = (col?.dict.length ?? 0) + 1
  const ids = [...(col?.dict ?? []), null]
  // Without nulls the dictionary codes already are the keys: no copy.
  if (col && !hasNull(col.codes)) return {name, keys: col.codes, size, ids, labels: ids}
  const keys = new Int32Array(frame.length).fill(size - 1)
  if (col) for (let i = 0; i < frame.length; i++) if (col.codes[i] >= 0) keys[i] = col.codes[i]
  return {name, keys, size, ids, labels: ids}
}

function buyerDim(frame: SpendFrame): Dim {
  const id = dictColumn(frame, 'buyer_id') ?? dictColumn(frame, 'buyer')
  const d = plainDim(frame, 'buyer', id)
  return {...d, labels: modeLabels(d.keys, d.size, dictColumn(frame, 'buyer'), d.ids)}
}

/** Supplier entity: supplier_key when known (non-empty), else the published name. */
function supplierDim(frame: SpendFrame): Dim {
  const skey = dictColumn(frame, 'supplier_key')
  const name = dictColumn(frame, 'supplier')
  const km = new KeyMaker()
  // Common case: every row has a non-blank key, so the codes already are the
  // keys (dictionary entries are distinct, a SpendFrame invariant).
  if (skey && !anyBlank(skey.dict) && !hasNull(skey.codes)) {
    const size = skey.dict.length + 1
    const ids = [...skey.dict, null]
    return {name: 'supplier', keys: skey.codes, size, ids, labels: modeLabels(skey.codes, size, name, ids), unidentified: unidentifiedKeys(ids)}
  }
  const byKey = Int32Array.from(skey?.dict ?? [], (s) => (s.trim() === '' ? -1 : km.key(s)))
  const byName = new Int32Array(name?.dict.length ?? 0).fill(-2)
  // Names stand in for blank keys: a placeholder name then marks its key (once per name).
  const redactedNames: number[] = []
  const keys = new Int32Array(frame.length)
  const nulls: number[] = []
  for (let i = 0; i < frame.length; i++) {
    const kc = skey ? skey.codes[i] : -1
    let k = kc >= 0 ? byKey[kc] : -1
    if (k < 0) {
      const nc = name ? name.codes[i] : -1
      if (nc < 0) {
        nulls.push(i)
        continue
      }
      if (byName[nc] === -2) {
        byName[nc] = km.key(name!.dict[nc])
        if (isRedacted(name!.dict[nc])) redactedNames.push(byName[nc])
      }
      k = byName[nc]
    }
    keys[i] = k
  }
  const size = km.ids.length + 1
  for (const i of nulls) keys[i] = size - 1
  const ids = [...km.ids, null]
  const labels = modeLabels(keys, size, name, ids)
  const unidentified = unidentifiedKeys(ids)
  for (const k of redactedNames) unidentified[k] = 1
  return {name: 'supplier', keys, size, ids, labels, unidentified}
}

/** 1 per supplier key that identifies no supplier (isUnidentifiedKey): a plain loop, 50k keys once per query. */
function unidentifiedKeys(ids: readonly (string | null)[]): Uint8Array {
  const out = new Uint8Array(ids.length)
  for (let k = 0; k < ids.length; k++) if (isUnidentifiedKey(ids[k])) out[k] = 1
  return out
}

/** Whether any entry is blank; only those starting with whitespace (or empty) are trimmed: 50k keys, once per query. */
function anyBlank(dict: readonly string[]): boolean {
  for (let i = 0; i < dict.length; i++) {
    const s = dict[i]
    const c = s.charCodeAt(0) // NaN when empty
    if (!(c > 32 && c < 127) && s.trim() === '') return true
  }
  return false
}

/** Whether a code column has a null (-1). indexOf: TypedArray includes() took 3x longer on 1M codes. */
function hasNull(codes: Int32Array): boolean {
  return codes.indexOf(-1) !== -1
}
