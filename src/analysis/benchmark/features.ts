import type {SpendFrame} from '../../model/frame.js'
import {amounts, dim, dictColumn, type CategoryLevel} from '../dims.js'
import {compareIds} from '../json.js'
import type {Rows} from '../kernel.js'

/**
 * The features peers are chosen by, per candidate buyer, from a SpendFrame:
 * size (total spend in one currency, or a size value the caller gives, such
 * as population) and category mix (each category's share of the buyer's
 * spend in that currency, one feature per category code at a level).
 */

/** The two feature groups a weight can be given to. */
export type FeatureGroup = 'size' | 'mix'

export const FEATURE_GROUPS: readonly FeatureGroup[] = ['size', 'mix']

/** One feature: `size`, or `mix:<category code>` (`mix:` for spend with no category). */
export interface Feature {
  name: string
  group: FeatureGroup
  /** The category code of a mix feature (null: spend with no category); absent for size. */
  category?: string | null
  /** What a reader sees: `total spend (GBP)`, the size column's name, or the category label. */
  label: string
}

/** A candidate buyer and its raw (not standardised) value per feature name. */
export interface BuyerFeatures {
  buyer: string
  values: Readonly<Record<string, number>>
}

/** Features for a set of buyers, and the buyers that could not be given them. */
export interface FeatureTable {
  features: Feature[]
  buyers: BuyerFeatures[]
  /** Buyers left out, with why: no positive spend in the currency, no size value. */
  excluded: {buyer: string; reason: 'no_positive_spend' | 'no_size'}[]
}

export interface FeatureOptions {
  /** The one currency spend is read in (rows in other currencies are not read). */
  currency: string
  /** Category level for CPV-style codes (default: codes as published). */
  level?: CategoryLevel
  /** A named size per buyer id (e.g. population) used instead of total spend. */
  size?: {name: string; values: ReadonlyMap<string, number>}
  /** Category code -> label (e.g. the CPV list) for the mix features' labels. */
  categoryLabels?: ReadonlyMap<string, string>
  /** Only these rows (e.g. a period's, from filterRows); null/undefined = every row. */
  selection?: Rows
  /** Sum buyer x category cells in a dense array up to this many cells, else in a map (default DENSE_CELLS). */
  denseCells?: number
}

/** Buyer x category cells summed in a dense array up to this many (32 MB of doubles). */
const DENSE_CELLS = 4_000_000

/**
 * Size and category-mix features per buyer (keyed by buyer id), from the
 * rows in `opts.currency`. Size is the total net spend in minor units (exact
 * while a buyer's total stays below 2^53 minor units; it only feeds a
 * z-score), or `opts.size.values` for the buyer. Each mix feature is the
 * category's net spend over the buyer's net total, so a buyer's shares sum
 * to 1. A buyer with no positive total has no shares and is excluded (so is
 * one with no size value when sizes are given). Buyers are sorted by id;
 * mix features by category code (no category last).
 * @example buyerFeatures(frame, {currency: 'GBP', level: 'division'}).features.map((f) => f.name) // ['size', 'mix:45000000', 'mix:72000000']
 */
export function buyerFeatures(frame: SpendFrame, opts: FeatureOptions): FeatureTable {
  const buyer = dim(frame, 'buyer')
  const cat = dim(frame, 'category', {level: opts.level, categoryLabels: opts.categoryLabels})
  const cur = dictColumn(frame, 'currency')
  const code = cur ? cur.dict.indexOf(opts.currency) : -1
  const amount = amounts(frame)
  const totals = new Float64Array(buyer.size)
  // Dense buyer x category sums while small; a sparse map past DENSE_CELLS (every code as published, many buyers).
  const dense = buyer.size * cat.size <= (opts.denseCells ?? DENSE_CELLS)
  const cells = new Float64Array(dense ? buyer.size * cat.size : 0)
  const sparse = new Map<number, number>()
  const seen = new Uint8Array(buyer.size)
  if (cur && code >= 0) {
    const sel = opts.selection ?? null
    const m = sel ? sel.length : frame.length
    for (let j = 0; j < m; j++) {
      const i = sel ? sel[j] : j
      if (cur.codes[i] !== code) continue
      const b = buyer.keys[i]
      seen[b] = 1
      totals[b] += amount[i]
      const cell = b * cat.size + cat.keys[i]
      if (dense) cells[cell] += amount[i]
      else sparse.set(cell, (sparse.get(cell) ?? 0) + amount[i])
    }
  }
  const order = [...Array(buyer.size).keys()].filter((b) => buyer.ids[b] !== null).sort((a, b) => compareIds(buyer.ids[a], buyer.ids[b]))
  const out: BuyerFeatures[] = []
  const excluded: FeatureTable['excluded'] = []
  const included: {b: number; id: string; size: number}[] = []
  for (const b of order) {
    const id = buyer.ids[b]!
    if (!(totals[b] > 0)) {
      if (seen[b]) excluded.push({buyer: id, reason: 'no_positive_spend'})
      continue
    }
    const size = opts.size ? opts.size.values.get(id) : totals[b]
    if (size === undefined || !Number.isFinite(size)) {
      excluded.push({buyer: id, reason: 'no_size'})
      continue
    }
    included.push({b, id, size})
  }
  // The categories some candidate spends on (a non-zero cell), found before any object is built.
  const used = new Uint8Array(cat.size)
  const cellOf = (b: number, k: number) => (dense ? cells[b * cat.size + k] : (sparse.get(b * cat.size + k) ?? 0))
  for (const {b} of included) for (let k = 0; k < cat.size; k++) if (!used[k] && cellOf(b, k) !== 0) used[k] = 1
  // Values in category key order, only the used categories, so every buyer has the same features.
  const kept = [...Array(cat.size).keys()].filter((k) => used[k])
  const names = kept.map((k) => mixName(cat.ids[k]))
  for (const {b, id, size} of included) {
    const values: Record<string, number> = {size}
    for (let j = 0; j < kept.length; j++) values[names[j]] = cellOf(b, kept[j]) / totals[b]
    out.push({buyer: id, values})
  }
  const keys = [...kept].sort((a, b) => compareIds(cat.ids[a], cat.ids[b]))
  const features: Feature[] = [{name: 'size', group: 'size', label: opts.size ? opts.size.name : `total spend (${opts.currency})`}]
  for (const k of keys) features.push({name: mixName(cat.ids[k]), group: 'mix', category: cat.ids[k], label: cat.labels[k] ?? 'no category'})
  return {features, buyers: out, excluded}
}

/** The feature name of a category's share. */
export function mixName(category: string | null): string {
  return `mix:${category ?? ''}`
}
