import {describe, expect, it} from 'vitest'
import {splittingCheck} from '../../../src/analysis/flags/splitting.js'
import {poissonUpper, splitWindows} from '../../../src/analysis/flags/split-windows.js'
import {recurringMask, regular} from '../../../src/analysis/flags/split-recurring.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {frameOf} from '../../helpers/analysis-records.js'
import {ctxOf, GBP, plusDays, threshold} from './threshold-helpers.js'

const quotation = threshold('quotation', 5000)
const pay = (pounds: number, date: string, more: Partial<SpendRecord> = {}): Partial<SpendRecord> => ({amount: GBP(pounds), date, invoice_number: null, ...more})
const run = (rows: Partial<SpendRecord>[], ts = [quotation], params = {}) => splittingCheck.run(ctxOf('splitting', frameOf(...rows), ts, params))

describe('splitting', () => {
  it('finds three payments within 14 days, each under the quotation threshold and together over it', () => {
    const parts = [pay(4600, '2024-06-03'), pay(4750, '2024-06-07'), pay(4900, '2024-06-14')]
    const other = [pay(800, '2024-01-10', {supplier: 'Other'}), pay(1200, '2024-03-10', {supplier: 'Other'})]
    const r = run([...other, ...parts])
    expect(r.flags).toHaveLength(1)
    const f = r.flags[0]
    const sum = parts.reduce((s, p) => s + BigInt(p.amount as number), 0n)
    expect(f.amount).toBe(sum)
    expect([...f.rows]).toEqual([2, 3, 4])
    expect(f.supplier).toBe('ACME')
    expect(f.score).toBeCloseTo(Number(sum) / quotation.minor, 10)
    expect(f.explanation).toContain('GBP 5000.00')
    expect(f.explanation).toContain('2024-06-03 to 2024-06-14')
    expect(r.echo?.thresholds).toEqual([expect.objectContaining({name: 'quotation', amount: '5000.00', source: quotation.source})])
    expect(r.echo?.floors).toEqual([expect.objectContaining({buyer: 'Buyer A', floor: '500.00'})])
  })

  it('does not run where the buyer publishes only payments at or above the threshold, and says so', () => {
    const tender = threshold('tender', 20_000)
    const big = Array.from({length: 200}, (_, i) => pay(30_000, plusDays('2024-04-01', i)))
    const parts = [pay(17_000, '2024-06-03', {supplier: 'Split Ltd'}), pay(17_000, '2024-06-05', {supplier: 'Split Ltd'})]
    const r = run([...big, ...parts], [tender])
    expect(r.flags).toHaveLength(0)
    expect(r.notes).toEqual([expect.objectContaining({check: 'splitting', buyer: 'Buyer A', currency: 'GBP', text: expect.stringContaining('GBP 25000.00')})])
    // The same two payments in a file published from £500 are a split.
    const small = Array.from({length: 200}, (_, i) => pay(900, plusDays('2024-04-01', i)))
    expect(run([...small, ...parts], [tender]).flags).toHaveLength(1)
  })

  it('leaves monthly rent and weekly pensions under the threshold alone', () => {
    const rent = Array.from({length: 12}, (_, m) => pay(4800, `2024-${String(m + 1).padStart(2, '0')}-01`, {supplier: 'Landlord'}))
    const pension = Array.from({length: 20}, (_, w) => pay(2600, plusDays('2024-01-01', 7 * w), {supplier: 'Pension Fund'}))
    const r = run([...rent, ...pension])
    expect(r.flags).toHaveLength(0)
    // Without the schedule (the same amounts on irregular days) both would be windows over £5,000.
    const irregular = [pay(4800, '2024-01-01', {supplier: 'Landlord'}), pay(4800, '2024-01-04', {supplier: 'Landlord'})]
    expect(run(irregular).flags).toHaveLength(1)
  })

  it('counts a window as payments dated less than window_days after the first', () => {
    const edge = (gap: number) => run([pay(4200, '2024-05-01'), pay(4200, plusDays('2024-05-01', gap))]).flags.length
    expect(edge(29)).toBe(1)
    expect(edge(30)).toBe(0)
    expect(run([pay(4200, '2024-05-01'), pay(4200, '2024-05-31')], [quotation], {window_days: 31}).flags).toHaveLength(1)
  })

  it('tests each payment against the threshold in force at its date', () => {
    const ts = [threshold('quotation', 5000, '2020-01-01', '2023-12-31'), threshold('quotation', 10_000, '2024-01-01')]
    const r = run([pay(4000, '2023-12-10'), pay(4000, '2023-12-20'), pay(4000, '2024-02-10'), pay(4000, '2024-02-20')], ts)
    expect(r.flags).toHaveLength(1)
    expect([...r.flags[0].rows]).toEqual([0, 1])
    expect(r.flags[0].explanation).toContain('GBP 5000.00')
    // A window across the change date is two thresholds' payments, not one window.
    const across = run([pay(4000, '2023-12-28'), pay(4000, '2024-01-03')], ts)
    expect(across.flags).toHaveLength(0)
  })

  it('needs every payment under the threshold and at least min_share of it', () => {
    expect(run([pay(4800, '2024-05-01'), pay(5000, '2024-05-02')]).flags).toHaveLength(0)
    const thirds = [pay(2400, '2024-05-01'), pay(2400, '2024-05-02'), pay(2400, '2024-05-03')]
    expect(run(thirds).flags).toHaveLength(0)
    expect(run(thirds, [quotation], {min_share: 0.4}).flags).toHaveLength(1)
  })

  it('never groups redacted suppliers as one supplier', () => {
    const red = (date: string) => pay(4200, date, {supplier: 'REDACTED', supplier_key: 'redacted', redacted: true})
    expect(run([red('2024-05-01'), red('2024-05-03')]).flags).toHaveLength(0)
    expect(run([pay(4200, '2024-05-01'), pay(4200, '2024-05-03')]).flags).toHaveLength(1)
  })

  it('uses the supplier entity, not the published name', () => {
    const r = run([pay(4200, '2024-05-01', {supplier: 'Acme Ltd', supplier_key: 'acme'}), pay(4200, '2024-05-03', {supplier: 'ACME LIMITED', supplier_key: 'acme'})])
    expect(r.flags).toHaveLength(1)
  })

  it('leaves a supplier paid just under the threshold all year round as routine, not a split', () => {
    // Payments of £4,100-£4,900 every 9 to 12 days, varying amounts: about three in any 30 days, all year.
    const routine = Array.from({length: 34}, (_, i) => pay(4100 + ((i * 37) % 800), plusDays('2024-04-01', i * 10 + (i % 3)), {supplier: 'Care Co'}))
    const r = run(routine)
    expect(r.flags).toHaveLength(0)
    expect(r.echo?.routine_windows).toBeGreaterThan(0)
    expect(run(routine, [quotation], {routine_alpha: 1}).flags.length).toBeGreaterThan(0)
  })

  it('notes a currency with no threshold and asks for one', () => {
    const r = run([pay(3000, '2024-05-01', {currency: 'NOK'}), pay(3000, '2024-05-02', {currency: 'NOK'})])
    expect(r.flags).toHaveLength(0)
    expect(r.notes).toEqual([expect.objectContaining({currency: 'NOK', buyer: null, text: expect.stringContaining('--config thresholds:')})])
  })
})

describe('poissonUpper', () => {
  it('is the upper tail of a Poisson distribution', () => {
    expect(poissonUpper(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12)
    expect(poissonUpper(3, 1.5)).toBeCloseTo(1 - Math.exp(-1.5) * (1 + 1.5 + 1.5 ** 2 / 2), 12)
    expect(poissonUpper(2, 0)).toBe(0)
    expect(poissonUpper(0, 3)).toBe(1)
  })
})

describe('splitWindows', () => {
  it('starts the next window after a flagged one', () => {
    expect(splitWindows([0, 1, 2, 3], [3, 3, 3, 3], [1, 1, 1, 1], 5, 2, 2)).toEqual([[0, 1], [2, 3]])
  })
  it('counts the lines of one invoice number as one payment', () => {
    expect(splitWindows([0, 0, 0], [3, 3, 3], [1, 1, 1], 5, 5, 2, [7, 7, 7])).toEqual([])
    expect(splitWindows([0, 0, 0], [3, 3, 3], [1, 1, 1], 5, 5, 2, [7, 7, 8])).toEqual([[0, 1, 2]])
    expect(splitWindows([0, 0], [3, 3], [1, 1], 5, 5, 2, [-1, -1])).toEqual([[0, 1]])
  })
  it('skips payments that are not candidates', () => {
    expect(splitWindows([0, 1, 2], [3, 3, 3], [1, 0, 1], 5, 5, 2)).toEqual([[0, 2]])
    expect(splitWindows([0, 1, 2], [3, 3, 3], [1, 0, 1], 5, 2, 2)).toEqual([])
  })
})

describe('recurring series', () => {
  it('recognises weekly, monthly and quarterly schedules, with one payment missed', () => {
    expect(regular([0, 7, 14, 21, 35])).toBe(true)
    expect(regular([0, 31, 59, 90, 120])).toBe(true)
    expect(regular([0, 91, 182])).toBe(true)
    expect(regular([0, 3, 9, 20])).toBe(false)
  })
  it('marks only the amounts on a schedule, three times or more', () => {
    expect([...recurringMask([0, 31, 59, 2, 5], [7, 7, 7, 9, 9])]).toEqual([1, 1, 1, 0, 0])
    expect([...recurringMask([0, 31], [7, 7])]).toEqual([0, 0])
  })
})

describe('splitting on a small planted council file', () => {
  it('finds the planted split and leaves rent, pensions and multi-line invoices alone', async () => {
    const {random} = await import('../../helpers/prng.js')
    const rnd = random(20_240_401)
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd())
    const weekdays = Array.from({length: 365}, (_, d) => plusDays('2024-04-01', d)).filter((iso) => ![0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay()))
    const rows: Partial<SpendRecord>[] = []
    for (let i = 0; i < 2000; i++) {
      const pounds = Math.max(1, Math.round(Math.exp(Math.log(1500) + 1.2 * gauss())))
      rows.push(pay(pounds, weekdays[Math.floor(rnd() * weekdays.length)], {supplier: `Supplier ${Math.floor(rnd() * 150)}`}))
    }
    const rent = Array.from({length: 12}, (_, m) => pay(4750, `${m < 9 ? 2024 : 2025}-${String(((m + 3) % 12) + 1).padStart(2, '0')}-01`, {supplier: 'Landlord'}))
    const pension = Array.from({length: 52}, (_, w) => pay(4400, plusDays('2024-04-01', 7 * w), {supplier: 'Pension Fund'}))
    const invoice = [4200, 4300, 4450].map((p) => pay(p, '2024-09-12', {supplier: 'Multi Line Ltd', invoice_number: 'INV7001'}))
    const split = [4500, 4700, 4950].map((p, i) => pay(p, ['2024-07-01', '2024-07-08', '2024-07-12'][i], {supplier: 'Split Ltd', invoice_number: `INV80${i}`}))
    const start = rows.length + rent.length + pension.length + invoice.length
    const r = run([...rows, ...rent, ...pension, ...invoice, ...split], [quotation, threshold('tender', 25_000)])
    const planted = r.flags.filter((f) => f.supplier === 'Split Ltd')
    expect(planted).toHaveLength(1)
    expect([...planted[0].rows]).toEqual([start, start + 1, start + 2])
    for (const s of ['Landlord', 'Pension Fund']) expect(r.flags.filter((f) => f.supplier === s)).toEqual([])
    // The lines of one invoice are one payment, not a split of it.
    expect(r.flags.filter((f) => f.supplier === 'Multi Line Ltd')).toEqual([])
    // Other flags are chance pairs in the random payments, few of them.
    const others = r.flags.filter((f) => !['Split Ltd', 'Multi Line Ltd'].includes(f.supplier ?? ''))
    expect(others.length).toBeLessThanOrEqual(5)
  })
})
