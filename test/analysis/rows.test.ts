import {describe, expect, it} from 'vitest'
import {filterRows} from '../../src/analysis/filter.js'
import {narrowRows, orderRows, rowTotals} from '../../src/analysis/rows.js'
import {SELECT_MAX} from '../../src/analysis/select.js'
import type {SpendFrame} from '../../src/model/frame.js'
import type {SpendRecord} from '../../src/model/record.js'
import {frameOf} from '../helpers/analysis-records.js'
import {random} from '../helpers/prng.js'

/** Records in source order per import, the imports' rows interleaved out of id order (as no workspace frame is). */
function randomRecords(seed: number, n: number, values: readonly number[]): Partial<SpendRecord>[] {
  const rnd = random(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const lines = new Map<string, number>()
  return Array.from({length: n}, () => {
    const source = pick(['imp-c', 'imp-a', 'imp-b'])
    const line = (lines.get(source) ?? 1) + 1
    lines.set(source, line)
    return {
      source, source_line: line, amount: pick(values), currency: pick(['NOK', 'GBP', 'EUR']),
      date: pick(['2024-03-01', '2023-12-31', null, '2024-01-15']), supplier: pick(['A', 'B', 'C']),
    }
  })
}

/** The orders as the issue states them, by a plain comparator sort over row objects: the reference. */
function reference(frame: SpendFrame, recs: Partial<SpendRecord>[], sort: 'amount' | 'date' | 'file', top?: number): number[] {
  const rows = recs.map((r, i) => ({...r, i}))
  const bySource = (a: (typeof rows)[0], b: (typeof rows)[0]) => (a.source! < b.source! ? -1 : a.source! > b.source! ? 1 : a.source_line! - b.source_line!)
  if (sort === 'file') rows.sort(bySource)
  if (sort === 'date') rows.sort((a, b) => (a.date === b.date ? bySource(a, b) : a.date === null ? 1 : b.date === null ? -1 : a.date! < b.date! ? -1 : 1))
  if (sort === 'amount') {
    rows.sort((a, b) => (a.currency !== b.currency ? (a.currency! < b.currency! ? -1 : 1) : b.amount! - a.amount! || bySource(a, b)))
    if (top !== undefined) {
      const seen = new Map<string, number>()
      return rows.filter((r) => (seen.set(r.currency!, (seen.get(r.currency!) ?? 0) + 1).get(r.currency!)! <= top)).map((r) => r.i)
    }
  }
  expect(frame.length).toBe(recs.length)
  return rows.slice(0, top ?? rows.length).map((r) => r.i)
}

describe('orderRows', () => {
  const values = [100, 100, 250, -100, 300, 0, 50, 1000, -2500, 7]
  it.each([1, 2, 3])('agrees with a plain sort on random frames (seed %i): amount, date, file, with and without --top', (seed) => {
    const recs = randomRecords(seed, 700, values)
    const frame = frameOf(...recs)
    for (const sort of ['amount', 'date', 'file'] as const) {
      expect([...orderRows(frame, null, {sort})], sort).toEqual(reference(frame, recs, sort))
      // A small --top takes the bounded heap per currency, a large one the radix sort.
      for (const top of [1, 5, SELECT_MAX + 1, 1000]) {
        expect([...orderRows(frame, null, {sort, top})], `${sort} --top ${top}`).toEqual(reference(frame, recs, sort, top))
      }
    }
  })

  it('picks a --top past SELECT_MAX with heaps when it is small beside the rows, in the same order', () => {
    const recs = randomRecords(6, 8000, [...values, 12, 13, 14, 15, 16, 17, 18, 19])
    const frame = frameOf(...recs)
    for (const top of [SELECT_MAX + 1, 120, 7000]) expect([...orderRows(frame, null, {sort: 'amount', top})], `--top ${top}`).toEqual(reference(frame, recs, 'amount', top))
  })

  it('orders amounts beyond the radix sort\'s exact range the same way', () => {
    const recs = randomRecords(4, 300, [...values, 5e15, -5e15, 2 ** 53 - 1])
    const frame = frameOf(...recs)
    expect([...orderRows(frame, null, {sort: 'amount'})]).toEqual(reference(frame, recs, 'amount'))
  })

  it('orders only the selected rows', () => {
    const recs = randomRecords(5, 400, values)
    const frame = frameOf(...recs)
    const selection = filterRows(frame, {currency: 'GBP', from: '2024'})!
    const chosen = new Set(selection)
    const kept = recs.map((r, i) => ({r, i})).filter(({i}) => chosen.has(i))
    const expected = reference(frameOf(...kept.map((k) => k.r)), kept.map((k) => k.r), 'amount').map((j) => kept[j].i)
    expect([...orderRows(frame, selection, {sort: 'amount'})]).toEqual(expected)
    expect(orderRows(frame, new Uint32Array(0), {sort: 'date'})).toHaveLength(0)
  })

  it('puts undated rows last and keeps equal amounts in source order', () => {
    const frame = frameOf(
      {source: 'b', source_line: 2, amount: 500, date: null},
      {source: 'a', source_line: 9, amount: 500, date: '2024-02-01'},
      {source: 'a', source_line: 3, amount: 500, date: '2024-01-01'},
    )
    // Source order is the frame's order within an import (lines as read), imports by id.
    expect([...orderRows(frame, null, {sort: 'file'})]).toEqual([1, 2, 0])
    expect([...orderRows(frame, null, {sort: 'amount'})]).toEqual([1, 2, 0])
    expect([...orderRows(frame, null, {sort: 'date'})]).toEqual([2, 1, 0])
  })
})

describe('narrowRows', () => {
  const frame = frameOf(
    {unit: 'Ops', expense_type: 'Rent'},
    {unit: 'OPS', expense_type: 'Rent'},
    {unit: 'Finance', expense_type: 'IT'},
    {unit: null, expense_type: null},
  )

  it('matches a unit exactly when some row has that exact text, else case-insensitively', () => {
    expect([...narrowRows(frame, null, {unit: ['Ops']})!]).toEqual([0])
    expect([...narrowRows(frame, null, {unit: ['ops']})!]).toEqual([0, 1])
    expect([...narrowRows(frame, null, {unit: ['Finance', 'OPS']})!]).toEqual([1, 2])
    expect([...narrowRows(frame, Uint32Array.of(0, 2), {unit: ['ops']})!]).toEqual([0])
    expect([...narrowRows(frame, null, {unit: ['ops'], expenseType: ['it']})!]).toEqual([])
    expect(narrowRows(frame, null, {})).toBeNull()
  })

  it('refuses a value that matches nothing, like the other filters', () => {
    expect(() => narrowRows(frame, null, {unit: ['Estates']})).toThrow(/No unit matches "Estates"/)
    expect(() => narrowRows(frame, null, {expenseType: ['Travel']})).toThrow(/No expense type matches "Travel"/)
  })
})

describe('rowTotals', () => {
  it('sums the selected rows exactly per currency, past 2^53', () => {
    const big = 2 ** 52
    const frame = frameOf({amount: big, currency: 'NOK'}, {amount: big, currency: 'NOK'}, {amount: 5, currency: 'GBP'}, {amount: -7, currency: 'NOK'})
    expect(rowTotals(frame, null)).toEqual([
      {currency: 'GBP', amount: 5n, count: 1},
      {currency: 'NOK', amount: 2n * BigInt(big) - 7n, count: 3},
    ])
    expect(rowTotals(frame, Uint32Array.of(3))).toEqual([{currency: 'NOK', amount: -7n, count: 1}])
  })
})
