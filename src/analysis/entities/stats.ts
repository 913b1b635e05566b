import type {SpendFrame} from '../../model/frame.js'
import {codePointCompare} from '../../model/entity-name.js'
import {isUnidentifiedKey} from '../../model/supplier.js'

/** Rows and exact amount (minor units) in one currency. */
export interface CurrencyAmount {
  currency: string | null
  rows: number
  amount: bigint
}

/** One entity that merges two or more published supplier keys. */
export interface EntityMerge {
  entity_key: string
  entity_name: string
  /** Distinct published names (as published) merged into it. */
  variants: number
  /** Distinct published supplier keys merged into it. */
  keys: number
  rows: number
  amounts: CurrencyAmount[]
}

/** What the crosswalk does to a frame: supplier keys before and after, the largest merges, the spend that changed entity. */
export interface EntityStats {
  /** Distinct supplier keys as published (redacted and blank not counted). */
  names_before: number
  /** Distinct supplier keys with the crosswalk applied. */
  names_after: number
  merges: EntityMerge[]
  /** Per currency: rows whose entity key differs from the published supplier_key, and their amount. */
  changed: CurrencyAmount[]
}

const dictOf = (frame: SpendFrame, name: 'supplier' | 'supplier_key' | 'currency' | 'published_supplier') => {
  const c = frame.columns[name]
  if (c?.type !== 'dict') throw new Error(`bug: entity stats need ${name}`)
  return c
}

/**
 * Compare a frame as published (`before`) with the same rows under the
 * crosswalk (`after`, from applyCrosswalk: same length and order). Merges are
 * ranked by rows, then entity key; `top` keeps the first N. Money is summed
 * per currency in integer minor units, never across currencies.
 * @example entityStats(before, applyCrosswalk(before, rows, forms), 10).names_after
 */
export function entityStats(before: SpendFrame, after: SpendFrame, top: number): EntityStats {
  const kb = dictOf(before, 'supplier_key')
  const ka = dictOf(after, 'supplier_key')
  const pub = dictOf(after, 'published_supplier')
  const name = dictOf(after, 'supplier')
  const cur = dictOf(before, 'currency')
  const amount = before.columns.amount
  if (amount?.type !== 'num') throw new Error('bug: entity stats need amount')
  const keysBefore = new Set<number>()
  const keysAfter = new Set<number>()
  const perEntity = new Map<number, {name: number; keys: Set<number>; variants: Set<number>; rows: number; sums: Map<number, {rows: number; amount: bigint}>}>()
  const changed = new Map<number, {rows: number; amount: bigint}>()
  const unidentifiedAfter = ka.dict.map((k) => isUnidentifiedKey(k))
  for (let i = 0; i < before.length; i++) {
    const b = kb.codes[i]
    const a = ka.codes[i]
    if (b >= 0 && !isUnidentifiedKey(kb.dict[b])) keysBefore.add(b)
    if (a < 0 || unidentifiedAfter[a]) continue
    keysAfter.add(a)
    let e = perEntity.get(a)
    if (!e) perEntity.set(a, (e = {name: name.codes[i], keys: new Set(), variants: new Set(), rows: 0, sums: new Map()}))
    e.keys.add(b)
    e.variants.add(pub.codes[i])
    e.rows++
    const c = cur.codes[i]
    const v = BigInt(amount.values[i])
    const s = e.sums.get(c) ?? {rows: 0, amount: 0n}
    s.rows++
    s.amount += v
    e.sums.set(c, s)
    if (b < 0 || kb.dict[b] !== ka.dict[a]) {
      const t = changed.get(c) ?? {rows: 0, amount: 0n}
      t.rows++
      t.amount += v
      changed.set(c, t)
    }
  }
  const amounts = (m: Map<number, {rows: number; amount: bigint}>): CurrencyAmount[] =>
    [...m].map(([c, s]) => ({currency: c >= 0 ? (cur.dict[c] as string) : null, rows: s.rows, amount: s.amount}))
      .sort((x, y) => codePointCompare(x.currency ?? '', y.currency ?? ''))
  const merges: EntityMerge[] = []
  for (const [a, e] of perEntity) {
    if (e.keys.size < 2) continue
    merges.push({entity_key: ka.dict[a] as string, entity_name: e.name >= 0 ? (name.dict[e.name] as string) : '', variants: e.variants.size, keys: e.keys.size, rows: e.rows, amounts: amounts(e.sums)})
  }
  merges.sort((x, y) => y.rows - x.rows || y.keys - x.keys || codePointCompare(x.entity_key, y.entity_key))
  return {names_before: keysBefore.size, names_after: keysAfter.size, merges: merges.slice(0, top), changed: amounts(changed)}
}
