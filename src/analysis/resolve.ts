import {SpendInputError} from '../errors.js'
import type {SpendFrame} from '../model/frame.js'
import {dictColumn, dim, type Dim} from './dims.js'
import {compareIds} from './json.js'
import {analysisMsg} from '../messages.js'

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

type TextColumn = 'supplier' | 'supplier_id' | 'buyer' | 'buyer_id' | 'supplier_key'

/** Entity keys of the rows whose `column` text passes `test` (one pass over the dictionary, one over rows if any hit). */
function keysWhere(frame: SpendFrame, d: Dim, column: TextColumn, test: (lower: string, text: string) => boolean): Set<number> {
  const out = new Set<number>()
  const col = dictColumn(frame, column)
  if (!col) return out
  const hit = Uint8Array.from(col.dict, (t) => (test(t.toLowerCase(), t) ? 1 : 0))
  if (!hit.includes(1)) return out
  for (let i = 0; i < frame.length; i++) if (col.codes[i] >= 0 && hit[col.codes[i]]) out.add(d.keys[i])
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
 * Find one supplier (entity key, supplier id or name) or buyer (buyer id or
 * name) from what a user typed: an exact id first, then a case-insensitive
 * name or id, then a unique case-insensitive prefix of a name or id. Several
 * matches at the first step that has any is an error listing candidates.
 * @example resolveEntity(frame, 'supplier', 'acme').name // 'ACME Ltd'
 */
export function resolveEntity(frame: SpendFrame, kind: EntityKind, query: string): Entity {
  const q = query.trim()
  if (q === '') throw new SpendInputError('EMPTY_NAME', analysisMsg.emptyName(kind), {where: kind})
  const d = dim(frame, kind)
  const idCols: TextColumn[] = kind === 'supplier' ? ['supplier_key', 'supplier_id'] : ['buyer_id']
  const lq = q.toLowerCase()
  const where = (cols: TextColumn[], test: (lower: string, text: string) => boolean): number[] => {
    const keys = new Set<number>()
    for (const c of cols) for (const k of keysWhere(frame, d, c, test)) keys.add(k)
    // The null key (rows with no name at all) is no entity.
    keys.delete(d.size - 1)
    return [...keys]
  }
  const steps = [
    () => where(idCols, (_l, t) => t === q),
    () => where([kind, ...idCols], (l) => l === lq),
    () => where([kind, ...idCols], (l) => l.startsWith(lq)),
  ]
  for (const step of steps) {
    const hits = step()
    if (hits.length === 1) {
      const k = hits[0]
      const ids = [...new Set([d.ids[k]!, ...idCols.flatMap((c) => textsOf(frame, d, k, c))])].sort()
      return {kind, key: k, id: d.ids[k]!, name: d.labels[k] ?? d.ids[k]!, names: textsOf(frame, d, k, kind), ids, dim: d}
    }
    if (hits.length > 1) {
      const label = (k: number) => d.labels[k] ?? ''
      const sorted = hits.sort((a, b) => (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : compareIds(d.ids[a], d.ids[b])))
      const shown = sorted.slice(0, 5).map((k) => `${d.labels[k]} (${d.ids[k]})`)
      throw new SpendInputError('AMBIGUOUS_NAME', analysisMsg.ambiguousName(q, hits.length, kind, shown, sorted.length - 5), {
        where: kind,
        hint: analysisMsg.ambiguousNameHint(),
      })
    }
  }
  throw new SpendInputError('UNKNOWN_NAME', analysisMsg.noMatch(kind, q), {where: kind, hint: analysisMsg.noMatchHint()})
}
