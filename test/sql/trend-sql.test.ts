/**
 * The SQL of `spend trend` run on DuckDB (over the workspace's Parquet
 * export) and on PostgreSQL (over the table `spend export --db` loads) gives
 * exactly the native `--json`: one range of periods for every series,
 * zero-filled, changes on the previous period and a year earlier, undated
 * lines and the periods with no known total beside them, on the demo data
 * and the engine edge cases.
 */
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {engineWorkspace, sameOnEngines, sameViewsOnEngine} from '../helpers/engine-compare.js'

const CASES = [
  [],
  ['--every', 'quarter', '--fiscal-year-start', '4'],
  ['--every', 'year', '--by', 'buyer'],
  ['--by', 'supplier', '--buyer', 'kestrel'],
  ['--every', 'quarter', '--by', 'category', '--level', 'division'],
  ['--by', 'unit', '--currency', 'NOK', '--from', '2024-Q2'],
  ['--every', 'quarter', '--by', 'buyer', '--exclude-redacted'],
]

const env = engineWorkspace()

describe('trend on SQL engines', () => {
  sameOnEngines(env, ['trend'], CASES, (body) => expect(body.rows.length).toBeGreaterThan(0))
  sameViewsOnEngine(env, ['trend', '--by', 'supplier', '--buyer', 'kestrel'])

  it('the data exercise the edge cases: zero-filled periods, undated lines, periods with no known change beside them', async () => {
    const r = await runCli(['trend', '--by', 'supplier', '--buyer', 'kestrel', '--workspace', env.ws, '--json'])
    const out = JSON.parse(r.stdout) as {rows: {count: number; change: string | null}[]; undated: unknown[]}
    expect(out.undated.length).toBeGreaterThan(1)
    expect(out.rows.some((x) => x.count === 0 && x.change === null)).toBe(true)
    expect(out.rows.some((x) => x.count === 0 && x.change !== null)).toBe(true)
  })
})
