/**
 * The figures of `spend benchmark`'s measures table as people read them:
 * money rounded half to even to the currency's decimals and grouped in
 * thousands, HHI to a whole number, shares as percentages. The JSON, the
 * CSV of every peer's value and the report's value table keep the exact
 * figures; this table is the summary.
 */
import {currencyExponent} from '../../model/currency.js'
import {groupThousands} from './view.js'

/**
 * An exact decimal string rounded half to even to `decimals` places.
 * @example roundDecimal('10.005', 2) // '10.00'
 * @example roundDecimal('-2.5', 0) // '-2'
 */
export function roundDecimal(value: string, decimals: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value)
  if (!m) return value
  const [, sign, whole, frac = ''] = m
  if (frac.length <= decimals) return `${sign}${whole}${decimals > 0 ? `.${frac.padEnd(decimals, '0')}` : ''}`
  const scaled = BigInt(whole + frac)
  const unit = 10n ** BigInt(frac.length - decimals)
  let q = scaled / unit
  const r = scaled % unit
  if (r * 2n > unit || (r * 2n === unit && q % 2n === 1n)) q += 1n
  const digits = q.toString().padStart(decimals + 1, '0')
  const out = decimals > 0 ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits
  return q === 0n ? out : `${sign}${out}`
}

/**
 * One figure of the measures table for people.
 * @example shownFigure('45431.32195', 'money', 'GBP') // '45,431.32'
 * @example shownFigure(0.3775, 'share', 'GBP') // '37.75%'
 */
export function shownFigure(v: unknown, unit: string, currency: string): string | number | null {
  if (v === null || v === undefined) return null
  if (unit === 'share' && typeof v === 'number') return `${Number((v * 100).toPrecision(4))}%`
  if (unit === 'hhi' && typeof v === 'number') return groupThousands(String(Math.round(v)))
  const exponent = currencyExponent(currency)
  if (unit === 'money' && typeof v === 'string') return groupThousands(roundDecimal(v, exponent))
  // Money per unit of size (per resident): two more places, so small amounts per unit still show.
  if (unit === 'money_per_unit' && typeof v === 'string') return groupThousands(roundDecimal(v, exponent + 2))
  if (typeof v === 'number') return Number.isInteger(v) ? groupThousands(String(v)) : v
  return v as string
}
