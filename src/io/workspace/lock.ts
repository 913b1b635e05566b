import {promises as fsp} from 'node:fs'
import {hostname} from 'node:os'
import {dirname, join, relative} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {randomTag} from './fsutil.js'
import {LOCK_FILE, TMP_PREFIX} from './layout.js'

interface LockInfo {
  pid: number
  host: string
  started: string
}

/** A held workspace lock; `release()` is idempotent. */
export interface WorkspaceLock {
  release(): Promise<void>
}

/** A lock file that is empty or unreadable this long after its last write is from a crash. */
const CORRUPT_STALE_MS = 5000

/**
 * Take the workspace write lock: `.lock` created atomically (link, never empty), holding pid,
 * host and start time. A lock left by a dead process on this host is taken
 * over; a live one gives SpendInputError WORKSPACE_LOCKED.
 * @example const lock = await acquireLock('.spendkit'); try { ... } finally { await lock.release() }
 */
export async function acquireLock(root: string): Promise<WorkspaceLock> {
  const file = join(root, LOCK_FILE)
  await fsp.mkdir(root, {recursive: true})
  for (let attempt = 0; attempt < 3; attempt++) {
    const held = await tryCreate(file)
    if (held) return held
    const owner = await readLock(file)
    if (owner === 'gone') continue
    if (!isStale(owner)) throw lockedError(file, owner)
    // Stale: remove it and race for it again; O_EXCL decides who wins.
    await fsp.rm(file, {force: true})
  }
  throw lockedError(file, await readLock(file))
}

async function tryCreate(file: string): Promise<WorkspaceLock | null> {
  // The start time is diagnostics for a human reading the lock, never part of any output.
  const info: LockInfo = {pid: process.pid, host: hostname(), started: new Date().toISOString()}
  // Write the content first, then link it into place: link() fails with EEXIST like O_EXCL, and
  // a writer killed at any moment never leaves an empty lock behind (recover() removes the temp).
  const tmp = join(dirname(file), `${TMP_PREFIX}lock-${process.pid}-${randomTag()}`)
  await fsp.writeFile(tmp, JSON.stringify(info) + '\n')
  try {
    await fsp.link(tmp, file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // ENOENT: the lock holder's recover() removed our temp file; the lock is taken either way.
    if (code === 'EEXIST' || code === 'ENOENT') return null
    throw error
  } finally {
    await fsp.rm(tmp, {force: true})
  }
  let released = false
  return {
    async release() {
      if (released) return
      released = true
      // Only remove the lock if it is still ours (a takeover may have replaced it).
      const now = await readLock(file)
      if (now !== 'gone' && now !== null && 'pid' in now && now.pid === info.pid && now.host === info.host && now.started === info.started) {
        await fsp.rm(file, {force: true})
      }
    },
  }
}

/** The lock's content, null when unreadable (with its age), 'gone' when it vanished meanwhile. */
async function readLock(file: string): Promise<LockInfo | {corruptAgeMs: number} | null | 'gone'> {
  let text: string
  let mtime: number
  try {
    text = await fsp.readFile(file, 'utf8')
    mtime = (await fsp.stat(file)).mtimeMs
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone'
    throw error
  }
  try {
    const v = JSON.parse(text) as LockInfo
    if (typeof v.pid === 'number' && typeof v.host === 'string') return v
  } catch {
    // fall through: a lock whose writer died before finishing it
  }
  return {corruptAgeMs: Date.now() - mtime}
}

function isStale(owner: LockInfo | {corruptAgeMs: number} | null): boolean {
  if (owner === null) return false
  if ('corruptAgeMs' in owner) return owner.corruptAgeMs > CORRUPT_STALE_MS
  // A lock from another host cannot be checked: treat it as live.
  if (owner.host !== hostname()) return false
  return !pidAlive(owner.pid)
}

/** Signal 0 checks existence; EPERM means it exists but belongs to someone else. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function lockedError(file: string, owner: LockInfo | {corruptAgeMs: number} | null | 'gone'): SpendInputError {
  const pid = owner && owner !== 'gone' && 'pid' in owner ? `pid ${owner.pid}` : 'pid unknown'
  const rel = relative(process.cwd(), file)
  const shown = rel && !rel.startsWith('..') ? rel : file
  return new SpendInputError(
    'WORKSPACE_LOCKED',
    `another spend import is running (${pid}); wait for it or remove ${shown} if it crashed`,
  )
}
