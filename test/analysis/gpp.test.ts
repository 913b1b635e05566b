/**
 * gppColumn (the gpp_group derived column) and gppShares (spend classify
 * gpp): the longest listed prefix wins, only CPV codes count, the work is per
 * dictionary entry, and the sums are exact and add up.
 */
import {describe, expect, it} from 'vitest'
import {frameFromRecords} from '../../src/model/frame.js'
import type {SpendRecord} from '../../src/model/record.js'
import {gppColumn, gppGroupOf} from '../../src/analysis/gpp.js'
import {gppShares} from '../../src/analysis/gpp-shares.js'
import {dataClassified} from '../../src/analysis/classify/data.js'
import type {GppTag} from '../../src/model/gpp.js'

const TAGS: GppTag[] = [
  {prefix: '5023', group: 'Roads'},
  {prefix: '50232', group: 'Lighting'},
  {prefix: '30213', group: 'Computers'},
  {prefix: '0931', group: 'Electricity'},
]
const BY_PREFIX = new Map(TAGS.map((t) => [t.prefix, t.group]))

type Rec = Pick<SpendRecord, 'buyer' | 'buyer_id' | 'currency' | 'amount' | 'category_code' | 'category_scheme'>
const rec = (buyer: string, amount: number, code: string | null, currency = 'GBP', scheme: string | null = null): Rec => ({
  buyer, buyer_id: buyer.toLowerCase(), currency, amount, category_code: code, category_scheme: scheme,
})
const COLS = ['buyer', 'buyer_id', 'currency', 'amount', 'category_code', 'category_scheme'] as const

function frameOf(records: Rec[]) {
  const f = frameFromRecords(records as unknown as SpendRecord[], [...COLS])
  const withClass = {...f, columns: {...f.columns, classified_by: dataClassified(f)}}
  return {...withClass, columns: {...withClass.columns, gpp_group: gppColumn(withClass, TAGS)}}
}

describe('gppGroupOf', () => {
  it('gives the group of the longest listed prefix, check digit ignored', () => {
    expect(gppGroupOf('50232000-0', BY_PREFIX)).toBe('Lighting')
    expect(gppGroupOf('50230000-6', BY_PREFIX)).toBe('Roads')
    expect(gppGroupOf('50231000', BY_PREFIX)).toBe('Roads')
  })

  it('gives null for a code in no group and for what is not a CPV code', () => {
    expect(gppGroupOf('79410000', BY_PREFIX)).toBeNull()
    expect(gppGroupOf('5023', BY_PREFIX)).toBeNull()
    expect(gppGroupOf('Road works', BY_PREFIX)).toBeNull()
  })
})

describe('gppColumn', () => {
  it('tags each row by its CPV code; no code, a code of another scheme or in no group is null', () => {
    const f = frameOf([
      rec('A', 100, '30213100-6'), rec('A', 100, '30213100-6'), rec('A', 100, '50232000'), rec('A', 100, null),
      rec('A', 100, '09310000', 'GBP', 'proclass'), rec('A', 100, '09310000', 'GBP', 'CPV'), rec('A', 100, '79410000'),
    ])
    const col = f.columns.gpp_group!
    if (col.type !== 'dict') throw new Error('not a dict column')
    expect([...col.codes].map((c) => (c < 0 ? null : col.dict[c]))).toEqual(['Computers', 'Computers', 'Lighting', null, null, 'Electricity', null])
    // One dictionary entry per group found, not per row.
    expect(col.dict).toEqual(['Computers', 'Lighting', 'Electricity'])
  })

  it('is all null without tags or without category codes', () => {
    const f = frameFromRecords([rec('A', 1, '30213100')] as unknown as SpendRecord[], [...COLS])
    expect([...gppColumn(f, []).codes]).toEqual([-1])
    const bare = frameFromRecords([{buyer: 'A', amount: 1}] as unknown as SpendRecord[], ['buyer', 'amount'])
    expect([...gppColumn(bare, TAGS).codes]).toEqual([-1])
  })
})

describe('gppShares', () => {
  const records = [
    rec('Alpha', 120000, '30213100'), rec('Alpha', -20000, '30213100'), rec('Alpha', 50000, '09310000'),
    rec('Alpha', 80000, '79410000'), rec('Alpha', 30000, null),
    rec('Bravo', 70000, '50230000'), rec('Bravo', 40000, '50232000'), rec('Bravo', 60000, '09310000', 'EUR'),
  ]
  const f = frameOf(records)
  const rows = gppShares(f, null)
  const sum = (rs: Rec[]) => BigInt(rs.reduce((a, r) => a + (r.amount as number), 0))

  it('per buyer and currency: all spend, classified spend and GPP spend, exact', () => {
    for (const row of rows) {
      const mine = records.filter((r) => r.buyer === row.buyer && r.currency === row.currency)
      expect(row.amount).toBe(sum(mine))
      expect(row.amountClassified).toBe(sum(mine.filter((r) => r.category_code !== null)))
      expect(row.amountGpp).toBe(sum(mine.filter((r) => r.category_code !== null && gppGroupOf(r.category_code, BY_PREFIX) !== null)))
      expect(row.groups.reduce((a, g) => a + g.amount, 0n)).toBe(row.amountGpp)
      expect(row.rows).toBe(mine.length)
    }
    expect(rows.reduce((a, r) => a + r.amount, 0n)).toBe(sum(records))
  })

  it('lists groups largest first with shares of the buyer\'s spend, and orders rows by currency then GPP spend', () => {
    expect(rows.map((r) => [r.currency, r.buyer])).toEqual([['EUR', 'Bravo'], ['GBP', 'Alpha'], ['GBP', 'Bravo']])
    const alpha = rows[1]
    expect(alpha.groups.map((g) => g.group)).toEqual(['Computers', 'Electricity'])
    expect(alpha.groups[0].share).toBeCloseTo(Number(alpha.groups[0].amount) / Number(alpha.amount), 12)
  })

  it('counts only the selected rows', () => {
    const sel = Uint32Array.of(0, 5)
    const out = gppShares(f, sel)
    expect(out.map((r) => [r.buyer, r.amount, r.amountGpp])).toEqual([['Alpha', 120000n, 120000n], ['Bravo', 70000n, 70000n]])
  })
})
