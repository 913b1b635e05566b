/**
 * Parquet value encodings: PLAIN per physical type, and the RLE/bit-packed
 * hybrid used for definition levels and dictionary indices.
 */

/** Bits needed to hold values 0..max (at least 1). */
export function bitWidth(max: number): number {
  return max <= 1 ? 1 : 32 - Math.clz32(max)
}

function pushVarint(out: number[], n: number): void {
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80)
    n = Math.floor(n / 128)
  }
  out.push(n)
}

/** Bit-pack `count` values (a multiple of 8) from `values[from]`, LSB first; zeros past `end`. */
function pushBitPacked(out: number[], values: ArrayLike<number>, from: number, count: number, end: number, width: number): void {
  let acc = 0
  let bits = 0
  if (width <= 24) {
    // integer fast path: fewer than 8 bits are pending before each value, so acc stays within 31 bits
    for (let i = 0; i < count; i++) {
      acc |= (from + i < end ? values[from + i] : 0) << bits
      bits += width
      while (bits >= 8) {
        out.push(acc & 0xff)
        acc >>>= 8
        bits -= 8
      }
    }
    if (bits > 0) out.push(acc & 0xff)
    return
  }
  for (let i = 0; i < count; i++) {
    const v = from + i < end ? values[from + i] : 0
    acc += v * 2 ** bits
    bits += width
    while (bits >= 8) {
      out.push(acc & 0xff)
      acc = Math.floor(acc / 256)
      bits -= 8
    }
  }
  if (bits > 0) out.push(acc & 0xff)
}

const MAX_GROUPS = 63

/**
 * The RLE/bit-packed hybrid of `values[0..n)` at `width` bits: runs of 8 or
 * more equal values as RLE runs, the rest bit-packed in groups of 8 (padded
 * with zeros only at the end, where readers stop at the page's value count).
 */
export function encodeHybrid(values: ArrayLike<number>, n: number, width: number): Buffer {
  const out: number[] = []
  const valueBytes = Math.ceil(width / 8)
  let litStart = 0 // pending literals are values[litStart..i)
  const flushLiterals = (end: number): void => {
    let at = litStart
    while (at < end) {
      const groups = Math.min(MAX_GROUPS, Math.ceil((end - at) / 8))
      pushVarint(out, (groups << 1) | 1)
      const count = groups * 8
      pushBitPacked(out, values, at, count, end, width)
      at += count
    }
    litStart = end
  }
  let i = 0
  while (i < n) {
    const v = values[i]
    let r = 1
    while (i + r < n && values[i + r] === v) r++
    const pending = i - litStart
    const fill = pending % 8 === 0 ? 0 : 8 - (pending % 8)
    if (r - fill >= 8) {
      // absorb `fill` run values into the literals so they end on a group of 8
      flushLiterals(i + fill)
      const run = r - fill
      pushVarint(out, run << 1)
      let x = v
      for (let b = 0; b < valueBytes; b++) {
        out.push(x & 0xff)
        x = Math.floor(x / 256)
      }
      i += r
      litStart = i
    } else i += r
  }
  if (litStart < n) flushLiterals(n)
  return Buffer.from(out)
}

/** Definition levels of a v1 data page: the hybrid at width 1, prefixed by its byte length. */
export function encodeDefLevels(levels: Uint8Array, n: number): Buffer {
  const body = encodeHybrid(levels, n, 1)
  const len = Buffer.alloc(4)
  len.writeUInt32LE(body.length, 0)
  return Buffer.concat([len, body])
}

export function plainInt32(values: Int32Array, n: number): Buffer {
  return Buffer.from(new Uint8Array(values.buffer, values.byteOffset, n * 4))
}

export function plainInt64(values: BigInt64Array, n: number): Buffer {
  return Buffer.from(new Uint8Array(values.buffer, values.byteOffset, n * 8))
}

export function plainBool(values: Uint8Array, n: number): Buffer {
  const out = Buffer.alloc(Math.ceil(n / 8))
  for (let i = 0; i < n; i++) if (values[i]) out[i >> 3] |= 1 << (i & 7)
  return out
}

/** PLAIN byte arrays: each value's UTF-8 bytes after its 4-byte little-endian length. */
export function plainStrings(values: readonly string[], n: number, bytes: number): Buffer {
  const out = Buffer.alloc(bytes + 4 * n)
  let at = 0
  for (let i = 0; i < n; i++) {
    const len = out.write(values[i], at + 4, 'utf8')
    out.writeUInt32LE(len, at)
    at += 4 + len
  }
  return out.subarray(0, at)
}
