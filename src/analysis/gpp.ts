import type {DictColumn, SpendFrame} from '../model/frame.js'
import type {GppTag} from '../model/gpp.js'

/**
 * The GPP product group of each row's CPV code (`category_code`), null when the
 * row has no CPV code or its code is in no group.
 * STUB (lead): every row null.
 */
export function gppColumn(frame: SpendFrame, tags: readonly GppTag[]): DictColumn {
  void tags
  return {type: 'dict', codes: new Int32Array(frame.length).fill(-1), dict: []}
}
