import {describe, expect, it} from 'vitest'
import {GroupSums} from '../../src/analysis/kernel.js'
import {orderedByParent} from '../../src/analysis/order.js'

describe('orderedByParent', () => {
  it('orders groups within each parent by amount descending, ties by id, like a plain comparator sort', () => {
    const n = 3000
    const parent = Int32Array.from({length: n}, (_, g) => (g * 7) % 5)
    const child = Int32Array.from({length: n}, (_, g) => g)
    const ids = Array.from({length: n}, (_, g) => `id${(g * 7919) % n}`)
    const sums = new GroupSums(n)
    // Many ties (amounts repeat every 37 groups), negatives, zero and the largest amounts kept in doubles (2^50 - 1).
    for (let g = 0; g < n; g++) sums.add(g, [((g % 37) - 18) * 1_000_003, 1_125_899_906_842_623, -1_125_899_906_842_623, 0][g % 4 === 3 ? g % 3 + 1 : 0])
    const got = orderedByParent(parent, 5, sums, child, ids)!
    for (let p = 0; p < 5; p++) {
      const mine = Array.from(got.rows.subarray(got.start[p], got.start[p + 1]))
      const plain = Array.from({length: n}, (_, g) => g)
        .filter((g) => parent[g] === p)
        .sort((g, h) => sums.acc[h] - sums.acc[g] || (ids[g] < ids[h] ? -1 : 1))
      expect(mine).toEqual(plain)
    }
  })

  it('gives the plain sort\'s order when digits repeat in every key (skipped passes) and at the extremes', () => {
    let seed = 7
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    // Small totals (the top digits are the same in every key), then totals down to -4e15 (keys past 2^52).
    for (const scale of [1000, 2 ** 20, 4e15]) {
      const n = 2000
      const parent = Int32Array.from({length: n}, (_, g) => g % 3)
      const child = Int32Array.from({length: n}, (_, g) => g)
      const ids = Array.from({length: n}, (_, g) => `k${(g * 31) % n}`)
      const sums = new GroupSums(n)
      for (let g = 0; g < n; g++) sums.acc[g] = Math.round((rnd() - 0.5) * 2 * scale)
      const got = orderedByParent(parent, 3, sums, child, ids)!
      for (let p = 0; p < 3; p++) {
        const plain = Array.from({length: n}, (_, g) => g).filter((g) => parent[g] === p)
          .sort((g, h) => sums.acc[h] - sums.acc[g] || (ids[g] < ids[h] ? -1 : 1))
        expect(Array.from(got.rows.subarray(got.start[p], got.start[p + 1]))).toEqual(plain)
      }
    }
  })

  it('declines sums with BigInt overflow (the caller then sorts exactly)', () => {
    const sums = new GroupSums(1)
    sums.add(0, Number.MAX_SAFE_INTEGER)
    expect(orderedByParent(Int32Array.of(0), 1, sums, Int32Array.of(0), ['a'])).toBeNull()
  })
})
