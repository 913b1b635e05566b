/**
 * The SQL of `spend cube` run on DuckDB (over the workspace's Parquet
 * export) and on PostgreSQL (over the table `spend export --db` loads) gives
 * exactly the native `--json`, for every option the SQL covers (--top
 * folding included), on the demo data and the engine edge cases with the
 * shipped classification rules stored (CPV codes and labels).
 */
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {engineWorkspace, sameOnEngines, sameViewsOnEngine} from '../helpers/engine-compare.js'

const CASES = [
  ['--by', 'buyer'],
  ['--by', 'buyer,year', '--rollup'],
  ['--by', 'category,quarter', '--rollup', '--fiscal-year-start', '4'],
  ['--by', 'currency'],
  ['--by', 'unit,supplier', '--rollup'],
  ['--by', 'month', '--currency', 'NOK'],
  ['--by', 'supplier', '--exclude-redacted'],
  ['--by', 'expense_type,unit,currency', '--rollup', '--from', '2024-Q2'],
  ['--by', 'supplier,buyer', '--top', '1', '--rollup'],
  ['--by', 'buyer,year,supplier', '--top', '2', '--rollup', '--currency', 'GBP'],
  ['--by', 'category,month', '--top', '3', '--level', 'division'],
]

const env = engineWorkspace()

describe('cube on SQL engines', () => {
  sameOnEngines(env, ['cube'], CASES, (body) => expect(body.rows.length).toBeGreaterThan(0))
  sameViewsOnEngine(env, ['cube', '--by', 'supplier,buyer', '--top', '1', '--rollup'])

  it('the data exercise --top: folded rows, under parents with subtotals', async () => {
    const r = await runCli(['cube', '--by', 'supplier,buyer', '--top', '1', '--rollup', '--workspace', env.ws, '--json'])
    const rows = JSON.parse(r.stdout).rows as {other?: number; rollup?: boolean; unidentified?: boolean}[]
    expect(rows.filter((x) => x.other !== undefined).length).toBeGreaterThan(1)
    expect(rows.some((x) => x.rollup)).toBe(true)
    expect(rows.some((x) => x.unidentified && x.other !== undefined)).toBe(true)
  })
})
