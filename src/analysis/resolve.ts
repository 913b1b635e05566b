import {SpendInputError} from '../errors.js'
import type {SpendFrame} from '../model/frame.js'
import {dictColumn, dim, type Dim} from './dims.js'
import {compareIds} from './json.js'
import {nearestNames} from './nearest.js'
import {analysisMsg} from '../messages.js'
import {supplierKey} from '../model/supplier.js'

export type EntityKind = 'supplier' | 'buyer'

/** A resolved supplier or buyer: its dimension key, id, display name and every published name/id. */
export interface Entity {
  kind: EntityKind
  key: number
  id: string
  name: string
  names: string[]
  ids: string[]
  dim: Dim
}

type TextColumn = 'supplier' | 'supplier_id' | 'buyer' | 'buyer_id' | 'supplier_key' | 'published_supplier'

/** The columns holding an entity's identity: a supplier's key and published id, a buyer's id. */
const ID_COLUMNS: Record<EntityKind, TextColumn[]> = {supplier: ['supplier_key', 'supplier_id'], buyer: ['buyer_id']}

/** Candidates shown when a name is ambiguous. */
const SHOWN = 5

/**
 * A name as compared: lower case, runs of white space as one space, trimmed.
 * @example normaliseName('  Oxford   CITY Council ') // 'oxford city council'
 */
export function normaliseName(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim()
}

/** Entity keys of the rows whose `column` text passes `test` (one pass over the dictionary, one over rows if any hit). */
function keysWhere(frame: SpendFrame, d: Dim, column: TextColumn, test: (text: string) => boolean): Set<number> {
  const out = new Set<number>()
  const col = dictColumn(frame, column)
  if (!col) return out
  const hit = Uint8Array.from(col.dict, (t) => (test(t) ? 1 : 0))
  if (!hit.includes(1)) return out
  for (let i = 0; i < frame.length; i++) if (col.codes[i] >= 0 && hit[col.codes[i]]) out.add(d.keys[i])
  return out
}

/**
 * The names as published when a crosswalk changed them (the frame's
 * `published_supplier` is then its own column; without a crosswalk it is the
 * `supplier` column itself, and nothing more is searched).
 */
function publishedNames(frame: SpendFrame, kind: EntityKind): TextColumn[] {
  if (kind !== 'supplier') return []
  const published = frame.columns.published_supplier
  return published && published !== frame.columns.supplier ? ['published_supplier'] : []
}

/**
 * Entity keys of the rows whose published supplier key is `q` (under a
 * crosswalk): the published id when the row has one (found in supplier_id),
 * else the key of the published name (supplierKey), worked out per distinct name.
 */
function publishedKeyHits(frame: SpendFrame, d: Dim, q: string): Set<number> {
  const out = new Set<number>()
  const names = dictColumn(frame, 'published_supplier')
  if (!names) return out
  const hit = Uint8Array.from(names.dict, (t) => (supplierKey(t) === q ? 1 : 0))
  if (!hit.includes(1)) return out
  const ids = dictColumn(frame, 'supplier_id')
  for (let i = 0; i < frame.length; i++) {
    const c = names.codes[i]
    if (c >= 0 && hit[c] && (!ids || ids.codes[i] < 0)) out.add(d.keys[i])
  }
  return out
}

/** Distinct texts of a column over the rows of entity k. */
function textsOf(frame: SpendFrame, d: Dim, k: number, column: TextColumn): string[] {
  const col = dictColumn(frame, column)
  if (!col) return []
  const seen = new Set<number>()
  for (let i = 0; i < frame.length; i++) if (d.keys[i] === k && col.codes[i] >= 0) seen.add(col.codes[i])
  return [...seen].map((c) => col.dict[c]).sort()
}

/**
 * The one rule for finding a supplier or buyer from what a user typed, used
 * by the --buyer/--supplier filters and by `spend profile`: an exact id
 * (a buyer id; a supplier key or id), then an exact name or id compared
 * case-insensitively with white space normalised, then a case-insensitive
 * substring of a name or id. The first step with any match decides: one
 * entity is the answer, several are an error listing a few (AMBIGUOUS_NAME);
 * no match at all is an error suggesting the nearest names (UNKNOWN_NAME).
 * Under a stored crosswalk a supplier is found by its names and keys as
 * published too (`published_supplier`, the published id or name key): a
 * published variant stands for its whole entity.
 * Returns the entity's key in `dim(frame, kind)`.
 * @example matchEntity(frame, 'buyer', 'oxford', '--buyer') // key of Oxford City Council
 */
export function matchEntity(frame: SpendFrame, kind: EntityKind, query: string, where: string = kind): number {
  const q = query.trim()
  if (q === '') throw new SpendInputError('EMPTY_NAME', analysisMsg.emptyName(kind), {where})
  const d = dim(frame, kind)
  const idCols = ID_COLUMNS[kind]
  const nq = normaliseName(q)
  const published = publishedNames(frame, kind)
  const names: TextColumn[] = [kind, ...published, ...idCols]
  const lookup = (cols: TextColumn[], test: (text: string) => boolean, extra?: () => Set<number>): number[] => {
    const keys = new Set<number>()
    for (const c of cols) for (const k of keysWhere(frame, d, c, test)) keys.add(k)
    if (extra) for (const k of extra()) keys.add(k)
    // The null key (rows with no name at all) is no entity.
    keys.delete(d.size - 1)
    return [...keys]
  }
  const steps = [
    () => lookup(idCols, (t) => t === q || t.trim() === q, published.length ? () => publishedKeyHits(frame, d, q) : undefined),
    () => lookup(names, (t) => normaliseName(t) === nq),
    () => lookup(names, (t) => normaliseName(t).includes(nq)),
  ]
  for (const step of steps) {
    const hits = step()
    if (hits.length === 1) return hits[0]
    if (hits.length > 1) {
      const label = (k: number) => d.labels[k] ?? ''
      const sorted = hits.sort((a, b) => (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : compareIds(d.ids[a], d.ids[b])))
      const shown = sorted.slice(0, SHOWN).map((k) => `${d.labels[k]} (${d.ids[k]})`)
      throw new SpendInputError('AMBIGUOUS_NAME', analysisMsg.ambiguousName(q, hits.length, kind, shown, sorted.length - SHOWN), {
        where,
        hint: analysisMsg.ambiguousNameHint(),
      })
    }
  }
  const near = nearestNames(suggestionTexts(frame, kind, q), q)
  throw new SpendInputError('UNKNOWN_NAME', analysisMsg.noMatch(kind, q), {
    where,
    hint: near.length ? analysisMsg.didYouMean(near) : analysisMsg.noMatchHint(),
  })
}

/** What "did you mean" picks from: the published names, and the published ids when the query has a digit. */
function suggestionTexts(frame: SpendFrame, kind: EntityKind, q: string): string[] {
  const texts = [...(dictColumn(frame, kind)?.dict ?? [])]
  if (/\d/.test(q)) texts.push(...(dictColumn(frame, kind === 'supplier' ? 'supplier_id' : 'buyer_id')?.dict ?? []))
  return texts
}

/**
 * Find one supplier or buyer from what a user typed (see matchEntity for
 * the rule), with its id, display name and every published name and id.
 * @example resolveEntity(frame, 'supplier', 'acme').name // 'ACME Ltd'
 */
export function resolveEntity(frame: SpendFrame, kind: EntityKind, query: string): Entity {
  const k = matchEntity(frame, kind, query)
  const d = dim(frame, kind)
  const idCols = ID_COLUMNS[kind]
  const ids = [...new Set([d.ids[k]!, ...idCols.flatMap((c) => textsOf(frame, d, k, c))])].sort()
  return {kind, key: k, id: d.ids[k]!, name: d.labels[k] ?? d.ids[k]!, names: textsOf(frame, d, k, kind), ids, dim: d}
}
