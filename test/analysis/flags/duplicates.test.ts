import {describe, expect, it} from 'vitest'
import {duplicatesCheck} from '../../../src/analysis/flags/duplicates.js'
import {runChecks} from '../../../src/analysis/flags/run.js'
import type {Flag} from '../../../src/analysis/flags/types.js'
import type {DictColumn, NumColumn, SpendFrame} from '../../../src/model/frame.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {REDACTED_KEY} from '../../../src/model/supplier.js'
import {random} from '../../helpers/prng.js'
import {cleanCouncil, contextOf, drec, isoDay, lines} from './duplicates-fixture.js'

const A = cleanCouncil('Council A', 'imp-a', 600, 1)
const B = cleanCouncil('Council B', 'imp-b', 600, 2)

function run(records: SpendRecord[], params = {}) {
  const {ctx, frame, picked} = contextOf(lines(records), params)
  return {...duplicatesCheck.run(ctx), frame, picked}
}

/** A flag as an auditor reads it: kind, amount, explanation and its (file, line) evidence. */
function shown(frame: SpendFrame, f: Flag) {
  const file = frame.columns.source_file as DictColumn
  const line = frame.columns.source_line as NumColumn
  return {kind: f.kind, amount: f.amount, explanation: f.explanation, evidence: Array.from(f.rows, (i) => `${file.dict[file.codes[i]]}:${line.values[i]}`).sort()}
}

const pay = (p: Partial<SpendRecord>) => drec({buyer: 'Council A', source: 'imp-a', source_file: 'imp-a.csv', supplier: 'Planted Ltd', ...p})

describe('duplicates: the clean file and its look-alikes', () => {
  it('raises nothing on clean files', () => {
    const r = run([...A, ...B])
    expect(r.flags).toEqual([])
    // Transaction numbers are read only for candidate rows, not the whole column.
    expect(r.picked.length).toBeLessThan(A.length / 10)
  })

  it('never flags the lines of a multi-line invoice (same number and date, different amounts, some within the tolerance)', () => {
    const multi = [123_400, 55_000, 123_900, 8_800].map((amount, k) => pay({amount, date: '2024-06-03', invoice_number: 'INV777', transaction_id: `L${k}`}))
    expect(run([...A, ...multi]).flags).toEqual([])
  })

  it('recognises monthly rent and weekly pensions instead of flagging them, and says how many', () => {
    const rent = Array.from({length: 12}, (_, k) => pay({supplier: 'Landlord Ltd', amount: 250_000, date: `${k < 9 ? 2024 : 2025}-${String(((k + 3) % 12) + 1).padStart(2, '0')}-01`, invoice_number: `R${1000 + k * 37}`}))
    const pension = Array.from({length: 20}, (_, k) => pay({supplier: 'Pension Fund', amount: 31_250, date: isoDay(7 * k), invoice_number: `P${5000 + k * 91}`}))
    const r = run([...A, ...rent, ...pension])
    expect(r.flags).toEqual([])
    expect(r.echo?.recurring_recognised).toEqual({monthly: 1, weekly: 1})
    // The recognition is what keeps them out: without it the weekly pension is a near duplicate.
    const strict = run([...A, ...rent, ...pension], {recurring_min: 100})
    expect(strict.flags.some((f) => f.supplier === 'Pension Fund' && f.kind === 'same-amount-other-number')).toBe(true)
  })
})

describe('duplicates: planted anomalies', () => {
  it('flags an exact repeat in a file with almost no identical lines', () => {
    const base = A[100]
    const r = run([...A, {...base, transaction_id: 'T-again'}])
    expect(r.flags.map((f) => f.kind)).toEqual(['exact'])
    const f = r.flags[0]
    expect(f.amount).toBe(BigInt(base.amount))
    expect(f.rows.length).toBe(2)
    expect(f.supplier).toBe(base.supplier)
    expect(f.explanation).toContain(`number ${base.invoice_number}`)
    const imp = (r.echo?.imports as {import: string; routine: boolean; exact_rows: number}[]).find((i) => i.import === 'imp-a')
    expect(imp).toMatchObject({routine: false, exact_rows: 2})
  })

  it('finds each near kind', () => {
    const planted = [
      pay({amount: 412_345, date: '2024-07-08', invoice_number: 'INV5001'}),
      pay({amount: 412_345, date: '2024-07-10', invoice_number: 'INV7342'}),
      pay({supplier: 'Close Ltd', amount: 200_000, date: '2024-08-05', invoice_number: 'INV9001'}),
      pay({supplier: 'Close Ltd', amount: 201_000, date: '2024-09-16', invoice_number: 'INV9001'}),
      pay({supplier: 'Similar Ltd', amount: 77_777, date: '2024-10-07', invoice_number: 'INV1020'}),
      pay({supplier: 'Similar Ltd', amount: 77_777, date: '2024-10-09', invoice_number: 'INV1020A'}),
      pay({supplier: 'Swap Ltd', amount: 66_666, date: '2024-10-14', invoice_number: '102'}),
      pay({supplier: 'Swap Ltd', amount: 66_666, date: '2024-10-15', invoice_number: 'I02'}),
    ]
    const r = run([...A, ...planted])
    const by = (s: string) => r.flags.filter((f) => f.supplier === s).map((f) => [f.kind, f.amount])
    expect(by('Planted Ltd')).toEqual([['same-amount-other-number', 412_345n]])
    expect(by('Close Ltd')).toEqual([['same-number-close-amount', 201_000n]])
    expect(by('Similar Ltd')).toEqual([['similar-number', 77_777n]])
    expect(by('Swap Ltd')).toEqual([['similar-number', 66_666n]])
    expect(r.flags.length).toBe(4)
    for (const f of r.flags) expect(f.explanation).not.toContain('\n')
  })

  it('flags the same amount within days only in a file that publishes no numbers', () => {
    const bare = (p: Partial<SpendRecord>) => drec({buyer: 'Council C', source: 'imp-c', source_file: 'imp-c.csv', supplier: 'Bare Ltd', ...p})
    const plain = A.slice(0, 200).map((r) => ({...r, buyer: 'Council C', buyer_id: 'council-c', source: 'imp-c', source_file: 'imp-c.csv', invoice_number: null, transaction_id: null}))
    const r = run([...A, ...plain, bare({amount: 98_765, date: '2024-11-04'}), bare({amount: 98_765, date: '2024-11-06'}),
      pay({amount: 98_765, date: '2024-11-04', invoice_number: null}), pay({amount: 98_765, date: '2024-11-06', invoice_number: 'INV42'})])
    expect(r.flags.map((f) => [f.kind, f.buyer, f.amount])).toEqual([['same-amount-within-days', 'Council C', 98_765n]])
  })

  it('in a file where identical lines are routine, flags only the groups that stand out', () => {
    const rnd = random(9)
    const routine: SpendRecord[] = []
    for (let k = 0; k < 400; k++) {
      const r = drec({buyer: 'Trafford-like', source: 'imp-t', source_file: 'imp-t.csv', supplier: `T ${k % 40}`, date: isoDay(Math.floor(rnd() * 300)),
        amount: Math.round(Math.exp(7 + rnd() * 4)), invoice_number: `TI${k}`, transaction_id: `TT${k}`})
      routine.push(r)
      if (k % 7 === 0) routine.push({...r})
    }
    const big = drec({buyer: 'Trafford-like', source: 'imp-t', source_file: 'imp-t.csv', supplier: 'Big Ltd', date: '2024-05-01', amount: 50_000_000, invoice_number: 'TB1', transaction_id: 'TB1'})
    const twice = drec({buyer: 'Trafford-like', source: 'imp-t', source_file: 'imp-t.csv', supplier: 'Twice Ltd', date: '2024-05-02', amount: 12_345, invoice_number: 'TW1', transaction_id: 'TW1'})
    const near = (p: Partial<SpendRecord>) => drec({buyer: 'Trafford-like', source: 'imp-t', source_file: 'imp-t.csv', supplier: 'Near Ltd', ...p})
    const nearPairs = [near({amount: 2_500, date: '2024-06-03', invoice_number: 'N1'}), near({amount: 2_500, date: '2024-06-05', invoice_number: 'N2'}),
      near({amount: 90_000_000, date: '2024-06-03', invoice_number: 'N3'}), near({amount: 90_000_000, date: '2024-06-05', invoice_number: 'N4'})]
    const r = run([...A, ...routine, big, {...big}, twice, {...twice}, {...twice, date: '2024-07-15'}, ...nearPairs])
    expect(r.flags.map((f) => [f.kind, f.supplier, f.amount]).sort()).toEqual([
      ['exact', 'Big Ltd', 50_000_000n], ['same-amount-other-number', 'Near Ltd', 90_000_000n], ['same-number-other-date', 'Twice Ltd', 12_345n]])
    const imp = (r.echo?.imports as {import: string; routine: boolean; exact_groups: number; exact_counted_not_flagged: number}[]).find((i) => i.import === 'imp-t')
    const groups = Math.ceil(400 / 7) + 2
    // Where identical lines are routine, a repeated typical amount is too: counted, not flagged.
    expect(imp).toMatchObject({routine: true, exact_groups: groups, exact_counted_not_flagged: groups - 1, same_amount_counted_not_flagged: 1})
    expect(r.flags.find((f) => f.kind === 'exact')?.explanation).toContain('routine in this file')
    // The same file under a higher bar is not routine: every group is flagged.
    expect(run([...A, ...routine, big, {...big}], {routine_share: 0.5}).flags.filter((f) => f.kind === 'exact').length).toBe(Math.ceil(400 / 7) + 1)
  })
})

describe('duplicates: files with transaction numbers only', () => {
  const line = (p: Partial<SpendRecord>) => drec({buyer: 'Council D', source: 'imp-d', source_file: 'imp-d.csv', supplier: 'Lines Ltd', ...p})
  const plain = A.slice(0, 300).map((r) => ({...r, buyer: 'Council D', buyer_id: 'council-d', source: 'imp-d', source_file: 'imp-d.csv', invoice_number: null}))
  it('reads the transaction number of candidate rows only, and finds exact repeats by it', () => {
    const r = run([...plain, line({amount: 4_321, date: '2024-06-03', transaction_id: 'TX9'}), line({amount: 4_321, date: '2024-06-03', transaction_id: 'TX9'})])
    expect(r.flags.map((f) => [f.kind, f.explanation.includes('number TX9')])).toEqual([['exact', true]])
    expect(new Set(r.picked).size).toBe(2)
  })
  it('compares different transaction numbers across dates only: lines of one date are one payment run', () => {
    const sameDay = [line({amount: 4_321, date: '2024-06-03', transaction_id: 'TX1'}), line({amount: 4_321, date: '2024-06-03', transaction_id: 'TX2'})]
    expect(run([...plain, ...sameDay]).flags).toEqual([])
    const twoDays = [line({amount: 4_321, date: '2024-06-03', transaction_id: 'TX1'}), line({amount: 4_321, date: '2024-06-05', transaction_id: 'TX7'})]
    expect(run([...plain, ...twoDays]).flags.map((f) => f.kind)).toEqual(['same-amount-other-number'])
  })
})

describe('duplicates: redacted suppliers are not one supplier', () => {
  const red = (p: Partial<SpendRecord>) => pay({supplier: 'REDACTED', supplier_key: REDACTED_KEY, redacted: true, ...p})
  it('forms no near group and no exact group without a number', () => {
    const rows = [red({amount: 50_000, date: '2024-06-03', invoice_number: 'X1'}), red({amount: 50_000, date: '2024-06-05', invoice_number: 'X2'}),
      red({amount: 60_000, date: '2024-06-03'}), red({amount: 60_000, date: '2024-06-03'}), red({amount: 70_000, date: '2024-06-03', invoice_number: 'Y1'}),
      red({amount: 70_000, date: '2024-06-04', invoice_number: 'Y1'})]
    expect(run([...A, ...rows]).flags).toEqual([])
    // The same rows under one named supplier are three groups.
    const named = rows.map((r) => ({...r, supplier: 'Named Ltd', supplier_key: 'named ltd', redacted: false}))
    expect(run([...A, ...named]).flags.map((f) => f.kind).sort()).toEqual(['exact', 'same-amount-other-number', 'same-number-other-date'])
  })
  it('forms an exact group with the same number', () => {
    const r = run([...A, red({amount: 50_000, date: '2024-06-03', invoice_number: 'X1'}), red({amount: 50_000, date: '2024-06-03', invoice_number: 'X1'})])
    expect(r.flags.map((f) => f.kind)).toEqual(['exact'])
  })
})

describe('duplicates: determinism and the run', () => {
  const planted = () => [...A, {...A[5], transaction_id: 'again'},
    pay({amount: 412_345, date: '2024-07-08', invoice_number: 'INV5001'}), pay({amount: 412_345, date: '2024-07-10', invoice_number: 'INV7342'}),
    pay({supplier: 'Close Ltd', amount: 200_000, date: '2024-08-05', invoice_number: 'INV9001'}), pay({supplier: 'Close Ltd', amount: 201_000, date: '2024-09-16', invoice_number: 'INV9001'})]

  it('gives the same flags whatever the input order', () => {
    const records = lines(planted())
    const once = contextOf(records)
    const rnd = random(3)
    const shuffled = records.map((r) => [rnd(), r] as const).sort((x, y) => x[0] - y[0]).map(([, r]) => r)
    const again = contextOf(shuffled)
    const a = runChecks(once.ctx, {checks: ['duplicates']})
    const b = runChecks(again.ctx, {checks: ['duplicates']})
    expect(a.flags.length).toBe(3)
    expect(b.flags.map((f) => shown(again.frame, f))).toEqual(a.flags.map((f) => shown(once.frame, f)))
    expect(JSON.stringify(b.parameters)).toBe(JSON.stringify(a.parameters))
  })

  it('looks only at the selected rows', () => {
    const records = lines([...A, {...A[7], transaction_id: 'again'}])
    const {ctx} = contextOf(records)
    expect(duplicatesCheck.run(ctx).flags.length).toBe(1)
    const withoutCopy = Uint32Array.from({length: records.length - 1}, (_, i) => i)
    expect(duplicatesCheck.run({...ctx, selection: withoutCopy}).flags).toEqual([])
  })

  it('leaves allow-listed flags to the run', () => {
    const {ctx} = contextOf(lines(planted()))
    const out = runChecks(ctx, {checks: ['duplicates'], allow: [{check: 'duplicates', supplier: 'Close Ltd', reason: 'credit and rebill'}]})
    expect(out.allowed).toEqual([1])
    expect(out.flags.some((f) => f.supplier === 'Close Ltd')).toBe(false)
    expect(out.parameters.duplicates.near_days).toBe(7)
  })
})
