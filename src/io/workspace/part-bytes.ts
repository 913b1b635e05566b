import {isAscii} from 'node:buffer'

/**
 * Byte-level helpers of the part reader: reusable read buffers, typed views,
 * and decoding a whole dictionary at once.
 */

/**
 * Reusable read buffers for `openPartFile`: reading a million rows into fresh
 * memory costs a page fault per 4 KB, more than the read itself, so columns
 * are read into the same (8-byte aligned) memory part after part.
 * @example const scratch = new Scratch(); for (const p of paths) use(openPartFile(p, scratch))
 */
export class Scratch {
  private buf = Buffer.allocUnsafeSlow(0)
  private pos = 0

  /** Start a new column: earlier views may be overwritten from now on. */
  reset(): void {
    this.pos = 0
  }

  /** `length` bytes, 8-byte aligned, not overlapping anything taken since the last reset. */
  take(length: number): Buffer {
    const start = (this.pos + 7) & ~7
    if (start + length > this.buf.length) {
      // Views taken before stay valid: they keep the old buffer.
      this.buf = Buffer.allocUnsafeSlow(Math.max(length, this.buf.length * 2, 1 << 16))
      this.pos = 0
      return this.take(length)
    }
    this.pos = start + length
    return this.buf.subarray(start, start + length)
  }
}

/**
 * Every entry of a dictionary. ASCII bytes (most names and codes) are decoded
 * as one string and cut at the offsets, which costs far less than a decode
 * call per entry; anything else is decoded entry by entry.
 * @example decodeAll(bytes, offsets, offsets.length - 1, (k) => decoder.decode(...)) // ['ACME', 'Bolt Ltd']
 */
export function decodeAll(bytes: Uint8Array, offsets: Int32Array, size: number, entry: (k: number) => string): string[] {
  const out: string[] = new Array(size)
  // Clamped, so offsets past the bytes (a damaged file) give short strings, not a crash.
  const end = Math.min(Math.max(offsets[size] ?? 0, 0), bytes.length)
  const base = Math.min(Math.max(offsets[0] ?? 0, 0), end)
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset + base, end - base)
  if (!isAscii(buf)) {
    for (let k = 0; k < size; k++) out[k] = entry(k)
    return out
  }
  const all = buf.toString('latin1')
  for (let k = 0; k < size; k++) out[k] = all.slice(offsets[k] - base, offsets[k + 1] - base)
  return out
}

/**
 * A typed view of the bytes (copied only if they are not aligned for the type).
 * @example typed(Int32Array, region) // the region's int32 values
 */
export function typed<T extends Int32Array | Float64Array>(Ctor: {new (b: ArrayBufferLike, o: number, n: number): T; new (b: ArrayBufferLike): T; BYTES_PER_ELEMENT: number}, bytes: Uint8Array): T {
  const size = Ctor.BYTES_PER_ELEMENT
  if (bytes.byteOffset % size === 0) return new Ctor(bytes.buffer, bytes.byteOffset, bytes.byteLength / size)
  // new Uint8Array(view) copies (Buffer#slice would not).
  return new Ctor(new Uint8Array(bytes).buffer)
}
