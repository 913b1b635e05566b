/**
 * The shared-suppliers table of `spend benchmark` on a fixture generated
 * here: four GBP bodies paying a year of monthly payments over £500. Every
 * body pays Common Co, Bodies 1 and 2 also Pair Co, each its own supplier,
 * and all of them a redacted payee (never shared); Body 4 also pays Common
 * Co in EUR (never added); Body 5 covers 2023 only. The expected figures are
 * computed here from the generated rows, independently of spend.
 */
import {roundDecimal} from '../../src/io/write/benchmark-figures.js'
import {groupThousands} from '../../src/io/write/view.js'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'
import {check, loadSchema} from '../contracts/schema-check.js'

type Json = Record<string, any>
interface Row {buyer: string; supplier: string; year: number; month: number; pence: number; currency: string}

const NOTE = 'A starting point for price comparison, not a price benchmark: the same supplier may sell different things to each buyer.'
const PEERS = ['Body 2', 'Body 3', 'Body 4']

function generate(): Row[] {
  const rows: Row[] = []
  for (const k of [1, 2, 3, 4, 5]) {
    const year = k === 5 ? 2023 : 2024
    for (let month = 1; month <= 12; month++) {
      const at = {buyer: `Body ${k}`, year, month, currency: 'GBP'}
      rows.push({...at, supplier: 'Common Co', pence: (600 + 10 * k) * 100 + 7 * month})
      if (k <= 2) rows.push({...at, supplier: 'Pair Co', pence: (900 - 50 * k) * 100 + month})
      rows.push({...at, supplier: `Own Co ${k}`, pence: 700_00 + 100 * k})
      rows.push({...at, supplier: 'Redacted', pence: 50_000_00})
      if (k === 4) rows.push({...at, supplier: 'Common Co', pence: 999_00, currency: 'EUR'})
    }
  }
  return rows
}

const ROWS = generate()
let ws = ''

const money = (pence: bigint, decimals = 2) => {
  const s = pence.toString().padStart(decimals + 1, '0')
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`
}
/** sum / count in hundredths of a penny, rounded half to even. */
function mean(sum: bigint, count: number): bigint {
  const n = sum * 100n
  const d = BigInt(count)
  const q = n / d
  const r = n % d
  return 2n * r > d || (2n * r === d && q % 2n === 1n) ? q + 1n : q
}
/** What a body paid a supplier in GBP in 2024. */
function paid(buyer: string, supplier: string): {sum: bigint; count: number} {
  const list = ROWS.filter((r) => r.buyer === buyer && r.supplier === supplier && r.currency === 'GBP' && r.year === 2024)
  return {sum: list.reduce((a, r) => a + BigInt(r.pence), 0n), count: list.length}
}
/** The median of exact values in units of 10^-decimals, as text (a half written with one more digit). */
function median(values: bigint[], decimals: number): string {
  const s = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const mid = s.length >> 1
  if (s.length % 2 === 1) return money(s[mid], decimals)
  const twice = s[mid - 1] + s[mid]
  return twice % 2n === 0n ? money(twice / 2n, decimals) : money(twice * 5n, decimals + 1)
}

function expected(supplier: string): Json {
  const own = paid('Body 1', supplier)
  const peers = PEERS.map((p) => ({buyer: p, ...paid(p, supplier)})).filter((p) => p.count > 0)
  return {
    supplier, spend: money(own.sum), count: own.count, mean: money(mean(own.sum, own.count), 4),
    peers_paying: peers.length,
    peer_median_spend: median(peers.map((p) => p.sum), 2),
    peer_median_mean: median(peers.map((p) => mean(p.sum, p.count)), 4),
    peers: peers.map((p) => ({buyer: p.buyer, spend: money(p.sum), count: p.count, mean: money(mean(p.sum, p.count), 4)})),
  }
}

async function bench(args: string[]) {
  return runCli(['benchmark', 'Body 1', '--workspace', ws, ...args])
}

beforeAll(async () => {
  ws = tempDir('spendkit-benchmark-shared-')
  const file = join(tempDir('spendkit-benchmark-shared-src-'), 'payments.csv')
  const lines = ['Buyer,Supplier,Date,Amount,Currency', ...ROWS.map((r) => `${r.buyer},${r.supplier},${r.year}-${String(r.month).padStart(2, '0')}-15,${money(BigInt(r.pence))},${r.currency}`)]
  writeFileSync(file, lines.join('\n') + '\n')
  const r = await runCli(['import', file, '--workspace', ws])
  expect(r.code, r.stderr).toBe(0)
}, 60_000)

describe('spend benchmark: shared suppliers', () => {
  it('lists the suppliers the buyer shares with its peers, exactly, largest first, in an added JSON field the schema declares', async () => {
    const r = await bench(['--peers', PEERS.join(','), '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(check(loadSchema('benchmark'), out)).toEqual([])
    // The measures are still there, unchanged in shape.
    expect(out.measures.map((m: Json) => m.measure)).toContain('mean_payment')
    const s = out.shared_suppliers
    expect([s.note, s.total, s.shown, s.top]).toEqual([NOTE, 2, 2, 20])
    // Pair Co (Bodies 1 and 2) against Common Co (everyone): the buyer's larger spend first.
    const order = ['Pair Co', 'Common Co'].sort((a, b) => Number(paid('Body 1', b).sum - paid('Body 1', a).sum))
    expect(s.rows.map((x: Json) => x.supplier)).toEqual(order)
    for (const row of s.rows) {
      const {supplier_id: id, peers, ...rest} = row
      expect(typeof id).toBe('string')
      const want = expected(row.supplier)
      expect({...rest, peers: peers.map(({buyer_id: _, ...p}: Json) => p)}).toEqual(want)
    }
    // Body 4's EUR payments to Common Co are never added to its GBP ones.
    const common = s.rows.find((x: Json) => x.supplier === 'Common Co')
    expect(common.peers.find((p: Json) => p.buyer === 'Body 4').count).toBe(12)
    expect(JSON.stringify(s.rows)).not.toMatch(/Redacted|Own Co/)
  })

  it('--fx converts a peer\'s payments in another currency (EUR at 2, so above the £500 floor) before they are added', async () => {
    const rates = join(tempDir('spendkit-benchmark-shared-fx-'), 'rates.csv')
    writeFileSync(rates, ['month,currency,rate', ...Array.from({length: 12}, (_, m) => `2024-${String(m + 1).padStart(2, '0')},EUR,2`)].join('\n') + '\n')
    const r = await bench(['--peers', PEERS.join(','), '--fx', rates, '--to', 'GBP', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const body4 = JSON.parse(r.stdout).shared_suppliers.rows.find((x: Json) => x.supplier === 'Common Co').peers.find((p: Json) => p.buyer === 'Body 4')
    const eur = ROWS.filter((x) => x.buyer === 'Body 4' && x.supplier === 'Common Co' && x.currency === 'EUR')
    const gbp = paid('Body 4', 'Common Co')
    expect(body4).toMatchObject({count: gbp.count + eur.length, spend: money(gbp.sum + eur.reduce((a, x) => a + BigInt(x.pence) * 2n, 0n))})
  })

  it('--shared-top caps the rows and says how many more there are', async () => {
    const r = await bench(['--peers', PEERS.join(','), '--shared-top', '1', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const s = JSON.parse(r.stdout).shared_suppliers
    expect([s.total, s.shown, s.top, s.rows.length]).toEqual([2, 1, 1, 1])
    const t = await bench(['--peers', PEERS.join(','), '--shared-top', '1', '--format', 'csv'])
    expect(t.stderr).toContain('1 more shared supplier not shown (--shared-top N shows more)')
    expect((await bench(['--peers', PEERS.join(','), '--shared-top', '-1'])).code).toBe(2)
  })

  it('every format: a second table for people with the note; CSV/TSV the measures, or with --shared-suppliers the shared table and the note on stderr', async () => {
    for (const format of ['table', 'md']) {
      const r = await bench(['--peers', PEERS.join(','), '--format', format])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toContain(NOTE)
      expect(r.stdout).toMatch(/peers' median mean/)
      // The shared suppliers come second, after the measures.
      expect(r.stdout.indexOf('Benchmark of Body 1')).toBeGreaterThanOrEqual(0)
      expect(r.stdout.indexOf('Benchmark of Body 1')).toBeLessThan(r.stdout.indexOf('Shared suppliers'))
      const want = expected('Common Co')
      // People see means to the penny (CSV and JSON keep them exact, below).
      const pence = (v: string) => groupThousands(roundDecimal(v, 2)).replace('.', '\\.')
      expect(r.stdout).toMatch(new RegExp(`Common Co.*${pence(want.mean)}.*${pence(want.peer_median_mean)}`))
    }
    const csv = await bench(['--peers', PEERS.join(','), '--format', 'csv'])
    expect(csv.stdout.split('\n')[0]).toMatch(/^measure,/)
    for (const [format, sep] of [['csv', ','], ['tsv', '\t']]) {
      const r = await bench(['--peers', PEERS.join(','), '--format', format, '--shared-suppliers'])
      expect(r.code, r.stderr).toBe(0)
      const lines = r.stdout.trim().split('\n').map((l) => l.split(sep))
      expect(lines[0]).toEqual(['supplier', 'supplier_id', 'spend', 'count', 'mean', 'peers_paying', 'peer_median_spend', 'peer_median_mean'])
      const want = expected('Common Co')
      const row = lines.find((l) => l[0] === 'Common Co')!
      expect(row.slice(2)).toEqual([want.spend, String(want.count), want.mean, String(want.peers_paying), want.peer_median_spend, want.peer_median_mean])
      expect(lines).toHaveLength(3)
      expect(r.stderr).toContain(NOTE)
    }
  })

  it('--any-period leaves the table out and says why', async () => {
    const r = await bench(['--peers', 'Body 5', '--any-period', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const s = JSON.parse(r.stdout).shared_suppliers
    expect(s).toMatchObject({total: null, shown: 0, rows: []})
    expect(s.note).toMatch(/not compared with --any-period/)
    const t = await bench(['--peers', 'Body 5', '--any-period', '--format', 'table'])
    expect(t.code, t.stderr).toBe(0)
    expect(t.stderr).toMatch(/shared suppliers are not compared with --any-period/)
    expect(t.stdout).not.toContain('Shared suppliers')
  })
})
