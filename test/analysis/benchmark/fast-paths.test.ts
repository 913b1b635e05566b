import {describe, expect, it} from 'vitest'
import {buyerMeasures} from '../../../src/analysis/benchmark/measures.js'
import {categoryMix, referenceCategoryMix} from '../../../src/analysis/benchmark/category-mix.js'
import {nearestPeers, buyerFeatures} from '../../../src/analysis/benchmark/peers.js'
import {selectKth} from '../../../src/analysis/benchmark/select.js'
import {referenceSupplierBase, supplierBase} from '../../../src/analysis/benchmark/supplier-base.js'
import {amounts, dim} from '../../../src/analysis/dims.js'
import {bucketColumns} from '../../../src/analysis/kernel.js'
import type {SpendFrame} from '../../../src/model/frame.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {REDACTED_KEY} from '../../../src/model/supplier.js'
import {frameOf} from '../../helpers/analysis-records.js'
import {random} from '../../helpers/prng.js'

/**
 * The benchmark's fast paths (one typed-array grouping per buyer, a dense
 * buyer x category pass, selection for medians, top-3 by one pass) against
 * simple references on seeded random tiny tables: same figures, same bits.
 */

const CATS = ['72000000', '79000000', '45000000', '72200000', null]

/** A seeded table: a few buyers, suppliers (some redacted), categories, credit notes and ties. */
function randomFrame(seed: number): SpendFrame {
  const rnd = random(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const rows: Partial<SpendRecord>[] = []
  const n = 20 + Math.floor(rnd() * 80)
  for (let i = 0; i < n; i++) {
    const redacted = rnd() < 0.1
    // Amounts from a small set make ties between suppliers; some credit notes and zeros.
    const amount = pick([100, 250, 500, 1000, 1001, 2500, 25000, 0, -300, Math.floor(rnd() * 100000)])
    rows.push({
      buyer: `Buyer ${pick(['A', 'B', 'C', 'D'])}`,
      ...(redacted ? {supplier: 'Redacted', supplier_key: REDACTED_KEY, redacted: true} : {supplier: `S${Math.floor(rnd() * 12)}`}),
      amount, category_code: pick(CATS), date: pick(['2023-02-01', '2023-09-15', '2024-03-01', '2024-07-31']),
    })
  }
  return frameOf(...rows)
}

/** The payments (positive amounts at or above the floor), as buyerMeasures selects them. */
function paidRows(frame: SpendFrame, floor: number): Uint32Array {
  const v = amounts(frame)
  return Uint32Array.from([...Array(frame.length).keys()].filter((i) => v[i] > 0 && v[i] >= floor))
}

const SEEDS = Array.from({length: 40}, (_, i) => 1000 + i)

describe('benchmark fast paths agree with their references', () => {
  it.each(SEEDS)('supplier base (suppliers, CR5, HHI to the bit, tail, new, left out), seed %i', (seed) => {
    const frame = randomFrame(seed)
    const seen = {has: (b: string | null, s: string | null) => `${b}|${s}`.length % 3 === 0}
    const wants = (b: string | null) => b !== 'buyer-d'
    for (const floor of [0, 500]) {
      const paid = paidRows(frame, floor)
      const b = dim(frame, 'buyer')
      const fast = supplierBase(frame, bucketColumns(b.keys, b.size, paid, frame.length, amounts(frame), dim(frame, 'supplier').keys), seen, wants)
      expect(fast).not.toBeNull()
      const ref = referenceSupplierBase(frame, paid, seen, wants)
      expect(new Map([...fast!].sort())).toEqual(new Map([...ref].sort()))
      for (const [id, r] of ref) expect(Object.is(fast!.get(id)!.hhi, r.hhi)).toBe(true)
    }
  })

  it.each(SEEDS)('category mix (totals, shares, order), seed %i', (seed) => {
    const frame = randomFrame(seed)
    const rows = Uint32Array.from(frame.columns.amount ? [...Array(frame.length).keys()] : [])
    for (const level of [undefined, 'division'] as const) {
      const fast = categoryMix(frame, rows, 'GBP', {level})
      const ref = referenceCategoryMix(frame, rows, 'GBP', {level})
      expect(fast).not.toBeNull()
      const byId = (xs: {buyer_id: string | null}[]) => [...xs].sort((x, y) => String(x.buyer_id).localeCompare(String(y.buyer_id)))
      expect(byId(fast!)).toEqual(byId(ref))
    }
  })

  it.each(SEEDS)('the median and mean of buyerMeasures equal a sorted reference, seed %i', (seed) => {
    const frame = randomFrame(seed)
    const paid = paidRows(frame, 0)
    const v = amounts(frame)
    const b = dim(frame, 'buyer')
    const result = buyerMeasures(frame, {currency: 'GBP'})
    for (const m of result.buyers) {
      const xs = [...paid].filter((i) => b.ids[b.keys[i]] === m.buyer_id).map((i) => v[i]).sort((x, y) => x - y)
      if (xs.length === 0) continue
      const mid = xs.length >> 1
      const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2
      expect(Number(m.measures.median_payment) * 100).toBeCloseTo(median, 6)
      expect(m.measures.transactions).toBe(xs.length)
    }
  })

  it('selectKth puts the k-th smallest where a sort would (ties, sorted and reversed runs)', () => {
    const rnd = random(7)
    for (let t = 0; t < 300; t++) {
      const n = 1 + Math.floor(rnd() * 60)
      const kind = t % 3
      const xs = Float64Array.from({length: n}, (_, i) => (kind === 0 ? Math.floor(rnd() * 5) : kind === 1 ? i : n - i))
      const sorted = Float64Array.from(xs).sort()
      const k = Math.floor(rnd() * n)
      const work = Float64Array.from(xs)
      expect(selectKth(work, k)).toBe(sorted[k])
      for (let j = 0; j < k; j++) expect(work[j]).toBeLessThanOrEqual(work[k])
      for (let j = k + 1; j < n; j++) expect(work[j]).toBeGreaterThanOrEqual(work[k])
    }
  })

  it.each(SEEDS.slice(0, 10))('nearest peers explain each peer as sorting every feature would, seed %i', (seed) => {
    const frame = randomFrame(seed)
    const table = buyerFeatures(frame, {currency: 'GBP'})
    if (table.buyers.length < 2) return
    const target = table.buyers[0].buyer
    const result = nearestPeers(target, table.buyers, table.buyers.length - 1, undefined, table.features)
    const near = (x: number) => Number(x.toPrecision(12))
    for (const p of result.peers) {
      const zt = table.buyers.find((c) => c.buyer === target)!
      const zp = table.buyers.find((c) => c.buyer === p.buyer)!
      const parts = result.features.map((f) => {
        const d = (zp.values[f.name] - f.mean) / f.sd - (zt.values[f.name] - f.mean) / f.sd
        return {feature: f.name, difference: d, contribution: f.weight * d * d}
      })
      const byName = (a: {feature: string}, b: {feature: string}) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0)
      const asc = [...parts].sort((a, b) => near(a.contribution) - near(b.contribution) || byName(a, b)).slice(0, 3)
      const desc = [...parts].sort((a, b) => near(b.contribution) - near(a.contribution) || byName(a, b)).slice(0, 3)
      expect(p.closest.map((c) => c.feature)).toEqual(asc.map((c) => c.feature))
      expect(p.furthest.map((c) => c.feature)).toEqual(desc.map((c) => c.feature))
      expect(p.distance).toBe(Math.sqrt(parts.reduce((s, c) => s + c.contribution, 0)))
    }
  })
})
