/**
 * `spend export --db URL` on a real PostgreSQL server: the demo data loaded
 * with COPY; the table's per-currency NUMERIC sums equal `spend summary` to
 * the minor unit; a re-run replaces the same imports' rows (idempotent).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runPostgres} from '../../src/sql/engines.js'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {testPg, type TestPg} from '../helpers/pg.js'

let pg: TestPg
let ws = ''

beforeAll(async () => {
  pg = await testPg()
  ws = tempDir()
  expect((await runCli(['import', fixture('demo'), '--workspace', ws])).code).toBe(0)
})
afterAll(async () => {
  await pg?.close()
})

describe('spend export --db', () => {
  it('loads the records; NUMERIC totals equal spend summary; a re-run is idempotent', async () => {
    const summary = JSON.parse((await runCli(['summary', '--workspace', ws, '--json'])).stdout)
    const first = await runCli(['export', '--db', pg.url, '--workspace', ws, '--json'])
    expect(first.code, first.stderr).toBe(0)
    const j = JSON.parse(first.stdout)
    expect(j).toMatchObject({rows: summary.rows, bytes: null, sha256: null, format: 'postgres', table: 'spend_records', replaced: 0})
    expect(j.totals.map((t: {currency: string; amount: string}) => [t.currency, t.amount])).toEqual(summary.totals.map((t: {currency: string; amount: string}) => [t.currency, t.amount]))
    const again = JSON.parse((await runCli(['export', '--db', pg.url, '--workspace', ws, '--json'])).stdout)
    expect(again.replaced).toBe(summary.rows)
    const rows = await runPostgres(pg.url, 'SELECT currency, COUNT(*) AS n, SUM(amount) AS amount, SUM(amount_minor) AS minor FROM spend_records GROUP BY currency ORDER BY currency COLLATE "C"')
    expect(rows.map((r) => [r.currency, r.amount])).toEqual(summary.totals.map((t: {currency: string; amount: string}) => [t.currency, t.amount]))
    expect(rows.reduce((n, r) => n + Number(r.n), 0)).toBe(summary.rows)
  })

  it('needs exactly one of --out and --db (one line, exit 2)', async () => {
    const both = await runCli(['export', '--db', pg.url, '--out', 'x.csv', '--workspace', ws])
    expect(both.code).toBe(2)
    expect(both.stderr.trim().split('\n')).toHaveLength(1)
    expect((await runCli(['export', '--workspace', ws])).code).toBe(2)
  })

  it('an unreachable server is a DB_UNREACHABLE error, exit 1', async () => {
    const r = await runCli(['export', '--db', 'postgresql://nobody@127.0.0.1:1/none', '--workspace', ws, '--json'])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).error.code).toBe('DB_UNREACHABLE')
    const plain = await runCli(['export', '--db', 'postgresql://nobody@127.0.0.1:1/none', '--workspace', ws])
    expect(plain.stderr.trim().split('\n')).toHaveLength(1)
  })
})
