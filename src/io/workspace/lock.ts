import {promises as fsp} from 'node:fs'
import {hostname} from 'node:os'
import {dirname, join, relative} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {workspaceMsg} from '../../messages.js'
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

/** How often a waiting writer looks at the lock again. */
const POLL_MS = 150

/** How long to wait for a lock another live process holds (`--wait SECONDS`). */
export interface LockWait {
  /** Seconds to wait; 0 fails at once. */
  seconds: number
  /** Told once, when the lock is found held, with a line for people (stderr). */
  onWait?: (line: string) => void
}

/**
 * Take the workspace write lock: `.lock` created atomically (link, never empty), holding pid,
 * host and start time. A lock left by a dead process on this host is taken
 * over; while a live one holds it, wait up to `wait.seconds` (saying so once
 * through `wait.onWait`), then fail with SpendInputError WORKSPACE_LOCKED.
 * @example const lock = await acquireLock('.spendkit', {seconds: 60, onWait: console.error}); try { ... } finally { await lock.release() }
 */
export async function acquireLock(root: string, wait: LockWait = {seconds: 0}): Promise<WorkspaceLock> {
  const file = join(root, LOCK_FILE)
  await fsp.mkdir(root, {recursive: true})
  // Only to bound the wait: never part of any output.
  const deadline = Date.now() + wait.seconds * 1000
  let told = false
  for (let attempt = 1; ; attempt++) {
    const held = await tryCreate(file)
    if (held) return held
    const owner = await readLock(file)
    // Gone meanwhile, or stale (removed here; O_EXCL decides who wins the race for it): try again now, a few times.
    const stale = owner !== 'gone' && isStale(owner)
    if (stale) await fsp.rm(file, {force: true})
    if ((owner === 'gone' || stale) && attempt < 3) continue
    const holder = owner === 'gone' || stale ? null : owner
    const left = deadline - Date.now()
    if (left <= 0) throw lockedError(file, holder, wait.seconds)
    if (!told && holder) {
      told = true
      wait.onWait?.(workspaceMsg.lockWaiting(describeHolder(holder), wait.seconds))
    }
    await new Promise((done) => setTimeout(done, Math.min(POLL_MS, left)))
  }
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

/** Who holds the lock, for people: `pid 123 on host since 2024-05-01T10:00:00.000Z`. */
function describeHolder(owner: LockInfo | {corruptAgeMs: number} | null): string {
  if (owner && 'pid' in owner) return workspaceMsg.lockHolder(owner.pid, owner.host, typeof owner.started === 'string' ? owner.started : '')
  return workspaceMsg.lockHolderUnknown()
}

function lockedError(file: string, owner: LockInfo | {corruptAgeMs: number} | null, waited: number): SpendInputError {
  const shown = (path: string) => {
    const rel = relative(process.cwd(), path)
    return rel && !rel.startsWith('..') ? rel : path
  }
  return new SpendInputError('WORKSPACE_LOCKED', workspaceMsg.locked(describeHolder(owner)), {
    where: shown(dirname(file)),
    hint: workspaceMsg.lockedHint(waited, shown(file)),
  })
}
