/**
 * `spend benchmark BUYER` on a known-answer fixture generated here: 8 GBP
 * buyers publishing a year of payments over £500 (Buyer A spends about twice
 * the peers' share on IT, Buyer B pays one dominant supplier, Buyer H
 * publishes only payments over £25,000), plus Buyer G with some EUR spend, a
 * buyer only in EUR and one covering half the year. Every expected figure is
 * computed in the test from the generated rows, independently of spend.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'
import {check, loadSchema} from '../contracts/schema-check.js'

type Json = Record<string, any>
interface Row {buyer: string; supplier: string; month: number; pence: number; currency: string; cpv: string}

const IT = '72000000-5'
const WORKS = '45000000-7'
const NAMES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((x) => `Buyer ${x}`)

/** The generated rows: deterministic, known by construction. */
function generate(): Row[] {
  const rows: Row[] = []
  NAMES.forEach((buyer, k) => {
    for (let month = 1; month <= 12; month++) {
      for (let j = 0; j < 10; j++) {
        const it = k === 0 ? j < 4 : j < 2
        const pounds = k === 7 ? 26_000 + 100 * j + k : 600 + 10 * j + month + (it ? 10 * k : 0)
        rows.push({buyer, supplier: `Supplier ${k}-${j}`, month, pence: pounds * 100, currency: 'GBP', cpv: it ? IT : WORKS})
      }
      if (k === 1) rows.push({buyer, supplier: 'Supplier 1-0', month, pence: 20_000_00, currency: 'GBP', cpv: WORKS})
      if (k === 6) rows.push({buyer, supplier: 'Euro Supplier', month, pence: 999_00, currency: 'EUR', cpv: WORKS})
    }
  })
  for (let month = 1; month <= 12; month++) rows.push({buyer: 'Buyer Euro', supplier: 'Euro Supplier', month, pence: 700_00, currency: 'EUR', cpv: WORKS})
  for (let month = 7; month <= 12; month++) rows.push({buyer: 'Buyer Late', supplier: 'Late Supplier', month, pence: 800_00, currency: 'GBP', cpv: WORKS})
  return rows
}

const ROWS = generate()
let ws = ''

const money = (pence: number) => `${Math.trunc(pence / 100)}.${String(pence % 100).padStart(2, '0')}`
const of = (buyer: string, currency = 'GBP') => ROWS.filter((r) => r.buyer === buyer && r.currency === currency)
const itShare = (buyer: string) => of(buyer).filter((r) => r.cpv === IT).reduce((a, r) => a + r.pence, 0) / of(buyer).reduce((a, r) => a + r.pence, 0)
function hhi(buyer: string, floor = 0): number {
  const by = new Map<string, number>()
  for (const r of of(buyer)) if (r.pence >= floor) by.set(r.supplier, (by.get(r.supplier) ?? 0) + r.pence)
  const total = [...by.values()].reduce((a, b) => a + b, 0)
  return [...by.values()].reduce((a, v) => a + (100 * v / total) ** 2, 0)
}
/** Type-7 quantile, written out again here. */
function q7(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  const h = (s.length - 1) * p
  const lo = Math.floor(h)
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo]
}
function fences(values: number[]): [number, number] {
  const [a, b] = [q7(values, 0.25), q7(values, 0.75)]
  return [a - 1.5 * (b - a), b + 1.5 * (b - a)]
}

async function bench(args: string[], code = 0): Promise<Json> {
  const r = await runCli(['benchmark', ...args, '--workspace', ws, '--json'])
  expect(r.code, r.stderr + r.stdout.slice(0, 400)).toBe(code)
  return code === 0 ? JSON.parse(r.stdout) : {}
}
const measure = (out: Json, name: string): Json => out.measures.find((m: Json) => m.measure === name)
const itMeasure = (out: Json): Json => out.measures.find((m: Json) => m.measure === 'category_mix' && String(m.category_code).startsWith('72'))

beforeAll(async () => {
  ws = tempDir('spendkit-benchmark-')
  const file = join(tempDir('spendkit-benchmark-src-'), 'payments.csv')
  const lines = ['Buyer,Supplier,Date,Amount,Currency,CPV', ...ROWS.map((r) => `${r.buyer},${r.supplier},2024-${String(r.month).padStart(2, '0')}-15,${money(r.pence)},${r.currency},${r.cpv}`)]
  writeFileSync(file, lines.join('\n') + '\n')
  const r = await runCli(['import', file, '--workspace', ws])
  expect(r.code, r.stderr).toBe(0)
}, 60_000)

const PEERS_OF_A = NAMES.slice(1)

describe('spend benchmark on the known-answer fixture', () => {
  it('Buyer A against everyone: the £25,000 floor of Buyer H, the IT share flagged high, partial and EUR-only peers named and left out', async () => {
    const out = await bench(['Buyer A', '--peers', [...PEERS_OF_A, 'Buyer Euro', 'Buyer Late'].join(',')])
    expect(out.buyer).toBe('Buyer A')
    expect(out.currency).toBe('GBP')
    expect(out.peers.map((p: Json) => p.buyer)).toEqual(PEERS_OF_A)
    expect(out.period).toMatchObject({from: '2024-01', to: '2024-12'})
    expect(out.floor).toMatchObject({amount: '25000.00', currency: 'GBP', set_by: ['Buyer H']})
    expect(out.sentence).toBe('compared on payments of £25,000 or more, the highest floor among these buyers')
    expect(out.left_out.map((l: Json) => [l.buyer, l.reason])).toEqual([['Buyer Euro', 'currency'], ['Buyer Late', 'period']])
    const csv = await runCli(['benchmark', 'Buyer A', '--peers', [...PEERS_OF_A, 'Buyer Euro', 'Buyer Late'].join(','), '--format', 'csv', '--workspace', ws])
    expect(csv.stderr).toContain('Buyer Euro has no spend in GBP and is left out')
    expect(csv.stderr).toContain('Buyer Late has no payments at the start or end of 2024-01..2024-12')
    expect(out.weak).toBe(false)
    expect(out.methods.quantile).toMatch(/type 7/)
    expect(check(loadSchema('benchmark'), out)).toEqual([])

    const it = itMeasure(out)
    const peers = PEERS_OF_A.map(itShare)
    expect(it.value).toBeCloseTo(itShare('Buyer A'), 6)
    expect(itShare('Buyer A') / q7(peers, 0.5)).toBeGreaterThan(1.8)
    expect(it.peer_median).toBeCloseTo(q7(peers, 0.5), 6)
    expect(it.p25).toBeCloseTo(q7(peers, 0.25), 6)
    expect(it.p75).toBeCloseTo(q7(peers, 0.75), 6)
    expect(it.lower_fence).toBeCloseTo(fences(peers)[0], 6)
    expect(it.upper_fence).toBeCloseTo(fences(peers)[1], 6)
    expect(it.percentile).toBe(100)
    expect(it.flag).toBe('high')
    expect(it.sentence).toMatch(/^7 of 7 peers spend a smaller share on /)
    expect(it.peer_values.map((v: Json) => v.buyer)).toEqual(PEERS_OF_A)

    const total = measure(out, 'total_spend')
    expect(total.value).toBe(money(of('Buyer A').reduce((a, r) => a + r.pence, 0)))
    expect(total.flag).toBeNull()
    expect(total.note).toMatch(/never flagged/)
    // On the £25,000 floor only Buyer H has payments to count.
    const tx = measure(out, 'transactions')
    expect(tx.value).toBe(of('Buyer A').filter((r) => r.pence >= 25_000_00).length)
    expect(tx.peer_values.find((v: Json) => v.buyer === 'Buyer H').value).toBe(of('Buyer H').length)
  })

  it('Buyer B among the over-£500 publishers: its dominant supplier flagged by HHI, exact money figures', async () => {
    const peersOfB = NAMES.filter((n) => n !== 'Buyer B' && n !== 'Buyer H')
    const out = await bench(['Buyer B', '--peers', peersOfB.join(',')])
    expect(out.floor).toMatchObject({amount: '500.00', source: expect.stringMatching(/Transparency Code/)})
    const h = measure(out, 'hhi')
    const peers = peersOfB.map((b) => hhi(b))
    expect(h.value).toBeCloseTo(hhi('Buyer B'), 2)
    expect(h.peer_median).toBeCloseTo(q7(peers, 0.5), 2)
    expect(h.upper_fence).toBeCloseTo(fences(peers)[1], 2)
    expect(h.flag).toBe('high')
    expect(h.percentile).toBe(100)
    expect(measure(out, 'transactions').value).toBe(of('Buyer B').length)
    const tx = measure(out, 'transactions')
    expect(tx.peer_values.map((v: Json) => v.value)).toEqual(peersOfB.map((b) => of(b).length))
    // The median payment of Buyer C, exactly: 120 payments, the mean of the 60th and 61st.
    const c = of('Buyer C').map((r) => r.pence).sort((a, b) => a - b)
    const twice = c[59] + c[60]
    const median = measure(out, 'median_payment').peer_values.find((v: Json) => v.buyer === 'Buyer C').value
    expect(median).toBe(twice % 2 === 0 ? money(twice / 2) : `${money((twice - 1) / 2)}5`)
  })

  it('--floor sets the floor by hand and says so', async () => {
    const out = await bench(['Buyer A', '--peers', PEERS_OF_A.join(','), '--floor', '500'])
    expect(out.floor).toMatchObject({amount: '500.00', source: 'set by --floor'})
    expect(out.sentence).toBe('compared on payments of £500 or more, the floor set by --floor')
    expect(measure(out, 'transactions').value).toBe(of('Buyer A').filter((r) => r.pence >= 500_00).length)
  })

  it('no money figure mixes currencies: Buyer G counts only its GBP, its EUR spend is never added', async () => {
    const out = await bench(['Buyer A', '--peers', 'Buyer C,Buyer D,Buyer G,Buyer Euro'])
    const g = measure(out, 'total_spend').peer_values.find((v: Json) => v.buyer === 'Buyer G')
    expect(g.value).toBe(money(of('Buyer G').reduce((a, r) => a + r.pence, 0)))
    expect(of('Buyer G', 'EUR').length).toBeGreaterThan(0)
    for (const m of out.measures) expect(m.peer_values.map((v: Json) => v.buyer)).not.toContain('Buyer Euro')
    expect(out.left_out).toEqual([expect.objectContaining({buyer: 'Buyer Euro', reason: 'currency'})])
    const two = await runCli(['benchmark', 'Buyer G', '--peers', 'Buyer A', '--workspace', ws])
    expect(two.code).toBe(2)
    expect(two.stderr).toMatch(/spend: error: --currency: Buyer G has spend in 2 currencies \(EUR, GBP\)/)
    const eur = await bench(['Buyer G', '--peers', 'Buyer A,Buyer Euro', '--currency', 'EUR'])
    expect(eur.peers.map((p: Json) => p.buyer)).toEqual(['Buyer Euro'])
    expect(measure(eur, 'total_spend').value).toBe(money(of('Buyer G', 'EUR').reduce((a, r) => a + r.pence, 0)))
  })

  it('--fx converts a peer in another currency instead of leaving it out', async () => {
    const rates = join(tempDir('spendkit-benchmark-fx-'), 'rates.csv')
    writeFileSync(rates, ['month,currency,rate', ...Array.from({length: 12}, (_, m) => `2024-${String(m + 1).padStart(2, '0')},EUR,0.5`)].join('\n') + '\n')
    const out = await bench(['Buyer A', '--peers', 'Buyer C,Buyer D,Buyer Euro', '--fx', rates, '--to', 'GBP'])
    expect(out.left_out).toEqual([])
    const euro = measure(out, 'total_spend').peer_values.find((v: Json) => v.buyer === 'Buyer Euro')
    expect(euro.value).toBe(money(of('Buyer Euro', 'EUR').reduce((a, r) => a + r.pence / 2, 0)))
  })

  it('fewer than 3 peers is weak and flags nothing; no peer left exits 1; usage mistakes exit 2', async () => {
    const weak = await bench(['Buyer A', '--peers', 'Buyer C,Buyer D'])
    expect(weak.weak).toBe(true)
    expect(weak.measures.every((m: Json) => m.flag === null)).toBe(true)
    const csv = await runCli(['benchmark', 'Buyer A', '--peers', 'Buyer C,Buyer D', '--format', 'csv', '--workspace', ws])
    expect(csv.stderr).toMatch(/only 2 peers: the comparison is weak/)
    const none = await runCli(['benchmark', 'Buyer A', '--peers', 'Buyer Euro', '--workspace', ws])
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/spend: error: No peer is left to compare Buyer A with/)
    const neither = await runCli(['benchmark', 'Buyer A', '--workspace', ws])
    expect(neither.code).toBe(2)
    const both = await runCli(['benchmark', 'Buyer A', '--peers', 'Buyer C', '--year', '2024', '--from', '2024-01', '--to', '2024-06', '--workspace', ws])
    expect(both.code).toBe(2)
  })

  it('periods: --from/--to and --year select the rows and leave out peers not covering them; a period the buyer does not cover exits 1', async () => {
    const half = await bench(['Buyer A', '--peers', 'Buyer C,Buyer D,Buyer Late', '--from', '2024-07', '--to', '2024-12'])
    expect(half.period).toMatchObject({from: '2024-07', to: '2024-12'})
    expect(half.peers.map((p: Json) => p.buyer)).toEqual(['Buyer C', 'Buyer D', 'Buyer Late'])
    expect(measure(half, 'total_spend').value).toBe(money(of('Buyer A').filter((r) => r.month >= 7).reduce((a, r) => a + r.pence, 0)))
    const year = await bench(['Buyer A', '--peers', 'Buyer C,Buyer D,Buyer Late', '--year', '2024'])
    expect(year.period).toEqual({from: '2024-01', to: '2024-12', label: '2024'})
    expect(year.left_out.map((l: Json) => [l.buyer, l.covers])).toEqual([['Buyer Late', ['2024-07..2024-12']]])
    const fiscal = await runCli(['benchmark', 'Buyer A', '--peers', 'Buyer C', '--year', '2024', '--fiscal-year-start', '4', '--workspace', ws])
    expect(fiscal.code).toBe(1)
    expect(fiscal.stderr).toMatch(/spend: error: Buyer A has no payments at the start or end of 2024-25 \(it covers 2024-01\.\.2024-12\)/)
    const days = await bench(['Buyer A', '--peers', 'Buyer C,Buyer D', '--from', '2024-03-16', '--to', '2024-Q4'])
    expect(days.period).toMatchObject({from: '2024-03-16', to: '2024-Q4'})
    expect(measure(days, 'total_spend').value).toBe(money(of('Buyer A').filter((r) => r.month >= 4).reduce((a, r) => a + r.pence, 0)))
    const onlyFrom = await runCli(['benchmark', 'Buyer A', '--peers', 'Buyer C', '--from', '2024-01', '--workspace', ws])
    expect(onlyFrom.code).toBe(2)
  })

  it('--auto N picks the nearest buyers; every format writes the measures', async () => {
    const out = await bench(['Buyer C', '--auto', '3'])
    expect(out.peer_choice).toBe('auto')
    expect(out.peers).toHaveLength(3)
    for (const f of ['table', 'csv', 'tsv', 'md']) {
      const r = await runCli(['benchmark', 'Buyer A', '--peers', PEERS_OF_A.join(','), '--format', f, '--workspace', ws])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toMatch(f === 'table' || f === 'md' ? /Median/ : /median_payment/)
    }
  })
})

describe('share of spend with new suppliers', () => {
  it('is measured against the 12 months before the period where the data reaches back, and said not computed where it does not', async () => {
    const dir = tempDir('spendkit-benchmark-new-')
    const file = join(dir, 'two-years.csv')
    const lines = ['Buyer,Supplier,Date,Amount,Currency']
    // Every buyer pays Old Co in both years; in 2024 each also pays a new supplier (500 + k x 100 pounds a month, above the £500 floor).
    for (const k of [1, 2, 3, 4]) {
      for (const year of k === 4 ? [2024] : [2023, 2024]) {
        for (let m = 1; m <= 12; m++) {
          const d = `${year}-${String(m).padStart(2, '0')}-10`
          lines.push(`Body ${k},Old Co ${k},${d},1000.00,GBP`)
          if (year === 2024) lines.push(`Body ${k},New Co ${k},${d},${500 + k * 100}.00,GBP`)
        }
      }
    }
    writeFileSync(file, lines.join('\n') + '\n')
    const w = join(dir, 'ws')
    expect((await runCli(['import', file, '--workspace', w])).code).toBe(0)
    const r = await runCli(['benchmark', 'Body 1', '--peers', 'Body 2,Body 3,Body 4', '--year', '2024', '--workspace', w, '--json'])
    expect(r.code, r.stdout.slice(0, 300)).toBe(0)
    const m = (JSON.parse(r.stdout) as Json).measures.find((x: Json) => x.measure === 'new_supplier_share')
    const share = (k: number) => (500 + k * 100) / (1500 + k * 100)
    expect(m.value).toBeCloseTo(share(1), 6)
    expect(m.peer_values.map((v: Json) => v.value)).toEqual([expect.closeTo(share(2), 6), expect.closeTo(share(3), 6), null])
    expect(m.weak).toBe(true)
    expect((JSON.parse(r.stdout) as Json).floor.amount).toBe('500.00')
  })
})
