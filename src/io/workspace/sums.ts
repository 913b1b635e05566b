/** The writer's exact control totals (see writer.ts). */

/**
 * Exact per-currency sums: a float accumulator flushed into a bigint before it could round.
 *
 * @example const s = new Sums(); s.add('GBP', 1250); s.get('GBP') // 1250n
 */
export class Sums {
  private readonly acc = new Map<string, {small: number; big: bigint}>()
  add(currency: string, v: number): void {
    let s = this.acc.get(currency)
    if (s === undefined) this.acc.set(currency, (s = {small: 0, big: 0n}))
    if (v > 1e15 || v < -1e15) {
      s.big += BigInt(v)
      return
    }
    s.small += v
    if (s.small > 1e15 || s.small < -1e15) {
      s.big += BigInt(s.small)
      s.small = 0
    }
  }
  get(currency: string): bigint {
    const s = this.acc.get(currency)
    return s ? s.big + BigInt(s.small) : 0n
  }
  currencies(): string[] {
    return [...this.acc.keys()]
  }
  /** Add an exact sum (another writer's, see `PartWriter.adopt`). */
  addBig(currency: string, v: bigint): void {
    let s = this.acc.get(currency)
    if (s === undefined) this.acc.set(currency, (s = {small: 0, big: 0n}))
    s.big += v
  }
  /** [currency, sum as a decimal string] pairs, to send between threads. */
  json(): [string, string][] {
    return this.currencies().map((c) => [c, String(this.get(c))])
  }
}
