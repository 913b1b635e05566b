/**
 * The export read back by DuckDB: the demo data and one real file (Oxford),
 * exported and read with DuckDB's own readers; the row count and the
 * per-currency totals of amount_minor equal `spend summary --json` to the
 * minor unit. Parquet joins READERS once its writer is built (see below).
 */
import {join} from 'node:path'
import {DuckDBInstance} from '@duckdb/node-api'
import {beforeAll, describe, expect, it} from 'vitest'
import {parseMinor} from '../../src/model/money.js'
import {currencyExponent} from '../../src/model/currency.js'
import {fixture, REALDATA, runCli, tempDir} from '../helpers/cli.js'

const OXFORD = join(REALDATA, 'uk-oxford-city-council-over500', 'expenditure-over-500-apr-jun-2014.csv')

/** Per format, DuckDB's query of rows and exact minor-unit totals per currency ($F: the file). */
const READERS: Record<string, string> = {
  jsonl: "SELECT currency, count(*) AS n, sum(amount_minor)::HUGEINT AS total FROM read_json('$F', format = 'newline_delimited') GROUP BY currency ORDER BY currency",
  // CSV holds major units: exact as DECIMAL(38,4), which holds every ISO 4217 exponent.
  csv: "SELECT currency, count(*) AS n, (sum(amount::DECIMAL(38,4)) * 10000)::HUGEINT AS total FROM read_csv('$F', all_varchar = true) GROUP BY currency ORDER BY currency",
  // parquet: "SELECT currency, count(*) AS n, sum(amount_minor)::HUGEINT AS total FROM read_parquet('$F') GROUP BY currency ORDER BY currency",
}

let dir = ''
let ws = ''
let summary: {rows: number; totals: {currency: string; amount: string}[]}

async function duck(sql: string): Promise<{currency: string; n: number; total: bigint}[]> {
  const instance = await DuckDBInstance.create(':memory:')
  const conn = await instance.connect()
  try {
    const rows = (await conn.runAndReadAll(sql)).getRows()
    return rows.map((r) => ({currency: String(r[0]), n: Number(r[1]), total: BigInt(String(r[2]))}))
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}

beforeAll(async () => {
  dir = tempDir()
  ws = join(dir, 'ws')
  const imported = await runCli(['import', fixture('demo'), OXFORD, '--workspace', ws])
  expect(imported.code, imported.stderr).toBe(0)
  summary = JSON.parse((await runCli(['summary', '--workspace', ws, '--json'])).stdout)
})

describe('spend export read back by DuckDB', () => {
  for (const [format, reader] of Object.entries(READERS)) {
    it(`${format}: rows and per-currency totals equal spend summary to the minor unit`, async () => {
      const out = join(dir, `all.${format}`)
      const r = await runCli(['export', '--out', out, '--workspace', ws, '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(JSON.parse(r.stdout).rows).toBe(summary.rows)
      const got = await duck(reader.replace('$F', out.replaceAll("'", "''")))
      expect(got.reduce((n, g) => n + g.n, 0)).toBe(summary.rows)
      expect(summary.totals.length).toBeGreaterThan(1)
      for (const t of summary.totals) {
        const g = got.find((x) => x.currency === t.currency)!
        const minor = parseMinor(t.amount, t.currency)!
        // CSV totals come back in ten-thousandths of a major unit.
        const scale = format === 'csv' ? 10n ** BigInt(4 - currencyExponent(t.currency)) : 1n
        expect(g.total, t.currency).toBe(minor * scale)
      }
    })
  }
})
