/**
 * The analysis commands on the demo data set (fixtures/demo: GBP and NOK, two
 * years, three buyers): same bytes in any time zone and locale, tables that
 * fit 80 columns, and the cube agreeing with `spend summary`.
 */
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

 
type Row = Record<string, any>
let ws = ''

beforeAll(async () => {
  ws = tempDir()
  const r = await runCli(['import', fixture('demo'), '--workspace', ws])
  expect(r.code).toBe(0)
})

const COMMANDS = [
  ['cube', '--by', 'buyer,expense_type', '--rollup', '--top', '3'],
  ['top', 'suppliers', '--by', 'buyer', '--top', '5'],
  ['pareto', '--by', 'buyer'],
  ['concentration', '--by', 'buyer'],
  ['trend', '--every', 'quarter', '--fiscal-year-start', '4'],
  ['profile', 'supplier', 'Molde Data'],
  ['profile', 'buyer', 'Direktoratet'],
]

describe('analysis commands on the demo data', () => {
  it('give the same bytes in any time zone and locale (Markdown and JSON)', async () => {
    const east = {TZ: 'Pacific/Kiritimati', LANG: 'nb_NO.UTF-8', LC_ALL: 'nb_NO.UTF-8'}
    const west = {TZ: 'America/Los_Angeles', LANG: 'C'}
    for (const args of COMMANDS) {
      for (const format of [['--format', 'md'], ['--json']]) {
        const a = await runCli([...args, '--workspace', ws, ...format], {env: east})
        const b = await runCli([...args, '--workspace', ws, ...format], {env: west})
        expect(a.code, args.join(' ')).toBe(0)
        expect(a.stdout.length).toBeGreaterThan(100)
        expect(a.stdout, args.join(' ')).toBe(b.stdout)
      }
    }
  })

  it('print tables that fit 80 columns', async () => {
    for (const args of COMMANDS) {
      const r = await runCli([...args, '--workspace', ws, '--format', 'table'])
      expect(r.code, args.join(' ')).toBe(0)
      for (const line of r.stdout.split('\n')) expect([...line].length, `${args.join(' ')}: ${line}`).toBeLessThanOrEqual(80)
    }
  })

  it('cube by buyer adds up, per currency, to the totals of spend summary', async () => {
    const summary = JSON.parse((await runCli(['summary', '--workspace', ws, '--json'])).stdout)
    const cube = JSON.parse((await runCli(['cube', '--by', 'buyer', '--rollup', '--workspace', ws, '--json'])).stdout)
    const grand = cube.rows.filter((r: Row) => r.rollup && r.buyer === null)
    expect(grand.map((r: Row) => ({currency: r.currency, amount: r.amount}))).toEqual(summary.totals)
    expect(grand.map((r: Row) => r.count).reduce((a: number, b: number) => a + b, 0)).toBe(summary.rows)
  })
})
