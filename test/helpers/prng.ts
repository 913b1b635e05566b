/**
 * Small deterministic PRNG (mulberry32), so random test cases are the same on
 * every run (bench/lib/prng.mjs is the same generator for the plain-JS bench).
 * @example const rnd = random(42); rnd() // a number in [0, 1)
 */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
