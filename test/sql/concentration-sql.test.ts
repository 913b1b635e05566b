/**
 * The SQL of `spend concentration` run on DuckDB (over the workspace's
 * Parquet export) and on PostgreSQL (over the table `spend export --db`
 * loads) gives exactly the native `--json`, for every option the SQL covers,
 * on the demo data with the shipped classification rules stored; the Spark
 * and Trino texts parse.
 */
import {SparkSQL, TrinoSQL} from 'dt-sql-parser'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {testPg, type TestPg} from '../helpers/pg.js'

const CASES = [
  [],
  ['--by', 'buyer', '--bands', '2023'],
  ['--by', 'gpp_group', '--currency', 'NOK'],
  ['--by', 'category', '--level', 'division', '--from', '2024-Q2'],
  ['--by', 'buyer', '--redacted-as-supplier'],
  ['--by', 'buyer', '--exclude-redacted'],
]

/** The distinct shapes of the SQL text (the rest differ in the predicate only). */
const PARSED = [CASES[0], CASES[3], CASES[4]]

let ws = ''
let pg: TestPg

beforeAll(async () => {
  ws = tempDir()
  expect((await runCli(['import', fixture('demo'), '--workspace', ws])).code).toBe(0)
  expect((await runCli(['classify', 'apply', '--rules', 'default', '--workspace', ws])).code).toBe(0)
  pg = await testPg()
  const load = await runCli(['export', '--db', pg.url, '--workspace', ws])
  expect(load.code, load.stderr).toBe(0)
})
afterAll(async () => {
  await pg?.close()
})

describe('concentration on SQL engines', () => {
  for (const args of CASES) {
    it(`concentration ${args.join(' ')}: DuckDB and PostgreSQL give the native --json`, async () => {
      const native = await runCli(['concentration', ...args, '--workspace', ws, '--json'])
      expect(native.code, native.stderr).toBe(0)
      expect(JSON.parse(native.stdout).rows.length).toBeGreaterThan(0)
      for (const engine of [['--engine', 'duckdb'], ['--engine', 'postgres', '--db', pg.url]]) {
        const r = await runCli(['concentration', ...args, '--workspace', ws, '--json', ...engine])
        expect(r.code, r.stderr).toBe(0)
        expect(r.stdout, engine[1]).toBe(native.stdout)
      }
    })
  }

  it('the data exercise the edge cases: several suppliers, net credits, spend left out, more than one band', async () => {
    const rows = JSON.parse((await runCli(['concentration', '--by', 'buyer', '--workspace', ws, '--json'])).stdout).rows as {suppliers: number; suppliers_nonpositive: number; band: string | null; unidentified: {count: number}}[]
    expect(rows.some((r) => r.suppliers > 5)).toBe(true)
    expect(rows.some((r) => r.suppliers_nonpositive > 0)).toBe(true)
    expect(rows.some((r) => r.unidentified.count > 0)).toBe(true)
    expect(new Set(rows.map((r) => r.band)).size).toBeGreaterThan(1)
  })

  it('the Spark and Trino texts parse with those dialects\' grammars', async () => {
    for (const args of PARSED) {
      for (const [dialect, parser] of [['spark', new SparkSQL()], ['trino', new TrinoSQL()]] as const) {
        const r = await runCli(['sql', 'concentration', ...args, '--dialect', dialect, '--workspace', ws])
        expect(r.code, r.stderr).toBe(0)
        expect(r.stdout).toMatch(/GROUP BY currency, g/)
        expect(parser.validate(r.stdout), `${dialect}: ${args.join(' ')}`).toEqual([])
      }
    }
  })
})
