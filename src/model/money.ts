import {currencyExponent} from './currency.js'

/**
 * Format integer minor units as an exact decimal string in major units:
 * `formatMinor(123450n, 'GBP') === '1234.50'`, `formatMinor(-5, 'GBP') === '-0.05'`,
 * `formatMinor(67885450, 'PYG') === '67885450'`. Never goes through a float.
 */
export function formatMinor(minor: bigint | number, currency: string): string {
  const exp = currencyExponent(currency)
  // A safe integer's digits are exact as a number's text: no BigInt per value (listings format a million).
  const safe = typeof minor === 'number' && Number.isSafeInteger(minor)
  const v = safe ? 0n : typeof minor === 'bigint' ? minor : BigInt(minor)
  const neg = safe ? (minor as number) < 0 : v < 0n
  const digits = safe ? String(Math.abs(minor as number)) : (neg ? -v : v).toString()
  if (exp === 0) return (neg ? '-' : '') + digits
  const padded = digits.padStart(exp + 1, '0')
  return `${neg ? '-' : ''}${padded.slice(0, -exp)}.${padded.slice(-exp)}`
}

/** Exact sum of minor-unit amounts (BigInt, so totals past 2^53 stay exact). */
export function sumMinor(values: Iterable<number>): bigint {
  let big = 0n
  let acc = 0
  for (const v of values) {
    acc += v
    // Flush to BigInt well before a double could lose integer precision.
    if (acc > 4e15 || acc < -4e15) {
      big += BigInt(acc)
      acc = 0
    }
  }
  return big + BigInt(acc)
}

/**
 * Parse an exact decimal in major units, as formatMinor writes it, back to
 * minor units; null when it is not one (more decimals than the currency has,
 * grouping, signs other than a leading '-').
 * @example parseMinor('1234.50', 'GBP') // 123450n
 * @example parseMinor('-0.05', 'GBP') // -5n
 * @example parseMinor('1.234', 'GBP') // null
 */
export function parseMinor(text: string, currency: string): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!m) return null
  const exp = currencyExponent(currency)
  const frac = m[3] ?? ''
  if (frac.length > exp) return null
  const v = BigInt(m[2] + frac.padEnd(exp, '0'))
  return m[1] ? -v : v
}
