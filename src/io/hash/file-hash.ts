/**
 * SHA-256 and size of a file, and whether it is all valid UTF-8 (see
 * read/split.ts). A big file is hashed in a worker thread, so the hash costs
 * the import no time on the thread that reads the rows: the import id
 * (derived from the hash) is only needed at commit (see importer.ts).
 */
import {isUtf8} from 'node:buffer'
import {createHash} from 'node:crypto'
import {closeSync, openSync, readSync} from 'node:fs'
import {Worker} from 'node:worker_threads'
import {workerUrl} from '../../paths.js'
import {partialUtf8Tail} from '../read/bytes/utf8-tail.js'

export interface FileHash {
  sha256: string
  bytes: number
  /** Every byte is part of a valid UTF-8 sequence (ASCII included). */
  utf8: boolean
}

const CHUNK = 1 << 20

/**
 * Hash a file on this thread, reading it in 1 MB chunks. `onNotUtf8` is
 * called once, as soon as a byte sequence that is not UTF-8 is seen.
 * @example hashFileSync('spend.csv').sha256 // 'e3b0c442...'
 */
export function hashFileSync(path: string, onNotUtf8?: () => void): FileHash {
  const hash = createHash('sha256')
  // Three bytes more, to carry a character cut at the end of a chunk into the next.
  const buf = Buffer.allocUnsafe(CHUNK + 3)
  let carry = 0
  let bytes = 0
  let utf8 = true
  const fd = openSync(path, 'r')
  try {
    for (;;) {
      const n = readSync(fd, buf, carry, CHUNK, null)
      if (n === 0) break
      hash.update(buf.subarray(carry, carry + n))
      bytes += n
      if (utf8) {
        const all = buf.subarray(0, carry + n)
        const whole = all.length - partialUtf8Tail(all)
        if (isUtf8(all.subarray(0, whole))) {
          buf.copyWithin(0, whole, all.length)
          carry = all.length - whole
        } else {
          utf8 = false
          carry = 0
          onNotUtf8?.()
        }
      }
    }
  } finally {
    closeSync(fd)
  }
  if (utf8 && carry > 0) {
    utf8 = false
    onNotUtf8?.()
  }
  return {sha256: hash.digest('hex'), bytes, utf8}
}

/** What the hash worker posts: the first sign the file is not UTF-8 (when asked), then the result. */
export type HashMessage = {notUtf8: true} | {ok: true; hash: FileHash} | {ok: false; code?: string; message: string}

/**
 * Hash a file in a worker thread (on the other core, while this one reads
 * rows). `onNotUtf8` is called as soon as a non-UTF-8 byte is seen, long
 * before the hash is done (a split read started on an ASCII head is then
 * stopped at once, see importer.ts). Under vitest the sources are .ts files,
 * which a Worker cannot load: the hash then runs here, after a turn of the
 * event loop.
 * @example const h = await hashFileInBackground('spend.csv')
 */
export function hashFileInBackground(path: string, onNotUtf8?: () => void): Promise<FileHash> {
  const url = workerUrl('hash-worker')
  if (url === null) return Promise.resolve().then(() => hashFileSync(path, onNotUtf8))
  return new Promise((resolve, reject) => {
    const w = new Worker(url, {workerData: {path, reportNotUtf8: onNotUtf8 !== undefined}})
    w.on('message', (m: HashMessage) => {
      if ('notUtf8' in m) onNotUtf8?.()
      else if (m.ok) resolve(m.hash)
      else reject(Object.assign(new Error(m.message), m.code ? {code: m.code} : {}))
    })
    w.once('error', reject)
    w.once('exit', (code) => reject(new Error(`bug: hash worker exited (${code}) without a result`)))
  })
}
