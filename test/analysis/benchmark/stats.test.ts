import {describe, expect, it} from 'vitest'
import {
  BENCHMARK_METHODS, compareMeasure, FENCE_METHOD, fenceFlag, MIN_PEERS, PERCENTILE_METHOD, percentileRank, QUANTILE_METHOD, quantile, quantileSorted, standingSentence, tukeyFences, type MeasureWords,
} from '../../../src/analysis/benchmark/stats.js'

const IT: MeasureWords = {label: 'IT services share', lower: 'spend a smaller share on IT services', higher: 'spend a larger share on IT services'}

/**
 * Type 7 from its definition as a curve: the piecewise-linear function
 * through the points (i / (n - 1), x_i) of the sorted values, evaluated at p
 * by finding the segment that holds it (no floor of (n - 1) p).
 */
function bruteQuantile(values: number[], p: number): number {
  const x = [...values].sort((a, b) => a - b)
  const n = x.length
  if (n === 1) return x[0]
  for (let i = 0; i < n - 1; i++) {
    const a = i / (n - 1)
    const b = (i + 1) / (n - 1)
    if (p >= a && p <= b) return x[i] + ((p - a) / (b - a)) * (x[i + 1] - x[i])
  }
  throw new Error('p out of range')
}

/** Mid-rank percentile from its meaning: each peer counts 1 when below, 1/2 when equal. */
function brutePercentile(value: number, peers: number[]): number {
  let score = 0
  for (const v of peers) score += v < value ? 1 : v === value ? 0.5 : 0
  return (100 * score) / peers.length
}

/** A small deterministic generator (mulberry32), so the cross-check is the same on every run. */
function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('quantiles, type 7', () => {
  it('names its methods for the output to echo', () => {
    expect(QUANTILE_METHOD).toMatch(/type 7/)
    expect(BENCHMARK_METHODS).toEqual({quantile: QUANTILE_METHOD, percentile: PERCENTILE_METHOD, fences: FENCE_METHOD, min_peers: MIN_PEERS})
    expect(PERCENTILE_METHOD).toContain('(peers below + 0.5 x peers equal) / peers x 100')
  })

  it('gives the values R gives by hand: quantile(c(1,2,3,4)), quantile(c(2,4,4,5,7,9,10))', () => {
    expect([0, 0.25, 0.5, 0.75, 1].map((p) => quantile([4, 1, 3, 2], p))).toEqual([1, 1.75, 2.5, 3.25, 4])
    // Sorted 2 4 4 5 7 9 10, h = 6p (0-based): P25 between x[1] = 4 and x[2] = 4 -> 4; median x[3] = 5; P75 halfway from x[4] = 7 to x[5] = 9 -> 8.
    expect([0.25, 0.5, 0.75].map((p) => quantile([10, 2, 4, 9, 4, 7, 5], p))).toEqual([4, 5, 8])
    expect(quantile([7], 0.25)).toBe(7)
    expect(Number.isNaN(quantileSorted([], 0.5))).toBe(true)
    expect(() => quantile([1], 1.5)).toThrow(RangeError)
  })

  it('agrees with the curve definition on random samples with ties', () => {
    const r = rng(10)
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(r() * 12)
      const values = Array.from({length: n}, () => Math.floor(r() * 20) / 4)
      for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) expect(quantile(values, p)).toBeCloseTo(bruteQuantile(values, p), 12)
    }
  })
})

describe('percentile rank, fences, flag', () => {
  it('is (below + 0.5 x equal) / n x 100', () => {
    expect(percentileRank(5, [1, 5, 7, 9])).toBe(37.5)
    expect(percentileRank(10, [1, 2, 3])).toBe(100)
    expect(percentileRank(0, [1, 2, 3])).toBe(0)
    expect(percentileRank(2, [2, 2])).toBe(50)
    expect(percentileRank(2, [])).toBeNull()
    expect(percentileRank(5n, [1n, 5n, 7n, 9n])).toBe(37.5)
    const r = rng(3)
    for (let trial = 0; trial < 100; trial++) {
      const peers = Array.from({length: 1 + Math.floor(r() * 9)}, () => Math.floor(r() * 6))
      const value = Math.floor(r() * 6)
      expect(percentileRank(value, peers)).toBeCloseTo(brutePercentile(value, peers), 12)
    }
  })

  it('puts the fences 1.5 IQR outside the quartiles, a value on a fence inside', () => {
    expect(tukeyFences(10, 20)).toEqual({lower: -5, upper: 35})
    expect(fenceFlag(35, -5, 35, false)).toBeNull()
    expect(fenceFlag(35.5, -5, 35, false)).toBe('high')
    expect(fenceFlag(-6, -5, 35, false)).toBe('low')
    expect(fenceFlag(100, -5, 35, true)).toBeNull()
  })

  it('says where the buyer stands, the larger side first, with ties', () => {
    expect(standingSentence({below: 7, equal: 0, above: 2}, IT)).toBe('7 of 9 peers spend a smaller share on IT services')
    expect(standingSentence({below: 1, equal: 1, above: 4}, IT)).toBe('4 of 6 peers spend a larger share on IT services, 1 the same')
    expect(standingSentence({below: 2, equal: 0, above: 2}, IT)).toBe('2 of 4 peers spend a smaller share on IT services')
    expect(standingSentence({below: 0, equal: 0, above: 0}, IT)).toBe('no peer has a value for IT services share')
  })
})

describe('compareMeasure', () => {
  // Nine peers' IT shares; the buyer has twice the peers' typical share.
  const shares = [0.1, 0.12, 0.08, 0.11, 0.09, 0.1, 0.13, 0.1, 0.07]
  const peers = shares.map((value, i) => ({buyer: `Peer ${i + 1}`, value}))

  it('gives the quartiles, fences, rank, flag and sentence, each as its definition computes it', () => {
    const c = compareMeasure(0.2, peers, IT)
    const [p25, med, p75] = [0.25, 0.5, 0.75].map((p) => bruteQuantile(shares, p))
    expect(c.p25).toBeCloseTo(p25, 12)
    expect(c.peer_median).toBeCloseTo(med, 12)
    expect(c.p75).toBeCloseTo(p75, 12)
    // Sorted: .07 .08 .09 .10 .10 .10 .11 .12 .13; h = 8p: P25 = x[2] = .09, P75 = x[6] = .11, IQR .02.
    expect([c.p25, c.peer_median, c.p75]).toEqual([0.09, 0.1, 0.11])
    expect(c.lower_fence).toBeCloseTo(0.06, 12)
    expect(c.upper_fence).toBeCloseTo(0.14, 12)
    expect(c.percentile).toBe(100)
    expect(c.flag).toBe('high')
    expect(c.weak).toBe(false)
    expect(c.sentence).toBe('9 of 9 peers spend a smaller share on IT services')
    expect(c.peer_values).toEqual(peers)
  })

  it('inside the fences no flag; a tie takes half a rank', () => {
    const c = compareMeasure(0.1, peers, IT)
    expect(c.flag).toBeNull()
    // Below 0.10: 3 peers; equal: 3 -> (3 + 1.5) / 9.
    expect(c.percentile).toBeCloseTo(((3 + 0.5 * 3) / 9) * 100, 12)
    expect(c.sentence).toBe('3 of 9 peers spend a smaller share on IT services, 3 the same')
    expect(compareMeasure(0.01, peers, IT).flag).toBe('low')
  })

  it('is weak and never flagged below MIN_PEERS peers with a value; null peers are listed but not counted', () => {
    const few = [{buyer: 'A', value: 0.1}, {buyer: 'B', value: null}, {buyer: 'C', value: 0.11}]
    const c = compareMeasure(5, few, IT)
    expect(MIN_PEERS).toBe(3)
    expect(c.weak).toBe(true)
    expect(c.flag).toBeNull()
    expect(c.percentile).toBe(100)
    expect(c.peer_median).toBeCloseTo(0.105, 12)
    expect(c.peer_values).toEqual(few)
    expect(c.sentence).toBe('2 of 2 peers spend a smaller share on IT services')
    // The same three with a value for B: no longer weak, and far above.
    expect(compareMeasure(5, [...few.slice(0, 1), {buyer: 'B', value: 0.12}, few[2]], IT).flag).toBe('high')
  })

  it('with no peer or no buyer value says so and ranks nothing', () => {
    const none = compareMeasure(0.2, [], IT)
    expect(none).toMatchObject({peer_median: null, p25: null, lower_fence: null, percentile: null, flag: null, weak: true, peer_values: []})
    expect(none.sentence).toBe('no peer has a value for IT services share')
    const noBuyer = compareMeasure(null, peers, IT)
    expect(noBuyer).toMatchObject({value: null, peer_median: 0.1, percentile: null, flag: null})
    expect(noBuyer.sentence).toBe('the buyer has no value for IT services share')
    expect(() => compareMeasure(Number.NaN, peers, IT)).toThrow(RangeError)
  })
})
