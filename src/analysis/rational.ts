/**
 * Exact rational arithmetic for money conversion: decimal strings become
 * BigInt fractions, and results are rounded half to even (banker's rounding,
 * no drift upward over many rows) to whole minor units.
 */

export interface Fraction {
  num: bigint
  den: bigint
}

/**
 * Parse a plain decimal (`1.2345`, `0.85`, `+12`, `-3.5`) exactly; null when
 * the text is not one (no exponents, no thousands separators).
 * @example parseDecimal('1.25') // {num: 125n, den: 100n}
 */
export function parseDecimal(text: string): Fraction | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim())
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null
  const frac = m[3] ?? ''
  const num = BigInt((m[2] || '0') + frac) * (m[1] === '-' ? -1n : 1n)
  return {num, den: 10n ** BigInt(frac.length)}
}

/**
 * n / d rounded half to even (d may be negative).
 * @example divRoundHalfEven(5n, 2n) // 2n ; divRoundHalfEven(7n, 2n) // 4n ; divRoundHalfEven(-5n, 2n) // -2n
 */
export function divRoundHalfEven(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero')
  if (d < 0n) {
    n = -n
    d = -d
  }
  let q = n / d
  let r = n % d
  if (r < 0n) {
    q -= 1n
    r += d
  }
  // Now n = q*d + r with 0 <= r < d: round up past half, or at half when q is odd.
  const twice = 2n * r
  if (twice > d || (twice === d && (q & 1n) === 1n)) q += 1n
  return q
}
