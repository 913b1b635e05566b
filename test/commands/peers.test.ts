import {writeFileSync, rmSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {check, loadSchema} from '../contracts/schema-check.js'
import {cpvLabels} from '../../src/io/cpv-labels.js'

/**
 * A small workspace of buyers whose nearest peers are known by construction:
 * Beta has Alpha's category mix and almost its total; Gamma its total but
 * another mix; Delta its mix at ten times the total. Omega spends in two
 * currencies. The expected distances are recomputed here, independently of
 * src/analysis, from the same spend per buyer and category.
 */
const IT = '72212000-4'
const WORKS = '45000000-7'
const SPEND: Record<string, Record<string, number>> = {
  'Alpha Council': {[IT]: 5000, [WORKS]: 5000},
  'Alpha District Council': {[IT]: 1000, [WORKS]: 9000},
  'Beta Council': {[IT]: 5500, [WORKS]: 5500},
  'Gamma Council': {[IT]: 9000, [WORKS]: 1000},
  'Delta Council': {[IT]: 50000, [WORKS]: 50000},
}
const POPULATION: Record<string, number> = {
  'Alpha Council': 100000, 'Alpha District Council': 500000, 'Beta Council': 900000, 'Gamma Council': 110000, 'Delta Council': 104000,
}

let dir: string
let ws: string
let csv: string
let sizes: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spendkit-peers-'))
  ws = join(dir, 'ws')
  csv = join(dir, 'spend.csv')
  sizes = join(dir, 'sizes.csv')
  const lines = ['Buyer,Supplier,Date,Amount,Currency,CPV']
  for (const [buyer, cats] of Object.entries(SPEND)) {
    // Each category's spend in two payments, so totals are sums, not single rows.
    for (const [cpv, amount] of Object.entries(cats)) lines.push(`${buyer},Supplier A,2024-03-01,${amount / 2}.00,GBP,${cpv}`, `${buyer},Supplier B,2024-09-01,${amount / 2}.00,GBP,${cpv}`)
  }
  lines.push(`Omega Agency,Supplier A,2024-03-01,3000.00,GBP,${IT}`, `Omega Agency,Supplier C,2024-04-01,2000.00,EUR,${WORKS}`)
  writeFileSync(csv, lines.join('\n') + '\n')
  const sizeLines = ['buyer,year,population,employees']
  for (const [buyer, pop] of Object.entries(POPULATION)) sizeLines.push(`${buyer},2024,${pop},${pop / 100}`, `${buyer},2023,${pop - 1000},`)
  sizeLines.push('Nowhere Borough,2024,5,1')
  writeFileSync(sizes, sizeLines.join('\n') + '\n')
  const imp = await runCli(['import', csv, '-w', ws])
  expect(imp.code, imp.stderr).toBe(0)
}, 60_000)

afterAll(() => rmSync(dir, {recursive: true, force: true}))

/** Weighted z-score distances from `target`, recomputed from raw features (population sd over the candidates). */
function expectedDistances(target: string, feats: Record<string, number[]>, weights: number[]): Map<string, number> {
  const names = Object.keys(feats)
  const k = weights.length
  const z: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, [] as number[]]))
  for (let j = 0; j < k; j++) {
    const xs = names.map((n) => feats[n][j])
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length)
    for (const n of names) z[n].push((feats[n][j] - mean) / sd)
  }
  const out = new Map<string, number>()
  for (const n of names) if (n !== target) out.set(n, Math.sqrt(z[n].reduce((s, v, j) => s + weights[j] * (v - z[target][j]) ** 2, 0)))
  return out
}

/** Candidates in GBP (Omega's GBP spend counts: it has GBP payments) with size = total and the two mix shares. */
function gbpFeatures(size?: Record<string, number>): Record<string, number[]> {
  const all: Record<string, Record<string, number>> = {...SPEND, 'Omega Agency': {[IT]: 3000}}
  const out: Record<string, number[]> = {}
  for (const [b, cats] of Object.entries(all)) {
    if (size && size[b] === undefined) continue
    const total = (cats[IT] ?? 0) + (cats[WORKS] ?? 0)
    out[b] = [size ? size[b] : total, (cats[WORKS] ?? 0) / total, (cats[IT] ?? 0) / total]
  }
  return out
}

describe('spend peers BUYER --auto N', () => {
  it('lists the nearest peers by construction, with distances an independent computation agrees with, and the JSON contract', async () => {
    const r = await runCli(['peers', 'Alpha Council', '--auto', '3', '-w', ws, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(check(loadSchema('peers'), out)).toEqual([])
    expect(out.buyer).toBe('Alpha Council')
    expect(out.currency).toBe('GBP')
    expect(out.weights).toEqual({size: 1, mix: 1})
    expect(out.features.map((f: {feature: string}) => f.feature)).toEqual(['size', `mix:${WORKS.slice(0, 8)}`, `mix:${IT.slice(0, 8)}`])
    // The mix weight is spread over the two categories.
    expect(out.features.map((f: {weight: number}) => f.weight)).toEqual([1, 0.5, 0.5])
    const want = expectedDistances('Alpha Council', gbpFeatures(), [1, 0.5, 0.5])
    const order = [...want.entries()].sort((a, b) => a[1] - b[1]).slice(0, 3)
    expect(out.peers.map((p: {buyer: string}) => p.buyer)).toEqual(order.map(([b]) => b))
    expect(out.peers[0].buyer).toBe('Beta Council')
    for (const p of out.peers) expect(p.distance).toBeCloseTo(want.get(p.buyer)!, 9)
    // Beta differs from Alpha in size only: the mix brings it closest, size pushes it furthest.
    expect(out.peers[0].furthest[0].feature).toBe('size')
    expect(out.peers[0].closest[0].contribution).toBe(0)
    expect(out.candidates).toBe(6)
  })

  it('shows the peer table and the features with their weights for people, and CSV for scripts', async () => {
    const md = await runCli(['peers', 'Alpha Council', '--auto', '2', '-w', ws, '--weights', 'size=2,mix=1', '--format', 'md'])
    expect(md.code, md.stderr).toBe(0)
    expect(md.stdout).toContain('Nearest 2 peers of Alpha Council')
    expect(md.stdout).toContain('weights: size=2, mix=1')
    expect(md.stdout).toMatch(/\| *peer *\| *distance *\| *closest *\| *furthest *\|/)
    const csvOut = await runCli(['peers', 'Alpha Council', '--auto', '2', '-w', ws, '--format', 'csv'])
    expect(csvOut.code, csvOut.stderr).toBe(0)
    expect(csvOut.stdout.split('\n')[0]).toBe('rank,buyer,buyer_id,distance,closest,furthest')
  })

  it('uses a --size column for the size feature', async () => {
    const r = await runCli(['peers', 'Alpha Council', '--auto', '2', '-w', ws, '--size', sizes, '--size-column', 'population', '--weights', 'mix=0', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(check(loadSchema('peers'), out)).toEqual([])
    expect(out.size).toEqual({file: sizes, column: 'population', year: '2024', unmatched: ['Nowhere Borough']})
    expect(out.features.map((f: {label: string}) => f.label)).toEqual(['population'])
    // Only size counts: the nearest populations, by construction Delta then Gamma.
    const want = [...Object.entries(POPULATION)].filter(([b]) => b !== 'Alpha Council')
      .sort((a, b) => Math.abs(a[1] - POPULATION['Alpha Council']) - Math.abs(b[1] - POPULATION['Alpha Council'])).slice(0, 2).map(([b]) => b)
    expect(out.peers.map((p: {buyer: string}) => p.buyer)).toEqual(want)
    // Omega has no population: left out and said so; the size file's unknown buyer is named.
    expect(out.excluded).toEqual([{buyer: 'Omega Agency', buyer_id: expect.any(String), reason: 'no_size'}])
    const people = await runCli(['peers', 'Alpha Council', '--auto', '2', '-w', ws, '--size', sizes, '--size-column', 'population', '--format', 'csv'])
    expect(people.code, people.stderr).toBe(0)
    expect(people.stderr).toContain('Nowhere Borough')
    expect(people.stderr).toContain('population for 2024')
    expect(people.stderr).toContain('Omega Agency')
  })

  it('labels mix features with their CPV names', async () => {
    const r = await runCli(['peers', 'Alpha Council', '--auto', '1', '-w', ws, '--json'])
    const labels = JSON.parse(r.stdout).features.map((f: {label: string}) => f.label)
    const cpv = await cpvLabels()
    expect(labels.slice(1)).toEqual([cpv.get(WORKS.slice(0, 8)), cpv.get(IT.slice(0, 8))])
    expect(labels[2]).toBeTruthy()
  })

  it('--year picks the period and the size year; with --from it is a usage error; a year with no payments says so', async () => {
    const r = await runCli(['peers', 'Alpha Council', '--auto', '2', '-w', ws, '--size', sizes, '--size-column', 'employees', '--year', '2024', '--format', 'csv'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).not.toContain('the latest year')
    const fiscal = await runCli(['peers', 'Alpha Council', '--auto', '2', '-w', ws, '--size', sizes, '--size-column', 'population', '--year', '2024-25', '--fiscal-year-start', '4', '--json'])
    expect(fiscal.code, fiscal.stderr).toBe(0)
    expect(JSON.parse(fiscal.stdout).size.year).toBe('2024')
    const both = await runCli(['peers', 'Alpha Council', '--auto', '2', '-w', ws, '--year', '2024', '--from', '2024-01'])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('--year cannot be given with --from or --to')
    const none = await runCli(['peers', 'Alpha Council', '--auto', '2', '-w', ws, '--year', '2023'])
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('Alpha Council has no payments in the selection')
  })

  it('--peer-group compares within the buyer\'s group only', async () => {
    const groups = join(dir, 'groups.csv')
    const members = ['Alpha Council', 'Gamma Council', 'Delta Council']
    writeFileSync(groups, ['buyer,group', ...members.map((b) => `${b},core`), 'Beta Council,other', 'Alpha District Council,other', 'Nowhere Borough,core'].join('\n') + '\n')
    const r = await runCli(['peers', 'Alpha Council', '--auto', '5', '-w', ws, '--peer-group', groups, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(check(loadSchema('peers'), out)).toEqual([])
    expect(out.group).toEqual({file: groups, group: 'core', unmatched: ['Nowhere Borough']})
    expect(out.candidates).toBe(members.length)
    expect(out.peers.map((p: {buyer: string}) => p.buyer).sort()).toEqual(members.slice(1).sort())
    const outside = join(dir, 'groups-no-alpha.csv')
    writeFileSync(outside, 'buyer,group\nBeta Council,other\n')
    const bad = await runCli(['peers', 'Alpha Council', '--auto', '5', '-w', ws, '--peer-group', outside])
    expect(bad.code).toBe(1)
    expect(bad.stderr.trim()).toBe(`spend: error: ${outside}: Alpha Council is in no group of the peer-group file (add a line with the buyer and its group)`)
  })

  it('needs --size-column when the size file has several columns, and --size for --size-column (exit 2)', async () => {
    const a = await runCli(['peers', 'Alpha Council', '--auto', '2', '-w', ws, '--size', sizes])
    expect(a.code).toBe(2)
    expect(a.stderr.trim().split('\n')).toHaveLength(1)
    expect(a.stderr).toContain('--size-column')
    const b = await runCli(['peers', 'Alpha Council', '--auto', '2', '-w', ws, '--size-column', 'population'])
    expect(b.code).toBe(2)
    expect(b.stderr).toContain('--size-column needs --size FILE')
  })

  it('an ambiguous or unknown buyer is one line and exit 1', async () => {
    const amb = await runCli(['peers', 'alpha', '--auto', '2', '-w', ws])
    expect(amb.code).toBe(1)
    const line = amb.stderr.trim().split('\n')
    expect(line).toHaveLength(1)
    expect(line[0]).toMatch(/^spend: error: /)
    expect(line[0]).toContain('Alpha Council')
    expect(line[0]).toContain('Alpha District Council')
    const unk = await runCli(['peers', 'Zeta Trust', '--auto', '2', '-w', ws])
    expect(unk.code).toBe(1)
    expect(unk.stderr.trim().split('\n')).toHaveLength(1)
    expect(unk.stderr).not.toMatch(/\n\s+at /)
  })

  it('bad --weights is a usage error (exit 2)', async () => {
    for (const w of ['size=x', 'colour=1', 'size=0,mix=0']) {
      const r = await runCli(['peers', 'Alpha Council', '--auto', '2', '-w', ws, '--weights', w])
      expect(r.code, w).toBe(2)
      expect(r.stderr.trim().split('\n'), w).toHaveLength(1)
      expect(r.stdout).toBe('')
    }
  })

  it('a buyer in several currencies needs --currency (exit 2, listing them); with it, compares in that one', async () => {
    const r = await runCli(['peers', 'Omega', '--auto', '2', '-w', ws])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('EUR, GBP')
    const ok = await runCli(['peers', 'Omega', '--auto', '2', '-w', ws, '--currency', 'GBP', '--json'])
    expect(ok.code, ok.stderr).toBe(0)
    expect(JSON.parse(ok.stdout).currency).toBe('GBP')
  })
})
