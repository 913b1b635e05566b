import {randomBytes} from 'node:crypto'
import {promises as fsp} from 'node:fs'
import {dirname, join} from 'node:path'

/** A short random suffix for temp names (never written into outputs). */
export function randomTag(): string {
  return randomBytes(6).toString('hex')
}

/**
 * Replace `file` with `text` atomically: write a sibling temp file, fsync it,
 * rename it over the target, then fsync the directory so the rename survives a
 * power cut. Readers see either the old or the new bytes, never a mix.
 * @example await writeFileAtomic('.spendkit/manifest.json', '{}\n')
 */
export async function writeFileAtomic(file: string, text: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${randomTag()}`
  const fh = await fsp.open(tmp, 'w')
  try {
    await fh.writeFile(text)
    await fh.sync()
  } finally {
    await fh.close()
  }
  try {
    await fsp.rename(tmp, file)
  } catch (error) {
    await fsp.rm(tmp, {force: true})
    throw error
  }
  await fsyncDir(dirname(file))
}

/** fsync a directory (ignored where the platform does not allow it, e.g. Windows). */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: fsp.FileHandle | undefined
  try {
    fh = await fsp.open(dir, 'r')
    await fh.sync()
  } catch {
    // Directory fsync is a durability nicety, not a correctness requirement here.
  } finally {
    await fh?.close()
  }
}

/** True when `path` exists. */
export async function exists(path: string): Promise<boolean> {
  try {
    await fsp.stat(path)
    return true
  } catch {
    return false
  }
}

/** Names in a directory, or [] when it does not exist. */
export async function listDir(dir: string): Promise<string[]> {
  try {
    return (await fsp.readdir(dir)).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

export {join}
