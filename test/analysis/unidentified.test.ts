/**
 * Redacted and blank suppliers are many unknown payees, not one supplier: the
 * supplier measures leave them out (shares of identified spend) and say what
 * was left out; totals and the cube keep them; `redactedAsSupplier` restores
 * one "Redacted" supplier.
 */
import {describe, expect, it} from 'vitest'
import {concentration, concentrationToJson} from '../../src/analysis/concentration.js'
import {cube, cubeToJson} from '../../src/analysis/cube.js'
import {dim} from '../../src/analysis/dims.js'
import {filterRows} from '../../src/analysis/filter.js'
import {pareto, paretoToJson} from '../../src/analysis/pareto.js'
import {profile, profileToJson} from '../../src/analysis/profile.js'
import {SELECT_MAX} from '../../src/analysis/select.js'
import {top, topToJson} from '../../src/analysis/top.js'
import {frameFromRecords} from '../../src/model/frame.js'
import {REDACTED_KEY, supplierKey} from '../../src/model/supplier.js'
import {frameOf, rec} from '../helpers/analysis-records.js'

// Redacted is the largest "supplier" (as in Trafford); a blank name shares its key, as the importer gives it.
const rows = [
  {buyer: 'B1', supplier: 'Redacted', redacted: true, amount: 9000},
  {buyer: 'B1', supplier: 'Redacted', redacted: true, amount: 1000},
  {buyer: 'B2', supplier: '', supplier_key: REDACTED_KEY, redacted: true, amount: 500},
  {buyer: 'B1', supplier: 'Acme', amount: 4000},
  {buyer: 'B2', supplier: 'Acme', amount: 2000},
  {buyer: 'B1', supplier: 'Beta', amount: 3000},
  {buyer: 'B2', supplier: 'Gamma', amount: 1000},
  {buyer: 'B2', supplier: 'Gamma', amount: 500, currency: 'EUR'},
]
const f = frameOf(...rows)
const sum = (pick: (r: (typeof rows)[number]) => boolean) =>
  BigInt(rows.filter((r) => (r.currency ?? 'GBP') === 'GBP' && pick(r)).reduce((a, r) => a + r.amount, 0))
const gbpTotal = sum(() => true)
const gbpLeft = sum((r) => r.redacted === true)
const gbpIdentified = gbpTotal - gbpLeft

describe('top suppliers leave redacted and blank suppliers out of the ranking', () => {
  it.each([2, SELECT_MAX + 1])('ranks identified suppliers only, shares of identified spend (--top %i)', (n) => {
    const r = top(f, {what: 'suppliers', top: n})
    const gbp = r.rows.filter((x) => x.currency === 'GBP')
    expect(gbp.map((x) => x.id)).not.toContain(REDACTED_KEY)
    expect(gbp[0]).toMatchObject({rank: 1, id: 'acme', amount: 6000n})
    expect(gbp[0].share).toBeCloseTo(6000 / Number(gbpIdentified), 12)
    // Ranked rows (and the folded rest) plus what was left out give the whole total, exactly.
    const shown = gbp.reduce((a, x) => a + x.amount, 0n)
    expect(r.unidentified).toEqual([{currency: 'GBP', amount: gbpLeft, count: 3, total: gbpTotal}])
    expect(shown + r.unidentified[0].amount).toBe(gbpTotal)
  })

  it('folds the rest without the unidentified spend', () => {
    const rowsOut = topToJson(top(f, {what: 'suppliers', top: 1})).rows.filter((x) => x.currency === 'GBP')
    // Beta and Gamma (GBP): 30.00 + 10.00, no redacted spend in the rest.
    expect(rowsOut.map((x) => [x.rank, x.supplier, x.amount])).toEqual([[1, 'Acme', '60.00'], [null, 'Other (2 suppliers)', '40.00']])
  })

  it('says per --by group what was left out', () => {
    const json = topToJson(top(f, {what: 'suppliers', by: 'buyer', top: 5}))
    expect(json.unidentified).toEqual([
      {buyer: 'B1', buyer_id: 'b1', currency: 'GBP', amount: '100.00', count: 2, share: Number((10000 / 17000).toPrecision(6))},
      {buyer: 'B2', buyer_id: 'b2', currency: 'GBP', amount: '5.00', count: 1, share: Number((500 / 3500).toPrecision(6))},
    ])
    const b1 = json.rows.filter((x) => x.buyer === 'B1')
    expect(b1.map((x) => x.share)).toEqual([4000 / 7000, 3000 / 7000].map((x) => Number(x.toPrecision(6))))
  })

  it('ranks them as one supplier with redactedAsSupplier (the behaviour before)', () => {
    const r = top(f, {what: 'suppliers', top: 2, redactedAsSupplier: true})
    expect(r.rows.find((x) => x.currency === 'GBP')).toMatchObject({rank: 1, id: REDACTED_KEY, amount: gbpLeft})
    expect(r.unidentified).toEqual([])
  })

  it('ranks buyers and categories as before, every row included', () => {
    const r = top(f, {what: 'buyers'})
    expect(r.rows.filter((x) => x.currency === 'GBP').reduce((a, x) => a + x.amount, 0n)).toBe(gbpTotal)
    expect(topToJson(r)).not.toHaveProperty('unidentified')
  })
})

describe('pareto and concentration use identified spend', () => {
  it('pareto: classes of identified suppliers; the group amount keeps the total', () => {
    const g = pareto(f).groups.find((x) => x.currency === 'GBP')!
    expect(g.amount).toBe(gbpTotal)
    expect(g.suppliers).toBe(3)
    expect(g.positive).toBe(gbpIdentified)
    expect(g.unidentified).toEqual({amount: gbpLeft, count: 3})
    expect(g.classes.reduce((a, c) => a + c.amount, 0n) + g.unidentified.amount).toBe(gbpTotal)
    const json = paretoToJson(pareto(f)).groups.find((x) => x.currency === 'GBP')!
    expect(json.unidentified).toEqual({amount: '105.00', count: 3, share: Number((Number(gbpLeft) / Number(gbpTotal)).toPrecision(6))})
  })

  it('pareto --detail lists no redacted supplier; redactedAsSupplier puts it first', () => {
    const ids = (asSupplier: boolean) => pareto(f, {detail: true, redactedAsSupplier: asSupplier}).groups.find((x) => x.currency === 'GBP')!.detail!.map((s) => s.id)
    expect(ids(false)).toEqual(['acme', 'beta', 'gamma'])
    expect(ids(true)).toEqual([REDACTED_KEY, 'acme', 'beta', 'gamma'])
  })

  it('concentration: CR1 is not set by Redacted, HHI is over identified suppliers', () => {
    const r = concentration(f).rows.find((x) => x.currency === 'GBP')!
    expect(r.amount).toBe(gbpTotal)
    expect(r.suppliers).toBe(3)
    expect(r.cr1).toBeCloseTo(6000 / Number(gbpIdentified), 12)
    const shares = [6000, 3000, 1000].map((a) => (100 * a) / Number(gbpIdentified))
    expect(r.hhi).toBeCloseTo(shares.reduce((a, s) => a + s * s, 0), 9)
    expect(r.unidentified).toEqual({amount: gbpLeft, count: 3})
    const old = concentration(f, {redactedAsSupplier: true}).rows.find((x) => x.currency === 'GBP')!
    expect(old.cr1).toBeCloseTo(Number(gbpLeft) / Number(gbpTotal), 12)
    expect(old.suppliers).toBe(4)
    expect(concentrationToJson(concentration(f)).rows.find((x) => x.currency === 'GBP')!.unidentified).toMatchObject({amount: '105.00', count: 3})
  })

  it('concentration per buyer leaves out each buyer\'s own unidentified spend', () => {
    const byBuyer = concentration(f, {by: 'buyer'}).rows.filter((x) => x.currency === 'GBP')
    expect(byBuyer.map((x) => [x.group?.id, x.suppliers, x.unidentified.amount])).toEqual([['b1', 2, 10000n], ['b2', 2, 500n]])
  })
})

describe('the cube keeps them as one marked row', () => {
  it('cube --by supplier: the redacted row stays (totals), marked unidentified', () => {
    const c = cube(f, {by: ['supplier']})
    const red = c.rows.filter((r) => r.unidentified)
    expect(red.map((r) => [r.ids[0], r.currency, r.amount])).toEqual([[REDACTED_KEY, 'GBP', gbpLeft]])
    expect(c.rows.filter((r) => r.currency === 'GBP').reduce((a, r) => a + r.amount, 0n)).toBe(gbpTotal)
    const json = cubeToJson(c).rows
    expect(json.filter((r) => r.unidentified === true).map((r) => r.supplier_key)).toEqual([REDACTED_KEY])
    expect(json.filter((r) => r.supplier_key !== REDACTED_KEY).every((r) => !('unidentified' in r))).toBe(true)
  })
})

describe('profile ranks among identified suppliers', () => {
  it('ranks a supplier without the redacted ones, and of counts identified suppliers', () => {
    const p = profile(f, {kind: 'supplier', query: 'Acme'})
    expect(p.totals.find((t) => t.currency === 'GBP')).toMatchObject({rank: 1, of: 3})
    expect(p.unidentified).toBe(false)
    expect(profile(f, {kind: 'supplier', query: 'Acme', redactedAsSupplier: true}).totals.find((t) => t.currency === 'GBP')).toMatchObject({rank: 2, of: 4})
  })

  it('profiles "Redacted" as the unidentified group, unranked', () => {
    const p = profileToJson(profile(f, {kind: 'supplier', query: 'Redacted'}))
    expect(p.unidentified).toBe(true)
    expect(p.totals).toEqual([{currency: 'GBP', amount: '105.00', count: 3, first: '2024-01-15', last: '2024-01-15', rank: null, of: 3}])
  })
})

describe('which suppliers are unidentified', () => {
  it('marks the placeholders\' shared key, and placeholder names standing in for blank keys', () => {
    const g = frameFromRecords([
      rec({supplier: 'Acme', supplier_key: ''}),
      rec({supplier: 'Name Withheld', supplier_key: ''}),
      rec({supplier: '', supplier_key: ''}),
      rec({supplier: 'Bolt', supplier_key: 'bolt'}),
    ])
    const d = dim(g, 'supplier')
    const marked = d.ids.filter((_, k) => d.unidentified![k] === 1)
    expect(marked).toEqual(['Name Withheld', '', null])
  })

  it('never gives a real name the placeholders\' key', () => {
    expect(supplierKey('Redacted Ltd')).toBe('redacted ltd')
    expect(supplierKey('REDACTED')).toBe(REDACTED_KEY)
  })

  it('--exclude-redacted drops rows flagged redacted and rows under the shared key (a blank OCDS supplier)', () => {
    const g = frameOf({supplier: 'Acme'}, {supplier: 'Redacted', redacted: true}, {supplier: '', supplier_key: REDACTED_KEY, redacted: false})
    expect(Array.from(filterRows(g, {excludeRedacted: true})!)).toEqual([0])
  })
})
