/**
 * The shape of a date cell, before any column order is applied: which tokens
 * it has (numbers, a month name, a time) and in what order. `dates.ts` turns
 * a shape into an ISO date; `date-order.ts` decides a column's order from
 * the shapes of its sample cells.
 */

/** How a column's all-numeric dates are read (`serial`: Excel day numbers). */
export type DateOrder = 'dmy' | 'mdy' | 'ymd' | 'serial'

/** Serials taken as dates in a text column: 1954-09-26 to 2099-12-31 (a column of years or ids is not dates). */
export const SERIAL_MIN = 20000
export const SERIAL_MAX = 73050

/** Months by their first three letters, English and Norwegian. */
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, mai: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, okt: 10,
  nov: 11, dec: 12, des: 12,
}

/** Shape of a date cell before the column's order is applied. */
export interface Scan {
  kind: 'nnn' | 'nwn' | 'wnn' | 'ymd' | 'serial' | 'time'
  a: number
  b: number
  c: number
  /** Digits in the last (year) token, to expand 2-digit years. */
  yearDigits: number
  /** Separator after the first token ('.' means day-first everywhere it is used). */
  sep: string
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

function monthOf(word: string): number {
  if (word.length < 3) return 0
  return MONTHS[word.slice(0, 3).toLowerCase()] ?? 0
}

/**
 * Tokenise one cell into its date shape; null when it is not a date at all.
 *
 * @example scanDate('21 Mar  2012')?.kind // 'nwn'
 */
export function scanDate(text: string): Scan | null {
  const t = text.trim()
  const n = t.length
  if (n === 0) return null
  const nums: number[] = []
  const lens: number[] = []
  let word = 0
  let wordPos = -1
  let sep = ''
  let i = 0
  let tokens = 0
  while (i < n && tokens < 3) {
    const c = t.charCodeAt(i)
    if (isDigit(c)) {
      let v = 0
      const s = i
      while (i < n && isDigit(t.charCodeAt(i))) v = v * 10 + (t.charCodeAt(i++) - 48)
      if (tokens === 0 && i < n && t.charCodeAt(i) === 58) {
        // "00:00:00": a time with no date
        for (let j = i; j < n; j++) {
          const d = t.charCodeAt(j)
          if (!isDigit(d) && d !== 58 && d !== 46) return null
        }
        return {kind: 'time', a: 0, b: 0, c: 0, yearDigits: 0, sep: ':'}
      }
      nums.push(v)
      lens.push(i - s)
      tokens++
      if (tokens === 1 && i < n) sep = t[i] as string
    } else if (isAlpha(c)) {
      const s = i
      while (i < n && isAlpha(t.charCodeAt(i))) i++
      const m = monthOf(t.slice(s, i))
      if (m === 0 || word !== 0) return null
      word = m
      wordPos = tokens
      nums.push(m)
      lens.push(0)
      tokens++
    } else if (c === 47 || c === 45 || c === 46 || c === 32 || c === 44 || c === 0xa0) {
      i++
    } else return null
  }
  if (tokens === 1 && word === 0) {
    const len = lens[0] as number
    const v = nums[0] as number
    if (i < n) {
      // "45123.0" or "45123.5": a serial with a time fraction
      if (t.charCodeAt(i) !== 46) return null
      for (let j = i + 1; j < n; j++) if (!isDigit(t.charCodeAt(j))) return null
    }
    if (len === 8 && i === n && v >= 19000101 && v <= 21001231) {
      return {kind: 'ymd', a: Math.floor(v / 10000), b: Math.floor(v / 100) % 100, c: v % 100, yearDigits: 4, sep: ''}
    }
    return {kind: 'serial', a: v, b: 0, c: 0, yearDigits: 0, sep: ''}
  }
  if (tokens < 3) return null
  if (i < n) {
    // Whatever follows the date must look like a time: "T10:00:00Z", " 9:05", " 12:00 PM".
    const c = t.charCodeAt(i)
    if (c !== 84 && c !== 32 && !isDigit(c)) return null
    for (let j = i; j < n; j++) {
      const d = t.charCodeAt(j)
      if (!(isDigit(d) || d === 58 || d === 46 || d === 32 || d === 84 || d === 90 || d === 43 || d === 45 || d === 65 || d === 77 || d === 80 || d === 97 || d === 109 || d === 112)) return null
    }
  }
  const [a, b, c] = nums as [number, number, number]
  const yearDigits = lens[2] as number
  if (word === 0) {
    if (lens[0] === 4) return {kind: 'ymd', a, b, c, yearDigits: 4, sep}
    return {kind: 'nnn', a, b, c, yearDigits, sep}
  }
  if (wordPos === 1) return {kind: 'nwn', a, b, c, yearDigits, sep}
  if (wordPos === 0) return {kind: 'wnn', a, b, c, yearDigits, sep}
  return null
}
