/**
 * Scalar helpers for OCDS values: exact amounts and ISO dates. OCDS amounts are
 * JSON numbers (sometimes strings); we never do float arithmetic on them.
 */

/**
 * A JSON number kept as the text it was written with. The exact streaming parser
 * produces these instead of doubles, so `1242171350.10` stays `"1242171350.10"`.
 */
export class RawNumber {
  constructor(readonly raw: string) {}
  toString(): string {
    return this.raw
  }
}

/**
 * The decimal text of an OCDS amount, or null when there is none.
 * Doubles (from the JSON.parse fast path) use their shortest round-trip string,
 * which equals the written literal whenever it had at most 15 significant digits.
 *
 * @example amountText(new RawNumber('12.50')) // '12.50'
 * @example amountText(1047.29) // '1047.29'
 */
export function amountText(v: unknown): string | null {
  if (v instanceof RawNumber) return v.raw
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim()
  return null
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

/** Why an amount text could not become minor units. */
export type AmountProblem = 'not-a-number' | 'too-many-decimals' | 'too-large'

/**
 * Convert a decimal text to integer minor units with `exponent` decimals, exactly.
 * Extra decimals are accepted only when they are zeros (`67885450.0` PYG is fine,
 * `0.005` GBP is not): we never round money.
 *
 * @example decimalToMinor('1234.5', 2) // 123450
 * @example decimalToMinor('6.7885450e7', 0) // 67885450
 * @example decimalToMinor('0.005', 2) // 'too-many-decimals'
 */
export function decimalToMinor(text: string, exponent: number): number | AmountProblem {
  const m = DECIMAL.exec(text)
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return 'not-a-number'
  const [, sign, intPart, fracPart = '', expPart] = m
  let digits = intPart + fracPart
  // Position of the decimal point in `digits`, moved by the exponent and the currency's decimals.
  let point = intPart.length + (expPart ? Number(expPart) : 0) + exponent
  if (!Number.isFinite(point) || Math.abs(point) > 400) return 'not-a-number'
  if (point < 0) {
    digits = '0'.repeat(-point) + digits
    point = 0
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length)
  const whole = digits.slice(0, point)
  const rest = digits.slice(point)
  if (/[1-9]/.test(rest)) return 'too-many-decimals'
  const trimmed = whole.replace(/^0+/, '')
  if (trimmed.length > 16) return 'too-large'
  const n = Number(trimmed === '' ? '0' : trimmed)
  if (!Number.isSafeInteger(n)) return 'too-large'
  return sign === '-' && n !== 0 ? -n : n
}

const STAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/

/**
 * Milliseconds since the epoch of an OCDS timestamp, for ordering releases only.
 * A timestamp without an offset is read as UTC (not local time), so the order
 * never depends on the machine's time zone. Unreadable dates give -Infinity
 * (they sort first, so any dated version wins).
 *
 * @example instant('2018-01-11T17:29:09+04:00') === Date.UTC(2018, 0, 11, 13, 29, 9)
 */
export function instant(s: unknown): number {
  if (typeof s !== 'string') return Number.NEGATIVE_INFINITY
  // Release dates repeat (many releases a day, often to the hour): remember recent ones.
  let t = instants.get(s)
  if (t === undefined) {
    if (instants.size >= 50_000) instants.clear()
    instants.set(s, (t = parseInstant(s)))
  }
  return t
}

const instants = new Map<string, number>()

function parseInstant(s: string): number {
  const m = STAMP.exec(s.trim())
  if (!m) return Number.NEGATIVE_INFINITY
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', tz] = m
  const ms = Number(frac.slice(0, 3).padEnd(3, '0'))
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), ms)
  if (tz && tz !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1
    const hh = Number(tz.slice(1, 3))
    const mm = Number(tz.slice(-2))
    t -= sign * (hh * 60 + mm) * 60_000
  }
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t
}

/**
 * The calendar date of an ISO timestamp as written (no time-zone conversion),
 * or null when the value is not a date.
 *
 * @example datePart('2016-03-31T08:23:12-04:00') // '2016-03-31'
 */
export function datePart(s: unknown): string | null {
  if (typeof s !== 'string') return null
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(s)
  if (!m) return null
  const mo = Number(m[2])
  const d = Number(m[3])
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null
  return `${m[1]}-${m[2]}-${m[3]}`
}

/** A trimmed non-empty string, or null (OCDS text fields are often "" or null). */
export function text(v: unknown): string | null {
  if (typeof v === 'string') {
    const t = v.trim()
    return t === '' ? null : t
  }
  if (v instanceof RawNumber || typeof v === 'number') return String(v)
  return null
}

/** A plain JSON object, or null. */
export function obj(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RawNumber)
    ? (v as Record<string, unknown>)
    : null
}

/** An array of objects; a single object counts as a one-element list (seen in the wild). */
export function objList(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v.map(obj).filter((x): x is Record<string, unknown> => x !== null)
  const o = obj(v)
  return o ? [o] : []
}
