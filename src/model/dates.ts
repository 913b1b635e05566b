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
 * Cell shapes are read in `date-scan.ts`, the column order decided in `date-order.ts`.
 */
import {scanDate, type DateOrder} from './date-scan.js'
import {rejectMsg} from '../messages.js'

export {decideDateOrder} from './date-order.js'
export {scanDate, type DateOrder, type Scan} from './date-scan.js'

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
    lastError = rejectMsg.impossibleDate(raw.trim())
    return false
  }
  if (y < 1900 || y > 2100) {
    lastError = rejectMsg.dateOutOfRange(raw.trim())
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
    lastError = rejectMsg.unreadableDate(text.trim())
    return false
  }
  switch (sc.kind) {
    case 'time':
      return null
    case 'ymd':
      return ymd(sc.a, sc.b, sc.c, text)
    case 'serial': {
      const iso = order === 'serial' ? serialToIso(sc.a) : null
      if (iso === null) lastError = rejectMsg.unreadableDate(text.trim())
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
    if (v === false) this.error = this.errors.get(text) ?? rejectMsg.unreadableDateShort()
    return v
  }
}
