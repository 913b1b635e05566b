/**
 * The part writer's checksums. Each piece of a part is CRC-32'd as it goes
 * to the file (the bytes as built, not read back); once the part is whole,
 * its footer and headers (a few KB) are read back to find which ranges make
 * each column, and each column's CRC is joined from its pieces' CRCs (see
 * crc32Combine), in the order the part reader reads them (see part-reader.ts).
 *
 * Why CRC-32: it detects every single-bit error and every burst of up to 32
 * bits in a range (and all but 1 in 2^32 of anything else), which is what a
 * damaged block on disk looks like; `zlib.crc32` runs at several GB/s, so
 * checking each column as it is loaded costs little next to reading it. It
 * is no defence against someone changing a file on purpose (they can
 * rewrite the checksum too); that would need a keyed hash.
 */
import {type ByteSource, openIpc, type Range} from './arrow-ipc.js'
import {crc32, crc32Combine} from './crc.js'
import type {PartChecksums} from './manifest.js'

/** Pieces up to this size are also kept (see WrittenCrcs.of). */
const KEEP_BYTES = 1 << 16

/** The CRC-32 of each piece written to a file, in order, so that any range's CRC can be joined from them. */
export class WrittenCrcs {
  /** Bytes written so far. */
  size = 0
  private readonly starts: number[] = []
  private readonly lengths: number[] = []
  private readonly crcs: number[] = []
  /** Copies of small pieces (headers, the footer), for ranges that start or end inside one. */
  private readonly kept = new Map<number, Uint8Array>()

  /** Record the next piece (call with exactly the bytes written, in order). */
  add(bytes: Uint8Array): void {
    if (bytes.length === 0) return
    if (bytes.length <= KEEP_BYTES) this.kept.set(this.starts.length, bytes.slice())
    this.starts.push(this.size)
    this.lengths.push(bytes.length)
    this.crcs.push(crc32(bytes))
    this.size += bytes.length
  }

  /**
   * The CRC-32 of the ranges joined, in order. Whole pieces inside a range
   * use their recorded CRCs; a piece cut by a range's end uses its kept copy
   * (the footer is written after the end-of-stream marker, in one piece), or
   * failing that the bytes read back with `readBack` (column buffers are
   * each written whole, so this is not expected).
   * @example crcs.of([{offset: 0, length: crcs.size}], readBack) // the whole file's CRC-32
   */
  of(ranges: readonly Range[], readBack: (offset: number, length: number) => Uint8Array): number {
    let crc = 0
    for (const r of ranges) {
      let pos = r.offset
      const end = r.offset + r.length
      if (end > this.size) throw new Error('bug: checksum range past the bytes written')
      let k = this.pieceAt(pos)
      while (pos < end) {
        const start = this.starts[k]
        const stop = start + this.lengths[k]
        if (start === pos && stop <= end) {
          crc = crc32Combine(crc, this.crcs[k], this.lengths[k])
          pos = stop
        } else {
          const take = Math.min(stop, end) - pos
          const copy = this.kept.get(k)
          crc = crc32(copy ? copy.subarray(pos - start, pos - start + take) : readBack(pos, take), crc)
          pos += take
        }
        k++
      }
    }
    return crc
  }

  /** The piece holding byte `pos` (binary search). */
  private pieceAt(pos: number): number {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid] <= pos) lo = mid
      else hi = mid - 1
    }
    return lo
  }
}

/**
 * The checksums of a part just written: `src` reads the part back (only its
 * footer and headers are read), `written` holds its pieces' CRCs.
 * @example const sums = partChecksums(fileSource(fd, crcs.size), crcs)
 */
export function partChecksums(src: ByteSource, written: WrittenCrcs): PartChecksums {
  const ipc = openIpc(src)
  const readBack = (offset: number, length: number) => src.read(offset, length)
  const columns: Record<string, number> = {}
  ipc.fields.forEach((field, i) => {
    const ranges = ipc.buffers(i)
    if (field.kind === 'dict') {
      const d = ipc.dictionary(field.dictId)
      ranges.push(d.header, ...d.buffers)
    }
    columns[field.name] = written.of(ranges, readBack)
  })
  return {metadata: written.of(ipc.opened, readBack), columns}
}
