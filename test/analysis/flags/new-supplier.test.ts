import {describe, expect, it} from 'vitest'
import {quartileEighths} from '../../../src/analysis/benchmark/stats-minor.js'
import {aboveFence, quartileEighthsOf, upperFence} from '../../../src/analysis/flags/fences.js'
import {newSupplierLargeCheck} from '../../../src/analysis/flags/new-supplier.js'
import {resolveParams, runChecks} from '../../../src/analysis/flags/run.js'
import {addDays} from '../../../src/analysis/flags/calendar.js'
import type {CheckContext, ParamValue} from '../../../src/analysis/flags/types.js'
import type {DictColumn, SpendFrame} from '../../../src/model/frame.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {frameOf} from '../../helpers/analysis-records.js'

const pick = (): DictColumn => ({type: 'dict', codes: new Int32Array(0), dict: []})

function run(frame: SpendFrame, params: Record<string, ParamValue> = {}, selection: Uint32Array | null = null) {
  const ctx: CheckContext = {frame, selection, params: resolveParams('new-supplier-large', params), thresholds: [], fiscalYearStart: 4, pick}
  return newSupplierLargeCheck.run(ctx)
}

/** 48 ordinary payments by Buyer A to four suppliers, one a week from 2024-04-01, GBP 100-1,000 (first digits spread). */
function established(): Partial<SpendRecord>[] {
  return Array.from({length: 48}, (_, j) => ({
    supplier: `Regular ${j % 4}`, date: addDays('2024-04-01', 7 * (j % 24)), amount: 10_000 + ((j * 7919) % 90_000), source_line: j + 2,
  }))
}

/** The fence the check should use, from the bigint quartiles of stats-minor (an independent path). */
function expectedFence(rows: readonly Partial<SpendRecord>[], k = 1.5): bigint {
  const sorted = rows.map((r) => BigInt(r.amount ?? 100)).filter((v) => v > 0n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const q1 = quartileEighths(sorted, 1)
  const q3 = quartileEighths(sorted, 3)
  return q3 + BigInt(k * 2) * (q3 - q1) / 2n
}

describe('new-supplier-large', () => {
  it('by default puts the fence on the log scale, Q3 x (Q3/Q1)^k: far above the plain one on skewed payments', () => {
    const base = established()
    const sorted = base.map((r) => BigInt(r.amount ?? 100)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    const q1 = Number(quartileEighths(sorted, 1))
    const q3 = Number(quartileEighths(sorted, 3))
    const logFence = q3 * (q3 / q1) ** 1.5 / 8
    const linearFence = Number(expectedFence(base)) / 8
    expect(logFence).toBeGreaterThan(linearFence)
    // A first payment between the two fences is flagged on the linear scale only.
    const between = Math.round((logFence + linearFence) / 2)
    const rows = [...base, {supplier: 'Midco', date: '2024-10-07', amount: between}]
    expect(run(frameOf(...rows), {scale: 'linear'}).flags).toHaveLength(1)
    expect(run(frameOf(...rows)).flags).toEqual([])
    const big = run(frameOf(...base, {supplier: 'Bigco', date: '2024-10-07', amount: Math.ceil(logFence * 2)}))
    expect(big.flags).toHaveLength(1)
    expect(big.flags[0].explanation).toContain('on log amounts')
  })

  it('flags a never-seen supplier whose first payment is above Q3 + 1.5 IQR (scale linear), with the fence echoed', () => {
    const rows = [...established(), {supplier: 'Newco Ltd', date: '2024-10-07', amount: 90_000_000, source_line: 60}]
    const r = run(frameOf(...rows), {scale: 'linear'})
    const fence = expectedFence(rows)
    expect(r.flags).toHaveLength(1)
    const f = r.flags[0]
    expect(f).toMatchObject({check: 'new-supplier-large', kind: 'first-payment-above-fence', buyer: 'Buyer A', supplier: 'Newco Ltd',
      supplier_key: 'newco ltd', category: null, amount: 90_000_000n, currency: 'GBP'})
    expect(f.score).toBeCloseTo((90_000_000 * 8) / Number(fence), 9)
    expect([...f.rows]).toEqual([48])
    expect(f.explanation).toContain('GBP 900000.00')
    expect(f.explanation).toContain('2024-10-07')
    const echo = (r.echo?.fences as Record<string, unknown>[])[0]
    expect(echo).toMatchObject({buyer_id: 'buyer-a', currency: 'GBP', payments: 49, data_from: '2024-04-01', warmup_until: addDays('2024-04-01', 89)})
    expect(Number(echo.upper_fence)).toBeCloseTo(Number(fence) / 800, 9)
    expect(r.echo?.score).toMatch(/fence/)
  })

  it('leaves alone a big payment from an established supplier, and a new supplier paid a typical amount', () => {
    const rows = [...established(), {supplier: 'Regular 1', date: '2024-10-07', amount: 90_000_000}, {supplier: 'Smallco', date: '2024-10-08', amount: 20_000}]
    expect(run(frameOf(...rows)).flags).toEqual([])
  })

  it('takes the earliest-dated row as the first payment (not the first in the file), ties by source order', () => {
    const late = {supplier: 'Newco', date: '2024-11-01', amount: 90_000_000}
    const early = {supplier: 'Newco', date: '2024-10-01', amount: 20_000}
    expect(run(frameOf(...established(), late, early)).flags).toEqual([])
    const sameDaySmallFirst = run(frameOf(...established(), {...early}, {...late, date: '2024-10-01'}))
    expect(sameDaySmallFirst.flags).toEqual([])
    const sameDayBigFirst = run(frameOf(...established(), {...late, date: '2024-10-01'}, {...early}))
    expect(sameDayBigFirst.flags.map((f) => [...f.rows])).toEqual([[48]])
  })

  it('does not flag in the warm-up (a note says how many were skipped), unless warmup_days is 0', () => {
    const rows = [...established(), {supplier: 'Newco', date: '2024-05-01', amount: 90_000_000}]
    const r = run(frameOf(...rows))
    expect(r.flags).toEqual([])
    expect(r.notes).toHaveLength(1)
    expect(r.notes[0]).toMatchObject({check: 'new-supplier-large', buyer: 'Buyer A', currency: 'GBP'})
    expect(r.notes[0].text).toMatch(/^1 first payment above the fence from 2024-04-01 to 2024-06-29/)
    expect(run(frameOf(...rows), {warmup_days: 0}).flags).toHaveLength(1)
    // The boundary: day 90 after the start is out of a 90-day warm-up.
    expect(run(frameOf(...established(), {supplier: 'Newco', date: addDays('2024-04-01', 90), amount: 90_000_000})).flags).toHaveLength(1)
    expect(run(frameOf(...established(), {supplier: 'Newco', date: addDays('2024-04-01', 89), amount: 90_000_000})).flags).toHaveLength(0)
  })

  it('never treats redacted or blank suppliers as a supplier, but counts their payments in the buyer\'s fences', () => {
    const redacted = {supplier: 'REDACTED', supplier_key: 'redacted', redacted: true, date: '2024-10-07', amount: 90_000_000}
    const blank = {supplier: '', supplier_key: '', date: '2024-10-08', amount: 80_000_000}
    const r = run(frameOf(...established(), redacted, blank))
    expect(r.flags).toEqual([])
    expect((r.echo?.fences as {payments: number}[])[0].payments).toBe(50)
  })

  it('skips buyers with fewer than min_payments positive payments, with a note', () => {
    const rows = [...established().slice(0, 10), {supplier: 'Newco', date: '2024-10-07', amount: 90_000_000}]
    const r = run(frameOf(...rows))
    expect(r.flags).toEqual([])
    expect(r.notes.map((n) => n.text)).toEqual(['11 positive payments, fewer than min_payments 30: first payments not tested'])
    expect(run(frameOf(...rows), {min_payments: 5}).flags).toHaveLength(1)
  })

  it('keeps buyers and currencies apart, and a larger iqr_factor raises the fence', () => {
    const other = established().map((r) => ({...r, buyer: 'Buyer B'}))
    const nok = established().map((r) => ({...r, currency: 'NOK', amount: (r.amount ?? 0) * 100}))
    const rows = [...established(), ...other, ...nok, {buyer: 'Buyer B', supplier: 'Regular 1', date: '2024-10-07', amount: 90_000_000},
      {supplier: 'Newco', currency: 'NOK', date: '2024-10-07', amount: 90_000_000}]
    const r = run(frameOf(...rows), {scale: 'linear'})
    // Buyer B has paid Regular 1 before; Newco's NOK payment is tested against Buyer A's NOK fence only.
    expect(r.flags.map((f) => [f.buyer, f.supplier, f.currency])).toEqual([['Buyer A', 'Newco', 'NOK']])
    expect((r.echo?.fences as {buyer_id: string; currency: string}[]).map((e) => `${e.currency} ${e.buyer_id}`)).toEqual(['GBP buyer-a', 'GBP buyer-b', 'NOK buyer-a'])
    const fence = expectedFence([...nok, rows[rows.length - 1]], 1.5)
    const score = r.flags[0].score
    expect(score).toBeCloseTo((90_000_000 * 8) / Number(fence), 9)
    expect(run(frameOf(...rows), {iqr_factor: 1000}).flags).toEqual([])
  })

  it('tests first payments in the selection against history from the whole frame', () => {
    const rows = [...established(), {supplier: 'Newco', date: '2024-09-01', amount: 20_000}, {supplier: 'Newco', date: '2024-10-07', amount: 90_000_000}]
    const frame = frameOf(...rows)
    // Selecting only October does not make Newco new in October.
    const october = Uint32Array.from(rows.map((r, i) => (String(r.date) >= '2024-10-01' ? i : -1)).filter((i) => i >= 0))
    expect(run(frame, {}, october).flags).toEqual([])
    const withNew = frameOf(...established(), {supplier: 'Newco', date: '2024-10-07', amount: 90_000_000})
    expect(run(withNew, {}, Uint32Array.of(48)).notes[0].text).toMatch(/fewer than min_payments/)
    expect(run(withNew, {}, Uint32Array.from({length: 49}, (_, i) => i)).flags).toHaveLength(1)
  })

  it('runs through runChecks with its parameters echoed', () => {
    const frame = frameOf(...established(), {supplier: 'Newco', date: '2024-10-07', amount: 90_000_000})
    const out = runChecks({frame, selection: null, thresholds: [], fiscalYearStart: 4, pick}, {checks: ['new-supplier-large'], params: {'new-supplier-large': {iqr_factor: 3}}})
    expect(out.flags).toHaveLength(1)
    expect(out.parameters['new-supplier-large']).toMatchObject({iqr_factor: 3, warmup_days: 90, min_payments: 30})
  })
})

describe('fences', () => {
  it('selects the same type-7 quartiles from unsorted values as quartileEighths gives on sorted bigints', () => {
    let seed = 7
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let t = 0; t < 2000; t++) {
      const n = 1 + Math.floor(rnd() * 60)
      // Wide ranges, and narrow ones full of ties.
      const range = t % 3 === 0 ? 4 : t % 3 === 1 ? 1000 : 1e12
      const vals = Array.from({length: n}, () => Math.floor(rnd() * range))
      const big = vals.map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      for (const k of [1, 2, 3] as const) expect(quartileEighthsOf(Float64Array.from(vals), k)).toBe(quartileEighths(big, k))
      const both = Float64Array.from(vals)
      const f = upperFence(both, 1.5)
      expect([f.q1, f.q3]).toEqual([quartileEighths(big, 1), quartileEighths(big, 3)])
    }
  })

  it('compares a payment with the fence exactly', () => {
    const f = upperFence(Float64Array.of(100, 200, 300, 400, 500), 1.5)
    expect(f.upper).toBe(8n * 700n)
    expect(aboveFence(700, f)).toBe(false)
    expect(aboveFence(701, f)).toBe(true)
  })
})
