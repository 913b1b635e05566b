/**
 * Exact sums of minor-unit amounts per integer key, for the charts that
 * fold a cube table (a heat map of 60,000 cells, the category mix): plain
 * numbers while the sum is a safe integer, a BigInt past that, so no
 * BigInt per cell in the usual case and never an inexact total.
 */
export class ExactSums {
  private readonly small = new Map<number, number>()
  private readonly big = new Map<number, bigint>()

  /** Add an amount (a safe integer, or its exact BigInt when it is not). */
  add(key: number, amount: number, exact?: bigint): void {
    const b = this.big.get(key)
    if (b !== undefined) {
      this.big.set(key, b + (exact ?? BigInt(amount)))
      return
    }
    const s = this.small.get(key) ?? 0
    const next = s + amount
    if (exact === undefined && Number.isSafeInteger(next)) this.small.set(key, next)
    else {
      this.small.delete(key)
      this.big.set(key, BigInt(s) + (exact ?? BigInt(amount)))
    }
  }

  /**
   * The exact sum of a key (0n when never added).
   * @example const s = new ExactSums(); s.add(1, 250); s.get(1) // 250n
   */
  get(key: number): bigint {
    const b = this.big.get(key)
    return b !== undefined ? b : BigInt(this.small.get(key) ?? 0)
  }

  has(key: number): boolean {
    return this.small.has(key) || this.big.has(key)
  }

  /** Call `fn` per key with its sum: a safe integer, or (past 2^53) the BigInt as `exact`; `add` takes the same pair. */
  forEach(fn: (key: number, amount: number, exact?: bigint) => void): void {
    for (const [k, v] of this.small) fn(k, v)
    for (const [k, v] of this.big) fn(k, Number(v), v)
  }

  /** Every key added, first added first (a key moved to BigInt comes after). */
  keys(): number[] {
    return [...this.small.keys(), ...this.big.keys()]
  }

  get size(): number {
    return this.small.size + this.big.size
  }
}
