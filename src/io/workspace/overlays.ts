import {createHash} from 'node:crypto'
import {promises as fsp} from 'node:fs'
import {join} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {overlayMsg} from '../../messages.js'
import {exists, fsyncDir, listDir, writeFileAtomic} from './fsutil.js'
import {OVERLAYS_DIR} from './layout.js'
import {acquireLock, type LockWait} from './lock.js'
import {type OverlayEntry, type OverlayKind, readManifest, writeManifest} from './manifest.js'
import {recover} from './recover.js'

/**
 * Files a workspace applies to every load (the supplier-entity crosswalk,
 * the classification rules), stored like an import: under the lock, written
 * to `overlays/<kind>-<sha12>.csv` and fsynced before the manifest names it
 * (the commit point), the old file removed after; read back only when its
 * SHA-256 matches the manifest's.
 */

/** What a stored overlay holds: the entry and the file's text. */
export interface StoredOverlay {
  entry: OverlayEntry
  text: string
}

/**
 * Store `text` as the workspace's overlay of `kind` (replacing any before it).
 * `rows` is the count of data rows, `source` what the user named.
 * @example await storeOverlay(ws.dir, 'entities', csv, {rows: 120, source: 'crosswalk.csv', toolVersion: '0.9.0'})
 */
export async function storeOverlay(root: string, kind: OverlayKind, text: string, meta: {rows: number; source: string; toolVersion: string}, wait: LockWait = {seconds: 0}): Promise<OverlayEntry> {
  const lock = await acquireLock(root, wait)
  try {
    await recover(root)
    const bytes = Buffer.from(text, 'utf8')
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const entry: OverlayEntry = {file: `${kind}-${sha256.slice(0, 12)}.csv`, sha256, bytes: bytes.length, rows: meta.rows, source: meta.source, tool_version: meta.toolVersion}
    const dir = join(root, OVERLAYS_DIR)
    await fsp.mkdir(dir, {recursive: true})
    await writeFileAtomic(join(dir, entry.file), bytes)
    const m = await readManifest(root)
    const before = m.overlays?.[kind]
    await writeManifest(root, {...m, overlays: {...m.overlays, [kind]: entry}})
    if (before && before.file !== entry.file) await fsp.rm(join(dir, before.file), {force: true})
    await sweep(root)
    return entry
  } finally {
    await lock.release()
  }
}

/**
 * Remove the workspace's overlay of `kind` (the manifest first, then the file);
 * the removed entry, or null when there was none.
 */
export async function clearOverlay(root: string, kind: OverlayKind, wait: LockWait = {seconds: 0}): Promise<OverlayEntry | null> {
  const lock = await acquireLock(root, wait)
  try {
    await recover(root)
    const m = await readManifest(root)
    const before = m.overlays?.[kind]
    if (!before) return null
    const overlays = {...m.overlays}
    delete overlays[kind]
    await writeManifest(root, {...m, overlays})
    await fsp.rm(join(root, OVERLAYS_DIR, before.file), {force: true})
    return before
  } finally {
    await lock.release()
  }
}

/**
 * The stored overlay of `kind`, checked against its SHA-256 and size, or
 * null when the workspace has none. A missing or changed file is
 * WORKSPACE_DAMAGED, saying how to store it again.
 */
export async function readOverlay(root: string, kind: OverlayKind): Promise<StoredOverlay | null> {
  const entry = (await readManifest(root)).overlays?.[kind]
  if (!entry) return null
  const path = join(root, OVERLAYS_DIR, entry.file)
  let bytes: Buffer
  try {
    bytes = await fsp.readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    throw new SpendInputError('WORKSPACE_DAMAGED', overlayMsg.missing(kind), {where: path, hint: overlayMsg.storeAgain(kind)})
  }
  const sha = createHash('sha256').update(bytes).digest('hex')
  if (bytes.length !== entry.bytes || sha !== entry.sha256) {
    throw new SpendInputError('WORKSPACE_DAMAGED', overlayMsg.changed(kind), {where: path, hint: overlayMsg.storeAgain(kind)})
  }
  return {entry, text: bytes.toString('utf8')}
}

/** Remove overlay files the manifest does not name (left by a crash between writing a file and the manifest). */
async function sweep(root: string): Promise<void> {
  const dir = join(root, OVERLAYS_DIR)
  if (!(await exists(dir))) return
  const named = new Set(Object.values((await readManifest(root)).overlays ?? {}).map((e) => e.file))
  for (const name of await listDir(dir)) if (!named.has(name)) await fsp.rm(join(dir, name), {force: true})
  await fsyncDir(dir)
}
