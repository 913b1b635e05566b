import {createHash, randomBytes} from 'node:crypto'
import {promises as fsp} from 'node:fs'
import {join} from 'node:path'
import {readManifest} from '../io/workspace/manifest.js'
import type {Workspace} from '../io/workspace/index.js'
import {EXPORT_COLUMNS} from '../io/write/export/types.js'
import {exportBatches, exportMetadata} from './export/rows.js'

/**
 * The workspace's Parquet export that `--engine duckdb` reads, kept in the
 * workspace folder as `engine/parquet-<state>/part-0.parquet`, where <state>
 * hashes the imports (ids and SHA-256) and the stored overlays (crosswalk,
 * rules): a new import or overlay makes a new export, and older ones are
 * removed. Written into a temp sibling and renamed, so a reader never sees a
 * half-written export. Written exactly as `spend export --out FILE.parquet`
 * writes it (the same row source and Parquet writer).
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

/** The export's own Parquet file: the row source streamed through the writer `spend export` uses. */
async function writeParquet(ws: Workspace, file: string): Promise<void> {
  const {openParquetWriter} = await import('../io/write/export/parquet.js')
  const writer = await openParquetWriter(file, EXPORT_COLUMNS, await exportMetadata(ws))
  try {
    for await (const batch of exportBatches(ws)) await writer.write(batch)
    await writer.finish()
  } catch (error) {
    await writer.abort()
    throw error
  }
}
