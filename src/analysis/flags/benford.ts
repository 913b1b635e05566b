/**
 * The `benford` check: first-digit (1-9) and first-two-digits (10-99) tests
 * per buyer and currency, with Nigrini's mean absolute deviation (MAD) and
 * conformity bands (Nigrini, Benford's Law, Wiley 2012, table 7.1: first
 * digit 0.006 / 0.012 / 0.015, first two digits 0.0012 / 0.0018 / 0.0022).
 *
 * - Amounts: |amount|; leading digits read exactly from the integer minor
 *   units (the same digits as the major units). The first-digit test takes
 *   amounts of 1 major unit or more, the first-two-digits test 10 or more
 *   (pennies have no first two digits worth testing).
 * - The publication floor (effectiveFloors) cuts the distribution: only
 *   amounts at or above it are tested, against Benford's law restricted to
 *   that range (benford-expected.ts gives the formula).
 * - A test needs `min_first_digit` / `min_first_two` amounts; a buyer with
 *   fewer gets a note. MAD grows as the count shrinks, so a test is flagged
 *   when its MAD is in the nonconformity band AND passes the bound by more
 *   than the MAD sampling alone gives at that count (expectedMad): on exact
 *   Benford data of 300 amounts the plain MAD passes 0.015 about one time
 *   in three.
 * - Flag kind `first-digit` / `first-two-digits`, supplier and category
 *   null, score = MAD / the nonconformity bound, evidence = every tested
 *   row whose digit is over-represented (observed share above expected),
 *   amount = their sum.
 */
import {flagsDigitsDatesMsg as msg} from '../../messages.js'
import {currencyExponent} from '../../model/currency.js'
import {effectiveFloors, type Floor} from '../benchmark/floor.js'
import {ExactSum} from '../kernel.js'
import {benfordAbove, conformityOf, decadeOf, expectedMad, leadingDigits, mad, MAD_BANDS} from './benford-expected.js'
import {buyerKeys, groupRows} from './calendar.js'
import {countText} from './share-text.js'
import type {BenfordTest, CheckContext, CheckDef, CheckNote, CheckResult, Flag} from './types.js'

export const benfordCheck: CheckDef = {
  name: 'benford',
  summary: 'First-digit and first-two-digits tests per buyer, Nigrini\'s mean absolute deviation and conformity bands.',
  columns: [],
  params: {
    min_first_digit: {kind: 'int', default: 300, min: 1, doc: 'fewest amounts (at or above the floor, 1 or more) for the first-digit test'},
    min_first_two: {kind: 'int', default: 1000, min: 1, doc: 'fewest amounts (at or above the floor, 10 or more) for the first-two-digits test'},
  },
  run: runBenford,
}

function runBenford(ctx: CheckContext): CheckResult {
  const amounts = (ctx.frame.columns.amount as {values: Float64Array}).values
  const flags: Flag[] = []
  const notes: CheckNote[] = []
  const tests: BenfordTest[] = []
  const floors: Record<string, string | null> = {}
  const bk = buyerKeys(ctx.frame, ctx.selection)
  const groups = groupRows(bk)
  // Each buyer's publication floor, one pass per currency over its rows.
  const floorOf: (Floor | null)[] = groups.map(() => null)
  for (const currency of new Set(groups.map((g) => g.currency))) {
    const mine = Uint8Array.from(groups, (g) => (g.currency === currency ? 1 : 0))
    let m = 0
    for (let i = 0; i < bk.keys.length; i++) if (bk.keys[i] >= 0 && mine[bk.keys[i]] === 1) m++
    const rows = new Uint32Array(m)
    m = 0
    for (let i = 0; i < bk.keys.length; i++) if (bk.keys[i] >= 0 && mine[bk.keys[i]] === 1) rows[m++] = i
    effectiveFloors(amounts, bk.keys, bk.size, rows, currency).forEach((f, k) => {
      if (groups[k].currency === currency) floorOf[k] = f
    })
  }
  for (const [k, g] of groups.entries()) {
    const floor = floorOf[k]
    floors[`${g.buyer_id} ${g.currency}`] = floor ? floor.amount : null
    const unit = 10 ** currencyExponent(g.currency)
    // One pass: each row's first two significant digits (10-99; a one-digit amount d reads as 10 d), -1 when not tested.
    const two = new Int32Array(g.rows.length)
    const lows = [Math.max(floor?.minor ?? 0, unit), Math.max(floor?.minor ?? 0, unit * 10)]
    // The group's absolute amounts copied once, in order, so the passes below read them sequentially.
    const abs = new Float64Array(g.rows.length)
    for (let j = 0; j < g.rows.length; j++) abs[j] = Math.abs(amounts[g.rows[j]])
    for (let j = 0; j < g.rows.length; j++) {
      const v = abs[j]
      two[j] = v >= lows[0] ? (v >= 10 ? leadingDigits(v, 2) : v * 10) : -1
    }
    for (const digits of [1, 2] as const) {
      const low = lows[digits - 1]
      const min = Number(ctx.params[digits === 1 ? 'min_first_digit' : 'min_first_two'])
      const size = digits === 1 ? 9 : 90
      const first = digits === 1 ? 1 : 10
      const observed = new Array<number>(size).fill(0)
      const digit = new Int32Array(g.rows.length).fill(-1)
      let n = 0
      let top = 0
      for (let j = 0; j < g.rows.length; j++) {
        if (two[j] < 0) continue
        const v = abs[j]
        if (!(v >= low)) continue
        const d = (digits === 1 ? Math.floor(two[j] / 10) : two[j]) - first
        digit[j] = d
        observed[d]++
        n++
        if (v > top) top = v
      }
      if (n < min) {
        notes.push({check: 'benford', buyer: g.buyer, currency: g.currency, text: msg.benfordTooFew(digits, countText(n), countText(min))})
        continue
      }
      const expected = benfordAbove(digits, low, decadeOf(top))
      const m = mad(observed, expected)
      const conformity = conformityOf(m, digits)
      tests.push({type: 'benford', buyer: g.buyer, buyer_id: g.buyer_id, currency: g.currency, digits, n, observed, expected, mad: m, conformity})
      const bound = MAD_BANDS[digits][2]
      const sampling = expectedMad(expected, n)
      if (conformity !== 'nonconformity' || m - sampling <= bound) continue
      const over = observed.map((c, i) => c / n > expected[i])
      const rows: number[] = []
      const sum = new ExactSum()
      for (let j = 0; j < g.rows.length; j++) {
        if (digit[j] >= 0 && over[digit[j]]) {
          rows.push(g.rows[j])
          sum.add(amounts[g.rows[j]])
        }
      }
      const ranked = observed.map((c, i) => ({d: i + first, excess: c / n - expected[i]})).filter((x) => x.excess > 0)
        .sort((a, b) => b.excess - a.excess || a.d - b.d).slice(0, 3)
      const topText = ranked.map((x) => `${x.d} (${pct(x.d - first, observed, n)} against ${(expected[x.d - first] * 100).toFixed(1)}%)`).join(', ')
      flags.push({
        check: 'benford', kind: digits === 1 ? 'first-digit' : 'first-two-digits', buyer: g.buyer, buyer_id: g.buyer_id,
        supplier: null, supplier_key: null, category: null, amount: sum.value(), currency: g.currency, score: m / bound,
        explanation: msg.benfordFlag(digits, countText(n), m.toFixed(4), String(bound), sampling.toFixed(4), topText, countText(rows.length)),
        rows: Uint32Array.from(rows),
      })
    }
  }
  return {
    flags, notes, tests,
    echo: {score: msg.benfordScore(), amounts: msg.benfordAmounts(), bands: {first_digit: MAD_BANDS[1], first_two_digits: MAD_BANDS[2]},
      bands_source: 'Nigrini, Benford\'s Law (Wiley 2012), table 7.1', floors},
  }
}

function pct(i: number, observed: readonly number[], n: number): string {
  return `${((observed[i] / n) * 100).toFixed(1)}%`
}

