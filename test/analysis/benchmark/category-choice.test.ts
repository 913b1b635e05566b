import {describe, expect, it} from 'vitest'
import {CATEGORY_BUYER_TOP, CATEGORY_MAX, chooseCategories} from '../../../src/analysis/benchmark/category-choice.js'

/** Shares per buyer id and category code, from a plain table. */
const table = (rows: Record<string, Record<string, number>>) => (id: string, code: string) => rows[id]?.[code] ?? 0

describe('chooseCategories', () => {
  it('keeps the categories reaching 95% of the summed shares, ties by code, and folds the rest', () => {
    const shares = table({me: {a: 0.5, b: 0.5}, p1: {a: 0.97, c: 0.03}, p2: {a: 0.97, d: 0.03}})
    const got = chooseCategories(['a', 'b', 'c', 'd'], shares, 'me', ['p1', 'p2'], false)
    // Summed: a 2.44, b 0.5, c 0.03, d 0.03 of 3; a+b = 2.94 >= 2.85, so c and d are folded.
    expect(got.kept).toEqual(['a', 'b'])
    expect(got.folded).toEqual(['c', 'd'])
    expect(got.rule).toContain('95%')
  })

  it("always keeps the buyer's own largest categories, even small in the group", () => {
    const mine: Record<string, number> = {}
    const codes = Array.from({length: 30}, (_, i) => `c${String(i).padStart(2, '0')}`)
    const big: Record<string, number> = {}
    for (const [i, c] of codes.entries()) big[c] = i < 25 ? 0.04 : 0
    for (const c of codes.slice(25)) mine[c] = 0.2
    const got = chooseCategories(codes, table({me: mine, p1: big, p2: big}), 'me', ['p1', 'p2'], false)
    for (const c of codes.slice(25, 25 + CATEGORY_BUYER_TOP)) expect(got.kept).toContain(c)
    expect(got.kept.length).toBeLessThanOrEqual(CATEGORY_MAX + CATEGORY_BUYER_TOP)
    expect(got.kept.length + got.folded.length).toBe(codes.length)
  })

  it('keeps every category when asked, in the order given', () => {
    const got = chooseCategories(['z', 'a'], table({}), 'me', [], true)
    expect(got).toMatchObject({kept: ['z', 'a'], folded: []})
  })
})
