/**
 * The zip central directory: the authoritative member list, at the end of the
 * file. Reading it first gives members in name order, recognises an xlsx
 * before anything is inflated, and refuses bomb-like declared sizes up front.
 */
import {createReadStream} from 'node:fs'
import {open, stat} from 'node:fs/promises'
import iconv from 'iconv-lite'
import {archiveTooLargeError, brokenArchiveError, safeName} from './detect.js'
import type {Limits} from '../limits.js'
import {bytesMsg} from '../../../messages.js'

/** Bytes that can be read at any offset: a file on disk or a buffer. */
export interface RandomAccess {
  size: number
  read(pos: number, len: number): Promise<Buffer>
  stream(start: number, end: number): AsyncIterable<Uint8Array>
}

/**
 * Random access over a file; `onBytes` hears how many bytes each streamed read consumed.
 * @example const entries = await readZipDirectory(await fileAccess('a.zip'), 'a.zip', limits)
 */
export async function fileAccess(path: string, onBytes?: (n: number) => void): Promise<RandomAccess> {
  const {size} = await stat(path)
  return {
    size,
    // Each read opens the file itself, so a member can still be read after the
    // caller has moved on (no shared handle to close too early).
    async read(pos, len) {
      const fh = await open(path, 'r')
      try {
        const buf = Buffer.alloc(Math.max(0, Math.min(len, size - pos)))
        const {bytesRead} = await fh.read(buf, 0, buf.length, pos)
        return buf.subarray(0, bytesRead)
      } finally {
        await fh.close()
      }
    },
    async *stream(start, end) {
      if (end <= start) return
      for await (const chunk of createReadStream(path, {start, end: end - 1, highWaterMark: 64 * 1024})) {
        onBytes?.((chunk as Buffer).length)
        yield chunk as Buffer
      }
    },
  }
}

/**
 * Random access over bytes already in memory (stdin, a zip inside a zip).
 * @example await readZipDirectory(bufferAccess(buf), 'stdin', limits)
 */
export function bufferAccess(buf: Buffer): RandomAccess {
  return {
    size: buf.length,
    read: async (pos, len) => buf.subarray(pos, Math.min(buf.length, pos + len)),
    async *stream(start, end) {
      for (let p = start; p < end; p += 1 << 20) yield buf.subarray(p, Math.min(end, p + (1 << 20)))
    },
  }
}

export interface ZipEntry {
  name: string
  method: number
  flags: number
  crc: number
  compressedSize: number
  size: number
  localOffset: number
}

const EOCD = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const CENTRAL = 0x02014b50

function u64(b: Buffer, off: number): number {
  return Number(b.readBigUInt64LE(off))
}

/**
 * List a zip's members from its central directory, refusing archives with too
 * many members or declared sizes past the limits.
 * @example const entries = await readZipDirectory(ra, 'a.zip', limits)
 */
export async function readZipDirectory(ra: RandomAccess, name: string, limits: Limits): Promise<ZipEntry[]> {
  const tailLen = Math.min(ra.size, 22 + 0xffff)
  const tail = await ra.read(ra.size - tailLen, tailLen)
  let e = -1
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      e = i
      break
    }
  }
  if (e < 0) throw brokenArchiveError(name, bytesMsg.noZipDirectory())
  let count = tail.readUInt16LE(e + 10)
  let cdSize = tail.readUInt32LE(e + 12)
  let cdOffset = tail.readUInt32LE(e + 16)
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = e - 20
    if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR) throw brokenArchiveError(name, bytesMsg.badZip64())
    const rec = await ra.read(u64(tail, loc + 8), 56)
    if (rec.length < 56 || rec.readUInt32LE(0) !== ZIP64_EOCD) throw brokenArchiveError(name, bytesMsg.badZip64())
    count = u64(rec, 32)
    cdSize = u64(rec, 40)
    cdOffset = u64(rec, 48)
  }
  if (count > limits.maxArchiveMembers) {
    throw archiveTooLargeError(name, bytesMsg.tooManyMembers(count, limits.maxArchiveMembers))
  }
  if (cdOffset + cdSize > ra.size || cdSize > count * (46 + 3 * 0xffff)) {
    throw brokenArchiveError(name, bytesMsg.zipDirectoryOutside())
  }
  const cd = await ra.read(cdOffset, cdSize)
  const entries: ZipEntry[] = []
  let p = 0
  let declared = 0
  for (let k = 0; k < count; k++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw brokenArchiveError(name, bytesMsg.corruptZipDirectory())
    const flags = cd.readUInt16LE(p + 8)
    const nameLen = cd.readUInt16LE(p + 28)
    const extraLen = cd.readUInt16LE(p + 30)
    const commentLen = cd.readUInt16LE(p + 32)
    const rawName = cd.subarray(p + 46, p + 46 + nameLen)
    const entry: ZipEntry = {
      // Bit 11 says UTF-8; older tools wrote names in the DOS code page. Names end up in messages: made printable.
      name: safeName(flags & 0x800 ? rawName.toString('utf8') : iconv.decode(rawName, 'cp437')),
      method: cd.readUInt16LE(p + 10),
      flags,
      crc: cd.readUInt32LE(p + 16),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
    }
    readZip64Extra(entry, cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen))
    declared += entry.size
    if (declared > limits.maxUncompressedBytes) {
      throw archiveTooLargeError(name, bytesMsg.unpacksTooLarge(limits.maxUncompressedBytes))
    }
    if (entry.size > limits.ratioFloorBytes && entry.size > Math.max(1, entry.compressedSize) * limits.maxCompressionRatio) {
      throw archiveTooLargeError(name, bytesMsg.memberRatioTooHigh(entry.name, limits.maxCompressionRatio))
    }
    entries.push(entry)
    p += 46 + nameLen + extraLen + commentLen
  }
  return entries
}

/** Sizes and offset that did not fit in 32 bits live in the zip64 extra field (id 1), in this order. */
function readZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q)
    const len = extra.readUInt16LE(q + 2)
    if (id === 1) {
      let r = q + 4
      const take = (): number => {
        const v = r + 8 <= q + 4 + len ? u64(extra, r) : 0
        r += 8
        return v
      }
      if (entry.size === 0xffffffff) entry.size = take()
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take()
      if (entry.localOffset === 0xffffffff) entry.localOffset = take()
      return
    }
    q += 4 + len
  }
}

/**
 * Members worth reading: files, not folders, not macOS resource forks or dotfiles; sorted by name.
 * @example dataMembers(entries).map((e) => e.name) // ['a.csv', 'b.csv', 'sub/c.csv']
 */
export function dataMembers(entries: ZipEntry[]): ZipEntry[] {
  return entries
    .filter((e) => !e.name.endsWith('/') && !e.name.startsWith('__MACOSX/') && !e.name.split('/').pop()!.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/**
 * The workbook format when the members make a spreadsheet rather than an
 * archive of files: Office Open XML ('xlsx', also .xlsm/.xlsb) or OpenDocument ('ods').
 * @example workbookFormat([{name: 'xl/workbook.xml'}, ...]) // 'xlsx'
 */
export function workbookFormat(entries: Pick<ZipEntry, 'name'>[]): 'xlsx' | 'ods' | null {
  const names = new Set(entries.map((e) => e.name))
  if (names.has('xl/workbook.xml') || names.has('xl/workbook.bin')) return 'xlsx'
  if (names.has('mimetype') && names.has('content.xml')) return 'ods'
  return null
}

/**
 * A phrase naming an Office document that is not a spreadsheet, or null.
 * @example officeDocument([{name: 'word/document.xml'}]) // 'a Word document'
 */
export function officeDocument(entries: Pick<ZipEntry, 'name'>[]): string | null {
  for (const e of entries) {
    if (e.name === 'word/document.xml') return bytesMsg.word()
    if (e.name === 'ppt/presentation.xml') return bytesMsg.powerPoint()
  }
  return null
}
