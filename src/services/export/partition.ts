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
 * open: past that all are finished and later rows of a partition go to its
 * next part-N file, so memory stays flat.
 */

export const PARTITION_KEYS = ['year', 'buyer'] as const
export type PartitionKey = (typeof PARTITION_KEYS)[number]
export const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__'
const MAX_OPEN = 64
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

function partitionPath(batch: ExportBatch, i: number, keys: readonly PartitionKey[]): string {
  return keys.map((k) => {
    if (k === 'year') {
      const d = batch.values.date[i] as number | null
      return `year=${d === null ? HIVE_NULL : new Date(d * DAY_MS).getUTCFullYear()}`
    }
    const id = batch.values.buyer_id[i] as string | null
    return `buyer_id=${id === null || id === '' ? HIVE_NULL : hiveEscape(id)}`
  }).join('/')
}

function slice(batch: ExportBatch, rows: readonly number[]): ExportBatch {
  const values: ExportBatch['values'] = {}
  for (const c of EXPORT_COLUMNS) {
    const v = batch.values[c.name]
    values[c.name] = rows.map((i) => v[i])
  }
  return {length: rows.length, values}
}

/** Writes batches into partition folders under `root`; `open` makes one file's writer. */
export class PartitionedWriter {
  private readonly open = new Map<string, {writer: RecordWriter; file: string; rows: number}>()
  private readonly next = new Map<string, number>()
  readonly files: PartitionFile[] = []

  constructor(private readonly root: string, private readonly keys: readonly PartitionKey[], private readonly ext: string, private readonly make: (path: string) => Promise<RecordWriter>) {}

  async write(batch: ExportBatch): Promise<void> {
    const groups = new Map<string, number[]>()
    for (let i = 0; i < batch.length; i++) {
      const p = partitionPath(batch, i, this.keys)
      let g = groups.get(p)
      if (!g) groups.set(p, (g = []))
      g.push(i)
    }
    for (const [p, rows] of groups) {
      let w = this.open.get(p)
      if (!w) {
        if (this.open.size >= MAX_OPEN) await this.closeAll()
        const n = this.next.get(p) ?? 0
        this.next.set(p, n + 1)
        await mkdir(join(this.root, p), {recursive: true})
        const file = `${p}/part-${n}.${this.ext}`
        w = {writer: await this.make(join(this.root, file)), file, rows: 0}
        this.open.set(p, w)
      }
      await w.writer.write(slice(batch, rows))
      w.rows += rows.length
    }
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
