/**
 * CRC-32 (the zlib/PNG/zip polynomial) for the workspace's checksums.
 * `zlib.crc32` (Node >= 20.15) computes it at several GB/s; this adds
 * `crc32Combine`, the CRC of two byte strings joined given each one's CRC
 * (zlib's crc32_combine), so the writer can checksum a column's buffers as
 * they stream to the file and join them afterwards.
 */
import {crc32} from 'node:zlib'

export {crc32}

/** The CRC-32 polynomial, bit-reversed. */
const POLY = 0xedb88320

/** a * b modulo the CRC polynomial (bit-reversed: bit 31 is x^0). */
function multModP(a: number, b: number): number {
  let m = 0x80000000
  let p = 0
  for (;;) {
    if (a & m) {
      p ^= b
      if ((a & (m - 1)) === 0) break
    }
    m >>>= 1
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1
  }
  return p >>> 0
}

/** X2N[k] = x^(2^k) modulo the polynomial. */
const X2N = new Uint32Array(32)
{
  let p = 0x40000000 // x^1
  X2N[0] = p
  for (let k = 1; k < 32; k++) X2N[k] = p = multModP(p, p)
}

/** x^(n * 2^k) modulo the polynomial. */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000 // x^0
  while (n > 0) {
    if (n % 2 === 1) p = multModP(X2N[k & 31], p)
    n = Math.floor(n / 2)
    k++
  }
  return p
}

/**
 * The CRC-32 of A followed by B, from crc(A), crc(B) and B's length.
 * @example crc32Combine(crc32('ab'), crc32('cd'), 2) === crc32('abcd')
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB === 0) return crcA
  return (multModP(x2nModP(lengthB, 3), crcA) ^ crcB) >>> 0
}
