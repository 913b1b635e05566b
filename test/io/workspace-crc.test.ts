import {describe, expect, it} from 'vitest'
import {crc32, crc32Combine} from '../../src/io/workspace/crc.js'

/** A deterministic byte string (no randomness in tests). */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n)
  let x = seed >>> 0 || 1
  for (let i = 0; i < n; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

describe('crc32Combine', () => {
  it('gives the CRC-32 of two byte strings joined, for any split', () => {
    const whole = bytes(5000, 7)
    for (const cut of [0, 1, 2, 7, 8, 63, 64, 1000, 4095, 4999, 5000]) {
      const a = whole.subarray(0, cut)
      const b = whole.subarray(cut)
      expect(crc32Combine(crc32(a), crc32(b), b.length), `cut at ${cut}`).toBe(crc32(whole))
    }
    expect(crc32Combine(crc32('ab'), crc32('cd'), 2)).toBe(crc32('abcd'))
  })

  it('joins many pieces in order, as the part writer does', () => {
    const pieces = Array.from({length: 40}, (_, k) => bytes((k * 37) % 300, k + 1))
    let crc = 0
    for (const p of pieces) crc = crc32Combine(crc, crc32(p), p.length)
    const joined = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0))
    let at = 0
    for (const p of pieces) {
      joined.set(p, at)
      at += p.length
    }
    expect(crc).toBe(crc32(joined))
  })
})
