/**
 * Issue 11, sustainable procurement, through the built binary: --by gpp_group
 * in cube, top and concentration (rows in no group labelled for people),
 * spend classify gpp (JSON contract, exact sums, CSV, chart), the report's gpp
 * section, and the report pinning the workspace's crosswalk and rules so that
 * spend verify stops, naming the one that changed.
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import Papa from 'papaparse'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {check, type Schema} from '../contracts/schema-check.js'
import {schemaOf} from '../../src/io/write/output-fields.js'
import {CLASSIFY_GPP_OUTPUT} from '../../src/io/write/classify-gpp-report.js'
import {REPORT_MANIFEST_OUTPUT, VERIFY_OUTPUT} from '../../src/services/report/outputs.js'
import {loadGppTags} from '../../src/io/read/gpp.js'
import {gppGroupOf} from '../../src/analysis/gpp.js'
import {storeOverlay} from '../../src/io/workspace/overlays.js'

const GPP = fixture('analysis/gpp.csv')
type Row = Record<string, any>

/** The fixture's rows with the group each falls in (worked out here from the shipped tag set). */
interface FixtureRow {buyer: string; currency: string; cents: number; cpv: string; group: string | null}
let rows: FixtureRow[] = []
let ws = ''

const cents = (s: string) => Math.round(Number(s) * 100)
const money = (c: number) => (c / 100).toFixed(2)

async function json(args: string[], where = ws) {
  const r = await runCli([...args, '--workspace', where, '--json'])
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout)
}

beforeAll(async () => {
  ws = tempDir()
  const r = await runCli(['import', GPP, '--workspace', ws])
  expect(r.code).toBe(0)
  const byPrefix = new Map((await loadGppTags()).map((t) => [t.prefix, t.group]))
  const parsed = Papa.parse<Record<string, string>>(readFileSync(GPP, 'utf8'), {header: true, skipEmptyLines: true}).data
  rows = parsed.map((p) => ({buyer: p.Buyer, currency: p.Currency, cents: cents(p.Amount), cpv: p.CPV, group: p.CPV ? gppGroupOf(p.CPV, byPrefix) : null}))
})

const total = (rs: FixtureRow[]) => money(rs.reduce((a, r) => a + r.cents, 0))

describe('--by gpp_group', () => {
  it('cube sums spend per GPP group and currency, null for rows in no group', async () => {
    const out = await json(['cube', '--by', 'gpp_group'])
    const got = out.rows.map((r: Row) => [r.gpp_group, r.currency, r.amount]).sort()
    const keys = [...new Set(rows.map((r) => `${r.group}\u0000${r.currency}`))]
    const want = keys.map((k) => {
      const [g, c] = k.split('\u0000')
      const group = g === 'null' ? null : g
      return [group, c, total(rows.filter((r) => r.group === group && r.currency === c))]
    }).sort()
    expect(got).toEqual(want)
    // The fixture's two road codes fall in two groups: the longer prefix (50232) wins.
    expect(out.rows.map((r: Row) => r.gpp_group)).toEqual(expect.arrayContaining(['Road lighting and traffic signals', 'Road design, construction and maintenance']))
  })

  it('labels rows in no group "not a GPP group" for people, empty in CSV', async () => {
    const table = await runCli(['cube', '--by', 'gpp_group', '--workspace', ws, '--format', 'md'])
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('| not a GPP group | GBP |')
    const csv = await runCli(['cube', '--by', 'gpp_group', '--workspace', ws, '--format', 'csv'])
    expect(csv.stdout.split('\n')).toContain(`,GBP,${total(rows.filter((r) => r.group === null && r.currency === 'GBP'))},${rows.filter((r) => r.group === null && r.currency === 'GBP').length},0.315789,0.315789`)
  })

  it('top ranks suppliers within each GPP group', async () => {
    const out = await json(['top', 'suppliers', '--by', 'gpp_group', '--currency', 'GBP'])
    const computers = out.rows.filter((r: Row) => r.gpp_group === 'Computers, monitors, tablets and smartphones')
    expect(computers.map((r: Row) => [r.rank, r.supplier, r.amount])).toEqual([[1, 'Tech Ltd', total(rows.filter((r) => r.group === computers[0].gpp_group))]])
  })

  it('concentration takes gpp_group as its markets', async () => {
    const out = await json(['concentration', '--by', 'gpp_group'])
    expect(out.by).toBe('gpp_group')
    expect(out.rows.some((r: Row) => r.gpp_group === 'Electricity')).toBe(true)
  })
})

describe('spend classify gpp', () => {
  it('per buyer and currency: exact spend, classified spend, GPP spend, shares and groups', async () => {
    const out = await json(['classify', 'gpp'])
    expect(check(schemaOf(CLASSIFY_GPP_OUTPUT) as Schema, out)).toEqual([])
    const pairs = [...new Set(rows.map((r) => `${r.buyer}|${r.currency}`))]
    expect(out.rows).toHaveLength(pairs.length)
    for (const row of out.rows as Row[]) {
      const mine = rows.filter((r) => r.buyer === row.buyer && r.currency === row.currency)
      expect(row.amount).toBe(total(mine))
      expect(row.amount_classified).toBe(total(mine.filter((r) => r.cpv !== '')))
      expect(row.amount_gpp).toBe(total(mine.filter((r) => r.group !== null)))
      const groups = [...new Set(mine.map((r) => r.group).filter((g) => g !== null))]
      expect(row.groups.map((g: Row) => g.group).sort()).toEqual(groups.sort())
      for (const g of row.groups) expect(g.amount).toBe(total(mine.filter((r) => r.group === g.group)))
      expect(row.largest_group).toBe(row.groups[0].group)
      expect(row.share_gpp).toBeCloseTo(cents(row.amount_gpp) / cents(row.amount), 5)
      expect(row.share_gpp_classified).toBeCloseTo(cents(row.amount_gpp) / cents(row.amount_classified), 5)
    }
    // A credit note nets within its group; a row with no CPV code is unclassified, one outside the groups is classified only.
    const alpha = out.rows.find((r: Row) => r.buyer === 'Alpha Council')
    expect(cents(alpha.amount)).toBeGreaterThan(cents(alpha.amount_classified))
    expect(cents(alpha.amount_classified)).toBeGreaterThan(cents(alpha.amount_gpp))
  })

  it('takes the common filters, writes CSV and draws the chart', async () => {
    const dir = tempDir()
    const chart = join(dir, 'gpp.svg')
    const r = await runCli(['classify', 'gpp', '--workspace', ws, '--buyer', 'Bravo Council', '--format', 'csv', '--chart', chart])
    expect(r.code).toBe(0)
    const lines = r.stdout.trim().split('\n')
    expect(lines[0]).toBe('buyer,buyer_id,currency,rows,amount,amount_classified,amount_gpp,share_gpp,share_gpp_classified,share_classified,largest_group')
    expect(lines.slice(1).every((l) => l.startsWith('Bravo Council,'))).toBe(true)
    const svg = readFileSync(chart, 'utf8')
    expect(svg).toContain('Spend in EU GPP product groups per buyer')
    expect(svg).toContain('Road lighting and traffic signals')
  })
})

describe('spend report with GPP and overlays', () => {
  let dir = ''
  beforeAll(async () => {
    dir = tempDir()
    const cfg = join(dir, 'report.yml')
    const {writeFileSync} = await import('node:fs')
    writeFileSync(cfg, 'sections:\n  - type: gpp\n')
    const r = await runCli(['report', '--workspace', ws, '--config', cfg, '--out', join(dir, 'rep')])
    expect(r.code, r.stderr).toBe(0)
  })

  it('has the gpp section: its table and a chart', () => {
    const html = readFileSync(join(dir, 'rep', 'index.html'), 'utf8')
    expect(html).toContain('Spend in EU green public procurement product groups')
    expect(html).toContain('Road lighting and traffic signals')
    const manifest = JSON.parse(readFileSync(join(dir, 'rep', 'manifest.json'), 'utf8'))
    expect(manifest.files.some((f: Row) => /^charts\/.*gpp.*\.svg$/.test(f.path))).toBe(true)
    expect(manifest.files.some((f: Row) => /^tables\/.*\.csv$/.test(f.path))).toBe(true)
  })

  it('pins the overlays in manifest.json, and verify stops naming the rules stored since', async () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'rep', 'manifest.json'), 'utf8'))
    expect(check(schemaOf(REPORT_MANIFEST_OUTPUT) as Schema, manifest)).toEqual([])
    expect(manifest.overlays).toEqual({entities: null, classification: null})
    const before = await runCli(['verify', join(dir, 'rep'), '--workspace', ws, '--json'])
    expect(before.code, before.stderr).toBe(0)

    const copy = tempDir()
    const {cpSync} = await import('node:fs')
    cpSync(ws, copy, {recursive: true})
    const entry = await storeOverlay(copy, 'classification', 'buyer,field,scheme,match,pattern,cpv,note\n,description,,exact,stationery,30192000,office supplies\n', {rows: 1, source: 'rules.csv', toolVersion: 'test'})
    const r = await runCli(['verify', join(dir, 'rep'), '--workspace', copy, '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout)
    expect(check(schemaOf(VERIFY_OUTPUT) as Schema, out)).toEqual([])
    expect(out.rebuilt).toBe(false)
    expect(out.overlays.find((o: Row) => o.kind === 'classification')).toEqual({
      kind: 'classification', status: 'added', pinned: null, stored: {sha256: entry.sha256, source: 'rules.csv', rows: 1},
    })
    const people = await runCli(['verify', join(dir, 'rep'), '--workspace', copy])
    expect(people.code).toBe(1)
    expect(people.stderr).toContain('classification rules: added since the report was built (stored now: rules.csv')
    expect(people.stderr).toMatch(/verify failed: store the classification rules the report was built with again/)
    expect(existsSync(join(dir, 'rep', 'manifest.json'))).toBe(true)
  })

  it('records a stored overlay, and verify names it when it changes', async () => {
    const copy = tempDir()
    const {cpSync} = await import('node:fs')
    cpSync(ws, copy, {recursive: true})
    const first = await storeOverlay(copy, 'entities', 'variant,entity_key,entity_name,score,evidence,decision\nTech Ltd,tech,Tech Ltd,1,fingerprint,auto\n', {rows: 1, source: 'crosswalk.csv', toolVersion: 'test'})
    const out = join(copy, '..', `${copy.split('/').pop()}-rep`)
    const r = await runCli(['report', '--workspace', copy, '--out', out])
    try {
      expect(r.code, r.stderr).toBe(0)
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
      expect(manifest.overlays.entities).toEqual({sha256: first.sha256, source: 'crosswalk.csv', rows: 1})
      expect((await runCli(['verify', out, '--workspace', copy])).code).toBe(0)
      await storeOverlay(copy, 'entities', 'variant,entity_key,entity_name,score,evidence,decision\nTech Ltd,tech,Tech Limited,1,fingerprint,accept\n', {rows: 1, source: 'crosswalk-2.csv', toolVersion: 'test'})
      const v = await runCli(['verify', out, '--workspace', copy])
      expect(v.code).toBe(1)
      expect(v.stderr).toContain('supplier crosswalk: changed since the report was built (stored now: crosswalk-2.csv')
      expect(v.stderr).toContain('the report was built with crosswalk.csv')
      expect(v.stdout.split('\n')).toContain('overlay,entities,changed,crosswalk-2.csv')
    } finally {
      const {rmSync} = await import('node:fs')
      rmSync(out, {recursive: true, force: true})
    }
  })
})
