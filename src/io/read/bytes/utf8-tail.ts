/**
 * Bytes at the end of `s` that start a UTF-8 sequence it does not finish
 * (0-3): a chunk or sample cut at an arbitrary byte may end inside a
 * character. Its own module so the hash worker need not load the decoders.
 * @example partialUtf8Tail(Buffer.from('a€').subarray(0, 3)) // 2
 */
export function partialUtf8Tail(s: Uint8Array): number {
  const n = s.length
  for (let k = 1; k <= Math.min(3, n); k++) {
    const b = s[n - k]
    if ((b & 0xc0) === 0x80) continue // a continuation byte: look further back for the lead
    if (b >= 0xc0) return k < (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) ? k : 0
    return 0
  }
  return 0
}
