/**
 * The windows of the `splitting` check, pure: which candidate payments of
 * one (buyer, supplier) group form a window under a threshold, and whether
 * a window stands out from the supplier's own rate of such payments.
 */

/**
 * The expected number of candidates in one window from the group's rate
 * outside it: `others` candidates over `days` days (at least one window's
 * length, so a short span does not inflate the rate).
 * @example routineRate(24, 335, 30) // 2.149...
 */
export function routineRate(others: number, days: number, windowDays: number): number {
  return (others * windowDays) / Math.max(windowDays, days)
}

/**
 * P(X >= m) for X ~ Poisson(rate): 1 for m <= 0, and 0 when the rate is 0.
 * @example poissonUpper(2, 0) // 0
 */
export function poissonUpper(m: number, rate: number): number {
  if (m <= 0) return 1
  if (rate <= 0) return 0
  let term = Math.exp(-rate)
  let below = term
  for (let j = 1; j < m; j++) {
    term *= rate / j
    below += term
  }
  return Math.max(0, 1 - below)
}

/** Payments among positions idx[s..e): lines with the same invoice number (>= 0) are one payment. */
function distinctPayments(idx: readonly number[], s: number, e: number, invoices?: ArrayLike<number>): number {
  if (!invoices) return e - s
  const seen = new Set<number>()
  let n = 0
  for (let j = s; j < e; j++) {
    const v = invoices[idx[j]]
    if (v < 0) n++
    else if (!seen.has(v)) {
      seen.add(v)
      n++
    }
  }
  return n
}

/**
 * Find the split windows of one group's payments against one threshold:
 * each window's positions (into the group's arrays). Pure and exported for
 * tests: `days` ascending, `eligible` marks candidates, `invoices` (optional)
 * the invoice number codes (-1 = none): the lines of one invoice are one
 * payment, so a multi-line invoice is never a split of itself.
 * @example splitWindows([0, 3, 9], [460000, 470000, 480000], [1, 1, 1], 500000, 30, 2) // [[0, 1, 2]]
 */
export function splitWindows(
  days: ArrayLike<number>, amounts: ArrayLike<number>, eligible: ArrayLike<number>, threshold: number, windowDays: number, minPayments: number, invoices?: ArrayLike<number>,
): number[][] {
  const idx: number[] = []
  for (let i = 0; i < days.length; i++) if (eligible[i]) idx.push(i)
  const out: number[][] = []
  let s = 0
  while (s < idx.length) {
    let e = s
    let sum = 0
    while (e < idx.length && days[idx[e]] - days[idx[s]] < windowDays) sum += amounts[idx[e++]]
    // Candidate amounts are each under T (< 2^53 minor units), and few per window: the float sum is exact.
    if (e - s >= minPayments && sum >= threshold && distinctPayments(idx, s, e, invoices) >= minPayments) {
      out.push(idx.slice(s, e))
      s = e
    } else {
      s++
    }
  }
  return out
}
