/**
 * Pairwise precision and recall of a clustering against hand-written truth:
 * how an entity matcher is scored on a labelled evaluation set. A predicted
 * pair is two items with the same non-null predicted key; a true pair two
 * items with the same truth label. Counted from the contingency table (no
 * pair enumeration), so it is linear in the items; only the listed examples
 * of false merges and misses enumerate pairs, and stop at the limit. Pure.
 */

/** One labelled item: its predicted cluster (null: not merged with anything) and its true group. */
export interface PairItem {
  predicted: string | null
  truth: string
}

export interface PairwiseScore {
  /** Pairs that share a true group. */
  truePairs: number
  /** Pairs that share a predicted key. */
  predictedPairs: number
  /** Pairs that share both. */
  correctPairs: number
  /** correctPairs / predictedPairs (1 when nothing was merged). */
  precision: number
  /** correctPairs / truePairs (1 when the truth has no pairs). */
  recall: number
  /** Up to `limit` predicted pairs from different true groups, as item indexes [i, j] with i < j, in index order. */
  falseMerges: [number, number][]
  /** Up to `limit` true pairs the prediction did not merge, as item indexes [i, j] with i < j, in index order. */
  misses: [number, number][]
}

const pairs = (n: number): number => (n * (n - 1)) / 2

/** Item indexes grouped by a key, in first-seen order; items whose key is null are left out. */
function groupsOf(items: readonly PairItem[], key: (it: PairItem) => string | null): number[][] {
  const groups = new Map<string, number[]>()
  items.forEach((it, i) => {
    const k = key(it)
    if (k === null) return
    const g = groups.get(k)
    if (g) g.push(i)
    else groups.set(k, [i])
  })
  return [...groups.values()]
}

/** Pairs i < j within groups for which `keep` holds, at most `limit`, sorted by (i, j). */
function listPairs(groups: readonly number[][], keep: (i: number, j: number) => boolean, limit: number): [number, number][] {
  const out: [number, number][] = []
  for (const g of groups) {
    for (let a = 0; a < g.length; a++) {
      for (let b = a + 1; b < g.length; b++) {
        const i = g[a] as number
        const j = g[b] as number
        if (keep(i, j)) out.push([i, j])
      }
    }
  }
  out.sort((x, y) => x[0] - y[0] || x[1] - y[1])
  return out.slice(0, limit)
}

/**
 * Score a predicted clustering against the truth, pair by pair.
 *
 * @example
 * pairwise([{predicted: 'a', truth: 'x'}, {predicted: 'a', truth: 'x'}, {predicted: 'a', truth: 'y'}, {predicted: null, truth: 'y'}])
 * // {truePairs: 2, predictedPairs: 3, correctPairs: 1, precision: 1/3, recall: 1/2, falseMerges: [[0, 2], [1, 2]], misses: [[2, 3]]}
 */
export function pairwise(items: readonly PairItem[], limit = 20): PairwiseScore {
  const truth = groupsOf(items, (it) => it.truth)
  const predicted = groupsOf(items, (it) => it.predicted)
  const cells = groupsOf(items, (it) => (it.predicted === null ? null : JSON.stringify([it.predicted, it.truth])))
  const truePairs = truth.reduce((s, g) => s + pairs(g.length), 0)
  const predictedPairs = predicted.reduce((s, g) => s + pairs(g.length), 0)
  const correctPairs = cells.reduce((s, g) => s + pairs(g.length), 0)
  const at = (i: number) => items[i] as PairItem
  return {
    truePairs,
    predictedPairs,
    correctPairs,
    precision: predictedPairs === 0 ? 1 : correctPairs / predictedPairs,
    recall: truePairs === 0 ? 1 : correctPairs / truePairs,
    falseMerges: listPairs(predicted, (i, j) => at(i).truth !== at(j).truth, limit),
    misses: listPairs(truth, (i, j) => at(i).predicted === null || at(i).predicted !== at(j).predicted, limit),
  }
}
