/** DuckDB in this process: version, loading a CSV into a table, building the analysis database. */
import {existsSync, rmSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {DuckDBInstance} from '@duckdb/node-api'
import {buildSpendTable} from './duckdb-queries.mjs'

const gc = () => globalThis.gc?.()

/** Seconds DuckDB takes to load a CSV into a table inside this process (sniffing included). */
export async function duckInProcess(csv) {
  const instance = await DuckDBInstance.create(':memory:')
  const conn = await instance.connect()
  try {
    const t0 = process.hrtime.bigint()
    await conn.run(`CREATE TABLE t AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}')`)
    return Number(process.hrtime.bigint() - t0) / 1e9
  } finally {
    conn.closeSync()
    instance.closeSync()
    gc()
  }
}

/** DuckDB library version, e.g. `v1.5.5`. */
export async function duckVersion() {
  const instance = await DuckDBInstance.create(':memory:')
  const conn = await instance.connect()
  const v = String((await conn.runAndReadAll('SELECT version()')).getRows()[0][0])
  conn.closeSync()
  instance.closeSync()
  return v
}

/** Build (once) DuckDB's own database file of the analysis rows. */
export async function duckDatabase(csv, rows, dataDir) {
  const db = join(dataDir, `uk-${rows}.duckdb`)
  if (existsSync(db) && statSync(db).mtimeMs > statSync(csv).mtimeMs) return db
  rmSync(db, {force: true})
  const instance = await DuckDBInstance.create(db)
  const conn = await instance.connect()
  await conn.run(buildSpendTable(csv))
  await conn.run('CHECKPOINT')
  conn.closeSync()
  instance.closeSync()
  return db
}
