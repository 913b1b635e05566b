/**
 * Bitsets over dictionary codes (one bit per code, per group), for counting
 * distinct values in one pass over the rows without a Set per group.
 */

/** `groups` empty bitsets of `size` bits. */
export function bitsets(groups: number, size: number): Uint32Array[] {
  return Array.from({length: groups}, () => new Uint32Array((size + 31) >>> 5))
}

export function setBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5] |= 1 << (i & 31)
}

/** Bitwise OR of bitsets of equal size. */
export function union(sets: readonly Uint32Array[]): Uint32Array {
  if (sets.length === 1) return sets[0]
  const out = new Uint32Array(sets[0]?.length ?? 0)
  for (const s of sets) for (let w = 0; w < s.length; w++) out[w] |= s[w]
  return out
}

/** Number of set bits. */
export function countBits(bits: Uint32Array): number {
  let n = 0
  for (let w = 0; w < bits.length; w++) {
    let v = bits[w]
    v -= (v >>> 1) & 0x55555555
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
    n += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
  }
  return n
}

/** The codes whose bit is set, ascending. */
export function setCodes(bits: Uint32Array): number[] {
  const out: number[] = []
  for (let w = 0; w < bits.length; w++) {
    if (bits[w] === 0) continue
    for (let j = 0; j < 32; j++) if ((bits[w] >>> j) & 1) out.push(w * 32 + j)
  }
  return out
}

/** Code-unit order: the same in every locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
