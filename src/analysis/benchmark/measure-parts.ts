import {currencyExponent} from '../../model/currency.js'
import {formatMinor} from '../../model/money.js'
import {divRoundHalfEven} from '../rational.js'

/**
 * The declared benchmark measures of one buyer, and the exact decimal text
 * of the money measures that are not whole minor units (a median, a mean).
 */

/** What a measure's value is: exact money (decimal string), a share 0-1, a count, or an HHI 0-10,000. */
export type MeasureUnit = 'money' | 'share' | 'count' | 'hhi'

/** Which payments a measure is computed on: all of the buyer's rows, or payments at or above the floor. */
export type MeasureBasis = 'all' | 'floor'

export interface MeasureSpec {
  name: string
  unit: MeasureUnit
  label: string
  basis: MeasureBasis
}

/**
 * The measures of `buyerMeasures`, in output order. `basis: 'floor'` marks
 * the ones computed on payments at or above the floor (the transaction and
 * supplier-base measures), which is what makes them comparable across
 * publishers with different publication thresholds.
 */
export const BUYER_MEASURES = [
  {name: 'total_spend', unit: 'money', label: 'Total spend', basis: 'all'},
  {name: 'suppliers', unit: 'count', label: 'Suppliers', basis: 'floor'},
  {name: 'spend_per_supplier', unit: 'money', label: 'Spend per supplier', basis: 'floor'},
  {name: 'top5_share', unit: 'share', label: 'Share of the top 5 suppliers', basis: 'floor'},
  {name: 'hhi', unit: 'hhi', label: 'Supplier concentration (HHI)', basis: 'floor'},
  {name: 'tail_share', unit: 'share', label: 'Share of spend in the tail (class C)', basis: 'floor'},
  {name: 'new_supplier_share', unit: 'share', label: 'Share of spend with new suppliers', basis: 'floor'},
  {name: 'transactions', unit: 'count', label: 'Transactions', basis: 'floor'},
  {name: 'median_payment', unit: 'money', label: 'Median payment', basis: 'floor'},
  {name: 'mean_payment', unit: 'money', label: 'Mean payment', basis: 'floor'},
  {name: 'sme_share', unit: 'share', label: 'SME share of spend (of spend with known supplier size)', basis: 'floor'},
  {name: 'sme_known_share', unit: 'share', label: 'Share of spend with known supplier size', basis: 'floor'},
] as const satisfies readonly MeasureSpec[]

export type MeasureName = (typeof BUYER_MEASURES)[number]['name']

/** The category mix: one share measure per category code (at the chosen level), on all of the buyer's rows. */
export const CATEGORY_MIX_MEASURE = {name: 'category_mix', unit: 'share', label: 'Share of spend per category', basis: 'all'} as const satisfies MeasureSpec

/** A measure's value: money as an exact decimal string, other units as numbers; null when not computed. */
export type MeasureValue = string | number | null

/**
 * An integer scaled by 10^-decimals as exact decimal text.
 * @example scaledText(-12345n, 3) // '-12.345'
 */
export function scaledText(value: bigint, decimals: number): string {
  const neg = value < 0n
  const digits = (neg ? -value : value).toString()
  if (decimals === 0) return (neg ? '-' : '') + digits
  const padded = digits.padStart(decimals + 1, '0')
  return `${neg ? '-' : ''}${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`
}

/**
 * The median of two middle payments (whole minor units), exactly: in minor
 * units when their sum is even, else with one more decimal holding the half.
 * @example medianText(1000, 1001, 'GBP') // '10.005'
 * @example medianText(1000, 1002, 'GBP') // '10.01'
 */
export function medianText(a: number, b: number, currency: string): string {
  const twice = BigInt(a) + BigInt(b)
  if (twice % 2n === 0n) return formatMinor(twice / 2n, currency)
  return scaledText(twice * 5n, currencyExponent(currency) + 1)
}

/**
 * An exact total divided by a count, rounded half to even to two more
 * decimals than the currency has (GBP: 4 decimals), always written with them.
 * @example ratioText(10000n, 3, 'GBP') // '33.3333'
 * @example ratioText(1n, 8, 'GBP') // '0.0012' (0.00125 rounds half to even)
 */
export function ratioText(total: bigint, count: number, currency: string): string {
  return scaledText(divRoundHalfEven(total * 100n, BigInt(count)), currencyExponent(currency) + 2)
}
