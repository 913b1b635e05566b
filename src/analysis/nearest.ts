/**
 * "Did you mean": the names nearest to one that matched nothing, by edit
 * distance over whole names and word by word. Pure and deterministic: ties
 * go by the whole-name distance, then by code-unit order of the name.
 */

/**
 * Lower-case letter/digit words of a text (any script), split on everything else.
 * @example nameWords('J B LEADBITTER & CO LTD') // ['j', 'b', 'leadbitter', 'co', 'ltd']
 */
export function nameWords(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)
}

/**
 * Optimal string alignment distance (Levenshtein plus swaps of adjacent
 * characters, each costing 1), by UTF-16 code unit. Past `max` it returns
 * max + 1 without finishing.
 * @example editDistance('oxfrod', 'oxford') // 1
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev2 = new Array<number>(b.length + 1).fill(0)
  let prev = Array.from({length: b.length + 1}, (_, j) => j)
  let row = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    row[0] = i
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2] + 1)
      }
      row[j] = v
      if (v < best) best = v
    }
    if (best > max) return max + 1
    const spare = prev2
    prev2 = prev
    prev = row
    row = spare
  }
  return Math.min(prev[b.length], max + 1)
}

/**
 * Up to `n` names nearest to `query`. A name is near when its distance is at
 * most a quarter of the query's length (at least 1), the distance being the
 * smaller of: the edit distance between the whole names (as words joined by
 * one space), and the sum over the query's words of the distance to the
 * closest word of the name (so "Leadbiter Ltd" finds "J B LEADBITTER & CO
 * LTD"). Names that differ only in case or punctuation count once (the first
 * in code-unit order is shown).
 * @example nearestNames(['Oxford City Council', 'Trafford Council'], 'Oxfrd') // ['Oxford City Council']
 */
export function nearestNames(names: readonly string[], query: string, n = 3): string[] {
  const qWords = nameWords(query)
  if (qWords.length === 0 || n <= 0) return []
  const q = qWords.join(' ')
  const limit = Math.max(1, Math.floor(q.length / 4))
  // Distance of each query word to a name word, per distinct name word (names share most words).
  const wordCost = new Map<string, number[]>()
  const costs = (w: string): number[] => {
    let c = wordCost.get(w)
    if (!c) wordCost.set(w, (c = qWords.map((qw) => editDistance(qw, w, limit))))
    return c
  }
  const found: {name: string; key: string; score: number; whole: number}[] = []
  for (const name of names) {
    const words = nameWords(name)
    if (words.length === 0) continue
    const key = words.join(' ')
    const whole = editDistance(q, key, limit)
    const best = qWords.map(() => limit + 1)
    for (const w of words) {
      const c = costs(w)
      for (let i = 0; i < c.length; i++) if (c[i] < best[i]) best[i] = c[i]
    }
    const score = Math.min(whole, best.reduce((s, v) => s + v, 0))
    if (score <= limit) found.push({name, key, score, whole})
  }
  found.sort((a, b) => a.score - b.score || a.whole - b.whole || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const seen = new Set<string>()
  const out: string[] = []
  for (const f of found) {
    if (seen.has(f.key)) continue
    seen.add(f.key)
    out.push(f.name)
    if (out.length === n) break
  }
  return out
}
