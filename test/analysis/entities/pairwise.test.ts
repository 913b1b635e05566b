import {describe, expect, it} from 'vitest'
import {type PairItem, pairwise} from '../../../src/analysis/entities/pairwise.js'

/** The definition, written out pair by pair: the reference the counting must agree with. */
function bruteForce(items: readonly PairItem[]) {
  let truePairs = 0
  let predictedPairs = 0
  let correctPairs = 0
  const falseMerges: [number, number][] = []
  const misses: [number, number][] = []
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i] as PairItem
      const b = items[j] as PairItem
      const same = a.truth === b.truth
      const merged = a.predicted !== null && a.predicted === b.predicted
      if (same) truePairs++
      if (merged) predictedPairs++
      if (same && merged) correctPairs++
      if (merged && !same) falseMerges.push([i, j])
      if (same && !merged) misses.push([i, j])
    }
  }
  return {truePairs, predictedPairs, correctPairs, falseMerges, misses}
}

describe('pairwise', () => {
  it('scores the tiny example of its documentation', () => {
    const items: PairItem[] = [
      {predicted: 'a', truth: 'x'},
      {predicted: 'a', truth: 'x'},
      {predicted: 'a', truth: 'y'},
      {predicted: null, truth: 'y'},
    ]
    const s = pairwise(items)
    expect(s).toMatchObject({truePairs: 2, predictedPairs: 3, correctPairs: 1, falseMerges: [[0, 2], [1, 2]], misses: [[2, 3]]})
    expect(s.precision).toBeCloseTo(1 / 3, 12)
    expect(s.recall).toBeCloseTo(1 / 2, 12)
  })

  it('never counts two unmerged (null) items as a predicted pair', () => {
    const s = pairwise([{predicted: null, truth: 'x'}, {predicted: null, truth: 'x'}])
    expect(s).toMatchObject({truePairs: 1, predictedPairs: 0, correctPairs: 0, precision: 1, recall: 0, falseMerges: [], misses: [[0, 1]]})
  })

  it('agrees with the pair-by-pair definition on a mixed set, and lists at most `limit` examples', () => {
    // Deterministic mix: 60 items in 9 true groups, predicted keys that split, join and leave out some of them.
    const items: PairItem[] = Array.from({length: 60}, (_, i) => ({
      truth: `t${(i * 7) % 9}`,
      predicted: i % 11 === 0 ? null : `p${(i * 7) % 9 < 3 ? 0 : ((i * 7) % 9) + (i % 2)}`,
    }))
    const ref = bruteForce(items)
    const s = pairwise(items, 5)
    expect({truePairs: s.truePairs, predictedPairs: s.predictedPairs, correctPairs: s.correctPairs}).toEqual({truePairs: ref.truePairs, predictedPairs: ref.predictedPairs, correctPairs: ref.correctPairs})
    expect(ref.falseMerges.length).toBeGreaterThan(5)
    expect(ref.misses.length).toBeGreaterThan(5)
    expect(s.falseMerges).toEqual(ref.falseMerges.slice(0, 5))
    expect(s.misses).toEqual(ref.misses.slice(0, 5))
    expect(s.precision).toBe(ref.correctPairs / ref.predictedPairs)
    expect(s.recall).toBe(ref.correctPairs / ref.truePairs)
    expect(s.precision).toBeLessThan(1)
    expect(s.recall).toBeLessThan(1)
  })

  it('gives 1 and 1 for an empty set and for a perfect prediction', () => {
    expect(pairwise([])).toMatchObject({precision: 1, recall: 1, truePairs: 0, predictedPairs: 0})
    const items: PairItem[] = ['x', 'x', 'y', 'z', 'z', 'z'].map((t) => ({truth: t, predicted: `k-${t}`}))
    expect(pairwise(items)).toMatchObject({precision: 1, recall: 1, truePairs: 4, correctPairs: 4, falseMerges: [], misses: []})
  })
})
