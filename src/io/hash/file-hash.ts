/**
 * SHA-256 and size of a file, and whether it is all ASCII (see read/split.ts).
 * A big file is hashed in a worker thread, so the hash costs the import no
 * time on the thread that reads the rows: the import id (derived from the
 * hash) is only needed at commit (see importer.ts).
 */
import {isAscii} from 'node:buffer'
import {createHash} from 'node:crypto'
import {closeSync, openSync, readSync} from 'node:fs'
import {Worker} from 'node:worker_threads'

export interface FileHash {
  sha256: string
  bytes: number
  ascii: boolean
}

const CHUNK = 1 << 20

/**
 * Hash a file on this thread, reading it in 1 MB chunks.
 * @example hashFileSync('spend.csv').sha256 // 'e3b0c442...'
 */
export function hashFileSync(path: string, onNonAscii?: () => void): FileHash {
  const hash = createHash('sha256')
  const buf = Buffer.allocUnsafe(CHUNK)
  let bytes = 0
  let ascii = true
  const fd = openSync(path, 'r')
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null)
      if (n === 0) break
      const chunk = buf.subarray(0, n)
      hash.update(chunk)
      bytes += n
      if (ascii && !isAscii(chunk)) {
        ascii = false
        onNonAscii?.()
      }
    }
  } finally {
    closeSync(fd)
  }
  return {sha256: hash.digest('hex'), bytes, ascii}
}

/** What the hash worker posts: the first non-ASCII chunk (when asked), then the result. */
export type HashMessage = {nonAscii: true} | {ok: true; hash: FileHash} | {ok: false; code?: string; message: string}

/**
 * Hash a file in a worker thread (on the other core, while this one reads
 * rows). `onNonAscii` is called as soon as a non-ASCII byte is seen, long
 * before the hash is done (a split read started on an ASCII head is then
 * stopped at once, see importer.ts). Under vitest the sources are .ts files,
 * which a Worker cannot load: the hash then runs here, after a turn of the
 * event loop.
 * @example const h = await hashFileInBackground('spend.csv')
 */
export function hashFileInBackground(path: string, onNonAscii?: () => void): Promise<FileHash> {
  if (!import.meta.url.endsWith('.js')) return Promise.resolve().then(() => hashFileSync(path, onNonAscii))
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('hash-worker.js', import.meta.url), {workerData: {path, reportNonAscii: onNonAscii !== undefined}})
    w.on('message', (m: HashMessage) => {
      if ('nonAscii' in m) onNonAscii?.()
      else if (m.ok) resolve(m.hash)
      else reject(Object.assign(new Error(m.message), m.code ? {code: m.code} : {}))
    })
    w.once('error', reject)
    w.once('exit', (code) => reject(new Error(`bug: hash worker exited (${code}) without a result`)))
  })
}
