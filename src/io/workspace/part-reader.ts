import {closeSync, fstatSync, openSync, readSync} from 'node:fs'
import {type ByteSource, type IpcField, openIpc, type Range} from './arrow-ipc.js'
import {crc32} from './crc.js'
import {DICT_PREFIX_KEY} from './layout.js'
import type {PartChecksums} from './manifest.js'
import {decodeAll, Scratch, typed} from './part-bytes.js'

export {Scratch}

/** One column of one part, as typed arrays over the bytes read for it. */
export type PartColumn =
  | {
    kind: 'dict'
    keys: Int32Array
    validity: Uint8Array | null
    /** Dictionary entries; `entry(k)` decodes one. */
    size: number
    entry(k: number): string
    /** All entries decoded (one decode of the whole byte range when it is ASCII). */
    entries(): string[]
    /** Leading entries shared with the previous part of the same import. */
    prefix: number
  }
  | {kind: 'text'; offsets: Int32Array; bytes: Uint8Array; validity: Uint8Array | null}
  | {kind: 'float64'; values: Float64Array}
  | {kind: 'int32'; values: Int32Array}
  | {kind: 'bool'; bits: Uint8Array}

/** An opened part: its row count and a reader for any one column, read and decoded only when asked for. */
export interface Part {
  rows: number
  /** The column, or null when the part has none of that name; throws PartDamage. */
  column(name: string): PartColumn | null
}

/**
 * A part file opened for range reads; close it when done. A column's arrays
 * are views of a scratch buffer reused by the next `column` call: copy out
 * what is kept before asking for another column.
 */
export interface PartFile extends Part {
  close(): void
}

/**
 * A part that cannot be trusted: a range whose CRC-32 is not the one stored
 * when it was written, or bytes that are not a readable part.
 */
export class PartDamage extends Error {
  constructor(
    /** The column, or null for the part's metadata (footer, record batch header). */
    readonly column: string | null,
    /** A range's CRC-32 differs from the stored one, or the bytes are not a part this reader can read. */
    readonly kind: 'checksum' | 'unreadable',
    /** Why it cannot be read. */
    readonly detail = '',
  ) {
    super(`${column === null ? 'metadata' : `column ${column}`} ${kind === 'checksum' ? 'does not match its checksum' : `cannot be read (${detail})`}`)
    this.name = 'PartDamage'
  }
}

const decoder = new TextDecoder('utf-8', {fatal: false})

/**
 * Open one part held in memory (tests, tools). With `expected`, every range
 * read is checked against its stored CRC-32 (see PartChecksums).
 * @example const part = openPart(readFileSync(path)); part.column('supplier')
 */
export function openPart(bytes: Uint8Array, expected?: PartChecksums): Part {
  return parsePart({size: bytes.length, read: (o, n) => checked(bytes.subarray(o, o + n), n)}, expected)
}

/**
 * Open a part file for reading only what is asked for: the footer and
 * record batch header, then per column just its buffers (a query over 4 of
 * 20 columns reads about a fifth of the file). With `expected`, each range is
 * checked against its stored CRC-32 as it is read.
 * @example const part = openPartFile(path); try { part.column('amount') } finally { part.close() }
 */
export function openPartFile(path: string, scratch: Scratch = new Scratch(), expected?: PartChecksums): PartFile {
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    const part = parsePart({
      size,
      read(offset, length) {
        const out = scratch.take(length)
        let got = 0
        while (got < length) {
          const n = readSync(fd, out, got, length - got, offset + got)
          if (n === 0) break
          got += n
        }
        return checked(out, length, got)
      },
    }, expected)
    const column = (name: string) => {
      scratch.reset()
      return part.column(name)
    }
    return {rows: part.rows, column, close: () => closeSync(fd)}
  } catch (error) {
    closeSync(fd)
    throw error
  }
}

function checked(bytes: Uint8Array, want: number, got = bytes.length): Uint8Array {
  if (got < want) throw new Error('truncated part file')
  return bytes
}

/**
 * Parse the Arrow IPC file layout written by the workspace (see arrow-ipc.ts)
 * and read columns from it. With `expected`, each range read goes through one
 * running CRC-32: the metadata's when opening, then each column's.
 */
function parsePart(src: ByteSource, expected: PartChecksums | undefined): Part {
  let crc = 0
  const counted: ByteSource = {
    size: src.size,
    read(offset, length) {
      const bytes = src.read(offset, length)
      if (expected) crc = crc32(bytes, crc)
      return bytes
    },
  }
  /** The ranges' bytes, in order, each added to the running CRC: one read when they lie next to each other. */
  const readRanges = (ranges: readonly Range[]): Uint8Array[] => {
    const span = spanOf(ranges)
    if (!span) return ranges.map((r) => counted.read(r.offset, r.length))
    const bytes = src.read(span.offset, span.length)
    return ranges.map((r) => {
      const view = bytes.subarray(r.offset - span.offset, r.offset - span.offset + r.length)
      if (expected) crc = crc32(view, crc)
      return view
    })
  }
  const ipc = guard(null, () => openIpc(counted))
  if (expected && crc !== expected.metadata) throw new PartDamage(null, 'checksum')
  const index = new Map(ipc.fields.map((f, i) => [f.name, i]))
  return {
    rows: ipc.rows,
    column(name: string): PartColumn | null {
      const i = index.get(name)
      if (i === undefined) return null
      const field = ipc.fields[i]
      return guard(name, () => {
        crc = 0
        const buffers = readRanges(ipc.buffers(i))
        const dict = field.kind === 'dict' ? readRanges(ipc.dictionary(field.dictId).buffers) : null
        if (expected && crc !== expected.columns[name]) throw new PartDamage(name, 'checksum')
        return readColumn(field, ipc.rows, ipc.nullCount(i), buffers, dict)
      })
    },
  }
}

/** Ranges in file order separated by at most padding: the one range holding them all (else null). */
function spanOf(ranges: readonly Range[]): Range | null {
  if (ranges.length < 2) return null
  const start = ranges[0].offset
  let end = start
  for (const r of ranges) {
    if (r.offset < end || r.offset - end > 64) return null
    end = r.offset + r.length
  }
  return {offset: start, length: end - start}
}

/** Run `f`; any failure but PartDamage becomes one, for the column (or the metadata). */
function guard<T>(column: string | null, f: () => T): T {
  try {
    return f()
  } catch (error) {
    if (error instanceof PartDamage) throw error
    throw new PartDamage(column, 'unreadable', (error as Error).message)
  }
}

/** The column over its buffers (and its dictionary's), after checking they are long enough for the rows. */
function readColumn(field: IpcField, rows: number, nullCount: number, b: Uint8Array[], dict: Uint8Array[] | null): PartColumn {
  const validity = nullCount > 0 ? atLeast(b[0], (rows + 7) >> 3) : null
  switch (field.kind) {
    case 'dict': {
      const [, offsetBytes, bytes] = dict as Uint8Array[]
      const offsets = typed(Int32Array, offsetBytes)
      const keys = typed(Int32Array, b[1])
      if (keys.length < rows || offsets.length < 1) throw new Error('dictionary column too short')
      const prefix = Number(field.metadata.get(DICT_PREFIX_KEY) ?? 0)
      const size = offsets.length - 1
      const entry = (k: number) => decoder.decode(bytes.subarray(offsets[k], offsets[k + 1]))
      return {kind: 'dict', keys, validity, size, prefix, entry, entries: () => decodeAll(bytes, offsets, size, entry)}
    }
    case 'utf8': {
      const offsets = typed(Int32Array, b[1])
      if (offsets.length < rows + 1) throw new Error('text column too short')
      return {kind: 'text', offsets, bytes: b[2], validity}
    }
    case 'float64': {
      const values = typed(Float64Array, b[1])
      if (values.length < rows) throw new Error('column too short')
      return {kind: 'float64', values}
    }
    case 'int32': {
      const values = typed(Int32Array, b[1])
      if (values.length < rows) throw new Error('column too short')
      return {kind: 'int32', values}
    }
    case 'bool':
      return {kind: 'bool', bits: atLeast(b[1], (rows + 7) >> 3)}
  }
}

function atLeast(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length < length) throw new Error('bitmap too short')
  return bytes
}
