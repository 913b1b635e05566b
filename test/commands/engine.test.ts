/**
 * `--engine duckdb|postgres` on the analyses through the built binary: the
 * same --json as the native run (DuckDB over the workspace's cached Parquet
 * export, PostgreSQL over the table spend export --db loads), the cache
 * following the workspace's state, and one-line refusals.
 */
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {testPg, type TestPg} from '../helpers/pg.js'
import {Workspace} from '../../src/io/workspace/index.js'
import {exportWorkspaceToPostgres} from '../../src/services/export/postgres.js'
import {runDuckdb} from '../../src/sql/engines.js'

let ws = ''
let pg: TestPg

beforeAll(async () => {
  ws = tempDir()
  expect((await runCli(['import', fixture('demo'), '--workspace', ws])).code).toBe(0)
  pg = await testPg()
}, 120_000)

afterAll(async () => {
  await pg?.close()
})

const parquetDirs = () => readdirSync(join(ws, 'engine')).filter((n) => n.startsWith('parquet-'))

describe('--engine', () => {
  it('postgres without the table says to run spend export --db (one line, exit 1); without --db, exit 2', async () => {
    const r = await runCli(['cube', '--by', 'buyer', '--engine', 'postgres', '--db', pg.url, '--workspace', ws])
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/spend export --db URL/)
    const noDb = await runCli(['cube', '--by', 'buyer', '--engine', 'postgres', '--workspace', ws])
    expect(noDb.code).toBe(2)
    expect(noDb.stderr).toMatch(/--db|SPENDKIT_DB_URL/)
  })

  it('refuses --chart, --fx and --file with one line (exit 2)', async () => {
    for (const extra of [['--chart', join(tempDir(), 'c.svg')], ['--fx', 'r.csv', '--to', 'EUR'], ['--file', fixture('demo', 'uk-elmswick-spend-over-500-2023.csv')]]) {
      const r = await runCli(['cube', '--by', 'buyer', '--engine', 'duckdb', '--workspace', ws, ...extra])
      expect(r.code, extra.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    }
  })

  it('duckdb keeps one Parquet export per workspace state, with every record, and replaces it when the state changes', async () => {
    const r = await runCli(['cube', '--by', 'buyer', '--engine', 'duckdb', '--workspace', ws, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const [first] = parquetDirs()
    expect(parquetDirs()).toHaveLength(1)
    const summary = JSON.parse((await runCli(['summary', '--workspace', ws, '--json'])).stdout)
    const rows = await runDuckdb(`SELECT COUNT(*) AS n FROM read_parquet('${join(ws, 'engine', first)}/*.parquet')`)
    expect(Number(rows[0].n)).toBe(summary.rows)
    // Per currency, the exported minor units add up to summary's totals exactly (decimal text built from the integers).
    const sums = await runDuckdb(`SELECT currency, SUM(amount_minor) AS minor, MAX(currency_exponent) AS e FROM read_parquet('${join(ws, 'engine', first)}/*.parquet') GROUP BY currency ORDER BY currency`)
    const decimal = (minor: string, e: number) => {
      const neg = minor.startsWith('-')
      const digits = (neg ? minor.slice(1) : minor).padStart(e + 1, '0')
      return `${neg ? '-' : ''}${e ? `${digits.slice(0, -e)}.${digits.slice(-e)}` : digits}`
    }
    expect(sums.map((r) => ({currency: r.currency, amount: decimal(r.minor!, Number(r.e))}))).toEqual(summary.totals.map((t: {currency: string; amount: string}) => ({currency: t.currency, amount: t.amount})))
    expect((await runCli(['classify', 'apply', '--rules', 'default', '--workspace', ws])).code).toBe(0)
    expect((await runCli(['cube', '--by', 'buyer', '--engine', 'duckdb', '--workspace', ws, '--json'])).code).toBe(0)
    expect(parquetDirs()).toHaveLength(1)
    expect(parquetDirs()[0]).not.toBe(first)
    expect(existsSync(join(ws, 'engine', parquetDirs()[0], 'part-0.parquet'))).toBe(true)
  })

  it('cube --by buyer gives the native --json on DuckDB and on PostgreSQL', async () => {
    const load = await exportWorkspaceToPostgres(await Workspace.open(ws), pg.url)
    expect(load.rows).toBeGreaterThan(10_000)
    const native = await runCli(['cube', '--by', 'buyer', '--workspace', ws, '--json'])
    expect(native.code).toBe(0)
    const want = JSON.parse(native.stdout)
    expect(want.rows.length).toBeGreaterThan(5)
    const duck = await runCli(['cube', '--by', 'buyer', '--engine', 'duckdb', '--workspace', ws, '--json'])
    expect(duck.code, duck.stderr).toBe(0)
    expect(JSON.parse(duck.stdout)).toEqual(want)
    const post = await runCli(['cube', '--by', 'buyer', '--engine', 'postgres', '--db', pg.url, '--workspace', ws, '--json'])
    expect(post.code, post.stderr).toBe(0)
    expect(JSON.parse(post.stdout)).toEqual(want)
  })
})

describe('engine views', () => {
  it('show the declared row columns, leaving out optional ones no row has', async () => {
    const {engineViews} = await import('../../src/services/engine.js')
    const body = {rows: [{buyer: 'A', buyer_id: 'a', currency: 'GBP', amount: '1.00', count: 1, share: 1, share_total: 1}]}
    const [view] = engineViews('cube', body, ['buyer'])
    expect(view.columns.map((c) => c.key)).toEqual(['buyer', 'buyer_id', 'currency', 'amount', 'count', 'share', 'share_total'])
    expect(view.rows).toEqual(body.rows)
    const nested = engineViews('top', {rows: [{rank: 1, supplier: 'S', supplier_key: 's', currency: 'GBP', amount: '2.00', count: 2, share: 0.5}]}, ['supplier'])
    expect(nested[0].columns.map((c) => c.key)).toContain('rank')
  })
})
