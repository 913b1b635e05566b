import {describe, expect, it} from 'vitest'
import {effectiveFloor, effectiveFloors} from '../../../src/analysis/benchmark/floor.js'
import {buyerMeasures} from '../../../src/analysis/benchmark/measures.js'
import {buyerFeatures, explainCandidates} from '../../../src/analysis/benchmark/peers.js'
import {sharedSuppliers} from '../../../src/analysis/benchmark/shared-suppliers.js'
import {referenceSupplierBase, supplierBase} from '../../../src/analysis/benchmark/supplier-base.js'
import {amounts, dim} from '../../../src/analysis/dims.js'
import {bucketColumns, bucketRows} from '../../../src/analysis/kernel.js'
import type {SpendFrame} from '../../../src/model/frame.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {REDACTED_KEY} from '../../../src/model/supplier.js'
import {memberRows, rowsPerBuyer} from '../../../src/services/benchmark-period.js'
import {frameOf} from '../../helpers/analysis-records.js'
import {random} from '../../helpers/prng.js'

/**
 * The benchmark's in-order paths (the group's rows read in frame order, the
 * payments bucketed with their amounts and supplier keys, the explanations
 * rounding only the candidates) against the buyer-by-buyer paths they
 * replace, on seeded random tiny tables: the same figures.
 */

/** A seeded table: buyers interleaved through the frame, some redacted suppliers, payments around the floors, credit notes. */
function randomFrame(seed: number): SpendFrame {
  const rnd = random(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const rows: Partial<SpendRecord>[] = []
  const n = 30 + Math.floor(rnd() * 120)
  for (let i = 0; i < n; i++) {
    const redacted = rnd() < 0.1
    const amount = pick([100, 24_999, 25_000, 49_999, 50_000, 2_500_000, 0, -300, Math.floor(rnd() * 5_000_000)])
    rows.push({
      buyer: `Buyer ${pick(['A', 'B', 'C', 'D', 'E'])}`,
      ...(redacted ? {supplier: 'Redacted', supplier_key: REDACTED_KEY, redacted: true} : {supplier: `S${Math.floor(rnd() * 15)}`}),
      amount, category_code: pick(['72000000', '79000000', '45000000', null]),
    })
  }
  return frameOf(...rows)
}

const SEEDS = Array.from({length: 30}, (_, i) => 2000 + i)

function named(frame: SpendFrame) {
  const b = dim(frame, 'buyer')
  return [...Array(b.size).keys()].filter((k) => b.ids[k] !== null).map((k) => ({key: k, id: b.ids[k]!, name: b.labels[k] ?? b.ids[k]!}))
}

describe('in-order benchmark paths agree with the buyer-by-buyer ones', () => {
  it.each(SEEDS)('effectiveFloors in one pass gives each buyer what effectiveFloor gives on its rows, seed %i', (seed) => {
    const frame = randomFrame(seed)
    const group = named(frame)
    const b = dim(frame, 'buyer')
    const perBuyer = rowsPerBuyer(frame, null, group, null)
    const all = effectiveFloors(amounts(frame), b.keys, b.size, memberRows(frame, null, group), 'GBP')
    expect(all).toHaveLength(b.size)
    for (const g of group) expect(all[g.key]).toEqual(effectiveFloor(amounts(frame), perBuyer.get(g.id)!, 'GBP'))
    // A currency with no known threshold: no floor for anyone.
    expect(effectiveFloors(amounts(frame), b.keys, b.size, null, 'XXX').every((f) => f === null)).toBe(true)
  })

  it.each(SEEDS)('memberRows holds the group buyers\' rows in frame order, seed %i', (seed) => {
    const frame = randomFrame(seed)
    const group = named(frame).slice(1)
    const perBuyer = rowsPerBuyer(frame, null, group, null)
    const expected = [...perBuyer.values()].flatMap((r) => [...r]).sort((x, y) => x - y)
    expect([...memberRows(frame, null, group)]).toEqual(expected)
    // Every buyer a member: the selection as it is.
    const sel = Uint32Array.from([...Array(frame.length).keys()].filter((i) => i % 3 !== 0))
    expect([...memberRows(frame, sel, named(frame))]).toEqual([...sel])
    expect([...memberRows(frame, sel, group)]).toEqual([...sel].filter((i) => expected.includes(i)))
  })

  it.each(SEEDS)('bucketColumns buckets as bucketRows does, and supplierBase on it equals the reference (HHI to the bit), seed %i', (seed) => {
    const frame = randomFrame(seed)
    const b = dim(frame, 'buyer')
    const v = amounts(frame)
    const paid = Uint32Array.from([...Array(frame.length).keys()].filter((i) => v[i] > 0 && v[i] >= 50_000))
    const cols = bucketColumns(b.keys, b.size, paid, frame.length, v, dim(frame, 'supplier').keys)
    const rows = bucketRows(b.keys, b.size, paid, frame.length)
    expect(cols.rows).toEqual(rows.rows)
    for (let j = 0; j < cols.rows.length; j++) expect([cols.values[j], cols.other[j]]).toEqual([v[cols.rows[j]], dim(frame, 'supplier').keys[cols.rows[j]]])
    const seen = {has: (x: string | null, s: string | null) => `${x}|${s}`.length % 2 === 0}
    const fast = supplierBase(frame, cols, seen)
    const ref = referenceSupplierBase(frame, paid, seen)
    expect(new Map([...fast!].sort())).toEqual(new Map([...ref].sort()))
    for (const [id, r] of ref) expect(Object.is(fast!.get(id)!.hhi, r.hhi)).toBe(true)
  })

  it.each(SEEDS)('sharedSuppliers on buyerMeasures\' paid_by_buyer equals it on each buyer\'s rows, seed %i', (seed) => {
    const frame = randomFrame(seed)
    const group = named(frame)
    const rows = memberRows(frame, null, group)
    for (const floor of [0, 50_000]) {
      const measured = buyerMeasures(frame, {currency: 'GBP', selection: rows, floorMinor: floor})
      expect(measured.paid_by_buyer).toBeDefined()
      const opts = {currency: 'GBP', buyerId: group[0].id, peerIds: group.slice(1).map((g) => g.id), floorMinor: floor, top: 50}
      const fast = sharedSuppliers(frame, {...opts, paidByBuyer: measured.paid_by_buyer})
      const ref = sharedSuppliers(frame, {...opts, rowsByBuyer: rowsPerBuyer(frame, null, group, null)})
      expect(fast).toEqual(ref)
    }
  })

  it('buyerFeatures leaves out a category only a buyer without a size spends on', () => {
    const frame = frameOf(
      {buyer: 'A', supplier: 'S', amount: 100, category_code: '72000000'},
      {buyer: 'B', supplier: 'S', amount: 300, category_code: '72000000'},
      {buyer: 'B', supplier: 'S', amount: 100, category_code: '45000000'},
      {buyer: 'C', supplier: 'S', amount: 500, category_code: '79000000'},
    )
    const b = dim(frame, 'buyer')
    const idOf = (label: string) => b.ids[b.labels.indexOf(label)]!
    const size = {name: 'population', values: new Map([[idOf('A'), 10], [idOf('B'), 20]])}
    const table = buyerFeatures(frame, {currency: 'GBP', size})
    expect(table.features.map((f) => f.name)).toEqual(['size', 'mix:45000000', 'mix:72000000'])
    expect(table.excluded).toEqual([{buyer: idOf('C'), reason: 'no_size'}])
    expect(table.buyers.map((x) => Object.keys(x.values))).toEqual([['size', 'mix:72000000', 'mix:45000000'], ['size', 'mix:72000000', 'mix:45000000']].slice(0, table.buyers.length))
    expect(table.buyers.find((x) => x.buyer === idOf('B'))!.values['mix:45000000']).toBe(100 / 400)
  })
})

describe('explainCandidates', () => {
  const near = (x: number) => Number(x.toPrecision(12))
  const firstThree = (xs: Float64Array, low: boolean) =>
    [...xs.keys()].sort((a, b) => (low ? near(xs[a]) - near(xs[b]) : near(xs[b]) - near(xs[a])) || a - b).slice(0, 3)

  it.each(Array.from({length: 200}, (_, i) => 3000 + i))('holds the 3 smallest and largest once rounded, with near ties, seed %i', (seed) => {
    const rnd = random(seed)
    const n = 1 + Math.floor(rnd() * 40)
    // Values that tie after rounding to 12 digits but not before, zeros and repeats.
    const base = [0, 1, 2.5, 1e-20, 7]
    const xs = Float64Array.from({length: n}, () => {
      const x = base[Math.floor(rnd() * base.length)]
      const r = rnd()
      return r < 0.3 ? x : r < 0.6 ? x * (1 + (rnd() - 0.5) * 1e-12) : x * (1 + rnd())
    })
    for (const low of [true, false]) {
      const among = explainCandidates(xs, 3, low)
      expect([...among].sort((a, b) => a - b)).toEqual(among)
      for (const j of firstThree(xs, low)) expect(among).toContain(j)
    }
  })

  it('keeps only the values that can be among the first k', () => {
    expect(explainCandidates(Float64Array.of(5, 1, 3, 2, 9), 2, true)).toEqual([1, 3])
    expect(explainCandidates(Float64Array.of(5, 1, 3, 2, 9), 2, false)).toEqual([0, 4])
    expect(explainCandidates(Float64Array.of(0, 0, 4, 0, 0), 3, true)).toEqual([0, 1, 3, 4])
    expect(explainCandidates(Float64Array.of(1, NaN, 3, 2), 1, true)).toEqual([0, 1, 2, 3])
  })
})
