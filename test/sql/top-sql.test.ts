/**
 * The SQL of `spend top` run on DuckDB (over the workspace's Parquet export)
 * and on PostgreSQL (over the table `spend export --db` loads) gives exactly
 * the native `--json` (ranks, the folded Other rows, the spend left out with
 * redacted and blank suppliers), for suppliers, buyers and categories, on the
 * demo data and the engine edge cases.
 */
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {engineWorkspace, sameOnEngines, sameViewsOnEngine} from '../helpers/engine-compare.js'

const CASES = [
  ['suppliers'],
  ['suppliers', '--by', 'buyer', '--top', '3'],
  ['suppliers', '--buyer', 'kestrel', '--top', '2'],
  ['suppliers', '--by', 'quarter', '--fiscal-year-start', '4', '--top', '2'],
  ['suppliers', '--redacted-as-supplier', '--top', '5'],
  ['suppliers', '--by', 'buyer', '--exclude-redacted', '--top', '2'],
  ['buyers', '--by', 'supplier', '--top', '1', '--currency', 'NOK'],
  ['categories', '--by', 'buyer', '--top', '2', '--level', 'group'],
]

const env = engineWorkspace()

describe('top on SQL engines', () => {
  sameOnEngines(env, ['top'], CASES, (body) => expect(body.rows.length).toBeGreaterThan(0))
  sameViewsOnEngine(env, ['top', 'suppliers', '--by', 'buyer', '--top', '2'])

  it('the data exercise the edge cases: a tie broken by key, Other rows, spend left out in two currencies', async () => {
    const r = await runCli(['top', 'suppliers', '--buyer', 'kestrel', '--top', '2', '--workspace', env.ws, '--json'])
    const out = JSON.parse(r.stdout) as {rows: {rank: number | null; currency: string; amount: string; supplier_key: string | null; other?: number}[]; unidentified: {currency: string}[]}
    // Alpha Tools and Zeta Services have the same total (fixtures/analysis/README.md): ranked by key.
    const tied = out.rows.filter((x) => x.currency === 'GBP' && x.amount === '380.00')
    expect(tied.map((x) => [x.rank, x.supplier_key])).toEqual([[1, 'alpha tools'], [2, 'zeta services']])
    expect(out.rows.some((x) => x.other !== undefined)).toBe(true)
    const all = JSON.parse((await runCli(['top', 'suppliers', '--workspace', env.ws, '--json'])).stdout) as {unidentified: {currency: string}[]}
    expect(new Set(all.unidentified.map((u) => u.currency)).size).toBeGreaterThan(1)
  })
})
