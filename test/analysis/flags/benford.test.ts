import {describe, expect, it} from 'vitest'
import {benford, benfordAbove, conformityOf, expectedMad, leadingDigits, mad, MAD_BANDS} from '../../../src/analysis/flags/benford-expected.js'
import {benfordCheck} from '../../../src/analysis/flags/benford.js'
import {resolveParams} from '../../../src/analysis/flags/run.js'
import type {BenfordTest, CheckContext, CheckResult} from '../../../src/analysis/flags/types.js'
import type {SpendFrame} from '../../../src/model/frame.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {frameOf} from '../../helpers/analysis-records.js'
import {random} from '../../helpers/prng.js'

function ctx(frame: SpendFrame, params: Record<string, number> = {}): CheckContext {
  return {frame, selection: null, params: resolveParams('benford', params), thresholds: [], fiscalYearStart: 4, pick: () => { throw new Error('not read') }}
}

const benfordTests = (out: CheckResult) => (out.tests ?? []).filter((t): t is BenfordTest => t.type === 'benford')

/** n amounts (minor units) log-uniform over [lo, hi) major units: Benford's law exactly when lo..hi spans whole decades. */
function logUniform(seed: number, n: number, lo: number, hi: number): number[] {
  const rnd = random(seed)
  return Array.from({length: n}, () => Math.round(10 ** (Math.log10(lo) + rnd() * Math.log10(hi / lo)) * 100))
}

function buyer(name: string, amounts: number[]): Partial<SpendRecord>[] {
  return amounts.map((amount, i) => ({buyer: name, amount, source_line: i + 2}))
}

/** The digit masses of a log-uniform density on [lo, hi), by summing it over a fine grid of log10 x. */
function integrated(digits: 1 | 2, lo: number, hi: number): number[] {
  const steps = 400_000
  const a = Math.log10(lo)
  const w = (Math.log10(hi) - a) / steps
  const first = digits === 1 ? 1 : 10
  const out = new Array<number>(9 * first).fill(0)
  for (let s = 0; s < steps; s++) {
    const x = 10 ** (a + (s + 0.5) * w)
    out[leadingDigits(Math.floor(x), digits) - first] += 1 / steps
  }
  return out
}

describe('Benford expected proportions', () => {
  it('are log10(1 + 1/d), sum to 1, and the two-digit ones add up to the first-digit ones', () => {
    const one = benford(1)
    const two = benford(2)
    one.forEach((p, i) => expect(p).toBeCloseTo(Math.log10((i + 2) / (i + 1)), 15))
    expect(one.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12)
    expect(two.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12)
    for (let d = 1; d <= 9; d++) expect(two.slice((d - 1) * 10, d * 10).reduce((s, p) => s + p, 0)).toBeCloseTo(one[d - 1], 12)
  })

  it('above a floor at a power of ten are Benford\'s own', () => {
    expect(benfordAbove(1, 100_000, 7)).toEqual(benford(1))
    expect(benfordAbove(2, 1000, 5)).toEqual(benford(2))
  })

  it('above a floor of £500 match the log-uniform density integrated over [floor, top of the largest decade)', () => {
    for (const digits of [1, 2] as const) {
      const got = benfordAbove(digits, 50_000, 5)
      const want = integrated(digits, 50_000, 1e6)
      expect(got.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12)
      got.forEach((p, i) => expect(Math.abs(p - want[i])).toBeLessThan(1e-5))
    }
    // Only the floor's own decade: digits under 5 cannot appear.
    const part = benfordAbove(1, 50_000, 4)
    expect(part.slice(0, 4)).toEqual([0, 0, 0, 0])
    part.forEach((p, i) => expect(Math.abs(p - integrated(1, 50_000, 1e5)[i])).toBeLessThan(1e-5))
  })
})

describe('leading digits and MAD bands', () => {
  it('reads the first digits of integers exactly, also near 2^53', () => {
    for (const v of [1, 9, 10, 99, 100, 4999, 50_000, 999_999_999, Number.MAX_SAFE_INTEGER, 1e15 - 1]) {
      expect(leadingDigits(v, 1)).toBe(Number(String(v)[0]))
      if (v >= 10) expect(leadingDigits(v, 2)).toBe(Number(String(v).slice(0, 2)))
    }
  })

  it('puts a MAD equal to a bound in the lower band, and anything over the last in nonconformity', () => {
    const names = ['close', 'acceptable', 'marginal'] as const
    for (const digits of [1, 2] as const) {
      MAD_BANDS[digits].forEach((bound, i) => {
        expect(conformityOf(bound, digits)).toBe(names[i])
        expect(conformityOf(bound * (1 + 1e-9), digits)).toBe(i === 2 ? 'nonconformity' : names[i + 1])
      })
      expect(conformityOf(0, digits)).toBe('close')
    }
  })

  it('MAD is the mean absolute deviation of observed shares', () => {
    expect(mad([3, 1], [0.5, 0.5])).toBe(0.25)
    expect(expectedMad(benford(1), 4000)).toBeCloseTo(expectedMad(benford(1), 1000) / 2, 12)
  })
})

describe('benford check', () => {
  const clean = buyer('Clean Council', logUniform(1, 3000, 1, 100_000))
  const uniform = random(7)
  const broken = buyer('Odd Trust', Array.from({length: 600}, () => Math.round((6000 + uniform() * 3999) * 100)))

  it('finds a buyer whose amounts all start with 6-9 and leaves Benford data alone', () => {
    const frame = frameOf(...clean, ...broken)
    const out = benfordCheck.run(ctx(frame))
    expect(out.flags.map((f) => [f.buyer, f.kind])).toEqual([['Odd Trust', 'first-digit']])
    const flag = out.flags[0]
    const test = benfordTests(out).find((t) => t.buyer === 'Odd Trust' && t.digits === 1)
    expect(test?.conformity).toBe('nonconformity')
    expect(flag.score).toBeCloseTo((test?.mad ?? 0) / 0.015, 12)
    expect(flag.supplier).toBeNull()
    expect(flag.category).toBeNull()
    const amounts = (frame.columns.amount as {values: Float64Array}).values
    expect(flag.rows.length).toBe(600)
    for (const r of flag.rows) expect(leadingDigits(amounts[r], 1)).toBeGreaterThanOrEqual(6)
    expect(flag.amount).toBe(broken.reduce((s, r) => s + BigInt(r.amount as number), 0n))
    // The clean buyer was tested on both, and conforms.
    for (const t of benfordTests(out).filter((x) => x.buyer === 'Clean Council')) expect(t.conformity).not.toBe('nonconformity')
    expect(benfordTests(out).filter((x) => x.buyer === 'Clean Council').length).toBe(2)
    // 600 amounts: too few for the first-two-digits test.
    expect(out.notes.map((n) => [n.buyer, n.text.startsWith('first-two-digits')])).toEqual([['Odd Trust', true]])
  })

  it('says when a buyer has too few amounts for either test', () => {
    const out = benfordCheck.run(ctx(frameOf(...buyer('Small', logUniform(3, 120, 1, 1000)))))
    expect(out.flags).toEqual([])
    expect(out.notes.length).toBe(2)
    expect(out.notes[0].text).toContain('120 amounts')
    expect(benfordCheck.run(ctx(frameOf(...buyer('Small', logUniform(3, 120, 1, 1000))), {min_first_digit: 100})).notes.length).toBe(1)
  })

  it('tests an over-£500 file against Benford above its floor, where plain Benford would call it nonconforming', () => {
    const frame = frameOf(...buyer('Over 500', logUniform(5, 4000, 500, 100_000)))
    const out = benfordCheck.run(ctx(frame))
    expect(out.flags).toEqual([])
    const first = benfordTests(out).find((t) => t.digits === 1)
    expect(first?.conformity).not.toBe('nonconformity')
    expect(first?.expected).toEqual(benfordAbove(1, 50_000, 6))
    expect(mad(first?.observed ?? [], benford(1))).toBeGreaterThan(0.015)
    expect(out.echo?.floors).toEqual({'over-500 GBP': '500.00'})
  })
})
