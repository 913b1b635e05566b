/**
 * Seeded randomness for the bench generators: mulberry32 plus a few draws. Same seed,
 * same bytes, on every machine (no Math.random, no clock).
 */

/** mulberry32: a tiny 32-bit PRNG with good mixing. Returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Standard normal draw (Box-Muller) from a uniform source. */
export function normal(next) {
  const u = 1 - next()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next())
}

/**
 * A Zipf-like sampler over n items (weight 1/(rank+1)^s): cumulative table plus binary
 * search, so a million draws over 50,000 items stay cheap.
 */
export function zipfSampler(n, s) {
  const cdf = new Float64Array(n)
  let acc = 0
  for (let i = 0; i < n; i++) {
    acc += 1 / (i + 1) ** s
    cdf[i] = acc
  }
  return (u) => {
    const target = u * acc
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cdf[mid] < target) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** Fisher-Yates permutation of 0..n-1. */
export function permutation(n, next) {
  const p = new Uint32Array(n)
  for (let i = 0; i < n; i++) p[i] = i
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    const t = p[i]
    p[i] = p[j]
    p[j] = t
  }
  return p
}

/** Integer minor units to `1234.56` / `-0.05`, exactly (no toFixed on floats). */
export function decimal2(minor) {
  const neg = minor < 0
  const abs = neg ? -minor : minor
  const frac = abs % 100
  return `${neg ? '-' : ''}${(abs - frac) / 100}.${frac < 10 ? '0' : ''}${frac}`
}
