import {describe, expect, it} from 'vitest'
import {GroupSums, pairKeys, sumByGroup} from '../../src/analysis/kernel.js'
import {pairSums} from '../../src/analysis/partition.js'

describe('kernels', () => {
  it('pairKeys gives the same groups with the lookup table and with buckets', () => {
    const a = Int32Array.from({length: 1000}, (_, i) => (i * 7) % 13)
    const b = Int32Array.from({length: 1000}, (_, i) => (i * 11) % 17)
    const rows = Uint32Array.from({length: 500}, (_, i) => i * 2)
    const small = pairKeys(a, 13, b, 17, rows)
    // Claiming a huge second key space forces the bucket path.
    const big = pairKeys(a, 13, b, 1 << 22, rows)
    const pairs = (p: typeof small) => Array.from(rows, (i) => `${p.parent[p.keys[i]]}/${p.child[p.keys[i]]}`)
    expect(pairs(big)).toEqual(pairs(small))
    expect(big.size).toBe(small.size)
    expect(small.keys[1]).toBe(-1)
  })

  it('pairSums gives the same sums with the lookup table and with partitions', () => {
    const a = Int32Array.from({length: 1000}, (_, i) => (i * 7) % 13)
    const b = Int32Array.from({length: 1000}, (_, i) => (i * 11) % 17)
    const v = Float64Array.from({length: 1000}, (_, i) => i - 300)
    const rows = Uint32Array.from({length: 400}, (_, i) => i * 2 + 1)
    const bySum = (p: ReturnType<typeof pairSums>) =>
      Object.fromEntries(Array.from({length: p.size}, (_, g) => [`${p.parent[g]}/${p.child[g]}`, `${p.sums.total(g)}x${p.sums.count[g]}`]))
    expect(bySum(pairSums(a, 13, b, 1 << 22, v, rows))).toEqual(bySum(pairSums(a, 13, b, 17, v, rows)))
  })

  it('sums stay exact past 2^53 by flushing to BigInt', () => {
    const n = 5000
    const keys = new Int32Array(n)
    const amounts = new Float64Array(n).fill(9_000_000_000_000) // 9e12 minor units each
    const s = sumByGroup(keys, 1, amounts, null)
    expect(s.total(0)).toBe(45_000_000_000_000_000n)
    expect(s.count[0]).toBe(n)
    const g = new GroupSums(2)
    g.add(0, Number.MAX_SAFE_INTEGER)
    g.add(0, Number.MAX_SAFE_INTEGER)
    g.add(1, 1)
    expect(g.total(0)).toBe(2n * BigInt(Number.MAX_SAFE_INTEGER))
    expect(g.compare(0, 1)).toBeGreaterThan(0)
  })
})
