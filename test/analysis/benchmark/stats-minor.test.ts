import {describe, expect, it} from 'vitest'
import {compareMeasure, type MeasureWords} from '../../../src/analysis/benchmark/stats.js'
import {compareMinor, eighthsToDecimal, medianMinor, quartileEighths} from '../../../src/analysis/benchmark/stats-minor.js'
import {parseDecimal} from '../../../src/analysis/rational.js'

const SPEND: MeasureWords = {label: 'spend per supplier', lower: 'spend less per supplier', higher: 'spend more per supplier'}

/** An exact decimal string as a fraction, to compare against an exact expectation without floats. */
const frac = (text: string | null) => {
  const f = parseDecimal(String(text))
  if (!f) throw new Error(`not a decimal: ${text}`)
  return f
}

describe('exact money quartiles', () => {
  it('keeps the half minor unit of an even median, with one more digit', () => {
    expect(medianMinor([1234n, 1235n], 'GBP')).toBe('12.345')
    expect(medianMinor([1234n, 1236n], 'GBP')).toBe('12.35')
    expect(medianMinor([5n, 1n, 3n], 'GBP')).toBe('0.03')
    expect(medianMinor([-3n, -2n], 'GBP')).toBe('-0.025')
    expect(medianMinor([7n, 8n], 'JPY')).toBe('7.5')
    expect(medianMinor([], 'GBP')).toBeNull()
    // Past 2^53 a double would lose the unit: 2^60 + 1 and 2^60 + 2.
    const big = 2n ** 60n
    expect(medianMinor([big + 1n, big + 2n], 'GBP')).toBe(`${(big + 1n) / 100n}.${String((big + 1n) % 100n).padStart(2, '0')}5`)
  })

  it('writes quarters and eighths exactly', () => {
    expect(quartileEighths([100n, 101n], 2)).toBe(804n)
    expect(eighthsToDecimal(804n, 'GBP')).toBe('1.005')
    expect(eighthsToDecimal(802n, 'GBP')).toBe('1.0025')
    expect(eighthsToDecimal(801n, 'GBP')).toBe('1.00125')
    expect(eighthsToDecimal(800n, 'GBP')).toBe('1.00')
    expect(eighthsToDecimal(-1n, 'GBP')).toBe('-0.00125')
    expect(eighthsToDecimal(8n, 'KWD')).toBe('0.001')
    // Values held in finer units (a mean written with two more decimals): only the digits needed, never fewer than the currency's.
    expect(eighthsToDecimal(8n * 100125n, 'GBP', 2)).toBe('10.0125')
    expect(eighthsToDecimal(8n * 100000n, 'GBP', 2)).toBe('10.00')
    expect(eighthsToDecimal(8n * 100001n + 1n, 'GBP', 2)).toBe('10.0001125')
  })

  it('gives the same quartiles, fences, ranks and flags as the number version, exactly', () => {
    // Integer minor units; every value below 2^53, so the number version's only error is its rounding.
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + (next() % 11)
      const minor = Array.from({length: n}, () => BigInt(next() % 400) - 50n)
      const buyer = BigInt(next() % 900) - 200n
      const peers = minor.map((value, i) => ({buyer: `P${i}`, value}))
      const exact = compareMinor(buyer, peers, 'GBP', SPEND)
      const approx = compareMeasure(Number(buyer), minor.map((v, i) => ({buyer: `P${i}`, value: Number(v)})), SPEND)
      for (const key of ['peer_median', 'p25', 'p75', 'lower_fence', 'upper_fence'] as const) {
        // The exact decimal in pounds is the number version's pence / 100, to within float rounding,
        const f = frac(exact[key])
        expect(Number(f.num) / Number(f.den)).toBeCloseTo((approx[key] as number) / 100, 9)
        // and a multiple of an eighth of a penny.
        expect((f.num * 800n) % f.den).toBe(0n)
      }
      expect(exact.percentile).toBe(approx.percentile)
      expect(exact.flag).toBe(approx.flag)
      expect(exact.sentence).toBe(approx.sentence)
      expect(exact.weak).toBe(approx.weak)
    }
  })

  it('flags on exact fences: half a penny either side of a fence decides', () => {
    // Peers 100, 101, 102, 103 pence: P25 100.75, P75 102.25, IQR 1.5, upper fence 104.5 pence.
    const peers = [100n, 101n, 102n, 103n].map((value, i) => ({buyer: `P${i}`, value}))
    const c = compareMinor(104n, peers, 'GBP', SPEND)
    expect(c).toMatchObject({value: '1.04', p25: '1.0075', peer_median: '1.015', p75: '1.0225', upper_fence: '1.045', flag: null, percentile: 100})
    expect(c.lower_fence).toBe('0.985')
    expect(compareMinor(105n, peers, 'GBP', SPEND).flag).toBe('high')
    expect(compareMinor(98n, peers, 'GBP', SPEND).flag).toBe('low')
    expect(c.peer_values).toEqual([{buyer: 'P0', value: '1.00'}, {buyer: 'P1', value: '1.01'}, {buyer: 'P2', value: '1.02'}, {buyer: 'P3', value: '1.03'}])
    expect(c.sentence).toBe('4 of 4 peers spend less per supplier')
  })

  it('lists null peers, and says so when there is no peer or no buyer value', () => {
    const c = compareMinor(null, [{buyer: 'A', value: 500n}, {buyer: 'B', value: null}], 'GBP', SPEND)
    expect(c).toMatchObject({value: null, peer_median: '5.00', percentile: null, flag: null, weak: true})
    expect(c.peer_values).toEqual([{buyer: 'A', value: '5.00'}, {buyer: 'B', value: null}])
    expect(c.sentence).toBe('the buyer has no value for spend per supplier')
    expect(compareMinor(1n, [], 'GBP', SPEND)).toMatchObject({peer_median: null, upper_fence: null, percentile: null, sentence: 'no peer has a value for spend per supplier'})
  })
})

describe('compareMinor on money held in finer units than the minor unit', () => {
  it('means in hundredths of a penny keep their digits: the median of 10.0001, 10.0003 and 10.0010 is 10.0003', () => {
    const peers = [{buyer: 'A', value: 100001n}, {buyer: 'B', value: 100003n}, {buyer: 'C', value: 100010n}]
    const c = compareMinor(100020n, peers, 'GBP', SPEND, 2)
    expect(c.value).toBe('10.002')
    expect(c.peer_median).toBe('10.0003')
    expect(c.peer_values.map((v) => v.value)).toEqual(['10.0001', '10.0003', '10.001'])
    expect(frac(c.p25)).toEqual(frac('10.0002'))
    expect(c.flag).toBe('high')
  })
})
