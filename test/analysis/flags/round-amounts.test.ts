import {describe, expect, it} from 'vitest'
import {binomialUpper, logGamma, roundAmountsCheck} from '../../../src/analysis/flags/round-amounts.js'
import {resolveParams} from '../../../src/analysis/flags/run.js'
import type {CheckContext} from '../../../src/analysis/flags/types.js'
import type {SpendFrame} from '../../../src/model/frame.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {frameOf} from '../../helpers/analysis-records.js'
import {random} from '../../helpers/prng.js'

function ctx(frame: SpendFrame): CheckContext {
  return {frame, selection: null, params: resolveParams('round-amounts'), thresholds: [], fiscalYearStart: 4, pick: () => { throw new Error('not read') }}
}

/** n log-normal payments with pennies (median about £1,100), to ~50 suppliers. */
function clean(buyer: string, n: number, seed: number): Partial<SpendRecord>[] {
  const rnd = random(seed)
  return Array.from({length: n}, (_, i) => {
    const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd())
    return {buyer, supplier: `Supplier ${Math.floor(rnd() * 50)}`, amount: Math.round(Math.exp(7 + 1.6 * z) * 100), source_line: i + 2}
  })
}

const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n, k - 1) * (n - k + 1)) / k)

describe('binomial upper tail', () => {
  it('matches the sum of the pmf, and logGamma the factorials', () => {
    for (const [r, n, p] of [[0, 10, 0.3], [3, 10, 0.3], [10, 10, 0.3], [7, 40, 0.05], [1, 1, 0.5]] as const) {
      let want = 0
      for (let k = r; k <= n; k++) want += choose(n, k) * p ** k * (1 - p) ** (n - k)
      expect(binomialUpper(r, n, p)).toBeCloseTo(want, 12)
    }
    let f = 1
    for (let n = 1; n < 30; n++) {
      f *= n
      expect(logGamma(n + 1)).toBeCloseTo(Math.log(f), 9)
    }
  })
})

describe('round-amounts check', () => {
  const councils = [clean('North', 2000, 1), clean('South', 2000, 2), clean('East', 2000, 3)].flat()
  // Look-alikes: a monthly rent and a weekly pension of one round amount each: one price each, not many roundings.
  const rent = Array.from({length: 12}, (_, m) => ({buyer: 'North', supplier: 'Landlord Ltd', amount: 200_000, date: `2024-${String(m + 1).padStart(2, '0')}-01`}))
  const pension = Array.from({length: 52}, () => ({buyer: 'South', supplier: 'Pension Fund', amount: 50_000}))

  it('stays quiet on clean log-normal amounts with recurring round prices', () => {
    expect(roundAmountsCheck.run(ctx(frameOf(...councils, ...rent, ...pension))).flags).toEqual([])
  })

  it('flags a buyer and supplier with many distinct round amounts', () => {
    const rounded = Array.from({length: 20}, (_, i) => ({buyer: 'East', supplier: 'Round Co', amount: (3 + i) * 100_000}))
    const frame = frameOf(...councils, ...rent, ...rounded)
    const out = roundAmountsCheck.run(ctx(frame))
    const pair = out.flags.find((f) => f.supplier === 'Round Co')
    expect(pair?.kind).toBe('round-1000')
    expect(pair?.rows.length).toBe(20)
    expect(pair?.amount).toBe(rounded.reduce((s, r) => s + BigInt(r.amount), 0n))
    expect(out.flags.every((f) => f.buyer === 'East')).toBe(true)
    expect(pair?.score).toBeGreaterThan(2)
  })
})
