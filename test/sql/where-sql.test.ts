/**
 * The common filters as SQL (src/sql/where.ts) select the rows the native
 * filters select: per currency, the same row count and the same total to the
 * minor unit, in DuckDB and in PostgreSQL, on the demo workspace (with the
 * default classification rules and the suggested supplier crosswalk stored, as
 * the demo sets them up, so categories are the classified codes and suppliers
 * the crosswalk's entities).
 */
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {duckdbSetup, loadPostgres} from '../helpers/engine-data.js'
import {testPg, type TestPg} from '../helpers/pg.js'
import {type AnalysisFlagValues, loadAnalysisInput} from '../../src/services/analysis-input.js'
import {dialect} from '../../src/sql/dialect.js'
import {runDuckdb, runPostgres} from '../../src/sql/engines.js'
import {refuseNative, sqlWhere} from '../../src/sql/where.js'
import {isSpendInputError} from '../../src/errors.js'

let ws = ''
let pg: TestPg
let setup: string[] = []

beforeAll(async () => {
  ws = tempDir()
  expect((await runCli(['import', fixture('demo'), '--workspace', ws])).code).toBe(0)
  expect((await runCli(['classify', 'apply', '--rules', 'default', '--workspace', ws])).code).toBe(0)
  // The demo's supplier crosswalk too (scripts/demo.mjs SETUP_STEPS): suppliers are then entities under several published names.
  const crosswalk = join(tempDir(), 'crosswalk.csv')
  expect((await runCli(['entities', 'suggest', '--out', crosswalk, '--workspace', ws])).code).toBe(0)
  expect((await runCli(['entities', 'apply', crosswalk, '--workspace', ws])).code).toBe(0)
  pg = await testPg()
  await loadPostgres(ws, pg.url)
  setup = await duckdbSetup(ws)
}, 120_000)

afterAll(async () => {
  await pg?.close()
})

type Totals = Record<string, {rows: number; minor: string}>

async function native(flags: AnalysisFlagValues): Promise<Totals> {
  const input = await loadAnalysisInput({...flags, workspace: ws}, ['amount', 'currency'])
  const amount = input.frame.columns.amount as {values: Float64Array}
  const cur = input.frame.columns.currency as {codes: Int32Array; dict: string[]}
  const out: Record<string, {rows: number; minor: bigint}> = {}
  const rows = input.selection ?? Array.from({length: input.frame.length}, (_, i) => i)
  for (const i of rows) {
    const c = cur.dict[cur.codes[i]]
    out[c] ??= {rows: 0, minor: 0n}
    out[c].rows++
    out[c].minor += BigInt(amount.values[i])
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, {rows: v.rows, minor: String(v.minor)}]))
}

const query = (where: string) => `SELECT currency, COUNT(*) AS n, SUM(amount_minor) AS minor FROM spend_records WHERE ${where} GROUP BY currency ORDER BY currency`
const totals = (rows: Record<string, string | null>[]): Totals => Object.fromEntries(rows.map((r) => [r.currency!, {rows: Number(r.n), minor: r.minor!}]))

const CASES: [string, AnalysisFlagValues][] = [
  ['no filter', {}],
  ['--buyer by a unique part of the name', {buyer: ['copperfield']}],
  ['--buyer twice', {buyer: ['Dunholm County Council', 'Direktoratet']}],
  ['--supplier by name', {supplier: ['Fenland Facilities']}],
  ['--supplier by an organisation number', {supplier: ['925914665']}],
  ['--supplier by a name as published (under the crosswalk)', {supplier: ['FENLAND TECHNOLOGY LTD']}],
  ['--category by a code prefix', {category: ['72']}],
  ['--category by text', {category: ['Construction work']}],
  ['--category by a CPV code (its sub-codes)', {category: ['79000000']}],
  ['--currency', {currency: ['gbp']}],
  ['--from a quarter', {from: '2024-Q2'}],
  ['--from and --to', {from: '2023-03', to: ['2023-11-15']}],
  ['--to a year', {to: ['2023']}],
  ['--exclude-redacted', {'exclude-redacted': true}],
  ['all together', {buyer: ['Direktoratet for kystforvaltning'], currency: ['NOK'], from: '2023', 'exclude-redacted': true}],
]

describe('the filters as SQL', () => {
  for (const [name, flags] of CASES) {
    it(`select the native rows: ${name}`, async () => {
      const want = await native(flags)
      expect(Object.keys(want).length).toBeGreaterThan(0)
      const duck = await sqlWhere({...flags, workspace: ws}, dialect('duckdb'))
      const post = await sqlWhere({...flags, workspace: ws}, dialect('postgres'))
      expect(totals(await runDuckdb(query(duck.where), setup))).toEqual(want)
      expect(totals(await runPostgres(pg.url, query(post.where)))).toEqual(want)
      const rows = Object.values(want).reduce((s, t) => s + t.rows, 0)
      if (duck.rows !== null) expect(duck.rows).toBe(rows)
    })
  }

  it('narrows: every filtered case selects fewer rows than no filter', async () => {
    const all = await native({})
    const some = await native({buyer: ['copperfield']})
    expect(some.GBP.rows).toBeLessThan(all.GBP.rows)
    expect(some.NOK).toBeUndefined()
  })

  it('writes TRUE without filters and never reads the workspace then', async () => {
    expect((await sqlWhere({workspace: '/nonexistent-spendkit-workspace'}, dialect('duckdb'))).where).toBe('TRUE')
  })

  it('refuses --fx, --to CODE, --deflate and --file (exit 2)', () => {
    for (const flags of [{fx: 'r.csv', to: ['EUR']}, {to: ['EUR']}, {deflate: 'i.csv', base: '2020'}, {file: ['a.csv']}] as AnalysisFlagValues[]) {
      try {
        refuseNative(flags)
        expect.unreachable()
      } catch (error) {
        expect(isSpendInputError(error) && error.exit).toBe(2)
        expect((error as Error).message).toMatch(/not run on SQL engines/)
      }
    }
  })

  it('gives the native errors: an unknown buyer, a bad period', async () => {
    await expect(sqlWhere({workspace: ws, buyer: ['Nowhere Council']}, dialect('duckdb'))).rejects.toMatchObject({code: 'UNKNOWN_NAME'})
    await expect(sqlWhere({workspace: ws, from: '2024-13'}, dialect('duckdb'))).rejects.toMatchObject({code: 'BAD_PERIOD', exit: 2})
  })

  it('quotes names with quotes for each dialect', async () => {
    const w = await sqlWhere({workspace: ws, buyer: ['Glenmarsh']}, dialect('spark'))
    expect(w.where).toMatch(/^buyer_id IN \('.+'\)$/)
  })
})
