/**
 * Zip members and gzip, read as streams with the bomb checks done while
 * inflating (the directory is read by zip.ts). Each member is inflated with
 * node:zlib chunk by chunk; the inflated byte count is checked against the
 * directory's claim, the archive total and the compression ratio after every
 * chunk, so a bomb is stopped after at most one chunk past the limit.
 */
import {Readable, pipeline} from 'node:stream'
import zlib from 'node:zlib'
import {isSpendInputError} from '../../../errors.js'
import {archiveTooLargeError, brokenArchiveError} from './detect.js'
import type {Limits} from '../limits.js'
import type {RandomAccess, ZipEntry} from './zip.js'
import {bytesMsg} from '../../../messages.js'

const LOCAL = 0x04034b50
/** zlib's default 16 KB output chunks cost more hops through the stream machinery; a bomb still gets at most this much past a limit. */
const INFLATE_CHUNK = 64 * 1024

/**
 * Counts inflated bytes for one archive and stops it at the limits.
 * @example const g = new InflateGuard('a.zip', limits); g.add(chunk.length, memberOut, memberCompressed)
 */
export class InflateGuard {
  private total = 0
  constructor(
    private readonly name: string,
    private readonly limits: Limits,
  ) {}

  /** Add `n` inflated bytes for a member whose compressed size so far is `compressed`. */
  add(n: number, out: number, compressed: number): void {
    this.total += n
    const l = this.limits
    if (this.total > l.maxUncompressedBytes) {
      throw archiveTooLargeError(this.name, bytesMsg.unpacksTooLarge(l.maxUncompressedBytes))
    }
    if (out > l.ratioFloorBytes && out > Math.max(1, compressed) * l.maxCompressionRatio) {
      throw archiveTooLargeError(this.name, bytesMsg.ratioTooHigh(l.maxCompressionRatio))
    }
  }
}

/** Run bytes through a zlib transform, mapping zlib's errors to BROKEN_ARCHIVE. */
async function* inflate(src: AsyncIterable<Uint8Array>, z: zlib.Inflate | zlib.InflateRaw | zlib.Gunzip, name: string): AsyncGenerator<Buffer> {
  pipeline(Readable.from(src), z, () => {})
  try {
    for await (const chunk of z) yield chunk as Buffer
  } catch (err) {
    if (isSpendInputError(err)) throw err
    throw brokenArchiveError(name, bytesMsg.cannotInflate((err as Error).message))
  } finally {
    z.destroy()
  }
}

/**
 * Stream one zip member's inflated bytes, checking sizes, ratio and CRC as it goes.
 * @example for await (const b of zipMemberBytes(ra, entry, 'a.zip', guard)) ...
 */
export async function* zipMemberBytes(ra: RandomAccess, entry: ZipEntry, archive: string, guard: InflateGuard): AsyncGenerator<Uint8Array> {
  const where = `${archive}!${entry.name}`
  if (entry.flags & 1) throw brokenArchiveError(where, bytesMsg.encryptedMember())
  if (entry.method !== 0 && entry.method !== 8) throw brokenArchiveError(where, bytesMsg.unsupportedMethod(entry.method))
  const local = await ra.read(entry.localOffset, 30)
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw brokenArchiveError(where, bytesMsg.badMemberHeader())
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28)
  const end = start + entry.compressedSize
  if (end > ra.size) throw brokenArchiveError(where, bytesMsg.memberPastEnd())
  // The ratio is taken against the bytes zlib has consumed (bytesWritten), not
  // those read: the stream reads ahead, and a small bomb is read whole at once.
  const z = entry.method === 0 ? null : zlib.createInflateRaw({chunkSize: INFLATE_CHUNK})
  const body = z === null ? ra.stream(start, end) : inflate(ra.stream(start, end), z, where)
  let out = 0
  let crc = 0
  for await (const chunk of body) {
    out += chunk.length
    if (out > entry.size) throw brokenArchiveError(where, bytesMsg.memberTooLarge())
    guard.add(chunk.length, out, z === null ? out : z.bytesWritten)
    crc = zlib.crc32(chunk, crc)
    yield chunk
  }
  if (out !== entry.size) throw brokenArchiveError(where, bytesMsg.memberTooShort())
  if ((crc >>> 0) !== entry.crc) throw brokenArchiveError(where, bytesMsg.checksumMismatch())
}

/**
 * Gunzip a stream (all concatenated members), with the same limits as zip.
 * @example for await (const b of gunzipBytes(fs.createReadStream('x.csv.gz'), 'x.csv.gz', limits)) ...
 */
export async function* gunzipBytes(src: AsyncIterable<Uint8Array>, name: string, limits: Limits): AsyncGenerator<Uint8Array> {
  const guard = new InflateGuard(name, limits)
  const z = zlib.createGunzip({chunkSize: INFLATE_CHUNK})
  let out = 0
  for await (const chunk of inflate(src, z, name)) {
    out += chunk.length
    // Consumed, not read, compressed bytes (see zipMemberBytes).
    guard.add(chunk.length, out, z.bytesWritten)
    yield chunk
  }
}

/**
 * Collect a stream into memory, refusing more than `cap` bytes (`tooLarge` may throw its own error first).
 * @example const buf = await collectBytes(process.stdin, 1 << 20, 'stdin')
 */
export async function collectBytes(src: AsyncIterable<Uint8Array>, cap: number, name: string, tooLarge?: () => void): Promise<Buffer> {
  const parts: Uint8Array[] = []
  let len = 0
  for await (const c of src) {
    len += c.length
    if (len > cap) {
      tooLarge?.()
      throw archiveTooLargeError(name, bytesMsg.tooLargeForMemory(cap))
    }
    parts.push(c)
  }
  return Buffer.concat(parts, len)
}
