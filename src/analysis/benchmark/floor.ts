/**
 * Publication floors. Public bodies publish their payments above different
 * thresholds (UK departments over £25,000, councils over £500 or £250), so
 * counting transactions or suppliers across such files compares the floors,
 * not the buyers. A buyer's effective floor is read from its payments, not
 * from a file's title or layout (real files break their own rule: a 'spend
 * over £25,000' file with a payment of £6.80, penny rows in an over-£500
 * file), and a group is compared on payments at or above the highest floor
 * among its buyers.
 */
import {SpendInputError} from '../../errors.js'
import {benchmarkMsg} from '../../messages.js'
import {currencyExponent} from '../../model/currency.js'
import {formatMinor} from '../../model/money.js'
import type {Rows} from '../kernel.js'

/** A known publication threshold: payments of `minor` or more (in minor units of `currency`) are published. */
export interface PublicationThreshold {
  currency: string
  /** The threshold in minor units (GBP 500 = 50000). */
  minor: number
  /** Who sets it and where. */
  source: string
}

/**
 * The known thresholds, per currency. Add others here (with their source):
 * the detection takes every threshold of the buyer's currency.
 * - GBP 250: the Greater London Authority publishes its expenditure over
 *   £250 each month (its own transparency policy, below the code's £500).
 * - GBP 500: the Local Government Transparency Code 2015 (Department for
 *   Communities and Local Government) requires English local authorities to
 *   publish each item of expenditure over £500.
 * - GBP 25,000: HM Treasury's 2011 guidance for publishing spend over
 *   £25,000, which central government departments and their bodies follow
 *   (after the Prime Minister's letter on transparency of May 2010).
 */
export const PUBLICATION_THRESHOLDS: readonly PublicationThreshold[] = [
  {currency: 'GBP', minor: 25_000, source: "Greater London Authority: expenditure over £250 (GLA's transparency policy)"},
  {currency: 'GBP', minor: 50_000, source: 'Local Government Transparency Code 2015 (DCLG): expenditure over £500'},
  {currency: 'GBP', minor: 2_500_000, source: 'HM Treasury guidance for publishing spend over £25,000 (2011): central government'},
]

/** The share of positive payments that must reach a threshold for it to be the floor: 99 in 100. */
export const FLOOR_REACH = {num: 99, den: 100} as const

/** A buyer's (or a group's) publication floor. */
export interface Floor {
  currency: string
  /** In minor units. */
  minor: number
  /** Exact decimal string in major units ('25000.00'): the JSON `floor.amount`. */
  amount: string
  source: string
  /** Positive payments counted, and how many of them reach the floor (null for a floor set by hand). */
  positive: number | null
  reaching: number | null
}

/**
 * The largest known threshold of `currency` that at least 99% of the
 * positive payments reach (amount >= threshold; exactly 99% counts), or
 * null when none does or there is no positive payment. `amounts` are minor
 * units per row (a SpendFrame's amount column), `selection` the buyer's rows
 * (null: every row). One pass, no allocation: a few ms over a million rows.
 * @example effectiveFloor(Float64Array.of(3_000_000, 2_600_000, 680), null, 'GBP') // null: 2 of 3 reach £25,000
 */
export function effectiveFloor(amounts: Float64Array, selection: Rows, currency: string, thresholds: readonly PublicationThreshold[] = PUBLICATION_THRESHOLDS): Floor | null {
  const known = knownThresholds(currency, thresholds)
  if (known.length === 0) return null
  const k = known.length
  const limits = Float64Array.from(known, (t) => t.minor)
  // Per row only the number of thresholds it reaches is counted (bucket j: reaches the lowest j);
  // the counts reaching each threshold are the buckets' suffix sums.
  const buckets = new Float64Array(k + 1)
  if (selection) {
    for (let i = 0; i < selection.length; i++) {
      const v = amounts[selection[i]]
      if (v > 0) buckets[reached(v, limits, k)]++
    }
  } else {
    for (let i = 0; i < amounts.length; i++) {
      const v = amounts[i]
      if (v > 0) buckets[reached(v, limits, k)]++
    }
  }
  return floorOf(buckets, 0, known, currency)
}

/**
 * effectiveFloor for every group at once, in one pass over the rows in
 * their order (sequential reads: much faster than one pass per group over
 * rows spread through the frame): `keys[i]` is row i's group (e.g. buyer
 * key), `size` the number of groups; entry g is what effectiveFloor gives
 * on group g's selected rows.
 * @example effectiveFloors(Float64Array.of(3_000_000, 680), Int32Array.of(0, 1), 2, null, 'GBP')[0]?.amount // '25000.00'
 */
export function effectiveFloors(
  amounts: Float64Array, keys: Int32Array, size: number, selection: Rows, currency: string, thresholds: readonly PublicationThreshold[] = PUBLICATION_THRESHOLDS,
): (Floor | null)[] {
  const known = knownThresholds(currency, thresholds)
  if (known.length === 0) return Array.from({length: size}, () => null)
  const k = known.length
  const limits = Float64Array.from(known, (t) => t.minor)
  const buckets = new Float64Array(size * (k + 1))
  const m = selection ? selection.length : amounts.length
  for (let j = 0; j < m; j++) {
    const i = selection ? selection[j] : j
    const v = amounts[i]
    if (v > 0) buckets[keys[i] * (k + 1) + reached(v, limits, k)]++
  }
  return Array.from({length: size}, (_, g) => floorOf(buckets, g * (k + 1), known, currency))
}

function knownThresholds(currency: string, thresholds: readonly PublicationThreshold[]): PublicationThreshold[] {
  return thresholds.filter((t) => t.currency === currency).sort((a, b) => a.minor - b.minor)
}

/** The floor from one group's k + 1 buckets (at `at`): the largest threshold 99% of its positive payments reach. */
function floorOf(buckets: Float64Array, at: number, known: readonly PublicationThreshold[], currency: string): Floor | null {
  const k = known.length
  const reach = new Float64Array(k)
  let positive = buckets[at + k]
  for (let j = k - 1; j >= 0; j--) {
    reach[j] = positive
    positive += buckets[at + j]
  }
  if (positive === 0) return null
  for (let j = k - 1; j >= 0; j--) {
    // Integers, so the 99% test is exact: reach / positive >= 99 / 100.
    if (reach[j] * FLOOR_REACH.den >= positive * FLOOR_REACH.num) {
      const t = known[j]
      return {currency, minor: t.minor, amount: formatMinor(t.minor, currency), source: t.source, positive, reaching: reach[j]}
    }
  }
  return null
}

/** How many of the `limits` a payment reaches (ascending limits: it reaches the lowest that many). */
function reached(v: number, limits: Float64Array, k: number): number {
  // Every limit compared, no early exit: branch-free, so payments of mixed sizes cost no mispredictions.
  let j = 0
  for (let t = 0; t < k; t++) j += +(v >= limits[t])
  return j
}

/**
 * A floor given by hand (`--floor AMOUNT`), in minor units.
 * @example manualFloor(50000, 'GBP').amount // '500.00'
 */
export function manualFloor(minor: number, currency: string): Floor {
  return {currency, minor, amount: formatMinor(minor, currency), source: benchmarkMsg.floorManualSource(), positive: null, reaching: null}
}

/** The floor a group is compared on, the buyers whose own floor it is, and the sentence saying so. */
export interface GroupFloor {
  floor: Floor | null
  /** The buyers whose effective floor is the group's, in the order given. */
  setBy: string[]
  sentence: string
}

/**
 * The floor a group of buyers is compared on: the highest of their effective
 * floors (null when none has one: then every payment counts). Floors of
 * different currencies cannot be compared: convert first or leave them out.
 * @example groupFloor([{buyer: 'A', floor: f500}, {buyer: 'B', floor: f25k}]).sentence // 'compared on payments of £25,000 or more, the highest floor among these buyers'
 */
export function groupFloor(floors: readonly {buyer: string; floor: Floor | null}[]): GroupFloor {
  const currencies = [...new Set(floors.flatMap((f) => (f.floor ? [f.floor.currency] : [])))].sort()
  if (currencies.length > 1) {
    throw new SpendInputError('FLOOR_CURRENCIES', benchmarkMsg.floorCurrencies(currencies), {hint: benchmarkMsg.floorCurrenciesHint()})
  }
  let top: Floor | null = null
  for (const f of floors) if (f.floor && (top === null || f.floor.minor > top.minor)) top = f.floor
  if (top === null) return {floor: null, setBy: [], sentence: benchmarkMsg.floorNone()}
  const minor = top.minor
  return {floor: top, setBy: floors.filter((f) => f.floor?.minor === minor).map((f) => f.buyer), sentence: benchmarkMsg.floorGroup(moneyWords(minor, top.currency))}
}

/** The sentence for a group compared on a floor set by hand. */
export function manualFloorSentence(floor: Floor): string {
  return benchmarkMsg.floorByHand(moneyWords(floor.minor, floor.currency))
}

const SYMBOLS: Record<string, string> = {GBP: '£', EUR: '€', USD: '$'}

/**
 * An amount for a sentence, the same in every locale: a symbol where one is
 * unambiguous (else the ISO code), thousands grouped with commas, no
 * decimals when whole.
 * @example moneyWords(2_500_000, 'GBP') // '£25,000'
 * @example moneyWords(12_345, 'NOK') // 'NOK 123.45'
 */
export function moneyWords(minor: number, currency: string): string {
  const exact = formatMinor(minor, currency)
  const neg = exact.startsWith('-')
  const [whole, frac] = (neg ? exact.slice(1) : exact).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',')
  const tail = frac && currencyExponent(currency) > 0 && /[^0]/.test(frac) ? `.${frac}` : ''
  const symbol = SYMBOLS[currency]
  return `${neg ? '-' : ''}${symbol ?? `${currency} `}${grouped}${tail}`
}
