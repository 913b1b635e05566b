import {SpendInputError} from '../errors.js'
import type {EngineRow} from './types.js'

/**
 * Run SQL on an engine and return its rows normalised (see EngineRow): the
 * one place engine values become text, so DuckDB's and PostgreSQL's rows
 * compare equal. The client libraries load only when an engine is asked for.
 */

function normalise(row: Record<string, unknown>): EngineRow {
  const out: EngineRow = {}
  for (const [k, v] of Object.entries(row)) {
    if (v === null || v === undefined) out[k] = null
    else if (typeof v === 'boolean') out[k] = v ? 'true' : 'false'
    else if (typeof v === 'number' || typeof v === 'bigint') out[k] = String(v)
    else if (typeof v === 'string') out[k] = v
    else throw new Error(`bug: engine value of column ${k} is a ${typeof v}`)
  }
  return out
}

async function duckdbModule(): Promise<typeof import('@duckdb/node-api')> {
  try {
    return await import('@duckdb/node-api')
  } catch {
    throw new SpendInputError('ENGINE_MISSING', '--engine duckdb needs the optional package @duckdb/node-api', {hint: 'install it with: npm install @duckdb/node-api@1.5.5-r.5', exit: 2})
  }
}

/** Run `setup` statements, then `sql`, in a fresh in-memory DuckDB; the last statement's rows. */
export async function runDuckdb(sql: string, setup: readonly string[] = []): Promise<EngineRow[]> {
  const {DuckDBInstance} = await duckdbModule()
  const instance = await DuckDBInstance.create(':memory:')
  const conn = await instance.connect()
  try {
    for (const s of setup) await conn.run(s)
    const reader = await conn.runAndReadAll(sql)
    return (reader.getRowObjectsJson() as Record<string, unknown>[]).map(normalise)
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}

async function pgModule(): Promise<typeof import('pg')> {
  try {
    return (await import('pg')).default as unknown as typeof import('pg')
  } catch {
    throw new SpendInputError('ENGINE_MISSING', 'PostgreSQL needs the package pg', {hint: 'install it with: npm install pg', exit: 2})
  }
}

/** A connected PostgreSQL client whose dates, numerics and 64-bit integers come back as text. */
export async function pgClient(url: string): Promise<import('pg').Client> {
  const pg = await pgModule()
  const text = (v: string) => v
  const types = {getTypeParser: (oid: number, format?: string) => ([1082, 1114, 1184, 1700, 20].includes(oid) ? text : pg.types.getTypeParser(oid, format as 'text'))}
  const client = new pg.Client({connectionString: url, types: types as never})
  try {
    await client.connect()
  } catch (error) {
    throw new SpendInputError('DB_UNREACHABLE', `cannot connect to the database: ${(error as Error).message}`, {where: '--db', hint: 'check the URL (postgresql://user@host:port/db) and that the server is running', exit: 1})
  }
  return client
}

/** Run `sql` on the PostgreSQL database at `url`; its rows. */
export async function runPostgres(url: string, sql: string): Promise<EngineRow[]> {
  const client = await pgClient(url)
  try {
    const res = await client.query(sql)
    return (res.rows as Record<string, unknown>[]).map(normalise)
  } finally {
    await client.end()
  }
}
