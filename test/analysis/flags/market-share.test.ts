import {describe, expect, it} from 'vitest'
import {marketShareCheck} from '../../../src/analysis/flags/market-share.js'
import {resolveParams} from '../../../src/analysis/flags/run.js'
import type {CheckContext, ParamValue} from '../../../src/analysis/flags/types.js'
import type {DictColumn, SpendFrame} from '../../../src/model/frame.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {frameOf} from '../../helpers/analysis-records.js'

const pick = (): DictColumn => ({type: 'dict', codes: new Int32Array(0), dict: []})

function run(frame: SpendFrame, params: Record<string, ParamValue> = {}, selection: Uint32Array | null = null) {
  const ctx: CheckContext = {frame, selection, params: resolveParams('market-share', params), thresholds: [], fiscalYearStart: 4, pick}
  return marketShareCheck.run(ctx)
}

/** `count` payments of `each` minor units to a supplier. */
const pay = (supplier: string, count: number, each: number, extra: Partial<SpendRecord> = {}): Partial<SpendRecord>[] =>
  Array.from({length: count}, () => ({supplier, amount: each, ...extra}))

/** Buyer A: Big Co takes 30 x 100,000.00; five others 2 x 50,000.00 each (shares 0.75 and 0.05). */
function dominated(extra: Partial<SpendRecord> = {}): Partial<SpendRecord>[] {
  return [...pay('Big Co', 30, 10_000_000, extra), ...['B', 'C', 'D', 'E', 'F'].flatMap((s) => pay(`Supplier ${s}`, 2, 5_000_000, extra))]
}

const total = (rows: readonly Partial<SpendRecord>[], supplier?: string) =>
  rows.filter((r) => supplier === undefined || r.supplier === supplier).reduce((a, r) => a + BigInt(r.amount ?? 0), 0n)

describe('market-share', () => {
  it('flags a supplier with at least half of a buyer\'s spend, with its rows as evidence', () => {
    const rows = dominated()
    const r = run(frameOf(...rows))
    expect(r.flags).toHaveLength(1)
    const f = r.flags[0]
    const share = Number(total(rows, 'Big Co')) / Number(total(rows))
    expect(f).toMatchObject({check: 'market-share', kind: 'buyer-share', buyer: 'Buyer A', buyer_id: 'buyer-a', supplier: 'Big Co',
      supplier_key: 'big co', category: null, amount: total(rows, 'Big Co'), currency: 'GBP'})
    expect(f.score).toBeCloseTo(share, 9)
    expect([...f.rows]).toEqual(rows.map((x, i) => (x.supplier === 'Big Co' ? i : -1)).filter((i) => i >= 0))
    expect(f.explanation).toContain(`${(share * 100).toFixed(1)}%`)
    expect(f.explanation).toContain(`GBP 3000000.00 of GBP ${(Number(total(rows)) / 100).toFixed(2)}`)
    expect(r.echo).toMatchObject({buyers_tested: 1, categories_tested: 0})
  })

  it('leaves a buyer with no dominant supplier alone, and flags a share of exactly the threshold', () => {
    const even = ['A', 'B', 'C', 'D', 'E', 'F'].flatMap((s) => pay(`Supplier ${s}`, 6, 1_000_000))
    expect(run(frameOf(...even)).flags).toEqual([])
    const half = [...pay('Half', 10, 5_000_000), ...['B', 'C', 'D', 'E', 'F'].flatMap((s) => pay(`Supplier ${s}`, 5, 2_000_000))]
    expect(run(frameOf(...half)).flags.map((f) => [f.supplier, f.score])).toEqual([['Half', 0.5]])
    expect(run(frameOf(...half), {buyer_share: 0.51}).flags).toEqual([])
  })

  it('leaves redacted and blank suppliers out of the shares: never flagged, not in the base', () => {
    const rows = [...dominated(), ...pay('REDACTED', 40, 20_000_000, {supplier_key: 'redacted', redacted: true}), ...pay('', 5, 1_000_000, {supplier_key: ''})]
    const r = run(frameOf(...rows))
    expect(r.flags.map((f) => f.supplier)).toEqual(['Big Co'])
    const identified = rows.filter((x) => x.supplier !== 'REDACTED' && x.supplier !== '')
    expect(r.flags[0].score).toBeCloseTo(Number(total(identified, 'Big Co')) / Number(total(identified)), 9)
  })

  it('counts suppliers netting to zero or less out, as the concentration analysis does', () => {
    const rows = [...dominated(), ...pay('Refunder', 1, -90_000_000), ...pay('Refunder', 1, 1_000)]
    const r = run(frameOf(...rows))
    expect(r.flags[0].score).toBeCloseTo(Number(total(rows, 'Big Co')) / Number(total(dominated())), 9)
  })

  it('does not test buyers under the minimums, and says how many were left out', () => {
    const few = [...pay('Big Co', 30, 10_000_000), ...pay('Small', 10, 100_000)]
    const r = run(frameOf(...few))
    expect(r.flags).toEqual([])
    expect(r.notes.map((n) => [n.currency, n.text])).toEqual([['GBP', '1 buyer not tested: fewer than 5 suppliers or fewer than 30 payments or under GBP 25000.00 of spend']])
    expect(run(frameOf(...few), {min_suppliers: 2}).flags).toHaveLength(1)
    expect(run(frameOf(...dominated()), {min_spend: 10_000_000}).flags).toEqual([])
    expect(run(frameOf(...dominated().slice(0, 20), ...dominated().slice(30)), {min_payments: 31}).flags).toEqual([])
  })

  it('flags a supplier\'s share of a category across buyers, naming the buyer where only one is involved', () => {
    const it1 = dominated({category_code: 'IT'})
    const split = it1.map((x, i) => ({...x, buyer: i % 2 === 0 ? 'Buyer A' : 'Buyer B'}))
    const r = run(frameOf(...split), {buyer_share: 1})
    const cat = r.flags.filter((f) => f.kind === 'category-share')
    expect(cat.map((f) => [f.category, f.supplier, f.buyer, f.buyer_id])).toEqual([['IT', 'Big Co', '2 buyers', '']])
    expect(cat[0].rows.length).toBe(30)
    expect(cat[0].explanation).toContain('category IT')
    const one = run(frameOf(...it1, ...pay('Other', 1, 100, {category_code: null})))
    expect(one.flags.map((f) => [f.kind, f.buyer, f.category])).toEqual([['buyer-share', 'Buyer A', null], ['category-share', 'Buyer A', 'IT']])
  })

  it('uses the rows of the selection only', () => {
    const rows = [...dominated(), ...['G', 'H', 'I', 'J', 'K', 'L'].flatMap((s) => pay(`Supplier ${s}`, 5, 20_000_000))]
    expect(run(frameOf(...rows)).flags).toEqual([])
    const first = Uint32Array.from({length: 40}, (_, i) => i)
    expect(run(frameOf(...rows), {}, first).flags.map((f) => f.supplier)).toEqual(['Big Co'])
  })
})
