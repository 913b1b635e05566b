/**
 * The export read back by DuckDB: the demo data and one real file (Oxford),
 * exported and read with DuckDB's own readers; the row count and the
 * per-currency totals of amount_minor equal `spend summary --json` to the
 * minor unit; a partitioned export (JSON Lines and Parquet) reads back as one table.
 */
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
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
  csv: "SELECT currency, count(*) AS n, (sum(amount::DECIMAL(38,4)) * 10000)::HUGEINT AS total FROM read_csv('$F', all_varchar = true, quote = '\"', escape = '\"') GROUP BY currency ORDER BY currency",
  parquet: "SELECT currency, count(*) AS n, sum(amount_minor)::HUGEINT AS total FROM read_parquet('$F') GROUP BY currency ORDER BY currency",
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

  const PARTED: Record<string, (glob: string) => string> = {
    jsonl: (g) => `read_json('${g}', format = 'newline_delimited', hive_partitioning = true)`,
    parquet: (g) => `read_parquet('${g}', hive_partitioning = true)`,
  }
  for (const [as, read] of Object.entries(PARTED)) it(`a partitioned ${as} export (year, buyer) reads back as one table with the same totals; undated rows read as NULL year`, async () => {
    const out = join(dir, `parted-${as}`)
    const r = await runCli(['export', '--out', out, '--as', as, '--partition-by', 'year,buyer', '--workspace', ws, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.rows).toBe(summary.rows)
    expect(j.files.length).toBeGreaterThan(5)
    expect(j.files.every((f: {path: string}) => /^year=(\d{4}|__HIVE_DEFAULT_PARTITION__)\/buyer_id=[A-Za-z0-9._%-]+\/part-\d+\.(jsonl|parquet)$/.test(f.path))).toBe(true)
    const marker = readFileSync(join(out, '_spendkit_export.json'))
    expect(j.sha256).toBe(createHash('sha256').update(marker).digest('hex'))
    const glob = join(out, '**', `*.${as}`).replaceAll("'", "''")
    const got = await duck(`SELECT currency, count(*) AS n, sum(amount_minor)::HUGEINT AS total FROM ${read(glob)} GROUP BY currency ORDER BY currency`)
    for (const t of summary.totals) expect(got.find((x) => x.currency === t.currency)!.total).toBe(parseMinor(t.amount, t.currency))
    expect(got.reduce((n, g) => n + g.n, 0)).toBe(summary.rows)
    const years = await duck(`SELECT 'x', count(*) FILTER (WHERE year IS NULL), count(*) FILTER (WHERE year IS NULL AND date IS NOT NULL) FROM ${read(glob)}`)
    expect(years[0].n).toBeGreaterThan(0)
    expect(years[0].total).toBe(0n)
    // Replacing it needs --force, and works because the folder is a previous export.
    expect((await runCli(['export', '--out', out, '--as', as, '--partition-by', 'year', '--workspace', ws])).code).toBe(2)
    expect((await runCli(['export', '--out', out, '--as', as, '--partition-by', 'year', '--workspace', ws, '--force'])).code).toBe(0)
    expect(existsSync(join(out, 'year=2023'))).toBe(true)
    expect(readdirSync(join(out, 'year=2023'))[0]).toBe(`part-0.${as}`)
  })
})
