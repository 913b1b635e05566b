import {describe, expect, it} from 'vitest'
import {ExactSums} from '../../../src/io/write/charts/sums.js'

describe('ExactSums', () => {
  it('sums exactly past 2^53, where a float sum would lose units', () => {
    const s = new ExactSums()
    const big = Number.MAX_SAFE_INTEGER - 1
    s.add(7, big)
    s.add(7, 3)
    s.add(7, 5)
    expect(s.get(7)).toBe(BigInt(big) + 8n)
    expect(big + 3 + 5).not.toBe(Number(BigInt(big) + 8n))
  })

  it('takes a row exact amount as a BigInt, and hands the same pairs on', () => {
    const s = new ExactSums()
    s.add(1, 0, 2n ** 60n)
    s.add(1, 1)
    s.add(2, 40)
    const copy = new ExactSums()
    s.forEach((k, amount, exact) => copy.add(k, amount, exact))
    expect(copy.get(1)).toBe(2n ** 60n + 1n)
    expect(copy.get(2)).toBe(40n)
    expect(copy.get(3)).toBe(0n)
    expect(copy.keys().sort()).toEqual([1, 2])
  })
})
