/**
 * `spend benchmark` and `spend peers` on the demo data (fixtures/demo): the
 * councils' differences built into the generator show, and every figure
 * asserted is recomputed here from the CSV files, apart from the tool.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

type Json = Record<string, any>

const IT_HEAVY = 'Copperfield City Council'
const DOMINANT = 'Farrowdale Borough Council'
const HIGH_FLOOR = 'Dunholm County Council'
const DEPARTMENT = 'Department for Infrastructure and Skills'

/** One council payment as published: buyer, ISO date, category code, supplier (upper case), amount in pence. */
interface Payment {
  buyer: string
  date: string
  category: string
  supplier: string
  pence: bigint
}

/** Split one CSV line (quotes only wrap cells holding a comma). */
function cells(line: string): string[] {
  const out: string[] = []
  let cur = ''
  let quoted = false
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    else if (ch === ',' && !quoted) {
      out.push(cur)
      cur = ''
    } else cur += ch
  }
  out.push(cur)
  return out
}

/** `£1,234.56`, `-3082.50` to pence, by string surgery. */
function pence(text: string): bigint {
  const t = text.replace(/[£,]/g, '')
  const [whole, frac] = t.split('.')
  expect(frac).toHaveLength(2)
  const v = BigInt(whole.replace('-', '')) * 100n + BigInt(frac)
  return whole.startsWith('-') ? -v : v
}

/** Every council payment in fixtures/demo, read from each layout's own headers. */
function councilPayments(): Payment[] {
  const pick = (header: string[], names: string[]) => {
    const i = header.findIndex((h) => names.includes(h))
    expect(i, `one of ${names.join(', ')} in ${header.join(',')}`).toBeGreaterThanOrEqual(0)
    return i
  }
  const out: Payment[] = []
  for (const f of readdirSync(fixture('demo')).filter((n) => n.startsWith('uk-') && !n.startsWith('uk-dis-'))) {
    const [head, ...lines] = readFileSync(fixture('demo', f), 'utf8').split('\n').filter((l) => l !== '')
    const h = cells(head)
    const col = {
      buyer: pick(h, ['OrganisationLabel', 'Body Name', 'Organisation']),
      date: pick(h, ['PaymentDate', 'Paid Date', 'Payment Date']),
      category: pick(h, ['ProclassCode', 'Proclass Code', 'ProClass Code']),
      supplier: pick(h, ['BeneficiaryName', 'Supplier Name']),
      amount: pick(h, ['Amount']),
    }
    for (const line of lines) {
      const c = cells(line)
      const d = c[col.date]
      out.push({
        buyer: c[col.buyer], category: c[col.category], supplier: c[col.supplier].toUpperCase(), pence: pence(c[col.amount]),
        date: /^\d{4}-/.test(d) ? d : `${d.slice(6)}-${d.slice(3, 5)}-${d.slice(0, 2)}`,
      })
    }
  }
  return out
}

const sum = (ps: readonly Payment[]) => ps.reduce((a, p) => a + p.pence, 0n)
/** a / b for exact pence totals, as a number. */
const ratio = (a: bigint, b: bigint) => Number((a * 1_000_000_000n) / b) / 1e9

let ws = ''
let payments: Payment[] = []
const in2024 = (buyer: string) => payments.filter((p) => p.buyer === buyer && p.date.startsWith('2024'))

async function spend(args: string[]): Promise<Json> {
  const r = await runCli([...args, '--workspace', ws, '--json'])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as Json
}

beforeAll(async () => {
  ws = join(tempDir('spendkit-bench-demo-'), 'ws')
  const r = await runCli(['import', fixture('demo'), '--workspace', ws])
  expect(r.code, r.stderr).toBe(0)
  payments = councilPayments()
})

describe('the demo councils, benchmarked', () => {
  it('has eight councils, each in its own files', () => {
    expect(new Set(payments.map((p) => p.buyer)).size).toBe(8)
  })

  it(`flags ${IT_HEAVY}'s ICT share high: about twice its peers', each share as the files say`, async () => {
    const j = await spend(['benchmark', IT_HEAVY, '--auto', '7', '--year', '2024'])
    expect(j.buyer).toBe(IT_HEAVY)
    expect(j.peers).toHaveLength(7)
    const ict = j.measures.find((m: Json) => m.measure === 'category_mix' && m.category === 'ICT')
    expect(ict.flag).toBe('high')
    const share = (buyer: string) => {
      const rows = in2024(buyer)
      return ratio(sum(rows.filter((p) => p.category === '110000')), sum(rows))
    }
    expect(ict.value).toBeCloseTo(share(IT_HEAVY), 5)
    for (const pv of ict.peer_values) expect(pv.value, pv.buyer).toBeCloseTo(share(pv.buyer), 5)
    expect(ict.value / ict.peer_median).toBeGreaterThan(1.7)
    expect(ict.value / ict.peer_median).toBeLessThan(2.7)
    expect(ict.value).toBeGreaterThan(ict.upper_fence)
  })

  it(`compares on payments of £25,000 or more, the floor ${HIGH_FLOOR} sets`, async () => {
    const j = await spend(['benchmark', IT_HEAVY, '--auto', '7', '--year', '2024'])
    const names = j.peers.map((p: Json) => p.buyer)
    expect(names).toContain(HIGH_FLOOR)
    expect(names).not.toContain(DEPARTMENT)
    expect(j.floor.amount).toBe('25000.00')
    expect(j.floor.set_by).toEqual([HIGH_FLOOR])
    expect(j.floor.sentence).toContain('£25,000')
    // From the files: only the high-floor council has 99% of its positive payments at £25,000 or more.
    const reach = (buyer: string, pounds: bigint) => {
      const positive = payments.filter((p) => p.buyer === buyer && p.pence > 0n)
      return positive.filter((p) => p.pence >= pounds * 100n).length / positive.length
    }
    for (const b of new Set(payments.map((p) => p.buyer))) {
      expect(reach(b, 500n), b).toBeGreaterThanOrEqual(0.99)
      if (b === HIGH_FLOOR) expect(reach(b, 25_000n)).toBeGreaterThanOrEqual(0.99)
      else expect(reach(b, 25_000n), b).toBeLessThan(0.99)
    }
  })

  it(`flags ${DOMINANT}'s top-5 share and HHI high: one supplier holds over 60% of its spend`, async () => {
    const rows = in2024(DOMINANT)
    const bySupplier = new Map<string, bigint>()
    for (const p of rows) bySupplier.set(p.supplier, (bySupplier.get(p.supplier) ?? 0n) + p.pence)
    const top = [...bySupplier.values()].reduce((a, b) => (a > b ? a : b))
    expect(ratio(top, sum(rows))).toBeGreaterThan(0.6)
    const j = await spend(['benchmark', DOMINANT, '--auto', '7', '--year', '2024'])
    for (const name of ['top5_share', 'hhi']) {
      const m = j.measures.find((x: Json) => x.measure === name)
      expect(m.flag, name).toBe('high')
      expect(m.value, name).toBeGreaterThan(m.upper_fence)
    }
    // On payments at or above the floor, the top five hold at least what the partnership holds.
    const floored = rows.filter((p) => p.pence >= 2_500_000n)
    const flooredTop = floored.filter((p) => p.supplier === 'FARROWDALE PARTNERSHIP SERVICES LTD')
    const top5 = j.measures.find((x: Json) => x.measure === 'top5_share')
    expect(top5.value).toBeGreaterThanOrEqual(ratio(sum(flooredTop), sum(floored)) - 1e-6)
  })

  it('spend peers --auto 5 picks councils, nearest first, and takes the sizes file', async () => {
    const j = await spend(['peers', IT_HEAVY, '--auto', '5'])
    expect(j.peers).toHaveLength(5)
    const distances = j.peers.map((p: Json) => p.distance)
    expect([...distances].sort((a, b) => a - b)).toEqual(distances)
    for (const p of j.peers) expect(p.buyer).toMatch(/Council$/)
    const sized = await spend(['peers', IT_HEAVY, '--auto', '5', '--size', fixture('demo-sizes.csv')])
    expect(sized.size.column).toBe('population')
    expect(sized.size.unmatched).toEqual([])
    expect(sized.features[0].label).toBe('population')
    expect(sized.peers.map((p: Json) => p.buyer)).not.toContain(DEPARTMENT)
  })
})
