/** Delimiter sniffing for CSV-like text. */

const QUOTE = 34
const LF = 10
const CR = 13

export const DELIMITERS = [',', ';', '\t', '|'] as const

/**
 * Guess the delimiter from the first lines of a text: the candidate whose
 * count (outside quotes) is the same, and non-zero, on the most lines.
 * Lines of titles above the header do not disturb it. Default ','.
 * @example sniffDelimiter('a;b;c\n1;2,5;3\n') // ';'
 */
export function sniffDelimiter(text: string, maxLines = 50): string {
  const counts: number[][] = DELIMITERS.map(() => [])
  const codes = DELIMITERS.map((d) => d.charCodeAt(0))
  let cur = codes.map(() => 0)
  let inQuote = false
  let lines = 0
  let lineHasText = false
  for (let i = 0; i < text.length && lines < maxLines; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) inQuote = !inQuote
    if (inQuote) continue
    if (c === LF || c === CR) {
      if (lineHasText) {
        cur.forEach((n, k) => counts[k].push(n))
        lines++
      }
      cur = codes.map(() => 0)
      lineHasText = false
      continue
    }
    lineHasText = true
    const k = codes.indexOf(c)
    if (k !== -1) cur[k]++
  }
  let best = ','
  let bestScore = 0
  counts.forEach((perLine, k) => {
    const freq = new Map<number, number>()
    for (const n of perLine) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1)
    for (const [n, f] of freq) {
      // Lines agreeing first, then more columns; ties keep the earlier candidate.
      const score = f * 1e6 + n
      if (score > bestScore) {
        bestScore = score
        best = DELIMITERS[k]
      }
    }
  })
  return best
}
