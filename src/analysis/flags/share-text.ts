/**
 * Numbers in flag explanations, the same in every locale: counts with
 * thousands grouped by commas, shares as percentages with one decimal.
 */

/**
 * A count or integer with thousands grouped by commas.
 * @example countText(1234567) // '1,234,567'
 */
export function countText(n: number | bigint): string {
  const s = String(n)
  const neg = s.startsWith('-')
  const digits = neg ? s.slice(1) : s
  return `${neg ? '-' : ''}${digits.replace(/\B(?=(\d{3})+$)/g, ',')}`
}

/**
 * A share (0-1) as a percentage with one decimal.
 * @example percentText(0.6234) // '62.3%'
 */
export function percentText(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`
}
