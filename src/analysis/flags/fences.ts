/**
 * Tukey fences of a buyer's payments, exact in eighths of a minor unit: the
 * type-7 quartiles of stats-minor.ts (quartileEighths) read off a sorted
 * Float64Array of integer minor units, so the sort is a typed-array sort and
 * only the few values a quartile needs become BigInt. The factor k is taken
 * to four decimals (k = K / 10,000); with k = 1.5 the fence Q3 + 1.5 IQR is a
 * whole number of eighths (Q1 and Q3 are whole quarters), and a payment is
 * compared with the fence exactly in any case.
 */
import type {Quartile} from '../benchmark/stats-minor.js'

/** Q1, Q3, IQR and the upper fence Q3 + k IQR, in eighths of a minor unit. */
export interface Fences {
  /** Payments the quartiles are of. */
  n: number
  q1: bigint
  q3: bigint
  iqr: bigint
  /** The upper fence in eighths, rounded down to a whole eighth where k has more than three decimals. */
  upper: bigint
  /** 10,000 x the upper fence, exact: compare 80,000 x a payment with it. */
  upperScaled: bigint
}

/** k to four decimals, as an integer K = round(k * 10,000). */
export const FACTOR_SCALE = 10_000n

/**
 * A type-7 quartile of integer minor units sorted ascending (a Float64Array
 * of exact integers), in eighths: the same figure as quartileEighths on the
 * same values as bigints.
 * @example quartileEighthsOf(Float64Array.of(100, 101), 2) // 804n
 */
export function quartileEighthsOf(sorted: Float64Array, k: Quartile): bigint {
  const n = sorted.length
  if (n === 0) throw new RangeError('quartile of no values')
  const h4 = (n - 1) * k
  const lo = Math.floor(h4 / 4)
  const quarters = BigInt(h4 % 4)
  const a = BigInt(sorted[lo])
  return quarters === 0n ? 8n * a : 8n * a + 2n * quarters * (BigInt(sorted[lo + 1]) - a)
}

/**
 * The upper Tukey fence of sorted integer minor units.
 * @example upperFence(Float64Array.of(100, 200, 300, 400, 500), 1.5).upper // 8n * 700n (Q3 400 + 1.5 x IQR 200)
 */
export function upperFence(sorted: Float64Array, k: number): Fences {
  const q1 = quartileEighthsOf(sorted, 1)
  const q3 = quartileEighthsOf(sorted, 3)
  const iqr = q3 - q1
  const upperScaled = q3 * FACTOR_SCALE + iqr * BigInt(Math.round(k * Number(FACTOR_SCALE)))
  return {n: sorted.length, q1, q3, iqr, upper: upperScaled / FACTOR_SCALE, upperScaled}
}

/**
 * Whether a payment in minor units is above the fence (strictly), exactly.
 * @example aboveFence(701, upperFence(Float64Array.of(100, 200, 300, 400, 500), 1.5)) // true
 */
export function aboveFence(minor: number, f: Fences): boolean {
  return BigInt(minor) * 8n * FACTOR_SCALE > f.upperScaled
}
