/**
 * The SQL of `spend concentration` run on DuckDB (over the workspace's Parquet
 * export) and on PostgreSQL (over the table `spend export --db` loads) gives
 * exactly the native `--json`, for every option the SQL covers, on the demo
 * data and the engine edge cases with the shipped classification rules
 * stored.
 */
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {engineWorkspace, sameOnEngines, sameViewsOnEngine} from '../helpers/engine-compare.js'

const CASES = [
  [],
  ['--by', 'buyer', '--bands', '2023'],
  ['--by', 'gpp_group', '--currency', 'NOK'],
  ['--by', 'category', '--level', 'division', '--from', '2024-Q2'],
  ['--by', 'buyer', '--redacted-as-supplier'],
  ['--by', 'buyer', '--exclude-redacted'],
]

const env = engineWorkspace()

describe('concentration on SQL engines', () => {
  sameOnEngines(env, ['concentration'], CASES, (body) => expect(body.rows.length).toBeGreaterThan(0))
  sameViewsOnEngine(env, ['concentration', '--by', 'buyer'])

  it('the data exercise the edge cases: several suppliers, net credits, spend left out, more than one band', async () => {
    const rows = JSON.parse((await runCli(['concentration', '--by', 'buyer', '--workspace', env.ws, '--json'])).stdout).rows as {suppliers: number; suppliers_nonpositive: number; band: string | null; unidentified: {count: number}}[]
    expect(rows.some((r) => r.suppliers > 5)).toBe(true)
    expect(rows.some((r) => r.suppliers_nonpositive > 0)).toBe(true)
    expect(rows.some((r) => r.unidentified.count > 0)).toBe(true)
    expect(new Set(rows.map((r) => r.band)).size).toBeGreaterThan(1)
  })
})
