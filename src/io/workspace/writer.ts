import {close, closeSync, fsync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import type {RejectedRow, SpendRecord} from '../../model/record.js'
import type {CurrencyTotals, RecordSink, SourceReport} from '../read/types.js'
import type {RowBatch} from './batch.js'
import {DICT_JOIN_FILE, partName, REJECTS_FILE, type ImportOptionsUsed} from './layout.js'
import {type IpcSink, PartBuilder, type StoredDictColumn} from './columns.js'
import type {ByteSource} from './arrow-ipc.js'
import {crc32} from './crc.js'
import {writeDictJoin} from './dict-join.js'
import {RejectsWriter} from './rejects.js'
import {Sums} from './sums.js'
import {type ImportEntry, type PartEntry, type StoredFile, sourceReportJson, totalsJson} from './manifest.js'
import {partChecksums, WrittenCrcs} from './part-crc.js'

// Defined in layout.ts so queries need not import the writer (and flechette's encoder).
export {DEFAULT_PART_ROWS} from './layout.js'

/** What is recorded about an import besides its rows. */
export interface ImportMeta {
  id: string
  /** The file's name, no folders (`<stdin>` for standard input): see ImportEntry. */
  file: string
  /** The file's path relative to the workspace folder, `/`-separated (null for standard input). */
  path: string | null
  sha256: string
  bytes: number
  options: ImportOptionsUsed
  tool_version: string
}

/**
 * What is known when an import begins: the id and hash may come only at
 * commit, so a big file is hashed while its rows are read (see importer.ts).
 */
export type ImportStart = Omit<ImportMeta, 'id' | 'sha256'> & Partial<Pick<ImportMeta, 'id' | 'sha256'>>

/** What the reader found, given at commit. */
export interface CommitInfo {
  files: SourceReport[]
  /** Overall format label; defaults to the sources' formats joined with '+'. */
  format?: string
  /** The id and hash, when they were not known at begin. */
  identity?: Pick<ImportMeta, 'id' | 'sha256'>
}

/**
 * Receives the records of one import (a RecordSink) and writes them as Arrow
 * part files and a rejects CSV into a temp folder. Nothing is visible in the
 * workspace until `commit`; `abort` (or a crash) leaves it unchanged.
 */
export interface ImportWriter extends RecordSink {
  /** The fast path for table readers: many rows, column-wise (see batch.ts). */
  addBatch(batch: RowBatch): void
  /** Rows added so far. */
  readonly imported: number
  readonly rejected: number
  commit(info: CommitInfo): Promise<ImportEntry>
  abort(): Promise<void>
  /**
   * For a split read (see read/split.ts): a folder inside the import's temp
   * folder, the rows per part, getting ready to take the other half's output
   * (while it finishes), and taking it.
   */
  readonly split?: {dir: string; partRows: number; prepare(): void; adopt(half: WrittenHalf): void}
}

/** What a PartWriter of a split read stored, handed to the main writer (see `PartWriter.adopt`). */
export interface WrittenHalf {
  dir: string
  parts: PartEntry[]
  imported: number
  rejected: number
  /** The CRC-32 of its rejects file as written (checked before the rows are appended to the main one). */
  rejectsCrc: number
  importedSums: [string, string][]
  rejectedSums: [string, string][]
  /** The whole dictionary per column of its parts' chain (see DictBuilder.chainDict). */
  dicts: Partial<Record<StoredDictColumn, string[] | null>>
}

/** Does the writing; the Workspace wraps commit/abort with the lock and the atomic swap. */
export class PartWriter {
  imported = 0
  readonly parts: PartEntry[] = []
  private readonly builder: PartBuilder
  private readonly rejects: RejectsWriter
  private readonly importedSums = new Sums()
  private readonly rejectedSums = new Sums()
  /** Set by adopt when the parts are two dictionary chains (see dict-join.ts). */
  private dictJoin: ({part: number; file: string} & StoredFile) | undefined = undefined
  /** Parts written but still being fsynced (see flushPart). */
  private syncing: Promise<void>[] = []

  constructor(readonly dir: string, partRows: number) {
    this.builder = new PartBuilder(partRows)
    this.rejects = new RejectsWriter(join(dir, REJECTS_FILE))
  }

  get rejected(): number {
    return this.rejects.rows
  }

  add(record: SpendRecord): void {
    if (!Number.isSafeInteger(record.amount)) {
      throw new Error(`bug: amount ${record.amount} is not a safe integer (${record.source_file}:${record.source_line})`)
    }
    this.builder.add(record)
    this.imported++
    this.importedSums.add(record.currency, record.amount)
    if (this.builder.length === this.builder.capacity) this.flushPart()
  }

  addBatch(b: RowBatch): void {
    const n = b.length
    const currencies = b.dicts.currency.values
    const cur = b.codes.currency
    for (let k = 0; k < n; k++) {
      const amount = b.amount[k] as number
      if (!Number.isSafeInteger(amount)) {
        throw new Error(`bug: amount ${amount} is not a safe integer (${b.record(k).source_file}:${b.line[k]})`)
      }
      this.importedSums.add(currencies[cur[k] as number] as string, amount)
    }
    let from = 0
    while (from < n) {
      const take = Math.min(n - from, this.builder.capacity - this.builder.length)
      this.builder.addBatch(b, from, take)
      from += take
      if (this.builder.length === this.builder.capacity) this.flushPart()
    }
    this.imported += n
  }

  reject(row: RejectedRow): void {
    this.rejects.add(row)
    // A rejected amount without a currency still counts, under ISO 4217 "XXX" (no currency).
    if (row.amount !== null) this.rejectedSums.add(row.currency ?? 'XXX', row.amount)
  }

  get partRows(): number {
    return this.builder.capacity
  }

  /** What this writer stored, once finished, for `adopt` in another thread. */
  written(): WrittenHalf {
    return {
      dir: this.dir, parts: this.parts.slice(), imported: this.imported, rejected: this.rejected, rejectsCrc: this.rejects.crc,
      importedSums: this.importedSums.json(), rejectedSums: this.rejectedSums.json(), dicts: this.builder.chainDicts(),
    }
  }

  /** Write the rows so far as a part and index the dictionaries, ready for adopt (rows may still follow if the halves do not join). */
  prepareAdopt(): void {
    if (this.builder.length > 0) this.flushPart()
    this.builder.prepareJoin()
  }

  /**
   * Append another writer's finished output (the second half of a split
   * read) after everything written here: its parts, renumbered, and its
   * rejected rows. Nothing may be added after this.
   */
  adopt(half: WrittenHalf): void {
    if (this.builder.length > 0) this.flushPart()
    this.rejects.close()
    if (this.parts.length > 0 && half.parts.length > 0) {
      const written = writeDictJoin(join(this.dir, DICT_JOIN_FILE), this.builder.joinCodes(half.dicts))
      this.dictJoin = {part: this.parts.length, file: DICT_JOIN_FILE, ...written}
    }
    for (const p of half.parts) {
      const file = partName(this.parts.length)
      renameSync(join(half.dir, p.file), join(this.dir, file))
      this.parts.push({...p, file})
    }
    if (half.rejected > 0) {
      const bytes = readFileSync(join(half.dir, REJECTS_FILE))
      if (crc32(bytes) !== half.rejectsCrc) throw new Error('the second half\'s rejects file changed on disk before commit')
      // The header line is written once, by whichever writer rejected first.
      this.rejects.append(this.rejects.rows > 0 ? bytes.subarray(bytes.indexOf(0x0a) + 1) : bytes, half.rejected)
    }
    this.imported += half.imported
    for (const [c, v] of half.importedSums) this.importedSums.addBig(c, BigInt(v))
    for (const [c, v] of half.rejectedSums) this.rejectedSums.addBig(c, BigInt(v))
    rmSync(half.dir, {recursive: true, force: true})
  }

  /** Write the last part and close the rejects file. */
  finish(): void {
    if (this.builder.length > 0) this.flushPart()
    this.rejects.close()
  }

  discard(): void {
    this.rejects.discard()
  }

  /** Wait until every part written is on disk; throws the first fsync error. Call before commit (and before handing parts on). */
  async settle(): Promise<void> {
    const pending = this.syncing
    this.syncing = []
    await Promise.all(pending)
  }

  /** Build the manifest entry from what this writer stored and what the reader reported. */
  entry(meta: ImportMeta, info: CommitInfo): ImportEntry {
    const files = info.files.map(sourceReportJson)
    const skipped = info.files.reduce((n, f) => n + f.rows.skipped, 0)
    const reported = new Map<string, bigint>()
    for (const f of info.files) for (const t of f.totals) reported.set(t.currency, (reported.get(t.currency) ?? 0n) + t.source)
    const currencies = new Set([...this.importedSums.currencies(), ...this.rejectedSums.currencies(), ...reported.keys()])
    const totals: CurrencyTotals[] = [...currencies].map((currency) => {
      const imported = this.importedSums.get(currency)
      const rejected = this.rejectedSums.get(currency)
      // The source total is the reader's count when it gave one; else what arrived here.
      return {currency, imported, rejected, source: reported.get(currency) ?? imported + rejected}
    })
    const formats = [...new Set(info.files.map((f) => f.format))]
    return {
      id: meta.id,
      file: meta.file,
      path: meta.path,
      sha256: meta.sha256,
      bytes: meta.bytes,
      format: info.format ?? (formats.join('+') || 'unknown'),
      options: meta.options,
      tool_version: meta.tool_version,
      rows: {read: this.imported + this.rejected, imported: this.imported, rejected: this.rejected, skipped},
      totals: totalsJson(totals),
      // The first source with rows (a workbook's notes sheet may come first).
      mapping: (info.files.find((f) => f.rows.read > 0) ?? info.files[0])?.mapping ?? {},
      files,
      parts: this.parts,
      rejects: this.rejected > 0 ? {file: REJECTS_FILE, rows: this.rejected, bytes: this.rejects.bytes, crc32: this.rejects.crc} : null,
      ...(this.dictJoin ? {dict_join: this.dictJoin} : {}),
    }
  }

  private flushPart(): void {
    const rows = this.builder.length
    const file = partName(this.parts.length)
    // Synchronous on purpose: RecordSink.add is synchronous, and writing here keeps memory bounded.
    // Opened for reading too: the checksums read the footer and headers back (see part-crc.ts).
    const fd = openSync(join(this.dir, file), 'w+')
    const crcs = new WrittenCrcs()
    let part: PartEntry
    try {
      this.builder.flush(new FileSink(fd, crcs))
      part = {file, rows, bytes: crcs.size, crc32: partChecksums(fileSource(fd, crcs.size), crcs)}
    } catch (error) {
      closeSync(fd)
      throw error
    }
    // The fsync runs on libuv's thread pool while rows go on arriving (it was
    // ~30 ms a part on this thread); settle() waits for it before commit.
    const synced = syncAndClose(fd)
    // Seen by settle(); this only keeps an abandoned import from an unhandled rejection.
    synced.catch(() => {})
    this.syncing.push(synced)
    this.parts.push(part)
  }
}

/**
 * Streams a part's IPC bytes into its file as they are encoded, small pieces
 * through a staging buffer, instead of first joining the whole part (~25 MB)
 * in memory (measured: about a third of the time spent writing a part).
 */
class FileSink implements IpcSink {
  private static staging = Buffer.allocUnsafe(1 << 20)
  private used = 0

  constructor(private readonly fd: number, private readonly crcs: WrittenCrcs) {}

  write(bytes: Uint8Array): void {
    this.crcs.add(bytes)
    const buf = FileSink.staging
    if (bytes.length >= buf.length >> 2) {
      // Large buffers go straight to the file, after what is staged.
      this.drain()
      writeAll(this.fd, bytes)
      return
    }
    if (this.used + bytes.length > buf.length) this.drain()
    buf.set(bytes, this.used)
    this.used += bytes.length
  }

  pad(byteCount: number): void {
    this.write(new Uint8Array(byteCount))
  }

  finish(): null {
    this.drain()
    return null
  }

  private drain(): void {
    if (this.used > 0) writeAll(this.fd, FileSink.staging.subarray(0, this.used))
    this.used = 0
  }
}

/** Reads back a part being written (its footer and headers, for the checksums). */
function fileSource(fd: number, size: number): ByteSource {
  return {
    size,
    read(offset, length) {
      const out = Buffer.allocUnsafe(length)
      let got = 0
      while (got < length) {
        const n = readSync(fd, out, got, length - got, offset + got)
        if (n === 0) throw new Error('bug: part file shorter than written')
        got += n
      }
      return out
    },
  }
}

function syncAndClose(fd: number): Promise<void> {
  return new Promise((resolve, reject) => {
    fsync(fd, (syncError) => close(fd, (closeError) => (syncError ?? closeError ? reject(syncError ?? closeError) : resolve())))
  })
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off)
}
