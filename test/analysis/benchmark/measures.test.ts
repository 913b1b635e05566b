import {describe, expect, it} from 'vitest'
import {BUYER_MEASURES, buyerMeasures, medianText, ratioText, scaledText, type BuyerMeasures} from '../../../src/analysis/benchmark/measures.js'
import {concentration} from '../../../src/analysis/concentration.js'
import {pareto} from '../../../src/analysis/pareto.js'
import type {SpendFrame} from '../../../src/model/frame.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {REDACTED_KEY} from '../../../src/model/supplier.js'
import {frameOf} from '../../helpers/analysis-records.js'

const IT = '72000000'
const BIZ = '79000000'
const A = {buyer: 'Buyer A'}
const B = {buyer: 'Buyer B'}
const IN = '2024-03-01'

/**
 * Buyer A in 2024: S1 10000 + 6000 (IT), S2 3000 and a -500 credit, S3 1000,
 * S4 400 (below a 500 floor), 2000 to a redacted supplier (IT); before 2024,
 * S1 5000 (in the lookback), S2 300 (in it, below the floor), S3 on
 * 2022-12-31 (before it). Buyer B in 2024: S5 1001, S6 1002.
 */
const GBP_ROWS: Partial<SpendRecord>[] = [
  {...A, supplier: 'S1', amount: 10000, category_code: IT, date: IN},
  {...A, supplier: 'S1', amount: 6000, category_code: IT, date: IN},
  {...A, supplier: 'S2', amount: 3000, category_code: BIZ, date: IN},
  {...A, supplier: 'S2', amount: -500, category_code: BIZ, date: IN},
  {...A, supplier: 'S3', amount: 1000, category_code: BIZ, date: IN},
  {...A, supplier: 'S4', amount: 400, category_code: BIZ, date: IN},
  {...A, supplier: 'Redacted', supplier_key: REDACTED_KEY, redacted: true, amount: 2000, category_code: IT, date: IN},
  {...A, supplier: 'S1', amount: 5000, category_code: IT, date: '2023-06-01'},
  {...A, supplier: 'S2', amount: 300, category_code: BIZ, date: '2023-03-01'},
  {...A, supplier: 'S3', amount: 1000, category_code: BIZ, date: '2022-12-31'},
  {...B, supplier: 'S5', amount: 1001, category_code: IT, date: IN},
  {...B, supplier: 'S6', amount: 1002, category_code: BIZ, date: IN},
]

/** The rows dated in the period (2024 on). */
function period(f: SpendFrame): Uint32Array {
  const date = f.columns.date
  if (date?.type !== 'dict') throw new Error('no date column')
  return Uint32Array.from({length: f.length}, (_, i) => i).filter((i) => date.dict[date.codes[i]] >= '2024-01-01')
}

/** Why the sme measures are null without a supplier-size hook. */
const NO_SIZE = expect.stringMatching(/known size/)

const WINDOW = {periodFrom: '2024-01-01', lookbackAvailable: (id: string | null) => id === 'buyer-a'}

function measure(frame: SpendFrame, floorMinor: number, currency = 'GBP'): BuyerMeasures[] {
  return buyerMeasures(frame, {currency, selection: period(frame), floorMinor, newSuppliers: WINDOW}).buyers
}

describe('buyerMeasures', () => {
  const frame = frameOf(...GBP_ROWS)

  it('gives every measure of each buyer, exactly, on payments at or above the floor', () => {
    const [a, b] = measure(frame, 500)
    // Payments >= 500 of A: 10000, 6000, 3000, 1000 and 2000 (redacted); identified: S1 16000, S2 3000, S3 1000.
    expect(a.measures).toEqual({
      total_spend: '219.00', suppliers: 3, spend_per_supplier: '66.6667', top5_share: 1,
      hhi: expect.closeTo(((16000 ** 2 + 3000 ** 2 + 1000 ** 2) / 20000 ** 2) * 10_000, 9),
      // S1 is class A (0% before it), S2 class B (80% before it is not under 80%), S3 class C (95% before it).
      tail_share: 1000 / 20000,
      // S2's only earlier payment is below the floor and S3's is before the lookback: both new.
      new_supplier_share: (3000 + 1000) / 20000,
      transactions: 5, median_payment: '30.00', mean_payment: '44.0000',
      // No supplier size is known here (see sme.test.ts).
      sme_share: null, sme_known_share: null,
    })
    expect(a.supplier_left_out).toEqual({amount: '20.00', count: 1})
    expect(a.not_computed).toEqual({sme_share: NO_SIZE, sme_known_share: NO_SIZE})
    expect([a.buyer_id, a.buyer, a.currency]).toEqual(['buyer-a', 'Buyer A', 'GBP'])
    // Two payments: the median holds half a penny; B's lookback does not reach back.
    expect(b.measures).toMatchObject({
      total_spend: '20.03', suppliers: 2, spend_per_supplier: '10.0150', top5_share: 1, tail_share: 0,
      new_supplier_share: null, transactions: 2, median_payment: '10.015', mean_payment: '10.0150',
    })
    expect(b.measures.hhi).toBeCloseTo(((1001 ** 2 + 1002 ** 2) / 2003 ** 2) * 10_000, 9)
    expect(b.not_computed).toEqual({new_supplier_share: expect.stringContaining('2023-01-01'), sme_share: NO_SIZE, sme_known_share: NO_SIZE})
  })

  it('agrees with concentration and pareto on the same payments', () => {
    const sel = period(frame).filter((i) => (frame.columns.amount as {values: Float64Array}).values[i] >= 500)
    const conc = concentration(frame, {by: 'buyer', selection: sel}).rows.find((r) => r.group?.id === 'buyer-a')!
    const tail = pareto(frame, {by: 'buyer', selection: sel}).groups.find((g) => g.group?.id === 'buyer-a')!.classes.find((c) => c.class === 'C')!
    const [a] = measure(frame, 500)
    expect([a.measures.suppliers, a.measures.top5_share, a.measures.hhi, a.measures.tail_share]).toEqual([conc.suppliers, conc.cr5, conc.hhi, tail.share])
  })

  it('a floor takes rows out of the transaction and supplier measures, never out of total spend or the mix', () => {
    const [low] = measure(frame, 0)
    const [high] = measure(frame, 500)
    expect(low.measures.total_spend).toBe(high.measures.total_spend)
    expect(low.category_mix).toEqual(high.category_mix)
    // Floor 0: S4's 400 counts (the -500 credit never does), and S2's 300 in the lookback makes it known.
    expect(low.measures).toMatchObject({
      suppliers: 4, transactions: 6, median_payment: '25.00', mean_payment: '37.3333', // 22400 / 6 minor units, to 4 decimals
      new_supplier_share: (1000 + 400) / 20400, spend_per_supplier: '51.0000',
    })
    expect(high.measures).toMatchObject({suppliers: 3, transactions: 5})
    const above = measure(frame, 1_000_000)[0]
    expect(above.measures).toMatchObject({total_spend: '219.00', suppliers: 0, transactions: 0, median_payment: null, hhi: null})
    expect(Object.keys(above.not_computed).sort()).toEqual(['hhi', 'mean_payment', 'median_payment', 'new_supplier_share', 'sme_known_share', 'sme_share', 'spend_per_supplier', 'tail_share', 'top5_share'])
  })

  it('gives the category mix at a level as shares of total spend, on all rows', () => {
    const f = frameOf(
      {...A, amount: 300, category_code: '72212000'}, {...A, amount: 100, category_code: '72500000'},
      {...A, amount: 600, category_code: '79000000'},
    )
    const [a] = buyerMeasures(f, {currency: 'GBP', level: 'division'}).buyers
    expect(a.category_mix.map((c) => [c.category_code, c.amount, c.share])).toEqual([['79000000', '6.00', 0.6], ['72000000', '4.00', 0.4]])
    const [m] = measure(frame, 500)
    expect(m.category_mix.map((c) => [c.category_code, c.share])).toEqual([[IT, 18000 / 21900], [BIZ, 3900 / 21900]])
  })

  it('never mixes currencies: EUR rows change no GBP figure and are counted as left aside', () => {
    const eur: Partial<SpendRecord>[] = [
      {...A, supplier: 'S1', amount: 999_999, currency: 'EUR', category_code: BIZ, date: IN},
      {...A, supplier: 'S9', amount: 5, currency: 'EUR', category_code: IT, date: '2023-06-01'},
      {buyer: 'Buyer C', supplier: 'S1', amount: 7, currency: 'EUR', date: IN},
    ]
    const mixed = frameOf(...GBP_ROWS, ...eur)
    const gbp = buyerMeasures(mixed, {currency: 'GBP', selection: period(mixed), floorMinor: 500, newSuppliers: WINDOW})
    const alone = buyerMeasures(frame, {currency: 'GBP', selection: period(frame), floorMinor: 500, newSuppliers: WINDOW})
    expect(gbp.buyers).toEqual(alone.buyers)
    expect(gbp.other_currencies).toEqual([{currency: 'EUR', count: 2}])
    expect(alone.other_currencies).toEqual([])
    const e = buyerMeasures(mixed, {currency: 'EUR', selection: period(mixed), floorMinor: 500, newSuppliers: WINDOW})
    expect(e.buyers.map((b) => [b.buyer_id, b.currency, b.measures.total_spend, b.measures.transactions])).toEqual([
      ['buyer-a', 'EUR', '9999.99', 1], ['buyer-c', 'EUR', '0.07', 0],
    ])
    // S1 was paid in GBP in the lookback, but not in EUR: new in EUR.
    expect(e.buyers[0].measures.new_supplier_share).toBe(1)
    expect(e.other_currencies).toEqual([{currency: 'GBP', count: 9}])
  })

  it('declares every measure with a unit and a label, and says why a measure is missing', () => {
    const [a] = measure(frame, 500)
    expect(Object.keys(a.measures)).toEqual(BUYER_MEASURES.map((m) => m.name))
    for (const m of BUYER_MEASURES) expect(['money', 'share', 'count', 'hhi']).toContain(m.unit)
    const none = buyerMeasures(frame, {currency: 'GBP', selection: period(frame)}).buyers[0]
    expect(none.measures.new_supplier_share).toBeNull()
    expect(none.not_computed.new_supplier_share).toMatch(/no period start/)
    const unknown = buyerMeasures(frameOf({...A, supplier: 'Redacted', supplier_key: REDACTED_KEY, amount: 900}), {currency: 'GBP'}).buyers[0]
    expect(unknown.measures).toMatchObject({suppliers: 0, transactions: 1, hhi: null, median_payment: '9.00'})
    expect(unknown.supplier_left_out).toEqual({amount: '9.00', count: 1})
    expect(unknown.not_computed.hhi).toMatch(/identified supplier/)
  })

  it('keeps sums past 2^53 exact, and leaves blank suppliers out like redacted ones', () => {
    const big = 4e15
    const f = frameOf({...A, supplier: 'S1', amount: big}, {...A, supplier: 'S2', amount: big}, {...A, supplier: 'S2', amount: big + 1},
      {...A, supplier: '', supplier_key: '', amount: 700})
    const [a] = buyerMeasures(f, {currency: 'GBP'}).buyers
    const total = 3n * BigInt(big) + 701n
    expect(a.measures).toMatchObject({
      total_spend: `${total / 100n}.${String(total % 100n).padStart(2, '0')}`, suppliers: 2, transactions: 4,
      // Sorted: 700, big, big, big + 1: the median is big exactly; the mean is total / 4, to 4 decimals.
      median_payment: `${BigInt(big) / 100n}.00`, mean_payment: `${total * 100n / 4n / 10_000n}.${String(total * 100n / 4n % 10_000n).padStart(4, '0')}`,
      spend_per_supplier: `${(total - 700n) / 2n / 100n}.${String((total - 700n) * 100n / 2n % 10_000n).padStart(4, '0')}`,
    })
    expect(a.supplier_left_out).toEqual({amount: '7.00', count: 1})
  })

  it('lists only the selected buyers, and looks back in the rows it is given', () => {
    const buyerCodes = (frame.columns.buyer_id as {codes: Int32Array}).codes
    const rows = period(frame).filter((i) => buyerCodes[i] === buyerCodes[0])
    const only = buyerMeasures(frame, {currency: 'GBP', selection: rows, floorMinor: 500, newSuppliers: {periodFrom: '2024-01-01', lookbackAvailable: true}})
    expect(only.buyers.map((b) => b.buyer_id)).toEqual(['buyer-a'])
    expect(only.buyers[0].measures.new_supplier_share).toBe(4000 / 20000)
    // Looking back in no rows, every supplier is new.
    const none = buyerMeasures(frame, {currency: 'GBP', selection: rows, floorMinor: 500, newSuppliers: {periodFrom: '2024-01-01', lookbackAvailable: true, lookback: new Uint32Array(0)}})
    expect(none.buyers[0].measures.new_supplier_share).toBe(1)
    // A period starting 2023-06-01: S1's June 2023 payment is no longer before it, S3's of 2022-12-31 now is.
    const later = buyerMeasures(frame, {currency: 'GBP', selection: rows, floorMinor: 500, newSuppliers: {periodFrom: '2023-06-01', lookbackAvailable: true}})
    expect(later.buyers[0].measures.new_supplier_share).toBe((16000 + 3000) / 20000)
  })

  it('rejects a bad floor or period start, and returns no buyers for a currency not in the data', () => {
    expect(() => buyerMeasures(frame, {currency: 'GBP', floorMinor: -1})).toThrow(/floor/)
    expect(() => buyerMeasures(frame, {currency: 'GBP', floorMinor: 2.5})).toThrow(/floor/)
    expect(() => buyerMeasures(frame, {currency: 'GBP', newSuppliers: {periodFrom: '2024-13-01', lookbackAvailable: true}})).toThrow(/period start/)
    expect(buyerMeasures(frame, {currency: 'NOK'}).buyers).toEqual([])
  })
})

describe('exact decimal text', () => {
  it('writes medians with the half minor unit and means rounded half to even', () => {
    expect(medianText(1000, 1001, 'GBP')).toBe('10.005')
    expect(medianText(1000, 1002, 'GBP')).toBe('10.01')
    expect(medianText(5, 6, 'JPY')).toBe('5.5')
    expect(medianText(-3, -2, 'GBP')).toBe('-0.025')
    expect(ratioText(10000n, 3, 'GBP')).toBe('33.3333')
    expect(ratioText(1n, 8, 'GBP')).toBe('0.0012')
    expect(ratioText(3n, 8, 'GBP')).toBe('0.0038')
    expect(ratioText(2n ** 70n, 1, 'JPY')).toBe(`${2n ** 70n}.00`)
    expect(scaledText(-5n, 3)).toBe('-0.005')
  })
})
