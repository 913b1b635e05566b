/**
 * The exact one-sided binomial test used by `threshold-bunching`: the
 * probability of `k` or more successes in `n` trials of probability `p`,
 * summed term by term in log space (log-factorials: a table, then Stirling's
 * series), so it neither overflows nor underflows for the counts a million-row
 * workspace gives: a p-value of 1e-400 is still returned as its log10.
 */

const TABLE = 256
const logFact = new Float64Array(TABLE)
for (let i = 2; i < TABLE; i++) logFact[i] = logFact[i - 1] + Math.log(i)

/**
 * ln(n!) for n >= 0: a table of running sums up to 255, Stirling's series
 * above (its first omitted term is under 1e-19 there), so the error does not
 * grow with n as a running sum's does.
 * @example logFactorial(3) // Math.log(6)
 */
export function logFactorial(n: number): number {
  if (n < TABLE) return logFact[n]
  const inv = 1 / n
  const inv2 = inv * inv
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)))
}

/**
 * ln P(X = k) for X ~ Binomial(n, p).
 * @example Math.exp(logBinomialPmf(1, 2, 0.5)) // 0.5
 */
export function logBinomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return -Infinity
  if (p <= 0) return k === 0 ? 0 : -Infinity
  if (p >= 1) return k === n ? 0 : -Infinity
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p)
}

/**
 * log10 P(X >= k) for X ~ Binomial(n, p): the one-sided p-value of seeing
 * `k` or more. Terms past the mode shrink geometrically, so the sum stops
 * once a term is below 1e-17 of the largest (it cannot change a double).
 * @example binomialUpperLog10(2, 2, 0.5) // log10(0.25)
 */
export function binomialUpperLog10(k: number, n: number, p: number): number {
  if (k <= 0) return 0
  if (k > n) return -Infinity
  let max = -Infinity
  const terms: number[] = []
  for (let j = k; j <= n; j++) {
    const t = logBinomialPmf(j, n, p)
    if (t > max) max = t
    terms.push(t)
    if (t < max - 39.2 && j > n * p) break
  }
  let s = 0
  for (const t of terms) s += Math.exp(t - max)
  return (max + Math.log(s)) / Math.LN10
}

/**
 * P(X >= k) for X ~ Binomial(n, p) (0 when it underflows a double: use
 * binomialUpperLog10 for the score).
 * @example binomialUpper(3, 3, 0.5) // 0.125
 */
export function binomialUpper(k: number, n: number, p: number): number {
  return Math.min(1, 10 ** binomialUpperLog10(k, n, p))
}
