/**
 * Which categories `spend benchmark` compares one by one. With hundreds of
 * categories a measure per category buries the few that matter (500
 * categories x 200 peers was 510 measures and 15 MB of JSON), so by default
 * the comparison keeps the categories that make up most of the group's
 * spend, each body counting equally, plus the buyer's own largest, and folds
 * the rest into one "other categories" share.
 */
import {compareIds} from '../json.js'

/** The group's share of spend the kept categories reach (shares summed over the buyer and its peers). */
export const CATEGORY_COVER = 0.95
/** At most this many categories are kept for the group's cover. */
export const CATEGORY_MAX = 20
/** The buyer's own largest categories, always kept. */
export const CATEGORY_BUYER_TOP = 5

export interface CategoryChoice<C> {
  kept: C[]
  folded: C[]
  rule: string
}

/**
 * Keep the categories that, by summed share over the group (each body's
 * shares counted once, so a large body does not decide alone), reach
 * CATEGORY_COVER of the summed shares, at most CATEGORY_MAX of them, plus
 * the buyer's CATEGORY_BUYER_TOP largest; fold the rest. Ties by code. `all`
 * keeps every category.
 * @example chooseCategories(['a', 'b'], (id, c) => (c === 'a' ? 1 : 0), 'me', ['p'], false).kept // ['a']
 */
export function chooseCategories<C extends string | null>(
  codes: readonly C[], shareOf: (id: string, code: C) => number | null, buyer: string, peers: readonly string[], all: boolean,
): CategoryChoice<C> {
  if (all) return {kept: [...codes], folded: [], rule: 'every category (--all-categories)'}
  const weight = new Map<C, number>()
  for (const code of codes) {
    let w = 0
    for (const id of [buyer, ...peers]) w += Math.max(0, shareOf(id, code) ?? 0)
    weight.set(code, w)
  }
  const byWeight = [...codes].sort((a, b) => weight.get(b)! - weight.get(a)! || compareIds(a, b))
  const total = byWeight.reduce((s, c) => s + weight.get(c)!, 0)
  const keep = new Set<C>()
  let covered = 0
  for (const code of byWeight) {
    if (keep.size >= CATEGORY_MAX || covered >= CATEGORY_COVER * total || weight.get(code)! <= 0) break
    keep.add(code)
    covered += weight.get(code)!
  }
  const own = [...codes].filter((c) => (shareOf(buyer, c) ?? 0) > 0).sort((a, b) => (shareOf(buyer, b) ?? 0) - (shareOf(buyer, a) ?? 0) || compareIds(a, b))
  for (const code of own.slice(0, CATEGORY_BUYER_TOP)) keep.add(code)
  const rule = `the categories making up ${CATEGORY_COVER * 100}% of the group's spend (each body's shares counted equally, at most ${CATEGORY_MAX}) and the buyer's ${CATEGORY_BUYER_TOP} largest; the rest folded into other categories (--all-categories compares each)`
  return {kept: codes.filter((c) => keep.has(c)), folded: codes.filter((c) => !keep.has(c)), rule}
}
