/**
 * Benford's law and what the benford check compares with it: the expected
 * proportions (whole decades, or restricted to amounts at or above a floor),
 * the leading digits of an integer, the mean absolute deviation (MAD) and
 * Nigrini's conformity bands.
 *
 * Restricted to a floor F: Benford's law is the log-uniform density of
 * log10(x). Restricting it to [F, 10^(u+1)) (u: the decade of the largest
 * amount tested) keeps every whole decade above F's own decade k with the
 * plain Benford proportions, and adds the part of decade k at or above F,
 * where digit d gets log10(((d+1)*10^k) / max(F, d*10^k)) when positive.
 * The proportion of d is (M * benford(d) + part(d)) / (M + part) with M = u
 * - k whole decades and part = log10(10^(k+1) / F). When F is a power of
 * ten, part is a whole decade and the proportions are Benford's exactly.
 */

/** Nigrini's MAD bands (upper bounds of close, acceptable, marginal; above = nonconformity). Nigrini, Benford's Law (Wiley 2012), table 7.1. */
export const MAD_BANDS = {
  1: [0.006, 0.012, 0.015],
  2: [0.0012, 0.0018, 0.0022],
} as const

export type Conformity = 'close' | 'acceptable' | 'marginal' | 'nonconformity'

/**
 * The band a MAD falls in; a MAD equal to a bound is in the lower band.
 * @example conformityOf(0.015, 1) // 'marginal'
 */
export function conformityOf(mad: number, digits: 1 | 2): Conformity {
  const [close, acceptable, marginal] = MAD_BANDS[digits]
  if (mad <= close) return 'close'
  if (mad <= acceptable) return 'acceptable'
  if (mad <= marginal) return 'marginal'
  return 'nonconformity'
}

/** The smallest leading-digit value of a test: 1 (digits 1-9) or 10 (10-99). */
const LOW = {1: 1, 2: 10} as const

/**
 * Benford's expected proportions: log10(1 + 1/d) for d = 1..9 or 10..99.
 * @example benford(1)[0] // 0.30103 (log10 2)
 */
export function benford(digits: 1 | 2): number[] {
  const low = LOW[digits]
  return Array.from({length: 9 * low}, (_, i) => Math.log10(1 + 1 / (i + low)))
}

/**
 * Expected proportions for amounts x with floor <= x < 10^(top + 1), under
 * Benford's law restricted to that range (see the header). `floor` and the
 * amounts in the same unit (minor units), `top` the decade of the largest.
 * @example benfordAbove(1, 500, 3)[0] // digit 1 loses the part of [100, 1000) under 500
 */
export function benfordAbove(digits: 1 | 2, floor: number, top: number): number[] {
  const base = benford(digits)
  const k = decadeOf(floor)
  const scale = 10 ** (k + 1 - digits)
  if (scale * LOW[digits] === floor) return base
  const whole = Math.max(0, top - k)
  const part = Math.log10(10 ** (k + 1) / floor)
  const low = LOW[digits]
  return base.map((b, i) => {
    const d = i + low
    const from = Math.max(floor, d * scale)
    const to = (d + 1) * scale
    const inPart = to > from ? Math.log10(to / from) : 0
    return (whole * b + inPart) / (whole + part)
  })
}

const POW10 = Array.from({length: 19}, (_, i) => 10 ** i)

/**
 * The decade of a positive integer: k with 10^k <= v < 10^(k+1), exactly.
 * @example decadeOf(50000) // 4
 */
export function decadeOf(v: number): number {
  // log10 gives the decade but for rounding at exact powers of ten: corrected by comparing with them.
  let k = Math.min(POW10.length - 1, Math.max(0, Math.floor(Math.log10(v))))
  if (k > 0 && POW10[k] > v) k--
  else if (k + 1 < POW10.length && POW10[k + 1] <= v) k++
  return k
}

/**
 * The first one or two significant digits of a positive integer, exactly.
 * @example leadingDigits(4999, 2) // 49
 */
export function leadingDigits(v: number, digits: 1 | 2): number {
  const shift = decadeOf(v) + 1 - digits
  if (shift <= 0) return v
  const p = POW10[shift]
  let d = Math.floor(v / p)
  // The quotient of a large integer can round up to the next integer: correct it exactly.
  if (d * p > v) d--
  return d
}

/**
 * Mean absolute deviation of observed counts from expected proportions.
 * @example mad([3, 1], [0.5, 0.5]) // 0.25
 */
export function mad(observed: readonly number[], expected: readonly number[]): number {
  const n = observed.reduce((s, c) => s + c, 0)
  if (n === 0) return 0
  let sum = 0
  for (let i = 0; i < observed.length; i++) sum += Math.abs(observed[i] / n - expected[i])
  return sum / observed.length
}

/**
 * The MAD sampling alone gives, on average, when n amounts follow the
 * expected proportions exactly: mean over digits of sqrt(2 p (1 - p) / (pi n))
 * (the mean absolute value of a normal deviation). MAD grows as n shrinks
 * (Barney and Schulzke 2016), so the check flags only where the MAD passes
 * the nonconformity bound by more than this too.
 * @example expectedMad(benford(1), 1000) // about 0.0073
 */
export function expectedMad(expected: readonly number[], n: number): number {
  if (n <= 0) return 0
  let sum = 0
  for (const p of expected) sum += Math.sqrt((2 * p * (1 - p)) / (Math.PI * n))
  return sum / expected.length
}
