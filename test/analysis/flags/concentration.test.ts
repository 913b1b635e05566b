import {describe, expect, it} from 'vitest'
import {concentration} from '../../../src/analysis/concentration.js'
import {concentrationCheck} from '../../../src/analysis/flags/concentration-flag.js'
import {countText} from '../../../src/analysis/flags/share-text.js'
import {resolveParams} from '../../../src/analysis/flags/run.js'
import type {CheckContext, ParamValue} from '../../../src/analysis/flags/types.js'
import type {DictColumn, SpendFrame} from '../../../src/model/frame.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {frameOf} from '../../helpers/analysis-records.js'

const pick = (): DictColumn => ({type: 'dict', codes: new Int32Array(0), dict: []})

function run(frame: SpendFrame, params: Record<string, ParamValue> = {}, selection: Uint32Array | null = null) {
  const ctx: CheckContext = {frame, selection, params: resolveParams('concentration', params), thresholds: [], fiscalYearStart: 4, pick}
  return concentrationCheck.run(ctx)
}

const pay = (supplier: string, count: number, each: number, extra: Partial<SpendRecord> = {}): Partial<SpendRecord>[] =>
  Array.from({length: count}, () => ({supplier, amount: each, ...extra}))

/** Category 'Waste': Top Co 24 x 100,000.00, two others 4 x 100,000.00 (HHI 6,600: highly concentrated in both bands). */
const waste = (extra: Partial<SpendRecord> = {}) =>
  [...pay('Top Co', 24, 10_000_000, {category_code: 'Waste', ...extra}), ...pay('Two', 4, 10_000_000, {category_code: 'Waste', ...extra}), ...pay('Three', 4, 10_000_000, {category_code: 'Waste', ...extra})]

/** Category 'IT': six equal suppliers, 6 x 10,000.00 each (HHI 1,667: moderately concentrated in both bands). */
const it6 = () => ['A', 'B', 'C', 'D', 'E', 'F'].flatMap((s) => pay(`IT ${s}`, 6, 1_000_000, {category_code: 'IT'}))

describe('concentration (check)', () => {
  it('flags categories in the highly concentrated band, with the numbers of spend concentration --by category', () => {
    const frame = frameOf(...waste(), ...it6())
    const r = run(frame)
    const analysis = concentration(frame, {by: 'category'}).rows
    const high = analysis.filter((x) => x.band === 'highly concentrated')
    expect(high.map((x) => x.group?.id)).toEqual(['Waste'])
    expect(r.flags).toHaveLength(1)
    const f = r.flags[0]
    expect(f).toMatchObject({check: 'concentration', kind: 'highly-concentrated', category: 'Waste', supplier: 'Top Co', supplier_key: 'top co',
      buyer: 'Buyer A', buyer_id: 'buyer-a', amount: high[0].amount, currency: 'GBP', score: high[0].hhi})
    expect(f.rows.length).toBe(24)
    expect(f.explanation).toContain(`HHI ${countText(Math.round(high[0].hhi!))} (highly concentrated`)
    expect(f.explanation).toContain('DOJ/FTC 2010: above 2,500')
    expect(r.echo).toMatchObject({categories_tested: 2, bands_used: {name: 'DOJ/FTC 2010', moderate: 1500, high: 2500}})
  })

  it('refuses unknown bands with a clear error', () => {
    expect(() => run(frameOf(...waste()), {bands: '1999'})).toThrow(/Unknown HHI bands "1999"/)
  })

  it('uses the 2023 bands on request', () => {
    // Five equal suppliers: HHI 2,000, moderately concentrated under 2010 (up to 2,500), highly under 2023 (above 1,800).
    const five = ['A', 'B', 'C', 'D', 'E'].flatMap((s) => pay(`S ${s}`, 8, 1_000_000, {category_code: 'Food'}))
    const frame = frameOf(...five)
    expect(run(frame).flags).toEqual([])
    expect(run(frame, {bands: '2023'}).flags.map((f) => [f.category, Math.round(f.score)])).toEqual([['Food', Math.round(concentration(frame, {by: 'category', bands: '2023'}).rows[0].hhi!)]])
  })

  it('leaves redacted suppliers out of the shares, never names one as the top supplier', () => {
    const rows = [...it6(), ...pay('REDACTED', 40, 90_000_000, {category_code: 'IT', supplier_key: 'redacted', redacted: true})]
    const r = run(frameOf(...rows))
    expect(r.flags).toEqual([])
    const sole = [...pay('REDACTED', 40, 90_000_000, {category_code: 'X', supplier_key: 'redacted', redacted: true}), ...pay('Only', 30, 10_000_000, {category_code: 'X'})]
    expect(run(frameOf(...sole)).flags.map((f) => [f.supplier, f.score])).toEqual([['Only', 10_000]])
  })

  it('does not test small categories or rows with no category, and says so', () => {
    const small = pay('Sole', 5, 10_000_000, {category_code: 'Tiny'})
    const r = run(frameOf(...small, ...pay('Sole', 40, 10_000_000, {category_code: null})))
    expect(r.flags).toEqual([])
    expect(r.notes.map((n) => n.text)).toEqual(['1 category not tested: fewer than 30 payments or under GBP 25000.00 of spend'])
    expect(run(frameOf(...small), {min_payments: 5}).flags).toHaveLength(1)
    expect(run(frameOf(...waste()), {min_spend: 10_000_000}).flags).toEqual([])
    expect(run(frameOf(...pay('Sole', 40, 10_000_000))).notes.map((n) => n.text)[0]).toMatch(/^no row has a category/)
  })

  it('names "N buyers" when the top supplier\'s rows come from several buyers, and keeps currencies apart', () => {
    const rows = [...waste().map((x, i) => ({...x, buyer: i % 2 ? 'Buyer B' : 'Buyer A'})), ...waste({currency: 'NOK'})]
    const r = run(frameOf(...rows))
    expect(r.flags.map((f) => [f.currency, f.buyer, f.buyer_id])).toEqual([['GBP', '2 buyers', ''], ['NOK', 'Buyer A', 'buyer-a']])
  })

  it('tests the selection only', () => {
    const rows = [...waste(), ...['P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W'].flatMap((s) => pay(`W ${s}`, 6, 30_000_000, {category_code: 'Waste'}))]
    expect(run(frameOf(...rows)).flags).toEqual([])
    expect(run(frameOf(...rows), {}, Uint32Array.from({length: 32}, (_, i) => i)).flags).toHaveLength(1)
  })
})
