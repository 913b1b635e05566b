import type {DictColumn} from '../model/frame.js'

/**
 * The most frequent text per key (ties: alphabetically first), e.g. the
 * published name shown for a supplier entity that appears under several
 * spellings. Most keys have a single text, so one pass records the first text
 * and only keys seen with a second text are counted in a Map.
 * @example modeLabels(Int32Array.of(0, 0, 0), 1, col) // most common col text
 */
export function modeLabels(keys: Int32Array, size: number, text: DictColumn | undefined): (string | null)[] {
  const out: (string | null)[] = new Array(size).fill(null)
  if (!text) return out
  const codes = text.codes
  const first = new Int32Array(size).fill(-1)
  const multi = new Uint8Array(size)
  let anyMulti = false
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]
    const c = codes[i]
    if (k < 0 || c < 0) continue
    if (first[k] < 0) first[k] = c
    else if (first[k] !== c && multi[k] === 0) {
      multi[k] = 1
      anyMulti = true
    }
  }
  for (let k = 0; k < size; k++) if (first[k] >= 0) out[k] = text.dict[first[k]]
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
