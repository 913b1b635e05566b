import {describe, expect, it} from 'vitest'
import {SpendInputError} from '../../../src/errors.js'
import {buyerFeatures, nearestPeers, parseWeights, standardise, type BuyerFeatures} from '../../../src/analysis/benchmark/peers.js'
import {frameOf} from '../../helpers/analysis-records.js'

/** Four buyers whose z-scores are exactly -1 or 1: size mean 2 sd 1; mix:x mean 0.5 sd 0.25; mix:y = 1 - mix:x. */
const FOUR: BuyerFeatures[] = [
  {buyer: 'a', values: {size: 1, 'mix:x': 0.25, 'mix:y': 0.75}},
  {buyer: 'b', values: {size: 3, 'mix:x': 0.25, 'mix:y': 0.75}},
  {buyer: 'c', values: {size: 1, 'mix:x': 0.75, 'mix:y': 0.25}},
  {buyer: 'd', values: {size: 3, 'mix:x': 0.75, 'mix:y': 0.25}},
]

/** An independent reference: population z-scores and weighted Euclidean distance, feature by feature. */
function reference(cands: BuyerFeatures[], target: string, w: Record<string, number>): Map<string, number> {
  const names = Object.keys(w)
  const z = (name: string, x: number): number => {
    const xs = cands.map((c) => c.values[name])
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length
    const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length)
    return (x - mean) / sd
  }
  const t = cands.find((c) => c.buyer === target)!
  return new Map(cands.filter((c) => c !== t).map((c) => [c.buyer, Math.sqrt(names.reduce((s, n) => s + w[n] * (z(n, c.values[n]) - z(n, t.values[n])) ** 2, 0))]))
}

function thrown(fn: () => unknown): SpendInputError {
  try {
    fn()
  } catch (e) {
    if (e instanceof SpendInputError) return e
    throw e
  }
  throw new Error('no error thrown')
}

describe('standardise', () => {
  it('gives population z-scores and spreads the mix weight over the mix features', () => {
    const s = standardise([{name: 'size', group: 'size', label: 'size'}, {name: 'mix:x', group: 'mix', label: 'x'}, {name: 'mix:y', group: 'mix', label: 'y'}], FOUR, {size: 1, mix: 1})
    expect(s.features.map((f) => [f.name, f.mean, f.sd, f.weight])).toEqual([['size', 2, 1, 1], ['mix:x', 0.5, 0.25, 0.5], ['mix:y', 0.5, 0.25, 0.5]])
    expect([...s.z.get('a')!]).toEqual([-1, -1, 1])
    expect([...s.z.get('d')!]).toEqual([1, 1, -1])
    // The classic population-sd example: mean 5, sd 2.
    const eight = [2, 4, 4, 4, 5, 5, 7, 9].map((size, i) => ({buyer: `b${i}`, values: {size}}))
    const e = standardise([{name: 'size', group: 'size', label: 'size'}], eight)
    expect([e.features[0].mean, e.features[0].sd]).toEqual([5, 2])
    expect([...eight].map((b) => e.z.get(b.buyer)![0])).toEqual([2, 4, 4, 4, 5, 5, 7, 9].map((x) => (x - 5) / 2))
  })

  it('drops a feature with sd 0 and says so; the other mix features share the mix weight', () => {
    const cands = FOUR.map((c) => ({...c, values: {...c.values, 'mix:z': 0.1}}))
    const r = nearestPeers('a', cands, 3)
    expect(r.dropped).toEqual([{feature: 'mix:z', reason: 'sd_0', message: expect.stringContaining('standard deviation 0')}])
    expect(r.features.map((f) => [f.name, f.weight])).toEqual([['size', 1], ['mix:x', 0.5], ['mix:y', 0.5]])
    expect(r.peers.map((p) => p.distance)).toEqual(nearestPeers('a', FOUR, 3).peers.map((p) => p.distance))
  })
})

describe('nearestPeers', () => {
  it('sorts by exact Euclidean distance on z-scores, ties by buyer id, and explains each peer', () => {
    const r = nearestPeers('a', FOUR, 3)
    // b differs only in size (1 * 2^2 = 4), c only in mix (0.5 * 2^2 twice = 4): a tie at 2, broken by id.
    expect(r.peers.map((p) => [p.buyer, p.distance])).toEqual([['b', 2], ['c', 2], ['d', Math.sqrt(8)]])
    const ref = reference(FOUR, 'a', {size: 1, 'mix:x': 0.5, 'mix:y': 0.5})
    for (const p of r.peers) expect(p.distance).toBeCloseTo(ref.get(p.buyer)!, 12)
    const b = r.peers[0]
    expect(b.closest.map((c) => [c.feature, c.contribution])).toEqual([['mix:x', 0], ['mix:y', 0], ['size', 4]])
    expect(b.furthest.map((c) => [c.feature, c.difference, c.contribution])).toEqual([['size', 2, 4], ['mix:x', 0, 0], ['mix:y', 0, 0]])
    expect(r.peers[1].furthest.map((c) => c.feature)).toEqual(['mix:x', 'mix:y', 'size'])
    expect(r.weights).toEqual({size: 1, mix: 1})
    expect(nearestPeers('a', FOUR, 1).peers.map((p) => p.buyer)).toEqual(['b'])
  })

  it('ties distances that differ only by rounding, by buyer id', () => {
    // 0.1 + 0.2 is 0.30000000000000004: z-scores of equal size gaps then differ in the last bits.
    const cands = [{buyer: 't', values: {size: 0.2}}, {buyer: 'y', values: {size: 0.1 + 0.2}}, {buyer: 'z', values: {size: 0.1}}, {buyer: 'x', values: {size: 0.5}}]
    const r = nearestPeers('t', cands, 3)
    const [y, z] = ['y', 'z'].map((b) => r.peers.find((p) => p.buyer === b)!.distance)
    // y is further by rounding alone, yet comes first.
    expect(y).toBeGreaterThan(z)
    expect(y).toBeCloseTo(z, 12)
    expect(r.peers.map((p) => p.buyer)).toEqual(['y', 'z', 'x'])
  })

  it('weights the groups: size=2 puts the buyer of the same size first', () => {
    const w = parseWeights('size=2,mix=1')
    const r = nearestPeers('a', FOUR, 3, w)
    expect(r.peers.map((p) => [p.buyer, p.distance])).toEqual([['c', 2], ['b', Math.sqrt(8)], ['d', Math.sqrt(12)]])
    const ref = reference(FOUR, 'a', {size: 2, 'mix:x': 0.5, 'mix:y': 0.5})
    for (const p of r.peers) expect(p.distance).toBeCloseTo(ref.get(p.buyer)!, 12)
    expect(r.weights).toEqual({size: 2, mix: 1})
    // A group weighted 0 is left out, and said so.
    const z = nearestPeers('a', FOUR, 3, parseWeights('mix=0'))
    expect(z.features.map((f) => f.name)).toEqual(['size'])
    expect(z.dropped.map((d) => [d.feature, d.reason])).toEqual([['mix:x', 'weight_0'], ['mix:y', 'weight_0']])
  })

  it('lists the top 3 features only, from a frame of spend by category', () => {
    const rows = [
      ...['45', '50', '72', '79', '90'].map((div, i) => ({buyer: 'T', category_code: `${div}000000`, amount: 100 * (i + 1)})),
      {buyer: 'P', category_code: '45000000', amount: 1500},
      {buyer: 'Q', category_code: '72100000', amount: 700},
      {buyer: 'Q', category_code: '90000000', amount: 800},
    ]
    const t = buyerFeatures(frameOf(...rows), {currency: 'GBP', level: 'division'})
    expect(t.features.map((f) => f.name)).toEqual(['size', 'mix:45000000', 'mix:50000000', 'mix:72000000', 'mix:79000000', 'mix:90000000'])
    const r = nearestPeers('t', t.buyers, 2, {size: 1, mix: 1}, t.features)
    // Every buyer spends 1500, so size is dropped.
    expect(r.dropped.map((d) => d.feature)).toEqual(['size'])
    for (const p of r.peers) {
      expect(p.closest).toHaveLength(3)
      expect(p.furthest).toHaveLength(3)
      const all = [...p.closest, ...p.furthest].map((c) => c.contribution)
      expect(Math.max(...p.closest.map((c) => c.contribution))).toBeLessThanOrEqual(Math.min(...p.furthest.map((c) => c.contribution)))
      expect(p.distance ** 2).toBeGreaterThanOrEqual(Math.max(...all) - 1e-12)
    }
  })

  it('refuses a target that is no candidate, a bad peer count and features that never vary', () => {
    expect(thrown(() => nearestPeers('zz', FOUR, 2)).code).toBe('TARGET_NOT_CANDIDATE')
    const n = thrown(() => nearestPeers('a', FOUR, 0))
    expect([n.code, n.exit, n.where]).toEqual(['BAD_PEER_COUNT', 2, '--auto'])
    const same = FOUR.map((c) => ({buyer: c.buyer, values: {size: 5}}))
    expect(thrown(() => nearestPeers('a', same, 2)).code).toBe('NO_PEER_FEATURES')
    expect(thrown(() => nearestPeers('a', FOUR.slice(0, 1), 2)).code).toBe('NO_PEER_CANDIDATES')
  })
})

describe('buyerFeatures', () => {
  it('gives size and category shares per buyer in one currency, leaving out buyers it cannot describe', () => {
    const f = frameOf(
      {buyer: 'A', category_code: '72212000', amount: 300},
      {buyer: 'A', category_code: '72100000', amount: 100},
      {buyer: 'A', category_code: null, amount: 400},
      {buyer: 'A', category_code: '72000000', amount: 5000, currency: 'EUR'},
      {buyer: 'B', category_code: '45000000', amount: 200},
      {buyer: 'C', category_code: '45000000', amount: -50},
      {buyer: 'D', category_code: '45000000', amount: 50, currency: 'EUR'},
    )
    const t = buyerFeatures(f, {currency: 'GBP', level: 'division'})
    expect(t.features.map((x) => [x.name, x.group])).toEqual([['size', 'size'], ['mix:45000000', 'mix'], ['mix:72000000', 'mix'], ['mix:', 'mix']])
    expect(t.features[0].label).toBe('total spend (GBP)')
    expect(t.buyers).toEqual([
      {buyer: 'a', values: {size: 800, 'mix:45000000': 0, 'mix:72000000': 0.5, 'mix:': 0.5}},
      {buyer: 'b', values: {size: 200, 'mix:45000000': 1, 'mix:72000000': 0, 'mix:': 0}},
    ])
    expect(t.excluded).toEqual([{buyer: 'c', reason: 'no_positive_spend'}])
    // The sparse sums (many buyers and categories) give the same table.
    expect(buyerFeatures(f, {currency: 'GBP', level: 'division', denseCells: 0})).toEqual(t)
    const sized = buyerFeatures(f, {currency: 'GBP', level: 'division', size: {name: 'population', values: new Map([['a', 1000]])}})
    expect(sized.buyers.map((b) => [b.buyer, b.values.size])).toEqual([['a', 1000]])
    expect(sized.excluded).toEqual([{buyer: 'b', reason: 'no_size'}, {buyer: 'c', reason: 'no_positive_spend'}])
    expect(sized.features[0].label).toBe('population')
  })
})

describe('parseWeights', () => {
  it('reads group weights; groups not named keep 1', () => {
    expect(parseWeights('size=1,mix=1')).toEqual({size: 1, mix: 1})
    expect(parseWeights(' Size = 2.5 ')).toEqual({size: 2.5, mix: 1})
    expect(parseWeights('mix=0')).toEqual({size: 1, mix: 0})
  })

  it.each(['', 'size', 'foo=1', 'size=-1', 'size=abc', 'size=1e400', 'size=1,size=2', 'size=0,mix=0'])('refuses %j as a usage error', (text) => {
    const e = thrown(() => parseWeights(text))
    expect([e.code, e.exit, e.where]).toEqual(['BAD_WEIGHTS', 2, '--weights'])
    expect(e.hint).toContain('size=1,mix=1')
  })
})
