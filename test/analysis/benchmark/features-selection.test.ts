/** buyerFeatures on selected rows only (spend benchmark --auto measures its features on the comparison period). */
import {describe, expect, it} from 'vitest'
import {buyerFeatures} from '../../../src/analysis/benchmark/peers.js'
import {frameOf} from '../../helpers/analysis-records.js'

describe('buyerFeatures with a selection', () => {
  const frame = frameOf(
    {buyer: 'T', category_code: '72000000', amount: 800, date: '2023-06-01'},
    {buyer: 'T', category_code: '45000000', amount: 200, date: '2023-06-01'},
    {buyer: 'T', category_code: '72000000', amount: 100, date: '2024-06-01'},
    {buyer: 'T', category_code: '45000000', amount: 900, date: '2024-06-01'},
    {buyer: 'P', category_code: '45000000', amount: 500, date: '2023-06-01'},
  )
  const mix = (t: ReturnType<typeof buyerFeatures>, buyer: string) => t.buyers.find((b) => b.buyer === buyer)?.values
  it('reads only the rows selected: sizes, shares and the buyers present follow them', () => {
    const all = buyerFeatures(frame, {currency: 'GBP'})
    const y2023 = buyerFeatures(frame, {currency: 'GBP', selection: Uint32Array.of(0, 1, 4)})
    const y2024 = buyerFeatures(frame, {currency: 'GBP', selection: Uint32Array.of(2, 3)})
    const t = (x: ReturnType<typeof buyerFeatures>) => x.buyers.find((b) => b.buyer.toLowerCase() === 't')!.buyer
    expect(mix(all, t(all))).toMatchObject({size: 2000, 'mix:72000000': 0.45})
    expect(mix(y2023, t(y2023))).toMatchObject({size: 1000, 'mix:72000000': 0.8})
    expect(mix(y2024, t(y2024))).toMatchObject({size: 1000, 'mix:72000000': 0.1})
    expect(y2024.buyers).toHaveLength(1)
    expect(y2023.buyers).toHaveLength(2)
  })
})
