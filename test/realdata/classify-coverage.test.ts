/**
 * Classification coverage of the shipped default rules (data/rules) on the UK
 * real files under ../shared/realdata and on the bundled demo data
 * (fixtures/demo, what `npm run demo` imports): the share of rows and of net
 * spend that gets a CPV code (from the data or from a rule), per buyer and
 * currency, with the pure functions (parseRules, applyRules) on the frame the
 * workspace loads. Each share must stay at or above the floor measured when
 * the rules were written (recorded below), so a rule edit that loses coverage
 * fails here; the table is printed for the record.
 */
import {readdirSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {applyRules, ruleColumns} from '../../src/analysis/classify/apply.js'
import {cpvLabels} from '../../src/io/cpv-labels.js'
import {parseRules} from '../../src/io/read/rules.js'
import {Workspace} from '../../src/io/workspace/index.js'
import {type DictColumn, type NumColumn, dictValue} from '../../src/model/frame.js'
import type {RuleSet} from '../../src/model/rules.js'
import {importOne} from '../../src/services/importer.js'
import {REALDATA, ROOT, fixture, tempDir} from '../helpers/cli.js'

const FILES = ['uk-expense-types.csv', 'uk-proclass.csv', 'no-kontoplan.csv']

interface Share {buyer: string; currency: string; rows: number; rowsClassified: number; amount: bigint; amountClassified: bigint}

const made: string[] = []
afterAll(() => {
  for (const d of made) rmSync(d, {recursive: true, force: true})
})

let set: RuleSet
let labels: Map<string, string>
beforeAll(async () => {
  labels = await cpvLabels()
  set = {rules: FILES.flatMap((f) => parseRules(readFileSync(join(ROOT, 'data', 'rules', f), 'utf8'), f, labels).rules)}
})

async function importAll(inputs: readonly string[]): Promise<Workspace> {
  const dir = tempDir('spendkit-classify-coverage-')
  made.push(dir)
  const ws = new Workspace(dir)
  for (const input of inputs) await importOne(ws, {input, toolVersion: 'test'})
  return ws
}

/** Coverage per buyer and currency (buyers in code-point order), net amounts in minor units, exact. */
async function coverage(ws: Workspace): Promise<Share[]> {
  const loaded = await ws.loadFrame([...new Set([...ruleColumns(set), 'amount' as const, 'currency' as const])])
  const frame = applyRules(loaded, set, labels)
  const by = frame.columns.classified_by as DictColumn
  const amount = frame.columns.amount as NumColumn
  const out = new Map<string, Share>()
  for (let i = 0; i < frame.length; i++) {
    const buyer = dictValue(frame.columns.buyer as DictColumn, i) ?? ''
    const currency = dictValue(frame.columns.currency as DictColumn, i) ?? ''
    const key = `${buyer}\u0000${currency}`
    const s = out.get(key) ?? {buyer, currency, rows: 0, rowsClassified: 0, amount: 0n, amountClassified: 0n}
    const a = BigInt(amount.values[i])
    s.rows++
    s.amount += a
    if (by.codes[i] >= 0) {
      s.rowsClassified++
      s.amountClassified += a
    }
    out.set(key, s)
  }
  return [...out.values()].sort((x, y) => (x.buyer < y.buyer ? -1 : x.buyer > y.buyer ? 1 : x.currency < y.currency ? -1 : 1))
}

/** A share of two exact integers, to 4 decimals (for the floors). */
const share = (part: bigint | number, whole: bigint | number): number => (BigInt(whole) === 0n ? 0 : Number((BigInt(part) * 10000n) / BigInt(whole)) / 10000)

function table(name: string, rows: readonly Share[]): string {
  const lines = rows.map((s) => `${s.buyer.padEnd(48)} ${s.currency} ${String(s.rows).padStart(7)} ${share(s.rowsClassified, s.rows).toFixed(4)} ${share(s.amountClassified, s.amount).toFixed(4)}`)
  return [`${name}: buyer, currency, rows, share of rows classified, share of net spend classified`, ...lines].join('\n')
}

function check(rows: readonly Share[], floors: Record<string, [number, number]>) {
  const seen = rows.map((s) => s.buyer)
  expect(Object.keys(floors).filter((b) => !seen.includes(b)), 'floors for buyers that are not in the data').toEqual([])
  for (const s of rows) {
    const floor = floors[s.buyer]
    expect(floor, `no floor recorded for ${s.buyer}`).toBeDefined()
    expect(share(s.rowsClassified, s.rows), `${s.buyer}: share of rows`).toBeGreaterThanOrEqual(floor[0])
    expect(share(s.amountClassified, s.amount), `${s.buyer}: share of spend`).toBeGreaterThanOrEqual(floor[1])
  }
}

describe('coverage of the default rules', () => {
  it('UK real files', async () => {
    const expected = JSON.parse(readFileSync(join(REALDATA, 'EXPECTED.json'), 'utf8')) as Record<string, {kind: string}>
    const inputs = Object.keys(expected).filter((k) => k.startsWith('uk-') && !k.includes('!') && expected[k].kind !== 'ocds').map((k) => join(REALDATA, k))
    expect(inputs.length).toBeGreaterThanOrEqual(6)
    const rows = await coverage(await importAll(inputs))
    process.stdout.write(`${table('UK real files', rows)}\n`)
    // [share of rows, share of net spend] floors: measured on 2026-12-02 (the measured value in the comment).
    check(rows, {
      BBSRC: [0.05, 0.12], // measured 0.0597 / 0.1251: 67 rows, mostly research grants
      'Criminal Cases Review Commission': [0, 0], // measured 0 / 0: one row
      'Department for Business, Innovation and Skills': [0.52, 0.007], // measured 0.5275 / 0.0074: spend is grants, loans, investments
      GLA: [0.65, 0.18], // measured 0.6558 / 0.1891: spend is grants to housing providers
      'Information Commissioner': [0, 0], // measured 0 / 0: one row
      JAC: [1, 1], // measured 1 / 1: one row
      'LEGAL SERVICES COMMISSION': [0.97, 0.95], // measured 0.9718 / 0.9574: legal aid paid to solicitors
      'Legal Services Commission': [0, 0], // measured 0 / 0: 14 rows
      'Office for Legal Complaints': [1, 1], // measured 1 / 1: one row
      'Office of the Public Guardian': [0, 0], // measured 0 / 0: one row
      'Oxford City Council': [0.49, 0.64], // measured 0.4933 / 0.6414
      'Trafford Council': [0.86, 0.64], // measured 0.8679 / 0.6453: ProClass labels and codes
      'Youth Justice Board': [0.15, 0.03], // measured 0.1538 / 0.0336: 13 rows
    })
  }, 300_000)

  it('demo data', async () => {
    const dir = fixture('demo')
    const inputs = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((f) => join(dir, f))
    const rows = await coverage(await importAll(inputs))
    process.stdout.write(`${table('demo data', rows)}\n`)
    // [share of rows, share of net spend] floors: measured on 2026-12-02. The councils' ProClass
    // heading 'Highways & Transport' and the ledgers' 'Annen fremmed tjeneste' stay unclassified.
    check(rows, {
      'Ashbury Vale District Council': [0.92, 0.88], // measured 0.9208 / 0.8855
      'Brackenridge Borough Council': [0.92, 0.89], // measured 0.9208 / 0.8955
      'Copperfield City Council': [0.92, 0.85], // measured 0.9268 / 0.8525
      'Department for Infrastructure and Skills': [0.87, 0.84], // measured 0.8754 / 0.8469
      'Direktoratet for kystforvaltning': [0.91, 0.95], // measured 0.9108 / 0.9569
      'Dunholm County Council': [0.91, 0.90], // measured 0.9198 / 0.9021
      'Elmswick District Council': [0.91, 0.91], // measured 0.9197 / 0.9153
      'Farrowdale Borough Council': [0.92, 0.87], // measured 0.9215 / 0.8733
      'Glenmarsh City Council': [0.91, 0.85], // measured 0.9198 / 0.8552
      'Hollinsworth Metropolitan Borough Council': [0.91, 0.88], // measured 0.9197 / 0.8875
      'Statens senter for digital arkivering': [0.91, 0.95], // measured 0.9185 / 0.9520
    })
  }, 300_000)
})
