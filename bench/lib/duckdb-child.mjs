#!/usr/bin/env node
/**
 * DuckDB as a whole process, for end-to-end timings beside `spend`:
 *
 *   node bench/lib/duckdb-child.mjs load FILE [DBFILE]    CREATE TABLE t AS SELECT * FROM read_csv(FILE)
 *   node bench/lib/duckdb-child.mjs query DBFILE NAME     run a named analysis query, result to /dev/null
 *
 * Prints one JSON line on stdout: {"rows": n, "seconds": s} (seconds inside DuckDB only).
 */
import {DuckDBInstance} from '@duckdb/node-api'
import {QUERIES} from './duckdb-queries.mjs'

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`

async function main([mode, a, b]) {
  const t0 = process.hrtime.bigint()
  if (mode === 'load') {
    const instance = await DuckDBInstance.create(b ?? ':memory:')
    const conn = await instance.connect()
    await conn.run(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv(${sqlString(a)})`)
    const rows = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM t')).getRows()[0][0])
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9
    conn.closeSync()
    instance.closeSync()
    process.stdout.write(`${JSON.stringify({rows, seconds})}\n`)
    return
  }
  if (mode === 'query') {
    const sql = QUERIES[b]
    if (!sql) throw new Error(`unknown query ${b}; known: ${Object.keys(QUERIES).join(', ')}`)
    const instance = await DuckDBInstance.create(a, {access_mode: 'READ_ONLY'})
    const conn = await instance.connect()
    // Write the result as CSV to /dev/null, as the spend runs do with --format csv.
    await conn.run(`COPY (${sql}) TO '/dev/null' (FORMAT csv, HEADER)`)
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9
    conn.closeSync()
    instance.closeSync()
    process.stdout.write(`${JSON.stringify({rows: null, seconds})}\n`)
    return
  }
  throw new Error('usage: duckdb-child.mjs load FILE [DBFILE] | query DBFILE NAME')
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`duckdb-child: ${err.message}\n`)
  process.exit(1)
})
