/**
 * "Did you mean" for mistyped flags and commands: the nearest candidate by
 * edit distance, or none when nothing is near. Pure functions, no I/O.
 */

/**
 * Edit distance counting an insertion, deletion, substitution or swap of two
 * neighbouring characters as one edit (optimal string alignment, the usual
 * Damerau-Levenshtein variant for typos).
 * @example editDistance('imprt', 'import') // 1
 * @example editDistance('tpo', 'top') // 1 (a swap)
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  // Three rows: the one before the previous (for swaps), the previous, the current.
  let before = new Array<number>(b.length + 1).fill(0)
  let prev = Array.from({length: b.length + 1}, (_, j) => j)
  let cur = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1)
      cur[j] = d
    }
    ;[before, prev, cur] = [prev, cur, before]
  }
  return prev[b.length]
}

/** Edits a typo of a word this long may have and still be recognised: about one in three characters. */
export function maxEdits(length: number): number {
  return Math.max(1, Math.floor(length / 3))
}

/**
 * The candidate nearest to `word` (case-insensitive), if it is within
 * maxEdits of it, or else the only candidate that starts with it (three
 * characters at least). Ties go to the candidate first in code-unit order, so
 * the answer never depends on the order given.
 * @example closest('bye', ['buyer', 'by', 'top']) // 'by'
 * @example closest('conc', ['concentration', 'cube']) // 'concentration'
 * @example closest('zzz', ['by', 'top']) // undefined
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase()
  const unique = [...new Set(candidates)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  let best: string | undefined
  let bestDistance = Infinity
  for (const c of unique) {
    const d = editDistance(w, c.toLowerCase())
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  if (best !== undefined && bestDistance <= maxEdits(w.length) && bestDistance < w.length) return best
  const starts = w.length >= 3 ? unique.filter((c) => c.toLowerCase().startsWith(w)) : []
  return starts.length === 1 ? starts[0] : undefined
}
