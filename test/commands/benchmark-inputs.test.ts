/**
 * `spend benchmark` with --size/--per, --peer-group, --auto over the
 * comparison period, and --deflate, on a fixture generated here: Buyer T and
 * six peers, each paying £10,000 a month in 2023 and 2024, split between IT
 * and works. T's IT share is 80% in 2023 and 20% in 2024; P1, P2 are 80% then
 * 50%; P3, P4 50% then 20%; P5, P6 50% in both years. So the nearest by mix
 * are P1, P2 in 2023, P3, P4 in 2024, and P5, P6 over all the data. Expected
 * figures are computed here from the generated rows, independently of spend.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'
import {check, loadSchema} from '../contracts/schema-check.js'

type Json = Record<string, any>
interface Row {buyer: string; supplier: string; year: number; month: number; pence: number; cpv: string}

const IT = '72000000-5'
const WORKS = '45000000-7'
const PEERS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'].map((p) => `Buyer ${p}`)
const T = 'Buyer T'
/** IT share per buyer and year, in percent. */
const IT_SHARE: Record<string, [number, number]> = {
  [T]: [80, 20], 'Buyer P1': [80, 50], 'Buyer P2': [80, 50], 'Buyer P3': [50, 20], 'Buyer P4': [50, 20], 'Buyer P5': [50, 50], 'Buyer P6': [50, 50],
}
const MONTHLY = 10_000_00

function generate(): Row[] {
  const rows: Row[] = []
  for (const [k, buyer] of [T, ...PEERS].entries()) {
    for (const [y, year] of [2023, 2024].entries()) {
      for (let month = 1; month <= 12; month++) {
        const it = (MONTHLY * IT_SHARE[buyer][y]) / 100
        // Two payments per category, uneven, so medians and means are not trivial.
        for (const [cpv, total] of [[IT, it], [WORKS, MONTHLY - it]] as const) {
          const a = Math.round(total * 0.6) + k
          rows.push({buyer, supplier: `${buyer} ${cpv.slice(0, 2)} A`, year, month, pence: a, cpv})
          rows.push({buyer, supplier: `${buyer} ${cpv.slice(0, 2)} B`, year, month, pence: total - a, cpv})
        }
      }
    }
  }
  return rows
}

const ROWS = generate()
/** Populations for 2024 (none for P6) and 2023 (every buyer). */
const POP_2024: Record<string, string> = {[T]: '300', 'Buyer P1': '1000', 'Buyer P2': '1100', 'Buyer P3': '1200', 'Buyer P4': '1300', 'Buyer P5': '1400.5'}
let ws = ''
let dir = ''

const money = (pence: number) => `${Math.trunc(pence / 100)}.${String(pence % 100).padStart(2, '0')}`
const total = (buyer: string, year: number) => ROWS.filter((r) => r.buyer === buyer && r.year === year).reduce((a, r) => a + r.pence, 0)
/** pence / size in pounds, to 6 decimals, half to even, written out with bigints again. */
function perHead(pence: number, size: string): string {
  const [w, f = ''] = size.split('.')
  const sizeNum = BigInt(w + f)
  const n = BigInt(pence) * 10n ** BigInt(f.length) * 10n ** 4n
  const q = n / sizeNum
  const r = n % sizeNum
  const v = 2n * r > sizeNum || (2n * r === sizeNum && q % 2n === 1n) ? q + 1n : q
  const s = v.toString().padStart(7, '0')
  // Written as the other exact money figures: the currency's 2 decimals, then only the digits needed.
  return `${s.slice(0, -6)}.${s.slice(-6, -4)}${s.slice(-4).replace(/0+$/, '')}`
}

async function bench(args: string[], code = 0): Promise<{out: Json; stderr: string}> {
  // --format json, not --json: notes still go to stderr.
  const r = await runCli(['benchmark', ...args, '--workspace', ws, '--format', 'json'])
  expect(r.code, r.stderr + r.stdout.slice(0, 400)).toBe(code)
  return {out: code === 0 ? JSON.parse(r.stdout) : {}, stderr: r.stderr}
}
const measure = (out: Json, name: string): Json => out.measures.find((m: Json) => m.measure === name)
const peerNames = (out: Json): string[] => out.peers.map((p: Json) => p.buyer)

beforeAll(async () => {
  ws = tempDir('spendkit-bench-inputs-')
  dir = tempDir('spendkit-bench-inputs-src-')
  const file = join(dir, 'payments.csv')
  const lines = ['Buyer,Supplier,Date,Amount,Currency,CPV', ...ROWS.map((r) => `${r.buyer},${r.supplier},${r.year}-${String(r.month).padStart(2, '0')}-15,${money(r.pence)},GBP,${r.cpv}`)]
  writeFileSync(file, lines.join('\n') + '\n')
  const sizes = ['buyer,year,population,employees', ...Object.entries(POP_2024).map(([b, p]) => `${b},2024,${p},50`), ...[T, ...PEERS].map((b) => `${b},2023,1000,50`)]
  writeFileSync(join(dir, 'sizes.csv'), sizes.join('\n') + '\n')
  writeFileSync(join(dir, 'groups.csv'), ['buyer,group', `${T},core`, 'Buyer P1,core', 'Buyer P3,core', 'Buyer P5,core', 'Buyer P2,other', 'Buyer P4,other', 'Buyer P6,other', 'Ghost Council,core'].join('\n') + '\n')
  writeFileSync(join(dir, 'cpi.csv'), 'year,index\n2023,100\n2024,110\n')
  const r = await runCli(['import', file, '--workspace', ws])
  expect(r.code, r.stderr).toBe(0)
}, 60_000)

describe('--auto picks peers on the comparison period', () => {
  it('the nearest differ between 2023 and 2024; without a period, the buyer\'s latest 12 months (2024)', async () => {
    const y2023 = (await bench([T, '--auto', '2', '--year', '2023'])).out
    const y2024 = (await bench([T, '--auto', '2', '--year', '2024'])).out
    const latest = (await bench([T, '--auto', '2'])).out
    expect(peerNames(y2023)).toEqual(['Buyer P1', 'Buyer P2'])
    expect(peerNames(y2024)).toEqual(['Buyer P3', 'Buyer P4'])
    expect(peerNames(latest)).toEqual(['Buyer P3', 'Buyer P4'])
    expect(latest.period).toMatchObject({from: '2024-01', to: '2024-12'})
    expect(latest.peer_choice).toBe('auto')
    // Over all the data (what --auto used before) the nearest would be P5 and P6.
    const allMix = (b: string) => (IT_SHARE[b][0] + IT_SHARE[b][1]) / 2
    expect(PEERS.filter((p) => allMix(p) === allMix(T))).toEqual(['Buyer P5', 'Buyer P6'])
  })
})

describe('--peer-group', () => {
  it('the peers are the buyer\'s group, echoed with its members; unmatched lines named', async () => {
    const {out, stderr} = await bench([T, '--peer-group', join(dir, 'groups.csv'), '--year', '2024'])
    expect(peerNames(out)).toEqual(['Buyer P1', 'Buyer P3', 'Buyer P5'])
    expect(out.peer_choice).toBe('group')
    expect(out.peer_group).toEqual({
      file: join(dir, 'groups.csv'), group: 'core', unmatched: ['Ghost Council'],
      members: ['Buyer P1', 'Buyer P3', 'Buyer P5', T].map((b) => ({buyer: b, buyer_id: expect.any(String)})),
    })
    expect(stderr).toContain('Ghost Council')
    expect(check(loadSchema('benchmark'), out)).toEqual([])
  })
  it('with --auto N: the N nearest within the group', async () => {
    const {out} = await bench([T, '--peer-group', join(dir, 'groups.csv'), '--auto', '1', '--year', '2024'])
    expect(peerNames(out)).toEqual(['Buyer P3'])
    expect(out.peer_group.group).toBe('core')
  })
  it('with --peers: a usage error (exit 2)', async () => {
    const r = await runCli(['benchmark', T, '--peer-group', join(dir, 'groups.csv'), '--peers', 'Buyer P1', '--workspace', ws])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spend: error: --peer-group: --peers cannot be combined with --peer-group/)
  })
})

describe('--size and --per', () => {
  const PER = 'total_spend_per_population'
  it('total spend per head, exact and half to even, compared and flagged; a peer without a size named and left out of it only', async () => {
    const {out, stderr} = await bench([T, '--peers', PEERS.join(','), '--year', '2024', '--size', join(dir, 'sizes.csv'), '--per', 'population'])
    expect(check(loadSchema('benchmark'), out)).toEqual([])
    expect(perHead(1001, '8')).toBe('1.25125')
    expect(perHead(1, '8')).toBe('0.00125')
    expect(perHead(1, '80000000')).toBe('0.00') // 0.000000125 rounds half to even to 0
    const m = measure(out, PER)
    expect(m.unit).toBe('money_per_unit')
    expect(m.label).toBe('Total spend per population (GBP per population)')
    expect(m.value).toBe(perHead(total(T, 2024), POP_2024[T]))
    const peerValues = Object.fromEntries(m.peer_values.map((v: Json) => [v.buyer, v.value]))
    for (const p of PEERS.slice(0, 5)) expect(peerValues[p]).toBe(perHead(total(p, 2024), POP_2024[p]))
    expect(peerValues['Buyer P6']).toBeNull()
    expect(m.flag).toBe('high')
    expect(m.percentile).toBe(100)
    expect(m.sentence).toBe('5 of 5 peers have a lower total spend per population')
    expect(out.per).toEqual({column: 'population', measure: PER, unit: 'GBP per population', year: '2024', decimals: 6, rounding: 'half to even', no_size: [{buyer: 'Buyer P6', buyer_id: expect.any(String)}]})
    expect(out.size).toMatchObject({column: 'population', year: '2024', year_source: 'given'})
    expect(stderr).toContain('1 buyer has no population for 2024 in the size file and is left out of the per-population measures only: Buyer P6')
    // The raw total stays never flagged, and P6 is still compared on it.
    const raw = measure(out, 'total_spend')
    expect(raw.flag).toBeNull()
    expect(raw.peer_values.map((v: Json) => v.buyer)).toContain('Buyer P6')
    expect(out.measures.map((x: Json) => x.measure).slice(0, 2)).toEqual(['total_spend', PER])
    const csv = await runCli(['benchmark', T, '--peers', PEERS.join(','), '--year', '2024', '--size', join(dir, 'sizes.csv'), '--per', 'population', '--format', 'csv', '--workspace', ws])
    expect(csv.code).toBe(0)
    expect(csv.stdout).toContain(PER)
  })
  it('the size year: the period\'s calendar year, else the latest in the file (said)', async () => {
    const period = await bench([T, '--peers', 'Buyer P1,Buyer P2,Buyer P3', '--from', '2023-01', '--to', '2023-12', '--size', join(dir, 'sizes.csv'), '--per', 'population'])
    expect(period.out.size).toMatchObject({year: '2023', year_source: 'period'})
    expect(measure(period.out, PER).value).toBe(perHead(total(T, 2023), '1000'))
    expect(period.stderr).toContain('size is population for 2023, the period\'s year')
    const latest = await bench([T, '--peers', 'Buyer P1,Buyer P2,Buyer P3', '--from', '2023-03', '--to', '2024-02', '--size', join(dir, 'sizes.csv'), '--per', 'population'])
    expect(latest.out.size).toMatchObject({year: '2024', year_source: 'latest'})
    expect(latest.stderr).toContain('the latest year in the size file')
  })
  it('the buyer without a size: its per-unit value is null and said why, the other measures unchanged', async () => {
    const {out} = await bench(['Buyer P6', '--peers', 'Buyer P1,Buyer P2,Buyer P3', '--year', '2024', '--size', join(dir, 'sizes.csv'), '--per', 'population'])
    const m = measure(out, PER)
    expect(m.value).toBeNull()
    expect(m.flag).toBeNull()
    expect(m.note).toBe('not computed: the buyer has no population for 2024 in the size file')
    expect(measure(out, 'total_spend').value).toBe(money(total('Buyer P6', 2024)))
  })
  it('--size is the size feature of --auto', async () => {
    const {out} = await bench([T, '--auto', '1', '--year', '2024', '--size', join(dir, 'sizes.csv'), '--size-column', 'population', '--weights', 'size=1,mix=0'])
    // Population 300: the nearest is P1 (1000); P6 has no 2024 size and is not a candidate.
    expect(peerNames(out)).toEqual(['Buyer P1'])
    expect(out.size).toMatchObject({column: 'population', year: '2024'})
    expect(out.per).toBeNull()
  })
  it('usage errors: --per without --size, --size used by nothing, an unknown column', async () => {
    const perOnly = await runCli(['benchmark', T, '--peers', 'Buyer P1', '--per', 'population', '--workspace', ws])
    expect([perOnly.code, perOnly.stderr]).toEqual([2, expect.stringMatching(/^spend: error: --per: --per needs --size FILE/)])
    const unused = await runCli(['benchmark', T, '--peers', 'Buyer P1', '--size', join(dir, 'sizes.csv'), '--workspace', ws])
    expect([unused.code, unused.stderr]).toEqual([2, expect.stringMatching(/^spend: error: --size: /)])
    const unknown = await runCli(['benchmark', T, '--peers', 'Buyer P1', '--size', join(dir, 'sizes.csv'), '--per', 'budget', '--workspace', ws])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('budget')
  })
})

describe('--deflate on benchmark', () => {
  it('money measures in constant prices, the base and index stated', async () => {
    const {out} = await bench([T, '--peers', 'Buyer P1,Buyer P2,Buyer P3', '--year', '2024', '--deflate', join(dir, 'cpi.csv'), '--base', '2023'])
    expect(out.deflate).toEqual({base: '2023', index: join(dir, 'cpi.csv')})
    expect(out.note).toContain('constant 2023 prices')
    // Each payment restated exactly (x 100/110, half to even), then summed.
    const restated = ROWS.filter((r) => r.buyer === T && r.year === 2024).reduce((a, r) => {
      const n = BigInt(r.pence) * 100n
      const q = n / 110n
      const rem = n % 110n
      return a + (2n * rem > 110n || (2n * rem === 110n && q % 2n === 1n) ? q + 1n : q)
    }, 0n)
    expect(measure(out, 'total_spend').value).toBe(money(Number(restated)))
    expect(check(loadSchema('benchmark'), out)).toEqual([])
    const table = await runCli(['benchmark', T, '--peers', 'Buyer P1,Buyer P2,Buyer P3', '--year', '2024', '--deflate', join(dir, 'cpi.csv'), '--base', '2023', '--format', 'md', '--workspace', ws])
    expect(table.stdout).toContain('constant 2023 prices')
  })
})

describe('sentences agree in number', () => {
  it('one peer: "1 of 1 peer has"', async () => {
    const {out} = await bench([T, '--peers', 'Buyer P1', '--year', '2024'])
    // T's 2024 median payment is £2,200 (its middle payments £1,200 + k and £3,200 - k), P1's £2,500.
    expect(measure(out, 'median_payment').sentence).toBe('1 of 1 peer has a higher median payment')
  })
})
