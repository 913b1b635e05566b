/**
 * On the demo data (fixtures/demo): `summary` takes the analysis filters and
 * --file and names them; profile ranks name their currency and leave out the
 * redacted suppliers; --help states the three treatments of redacted suppliers.
 */
import {rmSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

 
type Json = Record<string, any>
let ws = ''
const DKF = 'Direktoratet for kystforvaltning'
const FILE = fixture('demo', 'uk-dis-spend-over-25k-2023-01.csv')

async function json(args: string[]): Promise<Json> {
  const r = await runCli([...args, '--workspace', ws, '--json'])
  expect(r.code, `${args.join(' ')}: ${r.stdout.slice(0, 300)}`).toBe(0)
  return JSON.parse(r.stdout) as Json
}

beforeAll(async () => {
  ws = tempDir('spendkit-measures-')
  expect((await runCli(['import', fixture('demo'), '--workspace', ws])).code).toBe(0)
})
afterAll(() => rmSync(ws, {recursive: true, force: true}))

describe('summary takes the analysis filters and --file', () => {
  it('--buyer and --from select rows like the other analyses, and the output names them', async () => {
    const s = await json(['summary', '--buyer', DKF, '--from', '2024'])
    const cube = await json(['cube', '--by', 'buyer', '--buyer', DKF, '--from', '2024'])
    expect(s.rows).toBe(cube.rows.reduce((a: number, r: Json) => a + r.count, 0))
    expect(s.totals).toEqual(cube.rows.map((r: Json) => ({currency: r.currency, amount: r.amount})))
    expect(s.buyers).toBe(1)
    expect(s.from >= '2024-01-01').toBe(true)
    expect(s.filters).toEqual({buyer: [DKF], from: '2024'})
    expect(Object.keys(s).slice(0, 6)).toEqual(['rows', 'buyers', 'suppliers', 'from', 'to', 'totals'])
    const all = await json(['summary'])
    expect(all.filters).toEqual({})
    expect(s.rows).toBeLessThan(all.rows)
    const table = await runCli(['summary', '--buyer', DKF, '--from', '2024', '--workspace', ws, '--format', 'table'])
    expect(table.stdout).toMatch(/Filters +│ --buyer "Direktoratet for kystforvaltning" --from 2024/)
    const csv = await runCli(['summary', '--from', '2024', '--workspace', ws])
    expect(csv.stdout.split('\n')[1]).toMatch(/,from=2024,\d+,\d+$/)
  })

  it('--file summarises a file directly, one import per file, writing nothing', async () => {
    const direct = await json(['summary', '--file', FILE])
    const other = tempDir('spendkit-measures-')
    const r = await runCli(['import', FILE, '--workspace', other, '--json'])
    rmSync(other, {recursive: true, force: true})
    const imported = JSON.parse(r.stdout) as Json
    expect(direct.rows).toBe(imported.imports[0].rows.imported)
    expect(direct.totals).toEqual(imported.imports[0].totals.map((t: Json) => ({currency: t.currency, amount: t.imported})))
    expect(direct.per_import).toHaveLength(1)
    expect(direct.per_import[0]).toMatchObject({rows: direct.rows, file: expect.stringContaining('uk-dis-spend-over-25k-2023-01.csv')})
    expect(direct.filters).toEqual({file: [FILE]})
  })

  it('a filter value that matches nothing is an error, as in the other analyses', async () => {
    const r = await runCli(['summary', '--supplier', 'No Such Supplier Anywhere', '--workspace', ws])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^spend: error: --supplier: No supplier matches/)
  })
})

describe('profile ranks name their currency and leave out redacted suppliers', () => {
  it('ranks a supplier among the identified suppliers of its currency', async () => {
    const p = await json(['profile', 'supplier', 'Molde Data'])
    const nok = (await json(['pareto'])).groups.find((g: Json) => g.currency === 'NOK')
    expect(p.totals).toEqual([expect.objectContaining({currency: 'NOK', of: nok.suppliers})])
    const table = await runCli(['profile', 'supplier', 'Molde Data', '--workspace', ws, '--format', 'table'])
    expect(table.stdout).toMatch(new RegExp(`Rank +│ ${p.totals[0].rank} of ${nok.suppliers} NOK suppliers`))
  })

  it('profiles the redacted placeholder as unidentified, unranked', async () => {
    const p = await json(['profile', 'supplier', 'REDACTED PERSONAL DATA'])
    expect(p.unidentified).toBe(true)
    expect(p.totals.map((t: Json) => t.rank)).toEqual([null])
    const top = await json(['top', 'suppliers'])
    const left = top.unidentified.find((u: Json) => u.currency === p.totals[0].currency)
    expect([p.totals[0].amount, p.totals[0].count]).toEqual([left.amount, left.count])
  })
})

describe('--help states how redacted suppliers are treated', () => {
  it.each([['top'], ['pareto'], ['concentration'], ['summary'], ['profile', 'supplier']])('%s --help', async (...cmd) => {
    const r = await runCli([...cmd, '--help'])
    expect(r.code).toBe(0)
    const text = r.stdout.replace(/\s+/g, ' ')
    expect(text).toContain('--redacted-as-supplier')
    expect(text).toContain('--exclude-redacted')
    expect(text).toMatch(/Count redacted and blank suppliers as one supplier/)
    expect(text).toMatch(/Drop rows whose supplier is redacted or blank from everything, totals included/)
    expect(text).toMatch(/many unknown payees/)
  })

  it('summary --help lists the filters and --file', async () => {
    const text = (await runCli(['summary', '--help'])).stdout
    for (const flag of ['--buyer', '--supplier', '--from', '--to', '--file']) expect(text).toContain(flag)
  })

  it('--redacted-as-supplier and --exclude-redacted together are a usage error', async () => {
    expect((await runCli(['top', 'suppliers', '--redacted-as-supplier', '--workspace', ws])).code).toBe(0)
    expect((await runCli(['top', 'suppliers', '--exclude-redacted', '--workspace', ws])).code).toBe(0)
    const r = await runCli(['top', 'suppliers', '--redacted-as-supplier', '--exclude-redacted', '--workspace', ws])
    expect(r.code).toBe(2)
  })
})
