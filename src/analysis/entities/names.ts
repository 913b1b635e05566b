import {variantOf} from '../../model/crosswalk.js'
import type {SpendFrame} from '../../model/frame.js'
import {isRedacted, REDACTED_KEY} from '../../model/supplier.js'
import type {NameStat} from './suggest.js'

/**
 * The distinct published (variant, supplier id) pairs of a frame with their
 * row counts, for `suggestEntities`: counted per dictionary code pair, then
 * joined by variant (names differing only in whitespace are one variant).
 * Redacted and blank names are left out: they are never merged.
 * @example nameStats(frame) // [{variant: 'ACME Ltd', supplier_id: null, rows: 3}, ...]
 */
export function nameStats(frame: SpendFrame): NameStat[] {
  const supplier = frame.columns.supplier
  if (supplier?.type !== 'dict') return []
  const key = frame.columns.supplier_key?.type === 'dict' ? frame.columns.supplier_key : null
  const id = frame.columns.supplier_id?.type === 'dict' ? frame.columns.supplier_id : null
  const width = (id?.dict.length ?? 0) + 1
  const counts = new Map<number, number>()
  for (let i = 0; i < frame.length; i++) {
    const s = supplier.codes[i]
    if (s < 0) continue
    if (key && key.codes[i] >= 0 && key.dict[key.codes[i]] === REDACTED_KEY) continue
    const p = s * width + (id ? id.codes[i] : -1) + 1
    counts.set(p, (counts.get(p) ?? 0) + 1)
  }
  const out = new Map<string, NameStat>()
  for (const [p, rows] of counts) {
    const variant = variantOf(supplier.dict[Math.floor(p / width)] as string)
    if (variant === '' || isRedacted(variant)) continue
    const idc = (p % width) - 1
    const supplierId = idc >= 0 && id ? (id.dict[idc] as string) : null
    const k = `${variant}\u0000${supplierId ?? ''}`
    const had = out.get(k)
    if (had) had.rows += rows
    else out.set(k, {variant, supplier_id: supplierId, rows})
  }
  return [...out.values()]
}
