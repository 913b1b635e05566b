/**
 * The supplier-entity crosswalk: which published names (variants) are one
 * supplier entity. Written by `spend entities suggest` as CSV (header
 * `variant,entity_key,entity_name,score,evidence,decision,supplier_id`),
 * edited by a person, stored by `spend entities apply` and applied at every
 * load. The CSV columns are a contract: add columns, never rename.
 */

/** `auto`: a sure match (merged); `review`: proposed, not merged until `accept`; `reject`: kept apart. */
export const DECISIONS = ['auto', 'review', 'accept', 'reject'] as const
export type Decision = (typeof DECISIONS)[number]

/** Decisions that merge a variant into its entity. */
export function merges(decision: Decision): boolean {
  return decision === 'auto' || decision === 'accept'
}

/** One row of the crosswalk: one distinct variant, or one (variant, supplier id) pair. */
export interface CrosswalkRow {
  /** The published supplier name with its whitespace collapsed (runs of spaces to one, trimmed). */
  variant: string
  /** The entity key the variant belongs to (a scheme-prefixed id when the entity has one). */
  entity_key: string
  /** The entity's display name. */
  entity_name: string
  /** 0..1: how sure the proposal is (1 for an identifier or exact key); null for a row a person added with no score. */
  score: number | null
  /** Which rule or id matched, e.g. `id GB-COH-01234567`, `key`, `fingerprint`, `similar 0.93 to "..."`. */
  evidence: string
  decision: Decision
  /** The scheme-prefixed id the variant arrived with, or null. */
  supplier_id: string | null
}

/** The CSV header of a crosswalk file, in order. */
export const CROSSWALK_COLUMNS = ['variant', 'entity_key', 'entity_name', 'score', 'evidence', 'decision', 'supplier_id'] as const

/**
 * A published name as a crosswalk variant: whitespace runs collapsed to one space, trimmed.
 * @example variantOf('  ACME   Ltd ') // 'ACME Ltd'
 */
export function variantOf(name: string): string {
  return name.replace(/\s+/gu, ' ').trim()
}
