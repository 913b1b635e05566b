/**
 * `spend sql` through the built binary: the SQL on stdout, the --json shape,
 * flags an analysis does not take refused with one line and exit 2, sources
 * (--table, --parquet) per dialect, and filters resolved against the workspace.
 */
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

let ws = ''

beforeAll(async () => {
  ws = tempDir()
  expect((await runCli(['import', fixture('demo'), '--workspace', ws])).code).toBe(0)
}, 120_000)

const ANALYSES: string[][] = [
  ['cube', '--by', 'buyer,category', '--rollup'],
  ['cube', '--by', 'year,supplier', '--fiscal-year-start', '4'],
  ['concentration', '--by', 'buyer', '--bands', '2023'],
  ['pareto', '--by', 'year', '--detail', '--fiscal-year-start', '4'],
  ['top', 'suppliers', '--by', 'buyer', '--top', '5'],
  ['trend', '--every', 'quarter', '--fiscal-year-start', '4'],
  ['cube', '--by', 'buyer,supplier', '--top', '3'],
]

describe('spend sql', () => {
  it('prints SQL for every analysis and dialect, and --json as {analysis, dialect, sql}', async () => {
    for (const args of ANALYSES) {
      for (const dialect of ['duckdb', 'postgres', 'spark', 'trino']) {
        const text = await runCli(['sql', ...args, '--dialect', dialect])
        expect(text.code, `${args.join(' ')} ${dialect}: ${text.stderr}`).toBe(0)
        expect(text.stdout).toMatch(/SELECT/i)
        const json = await runCli(['sql', ...args, '--dialect', dialect, '--json'])
        expect(json.code).toBe(0)
        const body = JSON.parse(json.stdout)
        expect(Object.keys(body)).toEqual(['analysis', 'dialect', 'sql'])
        expect(body).toMatchObject({analysis: args[0], dialect})
        expect(`${body.sql}\n`).toBe(text.stdout)
      }
    }
  })

  it('refuses with one line and exit 2: a flag the analysis does not take, a missing or stray argument, a bad value', async () => {
    const cases: [string[], RegExp][] = [
      [['sql', 'cube', '--by', 'buyer', '--detail', '--dialect', 'duckdb'], /cube does not take --detail/],
      [['sql', 'trend', '--bands', '2023', '--dialect', 'duckdb'], /trend does not take --bands/],
      [['sql', 'pareto', '--rollup', '--dialect', 'duckdb'], /pareto does not take --rollup/],
      [['sql', 'top', '--dialect', 'duckdb'], /top needs what to rank/],
      [['sql', 'cube', 'suppliers', '--by', 'buyer', '--dialect', 'duckdb'], /cube takes no argument/],
      [['sql', 'cube', '--dialect', 'duckdb'], /cube needs --by/],
      [['sql', 'pareto', '--by', 'supplier', '--dialect', 'duckdb'], /--by "supplier"/],
      [['sql', 'top', 'suppliers', '--by', 'supplier', '--dialect', 'duckdb'], /Cannot rank suppliers by supplier/],
      [['sql', 'cube', '--by', 'buyer', '--dialect', 'mysql'], /dialect/],
      [['sql', 'cube', '--by', 'buyer', '--dialect', 'duckdb', '--fx', 'rates.csv', '--to', 'EUR'], /--fx is not run on SQL engines/],
      [['sql', 'cube', '--by', 'buyer', '--dialect', 'duckdb', '--file', 'x.csv'], /--file is not run on SQL engines/],
      [['sql', 'cube', '--by', 'buyer', '--dialect', 'trino', '--parquet', 'out/'], /--parquet is for the duckdb and spark dialects/],
      [['sql', 'cube', '--by', 'buyer', '--dialect', 'duckdb', '--parquet', 'out/', '--table', 't'], /--table and --parquet are alternatives/],
      [['sql', 'cube', '--by', 'buyer', '--dialect', 'duckdb', '--table', 'x; drop'], /is not a table name/],
    ]
    for (const [args, message] of cases) {
      const r = await runCli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr, args.join(' ')).toMatch(message)
    }
  })

  it('resolves filters against the workspace into explicit lists (exit 1 for a name that matches nothing)', async () => {
    const ok = await runCli(['sql', 'cube', '--by', 'supplier', '--dialect', 'postgres', '--buyer', 'copperfield', '--currency', 'gbp', '--from', '2024-Q2', '--workspace', ws])
    expect(ok.code, ok.stderr).toBe(0)
    const bad = await runCli(['sql', 'cube', '--by', 'supplier', '--dialect', 'postgres', '--buyer', 'Nowhere Council', '--workspace', ws])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/Nowhere Council/)
  })
})
