/**
 * Jaro-Winkler similarity of two words (UTF-16 units; the words are matching
 * tokens, already case-folded and accent-free). Pure and deterministic.
 */

/** Reused flags for words up to this length (no allocation per comparison). */
const SCRATCH = 64
const scratchA = new Uint8Array(SCRATCH)
const scratchB = new Uint8Array(SCRATCH)

/**
 * Jaro-Winkler similarity in 0..1 (1: equal). Prefix scale 0.1 over at most
 * four leading characters, as Winkler (1990) defines it.
 *
 * @example jaroWinkler('martha', 'marhta') // 0.961...
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1
  const la = a.length
  const lb = b.length
  if (la === 0 || lb === 0) return 0
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1)
  const usedB = lb <= SCRATCH ? scratchB.fill(0, 0, lb) : new Uint8Array(lb)
  const matchA = la <= SCRATCH ? scratchA.fill(0, 0, la) : new Uint8Array(la)
  let matches = 0
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window)
    const hi = Math.min(lb - 1, i + window)
    const c = a.charCodeAt(i)
    for (let j = lo; j <= hi; j++) {
      if (usedB[j] === 0 && b.charCodeAt(j) === c) {
        usedB[j] = 1
        matchA[i] = 1
        matches++
        break
      }
    }
  }
  if (matches === 0) return 0
  let transpositions = 0
  let j = 0
  for (let i = 0; i < la; i++) {
    if (matchA[i] === 0) continue
    while (usedB[j] === 0) j++
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions++
    j++
  }
  const m = matches
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3
  let prefix = 0
  const maxPrefix = Math.min(4, la, lb)
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
}
