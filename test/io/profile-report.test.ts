import {shareJson} from '../../src/analysis/json.js'
/**
 * `spend profile` as people read it: the undated year row is labelled, the
 * "(N more)" row carries the exact amount and payments of the rest, and a
 * rank names its currency (ranks are per currency).
 */
import {describe, expect, it} from 'vitest'
import {profile, profileToJson} from '../../src/analysis/profile.js'
import {profileOutput, profileViews} from '../../src/io/write/profile-report.js'
import {formatMinor} from '../../src/model/money.js'
import {frameOf} from '../helpers/analysis-records.js'

// Buyer X pays 14 suppliers in GBP (one payment undated) and one in EUR.
const recs = [
  ...Array.from({length: 14}, (_, i) => ({buyer: 'X', supplier: `S${String(i).padStart(2, '0')}`, amount: 1000 + i * 37, date: i === 3 ? null : '2024-05-01'})),
  {buyer: 'X', supplier: 'S00', amount: 999, currency: 'EUR', date: '2023-02-01'},
  {buyer: 'Y', supplier: 'S01', amount: 50_000},
]
const f = frameOf(...recs)
const result = profile(f, {kind: 'buyer', query: 'X'})
const out = profileOutput(profileToJson(result), result, {})
const [overview, years, suppliers] = profileViews(out, result, true, {})

describe('profile views', () => {
  it('labels the undated year "undated" for people and null in JSON', () => {
    expect(years.rows.map((r) => [r.label, r.currency])).toEqual([['2023', 'EUR'], ['2024', 'GBP'], ['undated', 'GBP']])
    expect((out.years as {year: string | null}[]).map((y) => y.year)).toEqual(['2023', '2024', null])
    expect(out.rows.filter((r) => r.section === 'year').map((r) => r.key)).toEqual(['2023', '2024', null])
  })

  it('gives the "(N more)" row the exact amount, payments and share of the rest', () => {
    const gbp = result.counterparts.filter((c) => c.currency === 'GBP')
    const rest = gbp.slice(10)
    const more = suppliers.rows.find((r) => String(r.label).startsWith('('))!
    const total = result.totals.find((t) => t.currency === 'GBP')!.amount
    const restAmount = rest.reduce((a, c) => a + c.amount, 0n)
    expect(more).toMatchObject({
      label: `(${rest.length} more)`, currency: 'GBP', amount: formatMinor(restAmount, 'GBP'),
      count: rest.reduce((a, c) => a + c.count, 0),
    })
    // Rounded by the one rule for shares (shareJson), like every other share.
    expect(more.share).toBe(shareJson(Number(restAmount) / Number(total)))
    // The shown lines and the rest add up to the buyer's total.
    const shown = suppliers.rows.filter((r) => r.currency === 'GBP' && r !== more).reduce((a, r) => a + BigInt(String(r.amount).replace('.', '')), 0n)
    expect(shown + restAmount).toBe(total)
  })

  it('names the currency of each rank', () => {
    const ranks = overview.rows.filter((r) => r.item === 'Rank').map((r) => r.value)
    expect(ranks).toEqual(['1 of 1 EUR buyers', '2 of 2 GBP buyers'])
    const s = profile(f, {kind: 'supplier', query: 'S01'})
    const sv = profileViews(profileOutput(profileToJson(s), s, {}), s, true, {})[0]
    expect(sv.rows.find((r) => r.item === 'Rank')!.value).toBe('1 of 14 GBP suppliers')
  })
})
