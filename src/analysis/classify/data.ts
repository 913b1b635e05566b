import {cpvCode} from '../dim-parts.js'
import type {DictColumn, SpendFrame} from '../../model/frame.js'

/**
 * `classified_by` without a rules set: `data` where the row arrived with a
 * CPV-style code, else null.
 * @example dataClassified(frame).dict // ['data']
 */
export function dataClassified(frame: SpendFrame): DictColumn {
  const col = frame.columns.category_code
  const codes = new Int32Array(frame.length).fill(-1)
  if (!col || col.type !== 'dict') return {type: 'dict', codes, dict: []}
  const isCpv = col.dict.map((c) => cpvCode(c) !== null)
  for (let i = 0; i < frame.length; i++) {
    const c = col.codes[i]
    if (c >= 0 && isCpv[c]) codes[i] = 0
  }
  return {type: 'dict', codes, dict: ['data']}
}
