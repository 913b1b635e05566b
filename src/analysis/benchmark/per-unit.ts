import {currencyExponent} from '../../model/currency.js'
import {divRoundHalfEven, parseDecimal} from '../rational.js'
import {scaledText} from './measure-parts.js'

/**
 * Money per unit of size (spend per head of population, per employee):
 * an exact decimal total divided by an exact decimal size, rounded half to
 * even to PER_UNIT_EXTRA more decimals than the currency has (GBP: 6).
 */

/** Decimals beyond the currency's that a per-unit figure is written with. */
export const PER_UNIT_EXTRA = 4

/** The rounding rule of per-unit figures, for the output to state. */
export const PER_UNIT_ROUNDING = 'half to even'

/**
 * `total / size` as exact decimal text with the currency's decimals plus
 * `extra` (always written with them), rounded half to even; null when the
 * total is not a number or the size is not a positive number (no per-unit
 * figure for a zero or negative size).
 * @example perUnitText('1000.00', 'GBP', '3') // '333.333333'
 * @example perUnitText('0.01', 'GBP', '8', 0) // '0.00' (0.00125 rounds half to even)
 */
export function perUnitText(total: string | null, currency: string, size: string, extra = PER_UNIT_EXTRA): string | null {
  const t = total === null ? null : parseDecimal(total)
  const s = parseDecimal(size)
  if (!t || !s || s.num <= 0n) return null
  const decimals = currencyExponent(currency) + extra
  // (t.num / t.den) / (s.num / s.den) x 10^decimals
  return scaledText(divRoundHalfEven(t.num * s.den * 10n ** BigInt(decimals), t.den * s.num), decimals)
}

/**
 * The unit of a per-unit measure.
 * @example perUnitUnit('GBP', 'population') // 'GBP per population'
 */
export function perUnitUnit(currency: string, column: string): string {
  return `${currency} per ${column}`
}

/**
 * The measure name of total spend per unit of a size column (lower case, non-alphanumerics as `_`).
 * @example perUnitName('Population') // 'total_spend_per_population'
 */
export function perUnitName(column: string): string {
  return `total_spend_per_${column.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')}`
}
