import {type CrosswalkRow, merges, variantOf} from '../../model/crosswalk.js'
import {type LegalForm, matchName} from '../../model/entity-name.js'
import type {DictColumn, SpendFrame} from '../../model/frame.js'
import {isRedacted, REDACTED_KEY} from '../../model/supplier.js'

/** Where a (variant, id) found its entity: the crosswalk row it matched, or a later import matched by name. */
export interface EntityMatch {
  entity_key: string
  entity_name: string
}

/** The crosswalk indexed for lookups (built once per load). */
export interface CrosswalkIndex {
  /** Rows with an id, by (variant, id); rows without one are in byVariant. */
  byPair: Map<string, CrosswalkRow>
  /** Per id: its merging row (the first in the file), else its first row. */
  byId: Map<string, CrosswalkRow>
  /** Variants listed with no id. */
  byVariant: Map<string, CrosswalkRow>
  /** Per entity key: the ids its merged rows carry. */
  entityIds: Map<string, Set<string>>
  /** Per entity key: its display name (the first non-blank entity_name of its merged rows, else the key). */
  entityName: Map<string, string>
  /**
   * Per matchName key of a merged variant: the entity keys it is merged into.
   * Built on the first name the crosswalk does not list (matching every
   * variant costs ~10 µs each; a workspace whose names are all listed never pays it).
   */
  byMatchKey: Map<string, Set<string>> | null
  rows: readonly CrosswalkRow[]
  forms: readonly LegalForm[]
}

const pairKey = (variant: string, id: string | null) => `${variant}\u0000${id ?? ''}`

/**
 * Index a crosswalk for `entityFor`.
 * @example const index = indexCrosswalk(rows, forms)
 */
export function indexCrosswalk(rows: readonly CrosswalkRow[], forms: readonly LegalForm[]): CrosswalkIndex {
  const index: CrosswalkIndex = {byPair: new Map(), byId: new Map(), byVariant: new Map(), entityIds: new Map(), entityName: new Map(), byMatchKey: null, rows, forms}
  for (const r of rows) {
    if (r.supplier_id === null) index.byVariant.set(r.variant, r)
    else {
      index.byPair.set(pairKey(r.variant, r.supplier_id), r)
      const had = index.byId.get(r.supplier_id)
      if (!had || (!merges(had.decision) && merges(r.decision))) index.byId.set(r.supplier_id, r)
    }
    if (!merges(r.decision)) continue
    if (!index.entityName.has(r.entity_key) && r.entity_name !== '') index.entityName.set(r.entity_key, r.entity_name)
    if (r.supplier_id !== null) {
      const ids = index.entityIds.get(r.entity_key) ?? new Set<string>()
      ids.add(r.supplier_id)
      index.entityIds.set(r.entity_key, ids)
    }
  }
  for (const r of rows) if (merges(r.decision) && !index.entityName.has(r.entity_key)) index.entityName.set(r.entity_key, r.entity_key)
  return index
}

/** The matching keys of the merged variants (see CrosswalkIndex.byMatchKey). */
function matchKeys(index: CrosswalkIndex): Map<string, Set<string>> {
  if (index.byMatchKey) return index.byMatchKey
  const out = new Map<string, Set<string>>()
  for (const r of index.rows) {
    if (!merges(r.decision)) continue
    const key = matchName(r.variant, index.forms).key
    if (key === '') continue
    const keys = out.get(key) ?? new Set<string>()
    keys.add(r.entity_key)
    out.set(key, keys)
  }
  index.byMatchKey = out
  return out
}

/** Identifiers win: a row with id X never joins an entity whose rows carry other ids only. */
function idAllows(index: CrosswalkIndex, entity: string, id: string | null): boolean {
  if (id === null) return true
  const ids = index.entityIds.get(entity)
  return !ids || ids.size === 0 || ids.has(id)
}

/**
 * The entity a published (name, id) belongs to under the crosswalk, or null
 * when it stays as published: its own row (exact variant and id), else a row
 * with the same id, else the variant's row without an id; `auto`/`accept`
 * merge, `review`/`reject` keep it apart. A name the crosswalk does not list
 * (a later import) joins the one entity a merged variant with the same
 * matching key belongs to, if exactly one. Redacted and blank names never join.
 *
 * @example entityFor(index, 'ACME Limited', null) // {entity_key: 'acme', entity_name: 'ACME'}
 */
export function entityFor(index: CrosswalkIndex, name: string, id: string | null): EntityMatch | null {
  const variant = variantOf(name)
  if (variant === '' || isRedacted(variant)) return null
  const row = id === null ? index.byVariant.get(variant) : (index.byPair.get(pairKey(variant, id)) ?? index.byId.get(id) ?? index.byVariant.get(variant))
  if (row) {
    if (!merges(row.decision) || !idAllows(index, row.entity_key, id)) return null
    return {entity_key: row.entity_key, entity_name: index.entityName.get(row.entity_key) ?? row.entity_key}
  }
  const key = matchName(variant, index.forms).key
  const entities = key === '' ? undefined : matchKeys(index).get(key)
  if (!entities || entities.size !== 1) return null
  const entity = entities.values().next().value as string
  if (!idAllows(index, entity, id)) return null
  return {entity_key: entity, entity_name: index.entityName.get(entity) ?? entity}
}

/** A dictionary column being extended with new values (indexed on the first new value: a crosswalk that merges nothing costs nothing). */
class DictBuilder {
  readonly dict: string[]
  private at: Map<string, number> | null = null
  constructor(base: readonly string[]) {
    this.dict = [...base]
  }

  code(value: string): number {
    if (!this.at) {
      this.at = new Map<string, number>()
      this.dict.forEach((v, i) => {
        if (!this.at!.has(v)) this.at!.set(v, i)
      })
    }
    let c = this.at.get(value)
    if (c === undefined) {
      c = this.dict.length
      this.dict.push(value)
      this.at.set(value, c)
    }
    return c
  }
}

/**
 * The frame with the crosswalk applied: `supplier_key` becomes the entity key
 * and `supplier` the entity's display name for every row whose (variant, id)
 * the crosswalk merges (see entityFor); `published_supplier` keeps the name as
 * published. Reads the frame's `supplier`, `supplier_key` and `supplier_id`
 * columns; the work is per distinct (name, id) pair, not per row. Rows with
 * the redacted key keep it.
 *
 * @example applyCrosswalk(frame, rows, forms).columns.supplier_key
 */
export function applyCrosswalk(frame: SpendFrame, rows: readonly CrosswalkRow[], forms: readonly LegalForm[]): SpendFrame {
  const supplier = frame.columns.supplier
  const keyCol = frame.columns.supplier_key
  if (supplier?.type !== 'dict') return frame
  const published = {...frame, columns: {...frame.columns, published_supplier: supplier}}
  if (keyCol?.type !== 'dict' || rows.length === 0) return published
  const idCol = frame.columns.supplier_id?.type === 'dict' ? (frame.columns.supplier_id as DictColumn) : null
  const index = indexCrosswalk(rows, forms)
  const names = new DictBuilder(supplier.dict)
  const keys = new DictBuilder(keyCol.dict)
  const nameCodes = new Int32Array(frame.length)
  const keyCodes = new Int32Array(frame.length)
  const redacted = keyCol.dict.indexOf(REDACTED_KEY)
  // One lookup per distinct (name code, id code). A name nearly always comes with one id (or none), so
  // each name code caches the id code it was last seen with and that pair's match (-2: not worked out,
  // -1: stays as published, else the match's number, whose name and key codes are in matchName/matchKey);
  // other pairs of the name go through a map.
  const width = (idCol?.dict.length ?? 0) + 1
  const seenId = new Int32Array(supplier.dict.length).fill(-2)
  const seenMatch = new Int32Array(supplier.dict.length)
  const others = new Map<number, number>()
  const matchName: number[] = []
  const matchKey: number[] = []
  const sc = supplier.codes
  const kc = keyCol.codes
  const ids = idCol?.codes
  const lookup = (s: number, idc: number): number => {
    const found = entityFor(index, supplier.dict[s] as string, idc >= 0 ? (idCol!.dict[idc] as string) : null)
    if (!found) return -1
    matchKey.push(keys.code(found.entity_key))
    return matchName.push(names.code(found.entity_name)) - 1
  }
  for (let i = 0; i < frame.length; i++) {
    const s = sc[i]
    const k = kc[i]
    nameCodes[i] = s
    keyCodes[i] = k
    if (s < 0 || k === redacted) continue
    const idc = ids ? ids[i] : -1
    let m: number
    if (seenId[s] === idc) m = seenMatch[s]
    else if (seenId[s] === -2) {
      m = seenMatch[s] = lookup(s, idc)
      seenId[s] = idc
    } else {
      const p = s * width + idc + 1
      const had = others.get(p)
      m = had ?? lookup(s, idc)
      if (had === undefined) others.set(p, m)
    }
    if (m < 0) continue
    nameCodes[i] = matchName[m] as number
    keyCodes[i] = matchKey[m] as number
  }
  return {
    ...published,
    columns: {
      ...published.columns,
      supplier: {type: 'dict', codes: nameCodes, dict: names.dict},
      supplier_key: {type: 'dict', codes: keyCodes, dict: keys.dict},
    },
  }
}
