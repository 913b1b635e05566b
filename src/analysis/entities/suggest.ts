import type {CrosswalkRow} from '../../model/crosswalk.js'
import {type LegalForm, matchName} from '../../model/entity-name.js'

/** One distinct published name (a variant) with the id it arrived with, and how often. */
export interface NameStat {
  variant: string
  supplier_id: string | null
  /** Rows (payments) published under this (variant, id). */
  rows: number
}

export interface SuggestOptions {
  forms: readonly LegalForm[]
}

/**
 * Propose entities for distinct supplier names: one crosswalk row per
 * (variant, id), sorted by entity key then variant.
 * STUB (lead): every variant is its own matching key's entity; the real
 * clustering (ids, key collision, similarity with blocking) replaces it.
 * @example suggestEntities([{variant: 'ACME Ltd', supplier_id: null, rows: 3}], {forms})[0].entity_key // 'acme'
 */
export function suggestEntities(names: readonly NameStat[], opts: SuggestOptions): CrosswalkRow[] {
  return names.map((n) => {
    const key = n.supplier_id ?? matchName(n.variant, opts.forms).key
    return {variant: n.variant, entity_key: key, entity_name: n.variant, score: 1, evidence: n.supplier_id ? `id ${n.supplier_id}` : 'key', decision: 'auto' as const, supplier_id: n.supplier_id}
  })
}
