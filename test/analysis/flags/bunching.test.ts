import {describe, expect, it} from 'vitest'
import {bandEdges, expectedBelow, thresholdBunchingCheck} from '../../../src/analysis/flags/bunching.js'
import type {BunchingTest} from '../../../src/analysis/flags/types.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {frameOf} from '../../helpers/analysis-records.js'
import {ctxOf, GBP, plusDays, threshold} from './threshold-helpers.js'

const quotation = threshold('quotation', 5000)
const run = (rows: Partial<SpendRecord>[], ts = [quotation], params = {}) => thresholdBunchingCheck.run(ctxOf('threshold-bunching', frameOf(...rows), ts, params))
/** `n` payments spread evenly over [from, to) pounds, one a day from 2024-04-01, to supplier `S<i>`. */
const spread = (n: number, from: number, to: number, buyer = 'Buyer A'): Partial<SpendRecord>[] =>
  Array.from({length: n}, (_, i) => ({buyer, supplier: `S${i % 7}`, amount: GBP(from + ((to - from) * (i + 0.5)) / n), date: plusDays('2024-04-01', i)}))

/** P(X >= k), X ~ Bin(n, p), by a plain sum (small n). */
function tail(k: number, n: number, p: number): number {
  let s = 0
  for (let j = k; j <= n; j++) {
    let c = 1
    for (let i = 0; i < j; i++) c = (c * (n - i)) / (i + 1)
    s += c * p ** j * (1 - p) ** (n - j)
  }
  return s
}

describe('threshold-bunching', () => {
  it('flags 40 payments just under the threshold against 3 just over, with the p-value recomputable by hand', () => {
    const background = spread(200, 600, 3000)
    const below = spread(40, 4750, 5000)
    const above = spread(3, 5000, 5250)
    const r = run([...background, ...below, ...above])
    expect(r.flags).toHaveLength(1)
    const f = r.flags[0]
    const test = r.tests?.[0] as BunchingTest
    expect(test).toMatchObject({type: 'bunching', buyer: 'Buyer A', below: 40, above: 3})
    const {lo, hi} = bandEdges(quotation.minor, 0.05)
    const p0 = Math.log(quotation.minor / lo) / (Math.log(quotation.minor / lo) + Math.log(hi / quotation.minor))
    expect(expectedBelow(lo, quotation.minor, hi)).toBeCloseTo(p0, 12)
    const p = tail(40, 43, p0)
    expect(test.p_value / p).toBeCloseTo(1, 9)
    expect(f.score).toBeCloseTo(-Math.log10(p), 6)
    expect(f.rows).toHaveLength(40)
    expect([...f.rows]).toEqual(Array.from({length: 40}, (_, i) => 200 + i))
    expect(f.amount).toBe(below.reduce((s, x) => s + BigInt(x.amount as number), 0n))
    expect(f.supplier).toBeNull()
    expect(f.explanation).toContain('40 payments')
    expect(f.explanation).toContain('GBP 4750.00')
    // The histogram: 20 bins over [4,000, 6,000), counting every payment in that range.
    expect(test.bins).toHaveLength(20)
    expect(test.bins[0].from).toBe(GBP(4000))
    expect(test.bins[19].to).toBe(GBP(6000))
    expect(test.bins.reduce((s, b) => s + b.count, 0)).toBe(43)
    expect(r.echo?.tests).toEqual([expect.objectContaining({below: 40, above: 3, threshold: 'quotation'})])
  })

  it('does not flag an even spread around the threshold', () => {
    const r = run([...spread(200, 600, 3000), ...spread(40, 4750, 5250)])
    expect(r.flags).toHaveLength(0)
    expect(r.tests).toEqual([expect.objectContaining({below: 20, above: 20})])
  })

  it('needs min_below payments under the threshold', () => {
    const rows = [...spread(200, 600, 3000), ...spread(8, 4750, 5000)]
    expect(run(rows, [quotation], {alpha: 0.01}).flags).toHaveLength(0)
    expect(run(rows, [quotation], {alpha: 0.01, min_below: 8}).flags).toHaveLength(1)
  })

  it('does not run where the publication floor is inside the band below, and says so', () => {
    const tender = threshold('tender', 25_000)
    const r = run([...spread(300, 25_000, 90_000), ...spread(1, 24_500, 24_900)], [tender])
    expect(r.tests).toEqual([])
    expect(r.notes).toEqual([expect.objectContaining({check: 'threshold-bunching', buyer: 'Buyer A', text: expect.stringContaining('GBP 25000.00')})])
  })

  it('counts only payments dated while the threshold is in force', () => {
    const old = threshold('quotation', 5000, '2020-01-01', '2024-03-31')
    const r = run([...spread(200, 600, 3000), ...spread(40, 4750, 5000), ...spread(3, 5000, 5250)], [old])
    expect(r.tests).toEqual([])
    expect(r.flags).toEqual([])
  })
})

describe('threshold-bunching on clean log-normal payments', () => {
  it('raises no flag against the quotation, tender or the UK file thresholds, and tests every buyer', async () => {
    const {random} = await import('../../helpers/prng.js')
    const {thresholdsFor} = await import('../../../src/io/read/thresholds.js')
    const rnd = random(7)
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd())
    const rows: Partial<SpendRecord>[] = Array.from({length: 6000}, (_, i) => ({
      buyer: `Council ${i % 3}`, supplier: `S${Math.floor(rnd() * 150)}`, date: plusDays('2024-04-01', Math.floor(rnd() * 365)),
      amount: Math.max(100, Math.round(Math.exp(Math.log(300_000) + 1.5 * gauss()))),
    }))
    const ts = [...(await thresholdsFor(['GBP'], {})), quotation, threshold('tender', 25_000)]
    const r = run(rows, ts)
    expect(r.flags).toEqual([])
    expect(new Set(r.tests?.map((t) => (t as BunchingTest).buyer))).toEqual(new Set(['Council 0', 'Council 1', 'Council 2']))
    // 60 more payments just under the quotation limit in one council (on top of its ~25 a side there): flagged, against quotation only.
    const planted = [...rows, ...spread(60, 4750, 5000, 'Council 1')]
    const p = run(planted, ts)
    expect(p.flags.map((f) => [f.buyer, f.explanation.includes('quotation')])).toEqual([['Council 1', true]])
  })
})
