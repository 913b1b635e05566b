/**
 * Dates as published -> ISO `YYYY-MM-DD`, with no Date object and no time zone.
 *
 * Read: `DD/MM/YYYY`, `M/D/YYYY`, `M/D/YYYY H:MM`, `DD.MM.YYYY`, `D-MMM-YY`,
 * `03-NOV-2010`, `21 Mar  2012`, `Mar 21, 2012`, ISO (`2024-04-02`, with or
 * without a time), compact `20240402`, and Excel serial numbers when the whole
 * column looks like serials.
 *
 * Day-first vs month-first is decided once per column (`decideDateOrder`), never
 * per cell. A date that does not exist (`31/02/2024`) is an error, never rolled
 * into March. A blank cell or a time alone (`00:00:00`) is "no date" (null).
 * Two-digit years: 00-69 -> 20xx, 70-99 -> 19xx (the POSIX strptime pivot).
 */

export type DateOrder = 'dmy' | 'mdy' | 'ymd' | 'serial'

/** Serials taken as dates in a text column: 1954-09-26 to 2099-12-31 (a column of years or ids is not dates). */
const SERIAL_MIN = 20000
const SERIAL_MAX = 73050

/** Months by their first three letters, English and Norwegian. */
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, mai: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, okt: 10,
  nov: 11, dec: 12, des: 12,
}

/** Shape of a date cell before the column's order is applied. */
interface Scan {
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

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

function expandYear(y: number, digits: number): number {
  if (digits <= 2) return y < 70 ? 2000 + y : 1900 + y
  return y
}

const pad2 = (v: number): string => (v < 10 ? `0${v}` : `${v}`)

let lastError = ''

/**
 * Reason for the last `false` from `toIsoDate`.
 *
 * @example toIsoDate('31/02/2024', 'dmy'); dateError() // 'impossible date "31/02/2024"'
 */
export function dateError(): string {
  return lastError
}

function ymd(y: number, m: number, d: number, raw: string): string | false {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    lastError = `impossible date "${raw.trim()}"`
    return false
  }
  if (y < 1900 || y > 2100) {
    lastError = `date out of range "${raw.trim()}"`
    return false
  }
  return `${y}-${pad2(m)}-${pad2(d)}`
}

/**
 * Excel 1900-system serial -> ISO date (civil-from-days, Howard Hinnant's algorithm).
 * Serials below 61 are refused: Excel counts a 29 Feb 1900 that never existed.
 *
 * @example serialToIso(45383) // '2024-04-01'
 */
export function serialToIso(serial: number): string | null {
  if (!(serial >= 61 && serial < 2958466)) return null
  const z = Math.floor(serial) - 25569 + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return `${y}-${pad2(m)}-${pad2(d)}`
}

/**
 * One cell -> ISO date (string), no date (null), or an error (false, reason in `dateError()`).
 * `order` applies to all-numeric dates like `03/04/2024`; `DD.MM.YYYY` is always day-first.
 *
 * @example toIsoDate('21 Mar  2012', 'dmy') // '2012-03-21'
 * @example toIsoDate('9/21/2018 0:00', 'mdy') // '2018-09-21'
 * @example toIsoDate('31/02/2024', 'dmy') // false (impossible date)
 */
export function toIsoDate(text: string, order: DateOrder): string | null | false {
  const sc = scanDate(text)
  if (sc === null) {
    if (text.trim() === '') return null
    lastError = `unreadable date "${text.trim()}"`
    return false
  }
  switch (sc.kind) {
    case 'time':
      return null
    case 'ymd':
      return ymd(sc.a, sc.b, sc.c, text)
    case 'serial': {
      const iso = order === 'serial' ? serialToIso(sc.a) : null
      if (iso === null) lastError = `unreadable date "${text.trim()}"`
      return iso ?? false
    }
    case 'nwn':
      return ymd(expandYear(sc.c, sc.yearDigits), sc.b, sc.a, text)
    case 'wnn':
      return ymd(expandYear(sc.c, sc.yearDigits), sc.a, sc.b, text)
    case 'nnn': {
      const y = expandYear(sc.c, sc.yearDigits)
      if (order === 'mdy' && sc.sep !== '.') return ymd(y, sc.a, sc.b, text)
      return ymd(y, sc.b, sc.a, text)
    }
  }
}

/**
 * Decide a date column's order from sample cells: any first part > 12 means
 * day-first; any second part > 12 means month-first; otherwise the publisher's
 * convention. Returns the order and the sentence saying why.
 *
 * @example decideDateOrder(['9/21/2018'], {order: 'dmy', why: 'UK'}).order // 'mdy'
 */
export function decideDateOrder(
  samples: readonly string[],
  convention: {order: 'dmy' | 'mdy'; why: string},
): {order: DateOrder; reason: string; mixed: boolean} {
  let firstBig = 0
  let secondBig = 0
  let numeric = 0
  let named = 0
  let iso = 0
  let serial = 0
  let other = 0
  let dotted = 0
  let exA = ''
  let exB = ''
  for (const s of samples) {
    const sc = scanDate(s)
    if (sc === null) {
      if (s.trim() !== '') other++
      continue
    }
    if (sc.kind === 'nnn') {
      numeric++
      if (sc.sep === '.') dotted++
      if (sc.a > 12 && firstBig++ === 0) exA = s.trim()
      if (sc.b > 12 && secondBig++ === 0) exB = s.trim()
    } else if (sc.kind === 'nwn' || sc.kind === 'wnn') named++
    else if (sc.kind === 'ymd') iso++
    else if (sc.kind === 'serial' && sc.a >= SERIAL_MIN && sc.a <= SERIAL_MAX) serial++
    else other++
  }
  if (serial > 0 && numeric + named + iso + other === 0) {
    return {order: 'serial', reason: `all ${serial} sample values are Excel serial day numbers`, mixed: false}
  }
  if (numeric === 0) {
    if (named > 0) return {order: 'dmy', reason: 'dates name the month (e.g. 21 Mar 2012), so the order is not in doubt', mixed: false}
    if (iso > 0) return {order: 'ymd', reason: 'dates are year-first (ISO)', mixed: false}
    return {order: convention.order, reason: `no readable date in the sample; ${convention.why}`, mixed: false}
  }
  if (firstBig > 0 && secondBig > 0) {
    return {
      order: convention.order,
      reason: `sample has both day-first and month-first dates (${firstBig} vs ${secondBig}); ${convention.why}`,
      mixed: true,
    }
  }
  if (firstBig > 0) return {order: 'dmy', reason: `a first part above 12 (${exA}) means day-first`, mixed: false}
  if (secondBig > 0) return {order: 'mdy', reason: `a second part above 12 (${exB}) means month-first`, mixed: false}
  if (dotted === numeric) return {order: 'dmy', reason: 'dotted dates (DD.MM.YYYY) are day-first', mixed: false}
  return {order: convention.order, reason: `no part above 12 in ${numeric} sample dates; ${convention.why}`, mixed: false}
}

/**
 * A per-column date parser with a cache: published columns repeat a few
 * hundred distinct dates over millions of rows.
 *
 * @example new DateColumn('mdy').parse('9/21/2018') // '2018-09-21'
 */
export class DateColumn {
  /** Reason of the last `false` returned by `parse`. */
  error = ''
  private readonly cache = new Map<string, string | null | false>()
  private readonly errors = new Map<string, string>()

  constructor(readonly order: DateOrder) {}

  /** ISO date, null for no date, false for an error (see `error`). */
  parse(text: string): string | null | false {
    let v = this.cache.get(text)
    if (v === undefined) {
      v = toIsoDate(text, this.order)
      if (this.cache.size < 50_000) {
        this.cache.set(text, v)
        if (v === false) this.errors.set(text, lastError)
      }
      if (v === false) this.error = lastError
      return v
    }
    if (v === false) this.error = this.errors.get(text) ?? 'unreadable date'
    return v
  }
}
