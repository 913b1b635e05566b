import type {SpendFrame} from '../model/frame.js'
import type {CategoryLevel, Dim, DimOptions} from './dims.js'
import {dictColumn, KeyMaker} from './frame-access.js'
import {modeLabels} from './labels.js'
import {monthIndex, periodLabel, periodOfMonth, type PeriodKind} from './period.js'

/**
 * The two dimensions with more logic than a dictionary remap: category (CPV
 * levels, labels) and the period dimensions (fiscal years).
 */

/** CPV levels and the number of leading digits that define them. */
export const CATEGORY_LEVELS = {division: 2, group: 3, class: 4, category: 5} as const

/**
 * Normalise a CPV-style code (`72000000-5` -> `72000000`); null when not CPV-style.
 * @example cpvCode('72000000-5') // '72000000'
 */
export function cpvCode(code: string): string | null {
  const m = /^(\d{8})(?:-\d)?$/.exec(code.trim())
  return m ? m[1] : null
}

/**
 * A CPV code cut to a level.
 * @example cpvAtLevel('72212000', 'group') // '72200000'
 */
export function cpvAtLevel(code: string, level: CategoryLevel): string {
  return code.slice(0, CATEGORY_LEVELS[level]).padEnd(8, '0')
}

/** Category: the code (cut to --level when CPV-style), else the category text. */
export function categoryDim(frame: SpendFrame, opts: DimOptions): Dim {
  const code = dictColumn(frame, 'category_code')
  const text = dictColumn(frame, 'category')
  const km = new KeyMaker()
  // Per dictionary code: the key, and whether the level cut changed the code
  // (then the row's own text names a finer category and is no label for the key).
  const cut = new Uint8Array(code?.dict.length ?? 0)
  const byCode = Int32Array.from(code?.dict ?? [], (c, j) => {
    const cpv = cpvCode(c)
    let id = cpv ?? c
    if (cpv && opts.level) {
      id = cpvAtLevel(cpv, opts.level)
      cut[j] = id === cpv ? 0 : 1
    }
    return km.key(id)
  })
  // Common case: every row has a code and codes are distinct at this level, so the codes are the keys.
  if (code && byCode.every((k, c) => k === c) && !code.codes.includes(-1)) {
    const size = code.dict.length + 1
    const ids = [...km.ids, null]
    const texts = opts.level || !text ? [] : modeLabels(code.codes, size, text)
    return {name: 'category', keys: code.codes, size, ids, labels: ids.map((id, k) => (id === null ? null : (opts.categoryLabels?.get(id) ?? texts[k] ?? id)))}
  }
  const byText = new Int32Array(text?.dict.length ?? 0).fill(-2)
  const keys = new Int32Array(frame.length)
  // Label keys only matter when there is category text to label with.
  const labelKeys = new Int32Array(text ? frame.length : 0)
  const nulls: number[] = []
  for (let i = 0; i < frame.length; i++) {
    const cc = code ? code.codes[i] : -1
    let k: number
    if (cc >= 0) {
      k = byCode[cc]
      if (text) labelKeys[i] = cut[cc] ? -1 : k
    } else {
      const tc = text ? text.codes[i] : -1
      if (tc < 0) {
        nulls.push(i)
        if (text) labelKeys[i] = -1
        continue
      }
      if (byText[tc] === -2) byText[tc] = km.key(text!.dict[tc])
      k = labelKeys[i] = byText[tc]
    }
    keys[i] = k
  }
  const size = km.ids.length + 1
  for (const i of nulls) keys[i] = size - 1
  const ids = [...km.ids, null]
  const texts = modeLabels(labelKeys, size, text)
  const labels = ids.map((id, k) => (id === null ? null : (opts.categoryLabels?.get(id) ?? texts[k] ?? id)))
  return {name: 'category', keys, size, ids, labels}
}

/** Year / quarter / month of the row date; keys in chronological order. */
export function periodDim(frame: SpendFrame, kind: PeriodKind, fiscalStart: number): Dim {
  const date = dictColumn(frame, 'date')
  const perCode = Float64Array.from(date?.dict ?? [], (d) => {
    const m = monthIndex(d)
    return m < 0 ? NaN : periodOfMonth(m, kind, fiscalStart)
  })
  const distinct = [...new Set(perCode)].filter((p) => !Number.isNaN(p)).sort((a, b) => a - b)
  const keyOf = new Map(distinct.map((p, k) => [p, k]))
  const size = distinct.length + 1
  const codeKey = Int32Array.from(perCode, (p) => (Number.isNaN(p) ? size - 1 : keyOf.get(p)!))
  const keys = new Int32Array(frame.length).fill(size - 1)
  if (date) for (let i = 0; i < frame.length; i++) if (date.codes[i] >= 0) keys[i] = codeKey[date.codes[i]]
  const ids: (string | null)[] = [...distinct.map((p) => periodLabel(p, kind, fiscalStart)), null]
  return {name: kind, keys, size, ids, labels: ids, periods: Float64Array.from([...distinct, NaN])}
}
