import {describe, expect, it} from 'vitest'
import {binomialUpper, binomialUpperLog10, logFactorial} from '../../../src/analysis/flags/binomial.js'

/** C(n, k) exactly. */
function choose(n: number, k: number): bigint {
  let c = 1n
  for (let i = 0; i < k; i++) c = (c * BigInt(n - i)) / BigInt(i + 1)
  return c
}

/** P(X >= k) for p = 1/2, exactly as a ratio of integers, then as log10. */
function exactHalfLog10(k: number, n: number): number {
  let s = 0n
  for (let j = k; j <= n; j++) s += choose(n, j)
  // log10(s / 2^n), with s split into digits to keep the precision of a double.
  const digits = s.toString()
  const lead = Number(`${digits.slice(0, 1)}.${digits.slice(1, 17)}`)
  return Math.log10(lead) + (digits.length - 1) - n * Math.log10(2)
}

/** P(X >= k) by a straightforward sum of the probabilities (small n only). */
function naive(k: number, n: number, p: number): number {
  let s = 0
  for (let j = k; j <= n; j++) s += Number(choose(n, j)) * p ** j * (1 - p) ** (n - j)
  return s
}

describe('binomial upper tail', () => {
  it('matches the exact sum for p = 1/2', () => {
    for (const [k, n] of [[45, 60], [40, 43], [7, 10], [100, 120], [1, 1]]) {
      expect(binomialUpperLog10(k, n, 0.5)).toBeCloseTo(exactHalfLog10(k, n), 9)
    }
  })

  it('matches a straightforward sum for other p', () => {
    for (const [k, n, p] of [[40, 43, 0.5125], [12, 30, 0.3], [3, 5, 0.9], [0, 5, 0.2], [20, 60, 0.25]] as const) {
      const want = naive(k, n, p)
      expect(Math.abs(binomialUpper(k, n, p) - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, want) + want * 1e-9)
    }
  })

  it('stays exact far in the tail, where the p-value underflows a double', () => {
    expect(binomialUpperLog10(2000, 2000, 0.5)).toBeCloseTo(-2000 * Math.log10(2), 6)
    expect(binomialUpper(2000, 2000, 0.5)).toBe(0)
    expect(binomialUpperLog10(0, 10, 0.5)).toBe(0)
    expect(binomialUpperLog10(11, 10, 0.5)).toBe(-Infinity)
  })

  it('sums to one with the lower tail for large n', () => {
    const n = 10_001
    const k = 5001
    // Symmetric at p = 1/2: P(X >= k) = P(X <= n - k), and the two tails P(X >= k) + P(X >= n - k + 1) = 1.
    expect(binomialUpper(k, n, 0.5) + binomialUpper(n - k + 1, n, 0.5)).toBeCloseTo(1, 10)
  })

  it('log-factorials agree with the product', () => {
    let f = 1
    for (let i = 1; i <= 20; i++) f *= i
    expect(logFactorial(20)).toBeCloseTo(Math.log(f), 10)
  })
})
