import {describe, expect, it} from 'vitest'
import {buyerMeasures} from '../../../src/analysis/benchmark/measures.js'
import {smeShares} from '../../../src/analysis/benchmark/sme.js'
import {dictValue, type DictColumn, type SpendFrame} from '../../../src/model/frame.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {smeOf} from '../../../src/model/sme.js'
import {REDACTED_KEY} from '../../../src/model/supplier.js'
import {frameOf} from '../../helpers/analysis-records.js'

const A = {buyer: 'Buyer A'}
const B = {buyer: 'Buyer B'}
const C = {buyer: 'Buyer C'}

/**
 * A: S1 6000 sme, S2 3000 large, S3 1000 unknown, S4 400 sme (below a 500
 * floor), a -700 credit to S1, 2000 to a redacted supplier marked sme.
 * B: S5 800 micro, S6 1200 with a size no one knows. C: S7 900 with no size.
 */
const ROWS: Partial<SpendRecord>[] = [
  {...A, supplier: 'S1', amount: 6000, supplier_scale: 'sme'},
  {...A, supplier: 'S2', amount: 3000, supplier_scale: 'large'},
  {...A, supplier: 'S3', amount: 1000, supplier_scale: null},
  {...A, supplier: 'S4', amount: 400, supplier_scale: 'sme'},
  {...A, supplier: 'S1', amount: -700, supplier_scale: 'sme'},
  {...A, supplier: 'Redacted', supplier_key: REDACTED_KEY, redacted: true, amount: 2000, supplier_scale: 'sme'},
  {...B, supplier: 'S5', amount: 800, supplier_scale: 'micro'},
  {...B, supplier: 'S6', amount: 1200, supplier_scale: 'selfEmployed'},
  {...C, supplier: 'S7', amount: 900, supplier_scale: null},
]

/** The hook the service builds from the data: smeOf of each row's supplier_scale. */
function fromScale(frame: SpendFrame): (row: number) => boolean | null {
  const col = frame.columns.supplier_scale as DictColumn
  return (i) => smeOf(dictValue(col, i))
}

const byId = <T extends {buyer_id: string | null}>(list: readonly T[]) => new Map(list.map((b) => [b.buyer_id, b]))

describe('sme measures', () => {
  const frame = frameOf(...ROWS)

  it('smeShares: SME share of the spend with known size, and the share known, on the rows given, redacted left out', () => {
    const all = Uint32Array.from({length: frame.length}, (_, i) => i).filter((i) => (frame.columns.amount as {values: Float64Array}).values[i] > 0)
    const s = smeShares(frame, all, fromScale(frame))
    // A identified: 6000 + 3000 + 1000 + 400 = 10400; known 6000 + 3000 + 400 = 9400; sme 6400.
    expect(s.get('buyer-a')).toEqual({sme_share: 6400 / 9400, sme_known_share: 9400 / 10400, missing: null})
    expect(s.get('buyer-b')).toEqual({sme_share: 1, sme_known_share: 800 / 2000, missing: null})
    expect(s.get('buyer-c')).toEqual({sme_share: null, sme_known_share: null, missing: 'unknown'})
  })

  it('buyerMeasures: on payments at or above the floor, credits never counted, null with a reason when nothing is known', () => {
    const r = byId(buyerMeasures(frame, {currency: 'GBP', floorMinor: 500, smeOf: fromScale(frame)}).buyers)
    const a = r.get('buyer-a')!
    // S4's 400 is below the floor and the -700 credit is no payment: known 9000, sme 6000, identified 10000.
    expect([a.measures.sme_share, a.measures.sme_known_share]).toEqual([6000 / 9000, 9000 / 10000])
    expect(a.not_computed.sme_share).toBeUndefined()
    expect(r.get('buyer-b')!.measures.sme_share).toBe(1)
    const c = r.get('buyer-c')!
    expect([c.measures.sme_share, c.measures.sme_known_share]).toEqual([null, null])
    expect(c.not_computed.sme_share).toMatch(/known size/)
    expect(c.not_computed.sme_known_share).toMatch(/known size/)
  })

  it('a buyer whose only payments are redacted or below the floor has no sme measures, said so', () => {
    const f = frameOf(...ROWS, {buyer: 'Buyer D', supplier: 'Redacted', supplier_key: REDACTED_KEY, redacted: true, amount: 5000, supplier_scale: 'sme'})
    const d = byId(buyerMeasures(f, {currency: 'GBP', floorMinor: 500, smeOf: fromScale(f)}).buyers).get('buyer-d')!
    expect(d.measures.sme_share).toBeNull()
    expect(d.not_computed.sme_share).toMatch(/identified supplier/)
  })

  it('without the hook every sme measure is null with the reason', () => {
    for (const b of buyerMeasures(frame, {currency: 'GBP'}).buyers) {
      expect([b.measures.sme_share, b.measures.sme_known_share]).toEqual([null, null])
      expect(b.not_computed.sme_share).toMatch(/known size/)
    }
  })

  it('the hook decides, whatever the column says (a supplier file wins over the data)', () => {
    const everyoneSme = buyerMeasures(frame, {currency: 'GBP', floorMinor: 500, smeOf: () => true}).buyers
    expect(byId(everyoneSme).get('buyer-a')!.measures).toMatchObject({sme_share: 1, sme_known_share: 1})
  })
})
