import type {CrosswalkRow} from '../../model/crosswalk.js'
import type {LegalForm} from '../../model/entity-name.js'
import type {SpendFrame} from '../../model/frame.js'

/**
 * The frame with the crosswalk applied: `supplier_key` becomes the entity key
 * and `supplier` the entity's display name for every row whose (variant, id)
 * the crosswalk merges; `published_supplier` keeps the name as published.
 * Reads the frame's `supplier`, `supplier_key` and `supplier_id` columns.
 * STUB (lead): only adds `published_supplier`.
 */
export function applyCrosswalk(frame: SpendFrame, rows: readonly CrosswalkRow[], forms: readonly LegalForm[]): SpendFrame {
  void rows
  void forms
  const published = frame.columns.supplier
  return published ? {...frame, columns: {...frame.columns, published_supplier: published}} : frame
}
