import {createHash, randomBytes} from 'node:crypto'
import {promises as fsp} from 'node:fs'
import {join} from 'node:path'
import {SpendInputError} from '../errors.js'
import {readManifest} from '../io/workspace/manifest.js'
import type {Workspace} from '../io/workspace/index.js'
import {EXPORT_COLUMNS, type ExportColumn} from '../io/write/export/types.js'
import {exportBatches} from './export/rows.js'

/**
 * The workspace's Parquet export that `--engine duckdb` reads, kept in the
 * workspace folder as `engine/parquet-<state>/part-0.parquet`, where <state>
 * hashes the imports (ids and SHA-256) and the stored overlays (crosswalk,
 * rules): a new import or overlay makes a new export, and older ones are
 * removed. Written into a temp sibling and renamed, so a reader never sees a
 * half-written export. Written by DuckDB itself (an appender, then COPY ... TO
 * ... (FORMAT parquet)) from the export's batches.
 */

export const ENGINE_DIR = 'engine'
const PREFIX = 'parquet-'

/** The hash naming the workspace's current state. */
export async function workspaceState(ws: Workspace): Promise<string> {
  const m = await readManifest(ws.dir)
  const h = createHash('sha256')
  for (const e of [...m.imports].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) h.update(`import ${e.id} ${e.sha256}\n`)
  for (const [kind, o] of Object.entries(m.overlays ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) if (o) h.update(`overlay ${kind} ${o.sha256}\n`)
  return h.digest('hex').slice(0, 16)
}

function duckType(c: ExportColumn): string {
  return {string: 'VARCHAR', int64: 'BIGINT', int32: 'INTEGER', date: 'DATE', bool: 'BOOLEAN'}[c.type]
}

/** The folder of the workspace's current Parquet export, written first if missing. */
export async function parquetExport(ws: Workspace): Promise<string> {
  const root = join(ws.dir, ENGINE_DIR)
  const dir = join(root, `${PREFIX}${await workspaceState(ws)}`)
  if (await exists(join(dir, 'part-0.parquet'))) return dir
  await fsp.mkdir(root, {recursive: true})
  const tmp = join(root, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`)
  await fsp.mkdir(tmp)
  try {
    await writeParquet(ws, join(tmp, 'part-0.parquet'))
    try {
      await fsp.rename(tmp, dir)
    } catch (error) {
      // Another run wrote the same state first: theirs is as good.
      if (!(await exists(join(dir, 'part-0.parquet')))) throw error
    }
  } finally {
    await fsp.rm(tmp, {recursive: true, force: true})
  }
  for (const name of await fsp.readdir(root)) {
    if (name.startsWith(PREFIX) && join(root, name) !== dir) await fsp.rm(join(root, name), {recursive: true, force: true})
  }
  return dir
}

async function exists(file: string): Promise<boolean> {
  return fsp.stat(file).then(() => true, () => false)
}

async function writeParquet(ws: Workspace, file: string): Promise<void> {
  let duck: typeof import('@duckdb/node-api')
  try {
    duck = await import('@duckdb/node-api')
  } catch {
    throw new SpendInputError('ENGINE_MISSING', '--engine duckdb needs the optional package @duckdb/node-api', {hint: 'install it with: npm install @duckdb/node-api@1.5.5-r.5', exit: 2})
  }
  const instance = await duck.DuckDBInstance.create(':memory:')
  const conn = await instance.connect()
  try {
    await conn.run(`CREATE TABLE spend_records (${EXPORT_COLUMNS.map((c) => `"${c.name}" ${duckType(c)}`).join(', ')})`)
    const app = await conn.createAppender('spend_records')
    for await (const batch of exportBatches(ws, {batchRows: 50_000})) {
      const cols = EXPORT_COLUMNS.map((c) => batch.values[c.name])
      for (let i = 0; i < batch.length; i++) {
        EXPORT_COLUMNS.forEach((c, j) => {
          const v = cols[j][i]
          if (v === null || v === undefined) app.appendNull()
          else if (c.type === 'string') app.appendVarchar(v as string)
          else if (c.type === 'int64') app.appendBigInt(v as bigint)
          else if (c.type === 'int32') app.appendInteger(v as number)
          else if (c.type === 'date') app.appendDate(duck.dateValue(v as number))
          else app.appendBoolean(v as boolean)
        })
        app.endRow()
      }
      app.flushSync()
    }
    app.closeSync()
    await conn.run(`COPY spend_records TO '${file.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`)
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}
