import {describe, expect, it} from 'vitest'
import {cube, cubeToJson, type CubeRow} from '../../src/analysis/cube.js'
import {amounts, dim, type DimName} from '../../src/analysis/dims.js'
import {groupLevels, sortedChildren} from '../../src/analysis/levels.js'
import {foldedRest, SELECT_MAX, selectTop} from '../../src/analysis/select.js'
import {top} from '../../src/analysis/top.js'
import type {SpendRecord} from '../../src/model/record.js'
import {frameOf} from '../helpers/analysis-records.js'
import {random} from '../helpers/prng.js'

const BIG = 4_000_000_000_000_000 // three of these pass 2^53: the sums go to BigInt

function randomRecords(seed: number, n: number, big: boolean): Partial<SpendRecord>[] {
  const rnd = random(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  // Few distinct amounts, so many groups tie at the cut; negatives included.
  const values = [100, 100, 250, -100, 300, 0, 50, 1000, -2500, 7, ...(big ? [BIG, -BIG] : [])]
  return Array.from({length: n}, () => ({
    buyer: pick(['B1', 'B2', 'B3']),
    supplier: `S${Math.floor(rnd() * 40)}`,
    category_code: pick(['c1', 'c2', 'c3', 'c4']),
    currency: pick(['GBP', 'GBP', 'EUR']),
    amount: pick(values),
  }))
}

const key = (r: CubeRow, upTo: number): string => `${r.currency}|${r.ids.slice(0, upTo).join('|')}`

/**
 * The folded cube computed the slow, obvious way from the full (unfolded)
 * cube: keep the first `n` leaf rows under each parent, sum the rest with BigInt.
 */
function reference(rows: CubeRow[], depth: number, n: number): string[] {
  const out: string[] = []
  const totals = new Map<string, bigint>()
  for (const r of rows) if (r.depth === depth) totals.set(key(r, depth - 1), (totals.get(key(r, depth - 1)) ?? 0n) + r.amount)
  let i = 0
  while (i < rows.length) {
    const r = rows[i]
    if (r.depth !== depth) {
      out.push(line(r.ids, r.currency, r.amount, r.count, r.share, null))
      i++
      continue
    }
    const parent = key(r, depth - 1)
    let j = i
    let rest = 0n
    let count = 0
    let k = 0
    while (j < rows.length && rows[j].depth === depth && key(rows[j], depth - 1) === parent) {
      if (j - i < n) out.push(line(rows[j].ids, rows[j].currency, rows[j].amount, rows[j].count, rows[j].share, null))
      else {
        rest += rows[j].amount
        count += rows[j].count
        k++
      }
      j++
    }
    const total = totals.get(parent)!
    const ids = [...r.ids.slice(0, depth - 1), ...r.ids.slice(depth - 1).map(() => null)]
    if (k > 0) out.push(line(ids, r.currency, rest, count, total === 0n ? null : Number(rest) / Number(total), k))
    i = j
  }
  return out
}

function line(ids: (string | null)[], currency: string | null, amount: bigint, count: number, share: number | null, other: number | null): string {
  return JSON.stringify([ids, currency, String(amount), count, share, other])
}

const lines = (rows: CubeRow[]): string[] => rows.map((r) => line(r.ids, r.currency, r.amount, r.count, r.share, r.other))

describe('top N selection (cube --top, spend top)', () => {
  it('breaks ties at the cut by id ascending, and folds the rest exactly', () => {
    const f = frameOf(
      {supplier: 'E', amount: 300}, {supplier: 'B', amount: 300}, {supplier: 'A', amount: 500},
      {supplier: 'D', amount: 300}, {supplier: 'C', amount: 100}, {supplier: 'E', amount: 0},
    )
    const rows = cubeToJson(cube(f, {by: ['supplier'], top: 2})).rows
    expect(rows.map((r) => [r.supplier, r.amount, r.count, r.other ?? null])).toEqual([
      ['A', '5.00', 1, null],
      ['B', '3.00', 1, null],
      ['Other (3 suppliers)', '7.00', 4, 3],
    ])
  })

  it('lists every group, in order and with no Other row, when N >= the group count', () => {
    const f = frameOf({supplier: 'Z', amount: 100}, {supplier: 'Y', amount: 100}, {supplier: 'X', amount: 900})
    for (const n of [3, 4, SELECT_MAX + 1]) {
      expect(cubeToJson(cube(f, {by: ['supplier'], top: n})).rows.map((r) => [r.supplier, r.other ?? null]))
        .toEqual([['X', null], ['Y', null], ['Z', null]])
    }
  })

  it('ranks negative totals last and folds them into a negative Other', () => {
    const f = frameOf({supplier: 'A', amount: -500}, {supplier: 'B', amount: 200}, {supplier: 'C', amount: -100}, {supplier: 'D', amount: -100})
    const rows = cubeToJson(cube(f, {by: ['supplier'], top: 1})).rows
    expect(rows.map((r) => [r.supplier, r.amount, r.share, r.other ?? null])).toEqual([
      ['B', '2.00', -0.4],
      ['Other (3 suppliers)', '-7.00', 1.4, 3],
    ].map((r) => (r.length === 3 ? [...r, null] : r)))
  })

  it('ranks and folds each currency on its own', () => {
    const f = frameOf(
      {supplier: 'A', amount: 100, currency: 'EUR'}, {supplier: 'B', amount: 200, currency: 'EUR'}, {supplier: 'C', amount: 50, currency: 'EUR'},
      {supplier: 'A', amount: 900, currency: 'GBP'}, {supplier: 'C', amount: 800, currency: 'GBP'},
    )
    const rows = top(f, {what: 'suppliers', top: 1}).rows
    expect(rows.map((r) => [r.currency, r.rank, r.id, r.amount, r.other])).toEqual([
      ['EUR', 1, 'b', 200n, null],
      ['EUR', null, null, 150n, 2],
      ['GBP', 1, 'a', 900n, null],
      ['GBP', null, null, 800n, 1],
    ])
  })

  it('stays exact past 2^53 (BigInt sums), ties included', () => {
    const f = frameOf(
      ...['B', 'A', 'C'].flatMap((s) => [1, 2, 3].map(() => ({supplier: s, amount: BIG}))),
      {supplier: 'A', amount: 1}, {supplier: 'B', amount: 1}, {supplier: 'D', amount: 7},
    )
    const rows = top(f, {what: 'suppliers', top: 1}).rows
    expect(rows.map((r) => [r.id, r.amount, r.count, r.other])).toEqual([
      ['a', 3n * BigInt(BIG) + 1n, 4, null],
      [null, 6n * BigInt(BIG) + 8n, 8, 3],
    ])
  })

  it('ranks within each --by group', () => {
    const f = frameOf(
      {buyer: 'B1', supplier: 'S1', amount: 10}, {buyer: 'B1', supplier: 'S2', amount: 30}, {buyer: 'B1', supplier: 'S3', amount: 20},
      {buyer: 'B2', supplier: 'S3', amount: 5},
    )
    const rows = top(f, {what: 'suppliers', by: 'buyer', top: 1}).rows
    expect(rows.map((r) => [r.group?.id, r.rank, r.id, r.amount, r.other])).toEqual([
      ['b1', 1, 's2', 30n, null],
      ['b1', null, null, 30n, 2],
      ['b2', 1, 's3', 5n, null],
    ])
  })

  it('gives the rows of the full sort on random data (many ties, negatives, two currencies, BigInt sums)', () => {
    const cases: {by: DimName[]; big: boolean}[] = [
      {by: ['supplier'], big: false}, {by: ['buyer', 'supplier'], big: false},
      {by: ['buyer', 'category', 'supplier'], big: true}, {by: ['supplier'], big: true},
    ]
    let seed = 7
    for (const {by, big} of cases) {
      for (const n of [1, 2, 5, 39, SELECT_MAX, SELECT_MAX + 1]) {
        const f = frameOf(...randomRecords(seed++, 400, big))
        for (const rollup of [false, true]) {
          const full = cube(f, {by, rollup}).rows
          expect(lines(cube(f, {by, rollup, top: n}).rows)).toEqual(reference(full, by.length, n))
        }
      }
    }
  })

  it('selectTop picks what the full sort puts first, and foldedRest sums the others', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const f = frameOf(...randomRecords(seed, 300, seed % 2 === 0))
      const levels = groupLevels(dim(f, 'currency'), [dim(f, 'buyer'), dim(f, 'supplier')], amounts(f), null)
      const ids = dim(f, 'supplier').ids
      expect(levels[2].sums.big.size > 0).toBe(seed % 2 === 0)
      for (const n of [1, 3, 50]) {
        const picks = selectTop(levels[2], levels[1].size, ids, n)
        for (let g = 0; g < levels[1].size; g++) {
          const all = sortedChildren(levels[2], g, ids)
          const shown = Array.from(picks.rows.subarray(picks.start[g], picks.start[g + 1]))
          expect(shown).toEqual(all.slice(0, n))
          expect(picks.size[g]).toBe(all.length)
          const rest = all.slice(n)
          const exact = rest.reduce((s, h) => s + levels[2].sums.total(h), 0n)
          const got = foldedRest(levels[1], levels[2], g, shown)
          expect(got.big ?? BigInt(got.approx)).toBe(exact)
          expect(got.approx).toBe(Number(exact))
          expect(got.count).toBe(rest.reduce((s, h) => s + levels[2].sums.count[h], 0))
        }
      }
    }
  })
})
