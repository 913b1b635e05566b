/**
 * An append-only list of text lines, kept as UTF-8 bytes outside the JS heap:
 * in memory while small, in an anonymous temp file past `limit` bytes. A reader
 * can so keep one line per award of a 1 GB file without holding them (and
 * short-lived strings never pile up in the old generation). Lines must not
 * contain '\n' (JSON.stringify output never does).
 */
import {closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** Default in-memory budget, in bytes. */
export const SPOOL_LIMIT = 16 << 20

const BLOCK = 1 << 20
const MIN_WINDOW = 4096
const NL = 10

/** A growable Float64Array: 8 bytes a value instead of a tagged array slot. */
export class NumColumn {
  private data = new Float64Array(1024)
  get(i: number): number {
    return this.data[i]
  }
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const bigger = new Float64Array(Math.max(this.data.length * 2, i + 1))
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[i] = v
  }
}

export class Spool {
  private block = Buffer.allocUnsafe(BLOCK)
  private used = 0
  /** Full blocks kept in memory (until the limit is reached). */
  private blocks: Buffer[] = []
  private held = 0
  private fd: number | null = null
  /** Set while the temp file could not be unlinked early (removed in `dispose`). */
  private dir: string | null = null
  private written = 0
  /** Byte offset of each line (and of the end), when `indexed`. */
  private readonly offsets: NumColumn | null
  private bytes = 0
  /** Random access: all held blocks as one buffer, or a window of the file. */
  private window: Buffer | null = null
  private windowStart = 0
  /** Lines pushed so far. */
  count = 0

  /** `indexed`: keep each line's offset (8 bytes a line) so `line(n)` can read any line. */
  constructor(private readonly limit = SPOOL_LIMIT, indexed = false) {
    this.offsets = indexed ? new NumColumn() : null
  }

  push(line: string): void {
    this.offsets?.set(this.count, this.bytes)
    this.count++
    // A UTF-16 code unit is at most 3 UTF-8 bytes: check room without measuring the line.
    if (this.used + line.length * 3 + 1 > this.block.length) {
      this.seal()
      if (line.length * 3 + 1 > this.block.length) this.block = Buffer.allocUnsafe(line.length * 3 + 1)
    }
    const n = this.block.write(line, this.used, 'utf8')
    this.used += n
    this.block[this.used++] = NL
    this.bytes += n + 1
  }

  /** True once the lines went to disk. */
  get onDisk(): boolean {
    return this.fd !== null
  }

  /** Move the current block to the held list or the file. */
  private seal(): void {
    if (this.used === 0) return
    this.blocks.push(this.block.subarray(0, this.used))
    this.held += this.used
    this.block = Buffer.allocUnsafe(BLOCK)
    this.used = 0
    if (this.fd !== null || this.held >= this.limit) this.toDisk()
  }

  private toDisk(): void {
    if (this.fd === null) {
      const dir = mkdtempSync(join(tmpdir(), 'spendkit-ocds-'))
      const file = join(dir, 'spool')
      try {
        this.fd = openSync(file, 'w+', 0o600)
      } catch (error) {
        // Out of file descriptors or disk: the folder must not outlive the error.
        rmSync(dir, {recursive: true, force: true})
        throw error
      }
      // Unlinked at once: the open descriptor keeps the data, and a crash leaves no file behind.
      try {
        unlinkSync(file)
        rmSync(dir, {recursive: true, force: true})
      } catch {
        this.dir = dir
      }
    }
    for (const b of this.blocks) {
      for (let off = 0; off < b.length;) off += writeSync(this.fd, b, off, b.length - off, this.written + off)
      this.written += b.length
    }
    this.blocks = []
    this.held = 0
  }

  /**
   * Call `fn` with every line in push order; the spool can be read more than once.
   *
   * @example spool.forEach((line) => use(JSON.parse(line)))
   */
  forEach(fn: (line: string) => void): void {
    this.seal()
    if (this.fd === null) {
      for (const b of this.blocks) eachLine(b, 0, b.length, fn)
      return
    }
    let buf = Buffer.allocUnsafe(BLOCK)
    let have = 0
    for (let pos = 0; pos < this.written;) {
      if (have === buf.length) {
        // One line longer than the buffer: grow it.
        const bigger = Buffer.allocUnsafe(buf.length * 2)
        buf.copy(bigger, 0, 0, have)
        buf = bigger
      }
      const n = readSync(this.fd, buf, have, Math.min(buf.length - have, this.written - pos), pos)
      if (n <= 0) throw new Error('OCDS spool file ended early')
      pos += n
      have += n
      // Only whole lines are decoded, so a multi-byte character is never cut.
      const end = buf.lastIndexOf(NL, have - 1) + 1
      eachLine(buf, 0, end, fn)
      buf.copy(buf, 0, end, have)
      have -= end
    }
    if (have !== 0) throw new Error('OCDS spool file ends inside a line')
  }

  /**
   * Line `n` (0-based) of an indexed spool. Reads from the file through a
   * window: lines asked for in push order (or in reverse) cost one read per
   * window; when asks keep missing (random order) the window shrinks, so each
   * costs one small read instead of a large one.
   *
   * @example spool.line(0) // the first line pushed
   */
  line(n: number): string {
    const offsets = this.offsets
    if (!offsets || n < 0 || n >= this.count) throw new Error(`OCDS spool has no line ${n}`)
    const start = offsets.get(n)
    const end = n + 1 < this.count ? offsets.get(n + 1) : this.bytes
    const w = this.window
    if (w !== null && start >= this.windowStart && end <= this.windowStart + w.length) {
      if (this.missed) this.ahead = Math.min(BLOCK, this.ahead * 2)
      this.missed = false
    } else {
      this.fill(start, end)
    }
    return this.window!.toString('utf8', start - this.windowStart, end - 1 - this.windowStart)
  }

  /** Window size for the next read, and whether the last ask missed. */
  private ahead = BLOCK
  private missed = false

  private fill(start: number, end: number): void {
    this.seal()
    if (this.fd === null) {
      this.window = this.blocks.length === 1 ? this.blocks[0] : Buffer.concat(this.blocks)
      this.blocks = [this.window]
      this.windowStart = 0
      return
    }
    if (this.missed) this.ahead = Math.max(MIN_WINDOW, this.ahead >> 2)
    this.missed = true
    const size = Math.min(Math.max(this.ahead, end - start), this.written)
    // Going backwards: end the window at this line, so the lines before it come along.
    const backwards = this.window !== null && start < this.windowStart
    const from = backwards ? Math.max(0, end - size) : Math.min(start, this.written - size)
    const buf = this.window && this.window.length >= size ? this.window.subarray(0, size) : Buffer.allocUnsafe(Math.max(size, MIN_WINDOW))
    const want = Math.min(size, buf.length)
    for (let got = 0; got < want;) {
      const r = readSync(this.fd, buf, got, want - got, from + got)
      if (r <= 0) throw new Error('OCDS spool file ended early')
      got += r
    }
    this.window = buf.subarray(0, want)
    this.windowStart = from
  }

  /** Close and remove the temp file (safe to call twice). */
  dispose(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    if (this.dir !== null) rmSync(this.dir, {recursive: true, force: true})
    this.dir = null
    this.blocks = []
    this.window = null
  }
}

function eachLine(buf: Buffer, start: number, end: number, fn: (line: string) => void): void {
  for (let i = start; i < end;) {
    const j = buf.indexOf(NL, i)
    fn(buf.toString('utf8', i, j))
    i = j + 1
  }
}
