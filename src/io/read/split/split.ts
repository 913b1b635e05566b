/**
 * Reading one big plain CSV file on two cores: the file is cut at a record
 * boundary near the middle; a worker thread reads the second half into its
 * own part files while this thread reads the first (see table-split.ts),
 * and the two are joined at commit. Results are the same as a one-thread
 * read; whenever that cannot be guaranteed, the split is dropped and this
 * thread reads on (table-split.ts checks the cut and the plan).
 */
import {isAscii} from 'node:buffer'
import {closeSync, openSync, readSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {Worker} from 'node:worker_threads'
import {workerUrl} from '../../../paths.js'
import {detectEncoding} from '../bytes/decode.js'
import {sniffBytes} from '../bytes/detect.js'
import type {HalfArgs, HalfGo, HalfResult} from './split-part.js'

/** Files smaller than this are read on one thread (SPENDKIT_SPLIT_MIN_BYTES overrides, for tests). */
const SPLIT_MIN_BYTES = 32 * 2 ** 20
/** Bytes looked at for a record boundary after the middle before giving up. */
const SEARCH_BYTES = 16 * 2 ** 20
const CHUNK = 4 * 2 ** 20
/** Where the cut is looked for, as a share of the file (see scan). */
const CUT_AT = 0.49
const LF = 0x0a
const CR = 0x0d
const QUOTE = 0x22

/** Where the second half starts: a byte offset and its 1-based physical line. */
export interface SplitPoint {
  offset: number
  line: number
  /** The first 64 KB are ASCII: the cut holds only if the whole file is UTF-8 (see findSplit). */
  asciiHead: boolean
}

/**
 * A split point for a file, or null when it should be read on one thread:
 * small, not plain text in a byte-per-ASCII-character encoding, or no clear
 * record boundary near the middle. When the first 64 KB are ASCII
 * (`asciiHead`), UTF-8 is only a guess until the first non-ASCII chunk,
 * which one thread must see (decode.ts): the cut then holds only if the
 * whole file is valid UTF-8, when both halves decode it as one thread would.
 * The caller learns that while hashing it.
 *
 * @example findSplit('spend.csv', 150_000_000) // {offset: 75_000_123, line: 510_234, asciiHead: true}
 */
export function findSplit(path: string, size: number): SplitPoint | null {
  const candidate = splitCandidate(path, size)
  const cut = candidate === null ? null : findCut(path, size)
  return cut === null ? null : {...cut, asciiHead: candidate!.asciiHead}
}

/**
 * The cheap half of findSplit: whether the file may be split at all (size,
 * plain text, encoding, not JSON), from its first 64 KB. The caller can
 * start the second thread on this and look for the cut meanwhile.
 * @example splitCandidate('spend.csv', 150_000_000) // {asciiHead: true}
 */
export function splitCandidate(path: string, size: number): {asciiHead: boolean} | null {
  const min = Number(process.env.SPENDKIT_SPLIT_MIN_BYTES) || SPLIT_MIN_BYTES
  if (size < min || size < 2) return null
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.allocUnsafe(Math.min(64 * 1024, size))
    readSync(fd, head, 0, head.length, 0)
    if (sniffBytes(head) !== 'text') return null
    const enc = detectEncoding(head, head.length === size)
    if (enc !== 'utf-8' && enc !== 'utf-8-bom' && enc !== 'windows-1252' && enc !== 'cp850') return null
    // JSON is read by the OCDS reader, on one thread: do not scan it (a CSV starting with `[` is left alone too).
    if (/^\s*[[{]/.test(head.toString('latin1', 0, 256).replace(/^\xef\xbb\xbf/, ''))) return null
    return {asciiHead: enc === 'utf-8' && isAscii(head)}
  } finally {
    closeSync(fd)
  }
}

/**
 * The cut of a split candidate: a record boundary near the middle and its
 * line (a scan of the first half, ~40 ms for 75 MB), or null.
 * @example findCut('spend.csv', 150_000_000) // {offset: 75_000_123, line: 510_234}
 */
export function findCut(path: string, size: number): {offset: number; line: number} | null {
  const fd = openSync(path, 'r')
  try {
    return scan(fd, size)
  } finally {
    closeSync(fd)
  }
}

/** Count quotes and line breaks (as the tokenizer does: CRLF, LF, bare CR) up to the middle, then look for a break outside quotes. */
function scan(fd: number, size: number): {offset: number; line: number} | null {
  const buf = Buffer.allocUnsafe(CHUNK + 1)
  // A little before the middle: this thread also starts the import, joins the
  // halves and commits, so it gets slightly fewer rows (measured: the halves
  // then end within ~50 ms of each other on the 1M-row bench file).
  const target = Math.floor(size * CUT_AT)
  let pos = 0
  let quotes = 0
  let line = 1
  while (pos < target) {
    const want = Math.min(CHUNK, target - pos)
    // One byte more, to see whether a CR ending the chunk is half of a CRLF.
    const n = readSync(fd, buf, 0, want + 1, pos)
    if (n < want) return null
    const m = want
    quotes += countByte(buf, QUOTE, m)
    line += countByte(buf, LF, m) + loneCrs(buf, m, n > m ? buf[m] : -1)
    pos += m
  }
  const end = Math.min(size, target + SEARCH_BYTES)
  while (pos < end) {
    const n = readSync(fd, buf, 0, Math.min(CHUNK + 1, size - pos), pos)
    if (n <= 0) return null
    const m = pos + n >= size ? n : n - 1
    for (let i = 0; i < m; i++) {
      const b = buf[i]
      if (b === QUOTE) quotes++
      else if (b === LF || (b === CR && (i + 1 >= n || buf[i + 1] !== LF))) {
        line++
        const offset = pos + i + 1
        if (quotes % 2 === 0) return offset < size && !bomAt(fd, offset, size) ? {offset, line} : null
      }
    }
    pos += m
  }
  return null
}

function countByte(buf: Buffer, byte: number, m: number): number {
  const s = buf.subarray(0, m)
  let c = 0
  for (let i = s.indexOf(byte); i !== -1; i = s.indexOf(byte, i + 1)) c++
  return c
}

/** CRs in buf[0, m) not followed by LF (`after` is the byte after buf[m - 1], -1 at the end of the file). */
function loneCrs(buf: Buffer, m: number, after: number): number {
  const s = buf.subarray(0, m)
  let c = 0
  for (let i = s.indexOf(CR); i !== -1; i = s.indexOf(CR, i + 1)) {
    const next = i + 1 < m ? s[i + 1] : after
    if (next !== LF) c++
  }
  return c
}

/** A decoder starting at a BOM would drop it: such a cut is not the same read. */
function bomAt(fd: number, offset: number, size: number): boolean {
  if (size - offset < 3) return false
  const b = Buffer.alloc(3)
  readSync(fd, b, 0, 3, offset)
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf
}

/** A second half being read: start it (once the import has begun), its result (null if it failed), or discard it. */
export interface HalfRead {
  /** Where it starts: set by the caller once the cut is found (see findCut), before `go`. */
  offset: number
  line: number
  go(go: Omit<HalfGo, 'offset' | 'line'>): void
  result: Promise<HalfResult | null>
  /** False when the cut turned out not to hold (set by the caller; see SplitPoint.asciiHead). */
  valid: Promise<boolean>
  discard(): Promise<void>
}

/**
 * Start reading the second half in a worker thread: it loads and plans
 * while this thread starts the import, then reads once given `go`. Under
 * vitest the sources are .ts files, which a Worker cannot load: the same
 * code then runs in this thread, interleaved (same results, no speed-up).
 *
 * @example const half = startHalf(args); half.offset = cut.offset; half.line = cut.line; half.go({dir, partRows})
 */
export function startHalf(args: HalfArgs): HalfRead {
  let worker: Worker | null = null
  let result: Promise<HalfResult | null>
  let send: (go: HalfGo | null) => void
  let dir: string | null = null
  const url = workerUrl('split-worker')
  if (url !== null) {
    const w = new Worker(url, {workerData: args})
    worker = w
    send = (go) => w.postMessage(go)
    result = new Promise((resolve) => {
      w.once('message', (m: {ok: boolean; result?: HalfResult}) => {
        resolve(m.ok ? m.result! : null)
        void w.terminate()
      })
      w.once('error', () => resolve(null))
      w.once('exit', () => resolve(null))
    })
  } else {
    let resolveGo: (go: HalfGo | null) => void = () => {}
    const go = new Promise<HalfGo | null>((resolve) => (resolveGo = resolve))
    send = resolveGo
    result = import('./split-part.js').then((m) => m.readHalf(args, go)).catch(() => null)
  }
  let discarded: Promise<void> | null = null
  return {
    offset: -1,
    line: -1,
    result,
    valid: Promise.resolve(true),
    go(go) {
      if (this.line < 0) throw new Error('bug: a second half started before its cut was known')
      dir = go.dir
      send({...go, offset: this.offset, line: this.line})
    },
    discard() {
      discarded ??= (async () => {
        send(null)
        if (worker) await worker.terminate()
        else await result
        if (dir !== null) await rm(dir, {recursive: true, force: true})
      })()
      return discarded
    },
  }
}
