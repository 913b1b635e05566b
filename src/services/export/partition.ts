import {createHash} from 'node:crypto'
import {createReadStream} from 'node:fs'
import {mkdir} from 'node:fs/promises'
import {join} from 'node:path'
import {EXPORT_COLUMNS, type ExportBatch, type RecordWriter} from '../../io/write/export/types.js'

/**
 * Hive-style partitioned export: `year=2024/buyer_id=<id>/part-0.csv`. Values
 * are percent-encoded outside [A-Za-z0-9._-] as Hive does (`/` -> `%2F`);
 * undated rows go under `year=__HIVE_DEFAULT_PARTITION__`, the name Hive,
 * Spark and DuckDB read as NULL. `year` is the calendar year (UTC) of
 * `date`. The partition columns stay inside the files too (buyer_id is an
 * export column), so each file stands alone. At most MAX_OPEN writers are
 * open, so the rows are read in passes: the first writes the first MAX_OPEN
 * partitions it meets and notes the others, each later pass writes the next
 * MAX_OPEN of those (in byte order); every partition is one file, its rows
 * in export order. Writers flush row groups of at most a MAX_OPEN-th of the
 * one-file target, so memory stays flat whatever the partition count, but
 * for the first pass's note of each row's partition (4 bytes a row) and a
 * later pass's row mask (1 byte a row).
 */

export const PARTITION_KEYS = ['year', 'buyer'] as const
export type PartitionKey = (typeof PARTITION_KEYS)[number]
export const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__'
export const MAX_OPEN = 64
const DAY_MS = 86_400_000

export interface PartitionFile {
  path: string
  rows: number
  bytes: number
  sha256: string
}

/** A partition value made safe for a path, as Hive escapes it. */
export function hiveEscape(value: string): string {
  let out = ''
  for (const b of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(b)
    out += /[A-Za-z0-9._-]/.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** Path segments already made: an id's escape and a day's year (each row needs them, and ids and days repeat). */
interface PathCache {
  buyer: Map<string, string>
  year: Map<number, string>
}

function partitionPath(batch: ExportBatch, i: number, keys: readonly PartitionKey[], cache: PathCache): string {
  let out = ''
  for (const k of keys) {
    if (out) out += '/'
    if (k === 'year') {
      const d = batch.values.date[i] as number | null
      if (d === null) out += `year=${HIVE_NULL}`
      else {
        let y = cache.year.get(d)
        if (y === undefined) cache.year.set(d, (y = `year=${new Date(d * DAY_MS).getUTCFullYear()}`))
        out += y
      }
    } else {
      const id = batch.values.buyer_id[i] as string | null
      if (id === null || id === '') out += `buyer_id=${HIVE_NULL}`
      else {
        let b = cache.buyer.get(id)
        if (b === undefined) cache.buyer.set(id, (b = `buyer_id=${hiveEscape(id)}`))
        out += b
      }
    }
  }
  return out
}

function slice(batch: ExportBatch, rows: readonly number[]): ExportBatch {
  const values: ExportBatch['values'] = {}
  for (const c of EXPORT_COLUMNS) {
    const v = batch.values[c.name]
    values[c.name] = rows.map((i) => v[i])
  }
  return {length: rows.length, values}
}

/** Writes batches into partition folders under `root`, in passes (see above); `open` makes one file's writer. */
export class PartitionedWriter {
  private readonly open = new Map<string, {writer: RecordWriter; file: string; rows: number}>()
  /** Partitions met and not yet written: for later passes. */
  private readonly deferred = new Set<string>()
  /** This pass's partitions (null in the first pass: the first MAX_OPEN met). */
  private allowed: Set<string> | null = null
  /** First pass: each row's partition (an index into `paths`), in export order, so later passes read only their rows. */
  private partOf = new Int32Array(1 << 16)
  private seen = 0
  private readonly paths = new Map<string, number>()
  private readonly cache: PathCache = {buyer: new Map(), year: new Map()}
  readonly files: PartitionFile[] = []

  constructor(private readonly root: string, private readonly keys: readonly PartitionKey[], private readonly ext: string, private readonly make: (path: string) => Promise<RecordWriter>) {}

  async write(batch: ExportBatch): Promise<void> {
    const groups = new Map<string, number[]>()
    for (let i = 0; i < batch.length; i++) {
      const p = partitionPath(batch, i, this.keys, this.cache)
      let g = groups.get(p)
      if (!g) groups.set(p, (g = []))
      g.push(i)
      if (!this.allowed) this.note(p)
    }
    for (const [p, rows] of groups) {
      let w = this.open.get(p)
      if (!w) {
        if (this.allowed ? !this.allowed.has(p) : this.open.size >= MAX_OPEN || this.deferred.has(p)) {
          if (!this.allowed) this.deferred.add(p)
          continue
        }
        await mkdir(join(this.root, p), {recursive: true})
        const file = `${p}/part-0.${this.ext}`
        w = {writer: await this.make(join(this.root, file)), file, rows: 0}
        this.open.set(p, w)
      }
      await w.writer.write(slice(batch, rows))
      w.rows += rows.length
    }
  }

  private note(path: string): void {
    let k = this.paths.get(path)
    if (k === undefined) this.paths.set(path, (k = this.paths.size))
    if (this.seen === this.partOf.length) {
      const grown = new Int32Array(this.partOf.length * 2)
      grown.set(this.partOf)
      this.partOf = grown
    }
    this.partOf[this.seen++] = k
  }

  /**
   * Finish this pass's files. When partitions are left, pick the next
   * MAX_OPEN and give the rows (in export order) the next pass must read
   * again (1: one of them); null when every partition is written.
   */
  async nextPass(): Promise<Uint8Array | null> {
    await this.closeAll()
    if (this.deferred.size === 0) return null
    const next = [...this.deferred].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, MAX_OPEN)
    for (const p of next) this.deferred.delete(p)
    this.allowed = new Set(next)
    const ids = new Uint8Array(this.paths.size)
    for (const p of next) ids[this.paths.get(p)!] = 1
    const keep = new Uint8Array(this.seen)
    for (let r = 0; r < this.seen; r++) keep[r] = ids[this.partOf[r]]
    return keep
  }

  async closeAll(): Promise<void> {
    for (const w of this.open.values()) {
      const {bytes} = await w.writer.finish()
      this.files.push({path: w.file, rows: w.rows, bytes, sha256: await sha256Of(join(this.root, w.file))})
    }
    this.open.clear()
  }

  async abort(): Promise<void> {
    for (const w of this.open.values()) await w.writer.abort()
    this.open.clear()
  }

  /** All files, sorted by path (byte order). */
  async finish(): Promise<PartitionFile[]> {
    await this.closeAll()
    return this.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  }
}

export async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256')
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer)
  return h.digest('hex')
}
