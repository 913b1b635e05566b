import {describe, expect, it} from 'vitest'
import {sharedSuppliers, SHARED_TOP} from '../../../src/analysis/benchmark/shared-suppliers.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {REDACTED_KEY} from '../../../src/model/supplier.js'
import {frameOf} from '../../helpers/analysis-records.js'

const A = {buyer: 'Buyer A'}
const B = {buyer: 'Buyer B'}
const C = {buyer: 'Buyer C'}
const D = {buyer: 'Buyer D'}
const RED = {supplier: 'Redacted', supplier_key: REDACTED_KEY, redacted: true}
const BLANK = {supplier: '', supplier_key: ''}

/**
 * Amounts in pence. Buyer A pays ACME 1000 + 2001, Alpha 5000, Beta 5000,
 * Gamma 400 (under a 500 floor), Solo 8000 (paid by no peer, only by Buyer D,
 * who is not one), Zeta only a -300 credit, 9000 to a redacted and 700 to a
 * blank supplier, and Omega 7000 in EUR. Buyer B pays ACME 1500, Beta 2000 +
 * 2001 + 2001, Gamma 800, Zeta 100, the same redacted and blank amounts and
 * Omega 6000 in EUR; Buyer C pays ACME 3001, Alpha 100 and Omega 7000 in GBP.
 * Eta is paid in EUR only (see below).
 */
const ROWS: Partial<SpendRecord>[] = [
  {...A, supplier: 'ACME', amount: 1000}, {...A, supplier: 'ACME', amount: 2001},
  {...A, supplier: 'Alpha', amount: 5000}, {...A, supplier: 'Beta', amount: 5000},
  {...A, supplier: 'Gamma', amount: 400}, {...A, supplier: 'Solo', amount: 8000},
  {...A, supplier: 'Zeta', amount: -300}, {...A, ...RED, amount: 9000}, {...A, ...BLANK, amount: 700},
  {...A, supplier: 'Omega', amount: 7000, currency: 'EUR'},
  {...B, supplier: 'ACME', amount: 1500}, {...B, supplier: 'Beta', amount: 2000}, {...B, supplier: 'Beta', amount: 2001},
  {...B, supplier: 'Beta', amount: 2001}, {...B, supplier: 'Gamma', amount: 800}, {...B, supplier: 'Zeta', amount: 100},
  {...B, ...RED, amount: 9000}, {...B, ...BLANK, amount: 700}, {...B, supplier: 'Omega', amount: 6000, currency: 'EUR'},
  {...C, supplier: 'ACME', amount: 3001}, {...C, supplier: 'Alpha', amount: 100}, {...C, supplier: 'Omega', amount: 7000},
  {...D, supplier: 'Solo', amount: 100},
  // In EUR: A pays Eta 600; B pays it 8 times, 8001 in all (a mean of 1000.125 pence, half a hundredth).
  {...A, supplier: 'Eta', amount: 600, currency: 'EUR'},
  ...Array.from({length: 8}, (_, k) => ({...B, supplier: 'Eta', amount: k === 0 ? 1001 : 1000, currency: 'EUR'})),
]
const PEERS = ['buyer-b', 'buyer-c']

describe('sharedSuppliers', () => {
  const frame = frameOf(...ROWS)
  const run = (more: Partial<Parameters<typeof sharedSuppliers>[1]> = {}) =>
    sharedSuppliers(frame, {currency: 'GBP', buyerId: 'buyer-a', peerIds: PEERS, floorMinor: 500, ...more})

  it('gives each shared supplier exactly: the buyer\'s spend, count and mean beside each paying peer and their medians', () => {
    const out = run()
    // At the 500 floor: Alpha's only peer payment (100) and A's Gamma (400) are under it, Solo is paid by no peer.
    expect(out).toEqual({
      currency: 'GBP', floor_minor: 500, total: 2, shown: 2,
      rows: [
        {
          supplier: 'Beta', supplier_id: 'beta', spend: '50.00', count: 1, mean: '50.0000', peers_paying: 1,
          // 6002 / 3 = 2000.666.. pence, rounded to 2000.67.
          peer_median_spend: '60.02', peer_median_mean: '20.0067',
          peers: [{buyer: 'Buyer B', buyer_id: 'buyer-b', spend: '60.02', count: 3, mean: '20.0067'}],
        },
        {
          supplier: 'ACME', supplier_id: 'acme', spend: '30.01', count: 2, mean: '15.0050', peers_paying: 2,
          // Medians of 1500 and 3001 pence: 2250.5 pence, held exactly.
          peer_median_spend: '22.505', peer_median_mean: '22.5050',
          peers: [
            {buyer: 'Buyer B', buyer_id: 'buyer-b', spend: '15.00', count: 1, mean: '15.0000'},
            {buyer: 'Buyer C', buyer_id: 'buyer-c', spend: '30.01', count: 1, mean: '30.0100'},
          ],
        },
      ],
    })
  })

  it('respects the floor: without one, Alpha and Gamma are shared too, and equal spends are ordered by supplier key', () => {
    const out = run({floorMinor: 0})
    expect(out.rows.map((r) => [r.supplier_id, r.spend])).toEqual([['alpha', '50.00'], ['beta', '50.00'], ['acme', '30.01'], ['gamma', '4.00']])
    expect(out.rows.find((r) => r.supplier_id === 'alpha')!.peers).toEqual([{buyer: 'Buyer C', buyer_id: 'buyer-c', spend: '1.00', count: 1, mean: '1.0000'}])
    // A floor above every payment of the peers shares nothing.
    expect(run({floorMinor: 6000}).total).toBe(0)
  })

  it('never matches redacted or blank suppliers, nor a supplier the buyer only credited', () => {
    for (const floorMinor of [0, 500]) {
      const ids = run({floorMinor}).rows.map((r) => r.supplier_id)
      expect(ids).not.toContain(REDACTED_KEY)
      expect(ids).not.toContain('')
      expect(ids).not.toContain('zeta')
      expect(ids).not.toContain('solo')
    }
  })

  it('never mixes currencies: Omega is shared in EUR with Buyer B only, and Buyer C\'s GBP payments to it never count', () => {
    const eur = run({currency: 'EUR', floorMinor: 0})
    expect(eur.rows.map((r) => r.supplier_id)).toEqual(['omega', 'eta'])
    // 1000.125 pence rounds half to even: 1000.12, not 1000.13.
    expect(eur.rows[1]).toMatchObject({spend: '6.00', mean: '6.0000', peers_paying: 1, peer_median_spend: '80.01', peer_median_mean: '10.0012'})
    expect(eur.rows[1].peers).toEqual([{buyer: 'Buyer B', buyer_id: 'buyer-b', spend: '80.01', count: 8, mean: '10.0012'}])
    expect(eur.rows.slice(0, 1)).toEqual([{
      supplier: 'Omega', supplier_id: 'omega', spend: '70.00', count: 1, mean: '70.0000', peers_paying: 1,
      peer_median_spend: '60.00', peer_median_mean: '60.0000', peers: [{buyer: 'Buyer B', buyer_id: 'buyer-b', spend: '60.00', count: 1, mean: '60.0000'}],
    }])
    const gbp = run({floorMinor: 0}).rows.map((r) => r.supplier_id)
    expect(gbp).not.toContain('omega')
    expect(gbp).not.toContain('eta')
  })

  it('caps the rows at top (default 20), still counting the rest; a bad cap is a usage error', () => {
    expect(SHARED_TOP).toBe(20)
    const one = run({top: 1})
    expect([one.total, one.shown, one.rows.map((r) => r.supplier_id)]).toEqual([2, 1, ['beta']])
    expect(run({top: 0})).toMatchObject({total: 2, shown: 0, rows: []})
    expect(() => run({top: -1})).toThrow(/--shared-top must be 0 or more/)
  })

  it('uses each buyer\'s own rows when given (rowsByBuyer), and never compares the buyer with itself', () => {
    const ofBuyer = (id: string, skip = -1) => Uint32Array.from(ROWS.flatMap((r, i) => (r.buyer!.toLowerCase().replace(' ', '-') === id && i !== skip ? [i] : [])))
    // Buyer B without its ACME row (row 10).
    const rowsByBuyer = new Map(['buyer-a', 'buyer-c'].map((id) => [id, ofBuyer(id)]))
    rowsByBuyer.set('buyer-b', ofBuyer('buyer-b', 10))
    const acme = run({rowsByBuyer}).rows.find((r) => r.supplier_id === 'acme')!
    expect(acme.peers.map((p) => p.buyer_id)).toEqual(['buyer-c'])
    expect(run({peerIds: ['buyer-a', ...PEERS]})).toEqual(run())
  })
})
