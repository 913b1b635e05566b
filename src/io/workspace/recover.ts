import {promises as fsp} from 'node:fs'
import {join} from 'node:path'
import {exists, listDir} from './fsutil.js'
import {ENTRY_FILE, IMPORTS_DIR, importDir, MANIFEST_FILE, OLD_PREFIX, TMP_PREFIX} from './layout.js'
import {emptyManifest, type ImportEntry, readManifest, writeManifest} from './manifest.js'

/**
 * Bring the workspace back to what manifest.json says, after a writer died
 * (SIGKILL, power cut). Call only while holding the lock. The manifest is the
 * commit point, so:
 * - temp folders and temp manifests are unfinished work: delete them;
 * - `.old-<id>` is an import moved aside by a replace: if the manifest still
 *   describes the old import, put it back, else delete it;
 * - import folders the manifest does not list are orphans: delete them.
 * A missing manifest is written first (rebuilt from the imports' own
 * entry.json if someone deleted it), so an orphan is never mistaken for data.
 * @example const lock = await acquireLock(root); await recover(root)
 */
export async function recover(root: string): Promise<void> {
  for (const name of await listDir(root)) {
    if (name.startsWith(TMP_PREFIX) || name.startsWith(`${MANIFEST_FILE}.tmp-`)) {
      await fsp.rm(join(root, name), {recursive: true, force: true})
    }
  }
  if (!(await exists(join(root, MANIFEST_FILE)))) await writeManifest(root, {...emptyManifest(), imports: await ownEntries(root)})
  const manifest = await readManifest(root)
  const byId = new Map(manifest.imports.map((e) => [e.id, e]))
  for (const name of await listDir(root)) {
    if (!name.startsWith(OLD_PREFIX)) continue
    const id = name.slice(OLD_PREFIX.length)
    const aside = join(root, name)
    const target = importDir(root, id)
    const listed = byId.get(id)
    if (listed && !(await committed(target, JSON.stringify(listed)))) {
      await fsp.rm(target, {recursive: true, force: true})
      await fsp.rename(aside, target)
    } else {
      await fsp.rm(aside, {recursive: true, force: true})
    }
  }
  for (const id of await listDir(join(root, IMPORTS_DIR))) {
    if (!byId.has(id)) await fsp.rm(importDir(root, id), {recursive: true, force: true})
  }
}

/** True when the folder holds the import the manifest describes (its entry.json matches). */
async function committed(dir: string, listedJson: string): Promise<boolean> {
  if (!(await exists(dir))) return false
  try {
    const own = JSON.parse(await fsp.readFile(join(dir, ENTRY_FILE), 'utf8')) as unknown
    return JSON.stringify(own) === listedJson
  } catch {
    return false
  }
}

/** The entry.json of every import folder that has a readable one (to rebuild a lost manifest). */
async function ownEntries(root: string): Promise<ImportEntry[]> {
  const out: ImportEntry[] = []
  for (const id of await listDir(join(root, IMPORTS_DIR))) {
    try {
      const e = JSON.parse(await fsp.readFile(join(importDir(root, id), ENTRY_FILE), 'utf8')) as ImportEntry
      if (e.id === id) out.push(e)
    } catch {
      // Not a finished import: left for the orphan sweep.
    }
  }
  return out
}
