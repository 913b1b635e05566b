import {describe, expect, it} from 'vitest'
import {
  effectiveFloor, FLOOR_REACH, groupFloor, manualFloor, manualFloorSentence, moneyWords, PUBLICATION_THRESHOLDS, type Floor,
} from '../../../src/analysis/benchmark/floor.js'
import {isSpendInputError} from '../../../src/errors.js'

const GBP = (pounds: number) => Math.round(pounds * 100)
const T = (pounds: number) => {
  const t = PUBLICATION_THRESHOLDS.find((x) => x.currency === 'GBP' && x.minor === GBP(pounds))
  if (!t) throw new Error(`no GBP ${pounds} threshold`)
  return t
}
/** `n` payments of `pounds` each. */
const rows = (n: number, pounds: number) => Array.from({length: n}, () => GBP(pounds))
const amounts = (...parts: number[][]) => Float64Array.from(parts.flat())

describe('known publication thresholds', () => {
  it('lists GBP 250, 500 and 25,000, each with its source', () => {
    const gbp = PUBLICATION_THRESHOLDS.filter((t) => t.currency === 'GBP')
    expect(gbp.map((t) => t.minor).sort((a, b) => a - b)).toEqual([GBP(250), GBP(500), GBP(25_000)])
    expect(T(500).source).toMatch(/Local Government Transparency Code 2015/)
    expect(T(25_000).source).toMatch(/2011/)
    expect(T(250).source).toMatch(/Greater London Authority/)
    expect(FLOOR_REACH).toEqual({num: 99, den: 100})
  })
})

describe('effectiveFloor', () => {
  it("a 'spend over £25,000' file with a payment of £6.80 still has floor £25,000", () => {
    const f = effectiveFloor(amounts(rows(150, 30_000), [GBP(6.8)]), null, 'GBP')
    expect(f).toEqual({currency: 'GBP', minor: GBP(25_000), amount: '25000.00', source: T(25_000).source, positive: 151, reaching: 150})
  })

  it('exactly 99% reaching is enough; one payment fewer is not, and the floor falls to the next threshold', () => {
    // 99 of 100 payments at £25,000 exactly (>= counts), one at £600.
    const edge = amounts(rows(99, 25_000), rows(1, 600))
    expect(effectiveFloor(edge, null, 'GBP')?.minor).toBe(GBP(25_000))
    // 98 of 100: 98% < 99%; all 100 reach £500.
    const below = amounts(rows(98, 25_000), rows(2, 600))
    expect(effectiveFloor(below, null, 'GBP')).toMatchObject({minor: GBP(500), positive: 100, reaching: 100})
    // A penny under a threshold does not reach it: 99 of 100 at £499.99 and one at £500 -> £250.
    expect(effectiveFloor(amounts(rows(99, 499.99), rows(1, 500)), null, 'GBP')?.minor).toBe(GBP(250))
  })

  it('counts positive payments only: credits and zeros neither reach nor fail a threshold', () => {
    const withCredits = amounts(rows(100, 800), rows(50, -900), rows(20, 0), rows(1, 0.01))
    // 100 of 101 positive payments reach £500: 99.0099%.
    expect(effectiveFloor(withCredits, null, 'GBP')).toMatchObject({minor: GBP(500), positive: 101, reaching: 100})
  })

  it('reads only the selected rows', () => {
    const all = amounts(rows(10, 30_000), rows(10, 1))
    const high = Uint32Array.from({length: 10}, (_, i) => i)
    const low = Uint32Array.from({length: 10}, (_, i) => 10 + i)
    expect(effectiveFloor(all, high, 'GBP')?.minor).toBe(GBP(25_000))
    expect(effectiveFloor(all, low, 'GBP')).toBeNull()
    expect(effectiveFloor(all, null, 'GBP')).toBeNull()
  })

  it('is null with no positive payment, no known threshold for the currency, or penny rows past 1%', () => {
    expect(effectiveFloor(new Float64Array(0), null, 'GBP')).toBeNull()
    expect(effectiveFloor(amounts(rows(5, -100)), null, 'GBP')).toBeNull()
    expect(effectiveFloor(amounts(rows(100, 30_000)), null, 'NOK')).toBeNull()
    expect(effectiveFloor(amounts(rows(98, 600), rows(2, 0.01)), null, 'GBP')).toBeNull()
  })

  it('takes another list of thresholds', () => {
    const nok = [{currency: 'NOK', minor: 10_000_000, source: 'a documented NOK 100,000 rule'}]
    expect(effectiveFloor(amounts(rows(100, 200_000)), null, 'NOK', nok)).toMatchObject({minor: 10_000_000, amount: '100000.00', source: 'a documented NOK 100,000 rule'})
  })
})

describe('groupFloor', () => {
  const floorOf = (pounds: number, n = 100) => effectiveFloor(amounts(rows(n, pounds)), null, 'GBP')
  it('is the highest floor among the buyers, said in a sentence', () => {
    const g = groupFloor([{buyer: 'Council A', floor: floorOf(600)}, {buyer: 'Department B', floor: floorOf(30_000)}, {buyer: 'GLA', floor: floorOf(300)}, {buyer: 'Dept C', floor: floorOf(26_000)}])
    expect(g.floor?.minor).toBe(GBP(25_000))
    expect(g.setBy).toEqual(['Department B', 'Dept C'])
    expect(g.sentence).toBe('compared on payments of £25,000 or more, the highest floor among these buyers')
  })

  it('with no floor anywhere compares every payment; floors in two currencies are refused', () => {
    expect(groupFloor([{buyer: 'A', floor: null}, {buyer: 'B', floor: null}])).toEqual({floor: null, setBy: [], sentence: 'compared on all payments: no known publication floor among these buyers'})
    const nok: Floor = {...manualFloor(50_000, 'NOK')}
    let err: unknown
    try {
      groupFloor([{buyer: 'A', floor: floorOf(600)}, {buyer: 'B', floor: nok}])
    } catch (e) {
      err = e
    }
    expect(isSpendInputError(err) && err.code).toBe('FLOOR_CURRENCIES')
    expect(isSpendInputError(err) && err.oneLine()).toBe('Publication floors in different currencies (GBP, NOK) cannot be compared (convert the peers with --fx, or leave out those in another currency)')
  })

  it('a floor set by hand says so', () => {
    const f = manualFloor(GBP(1000), 'GBP')
    expect(f).toEqual({currency: 'GBP', minor: 100_000, amount: '1000.00', source: 'set by --floor', positive: null, reaching: null})
    expect(manualFloorSentence(f)).toBe('compared on payments of £1,000 or more, the floor set by --floor')
  })

  it('writes amounts the same in every locale', () => {
    expect(moneyWords(GBP(25_000), 'GBP')).toBe('£25,000')
    expect(moneyWords(GBP(1_234_567.5), 'GBP')).toBe('£1,234,567.50')
    expect(moneyWords(12_345, 'NOK')).toBe('NOK 123.45')
    expect(moneyWords(500, 'JPY')).toBe('JPY 500')
    expect(moneyWords(-GBP(250), 'GBP')).toBe('-£250')
  })
})
