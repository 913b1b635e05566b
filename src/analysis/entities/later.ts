import type {CrosswalkRow} from '../../model/crosswalk.js'
import type {LegalForm} from '../../model/entity-name.js'
import type {SpendFrame} from '../../model/frame.js'
import {entityFor, indexCrosswalk} from './apply.js'
import {nameStats} from './names.js'

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
  const listed = new Set(rows.map((r) => r.variant))
  const index = indexCrosswalk(rows, forms)
  // Per variant (the distinct pairs of nameStats, blank and redacted names left out): 2 listed, 1 joined, 0 new.
  const state = new Map<string, number>()
  for (const {variant, supplier_id: id} of nameStats(frame)) {
    const st = listed.has(variant) ? 2 : entityFor(index, variant, id) ? 1 : 0
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
