/**
 * The SME share of `spend benchmark`: supplier sizes from OCDS
 * `details.scale` (an OCDS package generated here), from TED's
 * B_CONTRACTOR_SME and from a `--supplier-info FILE`, which wins over the
 * data. Every expected share is computed in the test from the generated rows.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import Papa from 'papaparse'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {check, loadSchema} from '../contracts/schema-check.js'

type Json = Record<string, any>
interface Award {buyer: number; supplier: string; scale: string | null; month: number; pounds: number}

const BUYERS = ['North Agency', 'South Agency', 'East Agency', 'West Agency', 'Central Agency']
/** Per supplier index: its published scale (index 3 has none at the first buyer). */
const SCALES = ['sme', 'large', 'micro', 'large']

function generate(): Award[] {
  const out: Award[] = []
  BUYERS.forEach((_, k) => {
    for (let month = 1; month <= 12; month++) {
      for (let j = 0; j < 4; j++) {
        // The first buyer spends more with its SMEs; supplier 3 of the first buyer publishes no scale.
        const pounds = 1000 + 100 * j + 10 * k + month + (k === 0 && j !== 1 ? 3000 : 0)
        out.push({buyer: k, supplier: `Supplier ${k}-${j}`, scale: k === 0 && j === 3 ? null : SCALES[j], month, pounds})
      }
    }
  })
  return out
}

const AWARDS = generate()

function ocdsPackage(awards: readonly Award[]): Json {
  return {
    uri: 'https://example.org/sme.json', publishedDate: '2025-01-01T00:00:00Z', version: '1.1', publisher: {name: 'spendkit tests'},
    releases: awards.map((a, i) => ({
      ocid: `ocds-sme-${i}`, id: 'r1', date: `2024-${String(a.month).padStart(2, '0')}-20T00:00:00Z`, tag: ['award'],
      buyer: {id: `GB-GOV-${a.buyer + 1}`, name: BUYERS[a.buyer]},
      parties: [
        {id: `GB-GOV-${a.buyer + 1}`, name: BUYERS[a.buyer], roles: ['buyer']},
        {id: a.supplier, name: a.supplier, roles: ['supplier'], ...(a.scale ? {details: {scale: a.scale}} : {})},
      ],
      awards: [{
        id: 'a1', status: 'active', date: `2024-${String(a.month).padStart(2, '0')}-15T10:00:00Z`,
        value: {amount: a.pounds, currency: 'GBP'}, suppliers: [{id: a.supplier, name: a.supplier}],
      }],
    })),
  }
}

/** SME share and known share of a buyer's awards, from the generated rows, with a supplier -> sme override. */
function expected(buyer: number, override: Map<string, boolean> = new Map()): {sme: number; known: number} {
  let all = 0
  let known = 0
  let sme = 0
  for (const a of AWARDS.filter((x) => x.buyer === buyer)) {
    all += a.pounds
    const s = override.has(a.supplier) ? override.get(a.supplier)! : a.scale === null ? null : a.scale !== 'large'
    if (s === null) continue
    known += a.pounds
    if (s) sme += a.pounds
  }
  return {sme: sme / known, known: known / all}
}

let ws = ''
let dir = ''
const PEERS = BUYERS.slice(1).join(',')

async function bench(args: string[]): Promise<{code: number; out: Json; stderr: string}> {
  const r = await runCli(['benchmark', ...args, '--workspace', ws, '--json'])
  return {code: r.code ?? -1, out: r.code === 0 ? JSON.parse(r.stdout) : {}, stderr: r.stderr}
}
const measure = (out: Json, name: string): Json => out.measures.find((m: Json) => m.measure === name)

beforeAll(async () => {
  dir = tempDir('spendkit-sme-src-')
  ws = join(tempDir('spendkit-sme-'), 'ws')
  const file = join(dir, 'awards.json')
  writeFileSync(file, JSON.stringify(ocdsPackage(AWARDS)))
  const r = await runCli(['import', file, '--workspace', ws])
  expect(r.code, r.stderr).toBe(0)
}, 60_000)

describe('sme share from OCDS details.scale', () => {
  it('imports each award\'s supplier scale and spend rows shows it', async () => {
    const r = await runCli(['rows', '--buyer', BUYERS[0], '--supplier', 'Supplier 0-2', '--json', '--workspace', ws])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as Json
    expect(out.rows.length).toBe(12)
    expect(new Set(out.rows.map((x: Json) => x.supplier_scale))).toEqual(new Set(['micro']))
    expect(check(loadSchema('rows'), out)).toEqual([])
  })

  it('benchmark --json gives sme_share and sme_known_share for the buyer and each peer, compared like other shares', async () => {
    const {code, out, stderr} = await bench([BUYERS[0], '--peers', PEERS])
    expect(code, stderr).toBe(0)
    expect(check(loadSchema('benchmark'), out)).toEqual([])
    const share = measure(out, 'sme_share')
    const known = measure(out, 'sme_known_share')
    expect(share.unit).toBe('share')
    expect(share.value).toBeCloseTo(expected(0).sme, 6)
    expect(known.value).toBeCloseTo(expected(0).known, 6)
    expect(known.value).toBeLessThan(1)
    // Peers in buyer id order (GB-GOV-2 ...).
    expect(share.peer_values.map((v: Json) => v.buyer)).toEqual(BUYERS.slice(1))
    for (const v of share.peer_values) expect(v.value).toBeCloseTo(expected(BUYERS.indexOf(v.buyer)).sme, 6)
    // The first buyer spends far more with SMEs than its peers, which are alike: flagged high.
    expect(share.flag).toBe('high')
    expect(share.percentile).toBe(100)
  })
})

describe('benchmark --supplier-info FILE', () => {
  const info = (name: string, text: string): string => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }

  it('matches suppliers by id or name, wins over the data\'s scale, ignores other columns', async () => {
    // Supplier 0-1 is published as large: the file says SME. Supplier 0-3 has no scale: the file says no.
    const file = info('info.csv', 'Supplier,Region,SME\nsupplier 0-1,North,yes\nSupplier 0-3,North,N\n')
    const {code, out, stderr} = await bench([BUYERS[0], '--peers', PEERS, '--supplier-info', file])
    expect(code, stderr).toBe(0)
    const want = expected(0, new Map([['Supplier 0-1', true], ['Supplier 0-3', false]]))
    expect(measure(out, 'sme_share').value).toBeCloseTo(want.sme, 6)
    expect(measure(out, 'sme_known_share').value).toBe(1)
    expect(stderr).not.toMatch(/no supplier in the data/)
  })

  it('names lines matching no supplier in a note and goes on', async () => {
    const file = info('unmatched.csv', 'supplier,sme\nNobody Such Ltd,yes\nSupplier 0-3,true\n')
    const {code, out, stderr: quiet} = await bench([BUYERS[0], '--peers', PEERS, '--supplier-info', file])
    expect(code, quiet).toBe(0)
    const {stderr} = await runCli(['benchmark', BUYERS[0], '--peers', PEERS, '--supplier-info', file, '--format', 'csv', '--workspace', ws])
    expect(stderr).toMatch(/--supplier-info: 1 line matches no supplier in the data and is ignored \(Nobody Such Ltd\)/)
    expect(measure(out, 'sme_share').value).toBeCloseTo(expected(0, new Map([['Supplier 0-3', true]])).sme, 6)
  })

  it('a bad sme value is an error at its line, exit 1, no output', async () => {
    const file = info('bad.csv', 'supplier,sme\nSupplier 0-1,yes\nSupplier 0-2,maybe\n')
    const r = await runCli(['benchmark', BUYERS[0], '--peers', PEERS, '--supplier-info', file, '--workspace', ws])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`spend: error: ${file}:3: "maybe" is not an sme value`)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('a name matching several suppliers is an error at its line; a file with no sme column says so', async () => {
    const ambiguous = info('ambiguous.csv', 'supplier,sme\nSupplier 0,yes\n')
    const r = await runCli(['benchmark', BUYERS[0], '--peers', PEERS, '--supplier-info', ambiguous, '--workspace', ws])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(new RegExp(`spend: error: ${ambiguous.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: .*Supplier 0`))
    const noColumn = info('nocol.csv', 'supplier,size\nSupplier 0-1,small\n')
    const r2 = await runCli(['benchmark', BUYERS[0], '--peers', PEERS, '--supplier-info', noColumn, '--workspace', ws])
    expect(r2.code).toBe(1)
    expect(r2.stderr).toContain('no sme column')
  })
})

describe('supplier scale from other readers', () => {
  it('the TED CAN preset imports B_CONTRACTOR_SME on each row', async () => {
    const file = fixture('presets/ted-can/ted-can-2018-sample.csv')
    const ted = join(tempDir('spendkit-sme-ted-'), 'ws')
    const imp = await runCli(['import', file, '--preset', 'ted-can', '--workspace', ted])
    expect(imp.code, imp.stderr).toBe(0)
    const r = await runCli(['rows', '--sort', 'file', '--json', '--workspace', ted])
    expect(r.code, r.stderr).toBe(0)
    const rows = (JSON.parse(r.stdout) as Json).rows as Json[]
    const csv = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {header: true, skipEmptyLines: true}).data
    expect(rows.length).toBeGreaterThan(0)
    // Line n of the file is data row n - 2 (the header is line 1).
    for (const row of rows) expect(row.supplier_scale, `line ${row.line}`).toBe(csv[row.line - 2].B_CONTRACTOR_SME.trim() || null)
    expect(new Set(rows.map((x) => x.supplier_scale))).toEqual(new Set(['Y', 'N']))
  })

  it('a table with a "Supplier size" column imports it as supplier_scale', async () => {
    const file = join(dir, 'payments.csv')
    writeFileSync(file, 'Supplier,Date,Amount,Supplier size\nAcme Ltd,2024-01-05,100.00,SME\nBig plc,2024-01-06,200.00,large\nCafe,2024-01-07,50.00,\n')
    const w = join(tempDir('spendkit-sme-csv-'), 'ws')
    const imp = await runCli(['import', file, '--buyer', 'Town Council', '--currency', 'GBP', '--workspace', w])
    expect(imp.code, imp.stderr).toBe(0)
    const r = await runCli(['rows', '--sort', 'file', '--json', '--workspace', w])
    expect(((JSON.parse(r.stdout) as Json).rows as Json[]).map((x) => x.supplier_scale)).toEqual(['SME', 'large', null])
  })
})
