/**
 * The SQL of `spend pareto` run on DuckDB (over the workspace's Parquet
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
  ['--by', 'buyer', '--detail'],
  ['--by', 'category', '--level', 'division', '--currency', 'GBP'],
  ['--by', 'quarter', '--fiscal-year-start', '4', '--detail'],
  ['--detail', '--redacted-as-supplier'],
  ['--by', 'buyer', '--exclude-redacted'],
]

const env = engineWorkspace()

describe('pareto on SQL engines', () => {
  sameOnEngines(env, ['pareto'], CASES, (body) => expect(body.rows.length).toBeGreaterThan(0))
  sameViewsOnEngine(env, ['pareto', '--by', 'buyer', '--detail'])

  it('the data exercise the edge cases: several classes, net credits, spend left out, several currencies', async () => {
    const out = JSON.parse((await runCli(['pareto', '--by', 'buyer', '--workspace', env.ws, '--json'])).stdout) as {rows: {class: string; currency: string}[]; groups: {unidentified: {count: number}}[]}
    expect(new Set(out.rows.map((r) => r.class))).toEqual(new Set(['A', 'B', 'C', 'none']))
    expect(new Set(out.rows.map((r) => r.currency)).size).toBeGreaterThan(1)
    expect(out.groups.some((g) => g.unidentified.count > 0)).toBe(true)
  })
})
