import type {DictColumn, SpendFrame} from '../model/frame.js'
import type {GppTag} from '../model/gpp.js'
import {cpvCode} from './dim-parts.js'
import {dictColumn} from './frame-access.js'

/**
 * The GPP group of one CPV code: the group of its longest listed prefix
 * (8 digits, a check digit such as `-7` ignored), null when none or when the
 * code is not a CPV code.
 * @example gppGroupOf('30213100', new Map([['302', 'X'], ['30213', 'Computers']])) // 'Computers'
 */
export function gppGroupOf(code: string, byPrefix: ReadonlyMap<string, string>): string | null {
  const digits = cpvCode(code)
  if (!digits) return null
  for (let n = 8; n >= 2; n--) {
    const g = byPrefix.get(digits.slice(0, n))
    if (g !== undefined) return g
  }
  return null
}

/**
 * The GPP product group of each row's CPV code (`category_code`), null when the
 * row has no CPV code or its code is in no group. Worked out once per
 * dictionary entry of category_code, then the row codes are mapped (one pass).
 * Only codes of the CPV scheme count (`category_scheme` CPV or blank).
 * @example gppColumn(frame, [{prefix: '0931', group: 'Electricity'}]).dict // ['Electricity']
 */
export function gppColumn(frame: SpendFrame, tags: readonly GppTag[]): DictColumn {
  const codes = new Int32Array(frame.length).fill(-1)
  const col = dictColumn(frame, 'category_code')
  if (!col || tags.length === 0) return {type: 'dict', codes, dict: []}
  const byPrefix = new Map(tags.map((t) => [t.prefix, t.group]))
  const groupIndex = new Map<string, number>()
  const dict: string[] = []
  const entry = Int32Array.from(col.dict, (code) => {
    const g = gppGroupOf(code, byPrefix)
    if (g === null) return -1
    let k = groupIndex.get(g)
    if (k === undefined) {
      k = dict.length
      dict.push(g)
      groupIndex.set(g, k)
    }
    return k
  })
  const scheme = dictColumn(frame, 'category_scheme')
  const schemeOk = scheme ? Uint8Array.from(scheme.dict, (s) => (isCpvScheme(s) ? 1 : 0)) : undefined
  const src = col.codes
  for (let i = 0; i < frame.length; i++) {
    const c = src[i]
    if (c < 0) continue
    if (schemeOk && scheme!.codes[i] >= 0 && !schemeOk[scheme!.codes[i]]) continue
    codes[i] = entry[c]
  }
  return {type: 'dict', codes, dict}
}

function isCpvScheme(s: string): boolean {
  const t = s.trim().toLowerCase()
  return t === '' || t === 'cpv' || t.startsWith('cpv')
}
