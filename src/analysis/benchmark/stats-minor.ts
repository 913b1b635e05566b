/**
 * The benchmark statistics of stats.ts on money held exactly, as integer
 * minor units (bigint): the same methods, no float anywhere.
 *
 * Type-7 quartiles of integers are multiples of a quarter minor unit (the
 * median of an even count is the mean of two values, half a unit), and the
 * fences, Q1 - 1.5 IQR and Q3 + 1.5 IQR, multiples of an eighth. So every
 * figure is computed exactly in eighths of a minor unit and written as an
 * exact decimal string in major units with the currency's decimals plus only
 * the digits the value needs: at most one more for a median ('12.345' GBP is
 * 1234.5 pence), two for P25/P75 ('12.3425'), three for a fence ('12.34125').
 */
import {currencyExponent} from '../../model/currency.js'
import {fenceFlag, knownValues, MIN_PEERS, percentileRank, standing, standingSentence, type Comparison, type MeasureWords, type PeerValue} from './stats.js'
import {benchmarkMsg} from '../../messages.js'

/** A quartile: 1 (P25), 2 (median), 3 (P75). */
export type Quartile = 1 | 2 | 3

const sortBig = (values: readonly bigint[]): bigint[] => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

/**
 * A type-7 quartile of bigints sorted ascending, in eighths of a minor unit
 * (exact): h = (n - 1) k / 4, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
 * @example quartileEighths([100n, 101n], 2) // 804n (100.5 minor units)
 */
export function quartileEighths(sorted: readonly bigint[], k: Quartile): bigint {
  const n = sorted.length
  if (n === 0) throw new RangeError('quartile of no values')
  const h4 = (n - 1) * k
  const lo = Math.floor(h4 / 4)
  const quarters = BigInt(h4 % 4)
  const a = sorted[lo]
  return quarters === 0n ? 8n * a : 8n * a + 2n * quarters * (sorted[lo + 1] - a)
}

/**
 * Eighths of a minor unit as an exact decimal string in major units: the
 * currency's decimals, plus up to three more only where the value needs them.
 * With `extra`, the unit is 10^-extra of a minor unit (a median held in
 * tenths of a penny, a mean in hundredths), and up to `extra` + 3 more
 * decimals are written where needed.
 * @example eighthsToDecimal(804n, 'GBP') // '1.005'
 * @example eighthsToDecimal(800n, 'GBP') // '1.00'
 * @example eighthsToDecimal(8n * 100125n, 'GBP', 2) // '10.0125'
 */
export function eighthsToDecimal(eighths: bigint, currency: string, extra = 0): string {
  const exp = currencyExponent(currency) + extra + 3
  const neg = eighths < 0n
  const digits = ((neg ? -eighths : eighths) * 125n).toString().padStart(exp + 1, '0')
  let frac = digits.slice(-exp)
  const whole = digits.slice(0, -exp)
  let drop = 0
  while (drop < extra + 3 && frac.endsWith('0')) {
    frac = frac.slice(0, -1)
    drop++
  }
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`
}

/**
 * The exact median of minor-unit amounts as a decimal string in major units
 * (one more digit than the currency's when the mean of the two middle values
 * is half a minor unit); null for no values.
 * @example medianMinor([1234n, 1235n], 'GBP') // '12.345'
 */
export function medianMinor(values: readonly bigint[], currency: string): string | null {
  return values.length === 0 ? null : eighthsToDecimal(quartileEighths(sortBig(values), 2), currency)
}

/**
 * `compareMeasure` for money in minor units: the same quartiles (type 7),
 * fences, mid-rank percentile, flag and sentence, computed exactly; every
 * money figure (value, median, P25, P75, fences, peer values) is an exact
 * decimal string in major units (see the module's note on extra digits).
 * `extra` says the values are in units of 10^-extra minor units (a mean
 * payment written with two more decimals than the currency has: extra 2).
 * @example compareMinor(50000n, [{buyer: 'A', value: 10000n}, {buyer: 'B', value: 12000n}, {buyer: 'C', value: 11000n}], 'GBP', words).peer_median // '110.00'
 */
export function compareMinor(value: bigint | null, peers: readonly PeerValue<bigint>[], currency: string, words: MeasureWords, extra = 0): Comparison<string> {
  const known = knownValues(peers)
  const sorted = sortBig(known)
  const n = sorted.length
  const weak = n < MIN_PEERS
  const q1 = n ? quartileEighths(sorted, 1) : null
  const q2 = n ? quartileEighths(sorted, 2) : null
  const q3 = n ? quartileEighths(sorted, 3) : null
  // Q1 and Q3 are whole quarters (even eighths), so 1.5 IQR is a whole number of eighths.
  const lower = q1 !== null && q3 !== null ? q1 - (3n * (q3 - q1)) / 2n : null
  const upper = q1 !== null && q3 !== null ? q3 + (3n * (q3 - q1)) / 2n : null
  const dec = (e: bigint | null) => (e === null ? null : eighthsToDecimal(e, currency, extra))
  const ranked = value !== null && n > 0
  return {
    value: value === null ? null : dec(8n * value),
    peer_median: dec(q2),
    p25: dec(q1),
    p75: dec(q3),
    lower_fence: dec(lower),
    upper_fence: dec(upper),
    percentile: ranked ? percentileRank(value, known) : null,
    flag: ranked && lower !== null && upper !== null ? fenceFlag(8n * value, lower, upper, weak) : null,
    weak,
    sentence: value === null && n > 0 ? benchmarkMsg.noBuyerValue(words.label) : standingSentence(value === null ? {below: 0, equal: 0, above: 0} : standing(value, known), words),
    peer_values: peers.map((p) => ({buyer: p.buyer, value: p.value === null ? null : dec(8n * p.value)})),
  }
}
