import type {DictColumn} from '../model/frame.js'

/**
 * The most frequent text per key (ties: alphabetically first), e.g. the
 * published name shown for a supplier entity that appears under several
 * spellings. Most keys have a single text, so one pass records the first text
 * and only keys seen with a second text are counted in a Map.
 * Keys with no text get `fallback[k]` (e.g. the id), or null.
 * @example modeLabels(Int32Array.of(0, 0, 0), 1, col) // most common col text
 */
export function modeLabels(keys: Int32Array, size: number, text: DictColumn | undefined, fallback?: readonly (string | null)[]): (string | null)[] {
  if (!text) return fallback ? fallback.slice(0, size) : new Array(size).fill(null)
  const out: (string | null)[] = new Array(size)
  const codes = text.codes
  const first = new Int32Array(size).fill(-1)
  const multi = new Uint8Array(size)
  const anyMulti = firstTexts(keys, codes, first, multi)
  for (let k = 0; k < size; k++) out[k] = first[k] >= 0 ? text.dict[first[k]] : (fallback?.[k] ?? null)
  if (!anyMulti) return out
  const counts = new Map<number, Map<number, number>>()
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]
    const c = codes[i]
    if (k < 0 || c < 0 || multi[k] === 0) continue
    let m = counts.get(k)
    if (!m) counts.set(k, (m = new Map()))
    m.set(c, (m.get(c) ?? 0) + 1)
  }
  for (const [k, m] of counts) {
    let best = ''
    let bestN = -1
    for (const [c, n] of m) {
      const s = text.dict[c]
      if (n > bestN || (n === bestN && s < best)) {
        best = s
        bestN = n
      }
    }
    out[k] = best
  }
  return out
}

/**
 * The pass over every row: first text code per key, and whether a key has a
 * second text (multi). Its own function, with the common row (same text as
 * before) tested first, because it runs once per process, mostly before V8
 * has compiled it.
 */
function firstTexts(keys: Int32Array, codes: Int32Array, first: Int32Array, multi: Uint8Array): boolean {
  let anyMulti = false
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]
    const c = codes[i]
    const f = first[k] // undefined when k < 0
    if (f === c || k < 0 || c < 0) continue
    if (f < 0) {
      first[k] = c
    } else if (multi[k] === 0) {
      multi[k] = 1
      anyMulti = true
    }
  }
  return anyMulti
}
