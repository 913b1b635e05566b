/**
 * Tukey fences of a buyer's payments, exact in eighths of a minor unit: the
 * type-7 quartiles of stats-minor.ts (quartileEighths) read off a
 * Float64Array of integer minor units by selection (quickselect, O(n): a
 * full sort of 1M payments took ~360 ms), so only the few values a quartile
 * needs become BigInt. The factor k is taken
 * to four decimals (k = K / 10,000); with k = 1.5 the fence Q3 + 1.5 IQR is a
 * whole number of eighths (Q1 and Q3 are whole quarters), and a payment is
 * compared with the fence exactly in any case.
 */
import {selectKth} from '../benchmark/select.js'
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
 * A type-7 quartile of integer minor units in any order (reordered in
 * place), in eighths: the same figure as quartileEighths on the values
 * sorted as bigints.
 * @example quartileEighthsOf(Float64Array.of(101, 100), 2) // 804n
 */
export function quartileEighthsOf(values: Float64Array, k: Quartile): bigint {
  const n = values.length
  if (n === 0) throw new RangeError('quartile of no values')
  const h4 = (n - 1) * k
  const lo = Math.floor(h4 / 4)
  const quarters = BigInt(h4 % 4)
  selectKth(values, lo)
  const a = BigInt(values[lo])
  if (quarters === 0n) return 8n * a
  // The next value up is the smallest of those after lo.
  let next = values[lo + 1]
  for (let j = lo + 2; j < n; j++) if (values[j] < next) next = values[j]
  return 8n * a + 2n * quarters * (BigInt(next) - a)
}

/**
 * The upper Tukey fence of integer minor units (reordered in place).
 * @example upperFence(Float64Array.of(500, 100, 400, 200, 300), 1.5).upper // 8n * 700n (Q3 400 + 1.5 x IQR 200)
 */
export function upperFence(values: Float64Array, k: number): Fences {
  const q1 = quartileEighthsOf(values, 1)
  const q3 = quartileEighthsOf(values, 3)
  const iqr = q3 - q1
  const upperScaled = q3 * FACTOR_SCALE + iqr * BigInt(Math.round(k * Number(FACTOR_SCALE)))
  return {n: values.length, q1, q3, iqr, upper: upperScaled / FACTOR_SCALE, upperScaled}
}

/**
 * The upper Tukey fence on the log scale, Q3 x (Q3 / Q1)^k: the fence
 * log Q3 + k (log Q3 - log Q1) taken back to money. Payments are skewed to
 * the right (close to log-normal), so the plain fence Q3 + k IQR sits inside
 * the long tail and every buyer's top ~8% of payments pass it; on the log
 * scale the same k passes well under 1% of log-normal payments. Q1 and Q3 are
 * exact; the fence is rounded down to a whole eighth of a minor unit (one
 * double multiplication and power, the same on every machine).
 * @example upperFenceLog(Float64Array.of(100, 200, 400, 800, 1600), 1.5).upper // 8n * 6400n (Q1 200, Q3 800: 800 x 4^1.5)
 */
export function upperFenceLog(values: Float64Array, k: number): Fences {
  const q1 = quartileEighthsOf(values, 1)
  const q3 = quartileEighthsOf(values, 3)
  const ratio = q1 > 0n ? Number(q3) / Number(q1) : 1
  const raw = Number(q3) * ratio ** k
  // A fence past every double (a huge k) is above every payment.
  const upper = Number.isFinite(raw) && raw < 2 ** 62 ? BigInt(Math.floor(raw)) : 2n ** 62n
  return {n: values.length, q1, q3, iqr: q3 - q1, upper, upperScaled: upper * FACTOR_SCALE}
}

/**
 * Whether a payment in minor units is above the fence (strictly), exactly.
 * @example aboveFence(701, upperFence(Float64Array.of(100, 200, 300, 400, 500), 1.5)) // true
 */
export function aboveFence(minor: number, f: Fences): boolean {
  return BigInt(minor) * 8n * FACTOR_SCALE > f.upperScaled
}
