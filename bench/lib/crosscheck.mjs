/**
 * A speed figure only counts if the answer is right: compare the amounts a spend analysis
 * printed (`--format csv`) with DuckDB's for the same GROUP BY, exactly, in minor units.
 */
import Papa from 'papaparse'
import {DuckDBInstance} from '@duckdb/node-api'
import {QUERIES} from './duckdb-queries.mjs'
import {toMinor} from './spend.mjs'

const desc = (a, b) => (a > b ? -1 : a < b ? 1 : 0)

/** Amounts (minor units, descending) of a named DuckDB query over the analysis database. */
async function duckAmounts(db, name) {
  const instance = await DuckDBInstance.create(db, {access_mode: 'READ_ONLY'})
  const conn = await instance.connect()
  try {
    const rows = (await conn.runAndReadAll(`SELECT CAST(amount AS VARCHAR) FROM (${QUERIES[name]})`)).getRows()
    return rows.map((r) => toMinor(String(r[0]))).sort(desc)
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}

/**
 * Compare spend's CSV output with DuckDB's answer. Returns a short note for the results.
 *
 * @example await crossCheck('bench/data/uk-1000000.duckdb', 'top', csvText) // 'amounts match DuckDB (20 rows)'
 */
export async function crossCheck(db, name, csvText) {
  const parsed = Papa.parse(csvText.trim(), {header: true, skipEmptyLines: true})
  const field = parsed.meta.fields?.find((f) => f.trim().toLowerCase() === 'amount')
  if (!field) return `no amount column in the CSV output (columns: ${(parsed.meta.fields ?? []).join(', ')})`
  // Subtotal rows (`rollup`) and the folded "Other (k suppliers)" row (`other`) have no DuckDB twin.
  const flag = (name) => parsed.meta.fields.find((f) => f.trim().toLowerCase() === name)
  const rollup = flag('rollup')
  const other = flag('other')
  let spend
  try {
    spend = parsed.data.filter((r) => !(rollup && /^true$/i.test(r[rollup] ?? '')) && !(other && (r[other] ?? '') !== ''))
      .map((r) => toMinor(String(r[field]).replaceAll(',', '').trim())).sort(desc)
  } catch {
    return 'amount column is not plain decimals'
  }
  const duck = await duckAmounts(db, name)
  if (spend.length !== duck.length) return `CHECK: ${spend.length} rows, DuckDB ${duck.length} (the grouping differs)`
  const diff = spend.findIndex((v, i) => v !== duck[i])
  if (diff >= 0) return `CHECK: amount #${diff + 1} is ${spend[diff]} minor units, DuckDB ${duck[diff]}`
  return `amounts match DuckDB exactly (${spend.length} rows)`
}
