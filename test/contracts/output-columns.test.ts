/**
 * Each output is declared once (src/io/write/output-fields.ts): its CSV header
 * is the declared row fields, and its JSON rows carry the declared fields in
 * the declared order, as the real binary writes them on a small workspace.
 */
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {columnsOf, fieldOf, type Field} from '../../src/io/write/output-fields.js'
import {dimColumns} from '../../src/io/write/analysis-common.js'
import type {DimName} from '../../src/analysis/dims.js'
import {CONCENTRATION_OUTPUT} from '../../src/io/write/concentration-report.js'
import {CUBE_OUTPUT} from '../../src/io/write/cube-report.js'
import {PARETO_OUTPUT} from '../../src/io/write/pareto-report.js'
import {PROFILE_OUTPUTS} from '../../src/io/write/profile-report.js'
import {ROWS_OUTPUT} from '../../src/io/write/rows-report.js'
import {TOP_OUTPUT} from '../../src/io/write/top-report.js'
import {TREND_OUTPUT} from '../../src/io/write/trend-report.js'

type Json = Record<string, unknown>
let ws = ''

beforeAll(async () => {
  ws = tempDir('spendkit-outputs-')
  const r = await runCli(['import', fixture('cli', 'uk-25k-small.csv'), fixture('cli', 'latin1-semicolon.csv'), fixture('ocds', 'multi-supplier-split.json'), '-w', ws, '--json'])
  expect(r.code, r.stderr).toBe(0)
})

interface Case {
  args: string[]
  /** The declared fields of the rows, and the dimensions in them. */
  fields: readonly Field[]
  by: DimName[]
  /** The JSON rows (default: `rows`). */
  rows?: (out: Json) => Json[]
  /** Declared fields a CSV of these flags leaves out. */
  omit?: string[]
}

const rowsOf = (o: {fields: readonly Field[]}, key = 'rows') => fieldOf(o.fields, key).fields!

const CASES: Case[] = [
  {args: ['pareto', '--by', 'buyer'], fields: rowsOf(PARETO_OUTPUT), by: ['buyer']},
  {args: ['pareto'], fields: rowsOf(PARETO_OUTPUT), by: []},
  {args: ['top', 'suppliers'], fields: rowsOf(TOP_OUTPUT), by: ['supplier']},
  {args: ['top', 'buyers', '--by', 'year', '--top', '1'], fields: rowsOf(TOP_OUTPUT), by: ['year', 'buyer']},
  {args: ['cube', '--by', 'buyer,year'], fields: rowsOf(CUBE_OUTPUT), by: ['buyer', 'year'], omit: ['rollup', 'other']},
  {args: ['cube', '--by', 'supplier', '--rollup', '--top', '1'], fields: rowsOf(CUBE_OUTPUT), by: ['supplier']},
  {args: ['concentration', '--by', 'buyer'], fields: rowsOf(CONCENTRATION_OUTPUT), by: ['buyer']},
  {args: ['trend', '--every', 'year'], fields: rowsOf(TREND_OUTPUT), by: []},
  {args: ['trend', '--by', 'buyer'], fields: rowsOf(TREND_OUTPUT), by: ['buyer']},
  {args: ['profile', 'buyer', 'department-for-education'], fields: rowsOf(PROFILE_OUTPUTS.buyer), by: []},
  {args: ['profile', 'supplier', 'acme consulting'], fields: rowsOf(PROFILE_OUTPUTS.supplier), by: []},
  {args: ['rows'], fields: rowsOf(ROWS_OUTPUT), by: [], omit: ['raw', 'raw_status']},
]

/** The declared keys of a row, dimensions in place. */
const keysOf = (c: Case) => columnsOf(c.fields, dimColumns(c.by), c.omit).map((col) => col.key)

describe('outputs as declared', () => {
  it.each(CASES.map((c) => [c.args.join(' '), c] as const))('spend %s: the CSV header is the declared fields', async (_, c) => {
    const r = await runCli([...c.args, '-w', ws, '--format', 'csv'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.split('\n')[0].split(',')).toEqual(keysOf(c))
  })

  it.each(CASES.map((c) => [c.args.join(' '), c] as const))('spend %s --json: rows hold the declared fields in the declared order', async (_, c) => {
    const r = await runCli([...c.args, '-w', ws, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as Json
    const rows = c.rows ? c.rows(out) : (out.rows as Json[])
    expect(rows.length).toBeGreaterThan(0)
    const declared = [...keysOf(c), ...c.fields.filter((f) => f.fields || f.csv === false).map((f) => f.key)]
    const order = columnsOf(c.fields, dimColumns(c.by)).map((col) => col.key)
    for (const row of rows) {
      const keys = Object.keys(row)
      expect(keys.filter((k) => !declared.includes(k) && !order.includes(k)), 'undeclared fields').toEqual([])
      const scalar = keys.filter((k) => order.includes(k))
      expect(scalar, 'declared order').toEqual(order.filter((k) => scalar.includes(k)))
    }
  })
})
