/**
 * The SQL of `spend cube` run on DuckDB (over the workspace's Parquet export)
 * and on PostgreSQL (over the table `spend export --db` loads) gives exactly
 * the native `--json`, for every option the SQL covers, on the demo data with
 * the shipped classification rules stored (CPV codes and labels); the Spark
 * and Trino texts parse.
 */
import {SparkSQL, TrinoSQL} from 'dt-sql-parser'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {testPg, type TestPg} from '../helpers/pg.js'

const CASES = [
  ['--by', 'buyer'],
  ['--by', 'supplier'],
  ['--by', 'buyer,year', '--rollup'],
  ['--by', 'category'],
  ['--by', 'category', '--level', 'division'],
  ['--by', 'category,quarter', '--rollup', '--fiscal-year-start', '4'],
  ['--by', 'currency'],
  ['--by', 'unit,supplier', '--rollup'],
  ['--by', 'gpp_group,buyer'],
  ['--by', 'month', '--currency', 'NOK'],
  ['--by', 'supplier', '--exclude-redacted'],
  ['--by', 'expense_type,unit,currency', '--rollup', '--from', '2024-Q2'],
]

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

describe('cube on SQL engines', () => {
  for (const args of CASES) {
    it(`cube ${args.join(' ')}: DuckDB and PostgreSQL give the native --json`, async () => {
      const native = await runCli(['cube', ...args, '--workspace', ws, '--json'])
      expect(native.code, native.stderr).toBe(0)
      expect(JSON.parse(native.stdout).rows.length).toBeGreaterThan(0)
      for (const engine of [['--engine', 'duckdb'], ['--engine', 'postgres', '--db', pg.url]]) {
        const r = await runCli(['cube', ...args, '--workspace', ws, '--json', ...engine])
        expect(r.code, r.stderr).toBe(0)
        expect(r.stdout, engine[1]).toBe(native.stdout)
      }
    })
  }

  it('the Spark and Trino texts parse with those dialects\' grammars', async () => {
    for (const args of CASES) {
      for (const [dialect, parser] of [['spark', new SparkSQL()], ['trino', new TrinoSQL()]] as const) {
        const r = await runCli(['sql', 'cube', ...args, '--dialect', dialect, '--workspace', ws])
        expect(r.code, r.stderr).toBe(0)
        expect(r.stdout).toMatch(/GROUP BY currency/)
        expect(parser.validate(r.stdout), `${dialect}: ${args.join(' ')}`).toEqual([])
      }
    }
  })

  it('--top is refused on engines with one line (exit 2), never a different result', async () => {
    const r = await runCli(['cube', '--by', 'buyer', '--top', '3', '--workspace', ws, '--engine', 'duckdb'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})
