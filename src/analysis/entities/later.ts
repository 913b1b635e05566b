import {type CrosswalkRow, variantOf} from '../../model/crosswalk.js'
import type {LegalForm} from '../../model/entity-name.js'
import type {SpendFrame} from '../../model/frame.js'
import {isRedacted} from '../../model/supplier.js'
import {entityFor, indexCrosswalk} from './apply.js'

/** How a later import's distinct supplier names meet the stored crosswalk. */
export interface LaterNames {
  /** Distinct names (variants), blank and redacted ones left out: they never join an entity. */
  names: number
  /** Names the crosswalk lists (any decision). */
  listed: number
  /** Names it does not list that joined an entity anyway: by a listed id, or by matching key (see entityFor). */
  joined: number
  /** The rest: names `spend entities suggest --new` proposes rows for. */
  fresh: number
}

/**
 * Count the distinct published supplier names of `frame` (one import's
 * `supplier` and `supplier_id` columns, as published) against a crosswalk.
 * The work is per distinct (name, id) pair, never per row more than a code lookup.
 * @example laterNames(frame, rows, forms) // {names: 40, listed: 12, joined: 3, fresh: 25}
 */
export function laterNames(frame: SpendFrame, rows: readonly CrosswalkRow[], forms: readonly LegalForm[]): LaterNames {
  const out: LaterNames = {names: 0, listed: 0, joined: 0, fresh: 0}
  const supplier = frame.columns.supplier
  if (supplier?.type !== 'dict') return out
  const ids = frame.columns.supplier_id?.type === 'dict' ? frame.columns.supplier_id : null
  // The ids each published name arrives with (-1: none).
  const pairs = new Map<number, Set<number>>()
  for (let i = 0; i < frame.length; i++) {
    const s = supplier.codes[i]
    if (s < 0) continue
    const set = pairs.get(s) ?? new Set<number>()
    set.add(ids ? ids.codes[i] : -1)
    pairs.set(s, set)
  }
  const listed = new Set(rows.map((r) => r.variant))
  const index = indexCrosswalk(rows, forms)
  // Per variant: 2 listed, 1 joined, 0 new (several published spellings may share a variant).
  const state = new Map<string, number>()
  for (const [s, idCodes] of pairs) {
    const name = supplier.dict[s] as string
    const variant = variantOf(name)
    if (variant === '' || isRedacted(variant)) continue
    let st = listed.has(variant) ? 2 : 0
    if (st === 0) for (const c of idCodes) if (entityFor(index, name, c >= 0 ? (ids!.dict[c] as string) : null)) st = 1
    state.set(variant, Math.max(st, state.get(variant) ?? 0))
  }
  for (const st of state.values()) {
    out.names++
    if (st === 2) out.listed++
    else if (st === 1) out.joined++
    else out.fresh++
  }
  return out
}
