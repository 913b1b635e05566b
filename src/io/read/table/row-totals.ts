/**
 * Exact per-currency control totals of a table read (imported and rejected
 * money, in minor units), and the one tolerance for spreadsheet floats.
 */

/** Exact running totals: a double while it is safe, flushed into a bigint. */
export class Total {
  small = 0
  big = 0n
  add(v: number): void {
    this.small += v
    if (this.small > 4e15 || this.small < -4e15) {
      this.big += BigInt(this.small)
      this.small = 0
    }
  }
  value(): bigint {
    return this.big + BigInt(this.small)
  }
}

export interface CurrencyAcc {
  imported: Total
  rejected: Total
}

/**
 * The accumulator of one currency, created on first use.
 *
 * @example accFor(totals, 'GBP').imported.add(1250)
 */
export function accFor(totals: Map<string, CurrencyAcc>, currency: string): CurrencyAcc {
  let a = totals.get(currency)
  if (!a) {
    a = {imported: new Total(), rejected: new Total()}
    totals.set(currency, a)
  }
  return a
}

/**
 * Spreadsheet numbers are doubles: `0.30000000000000004` is 0.30 written by a
 * float, not a sub-penny amount. Accept it when it is within 1e-6 of a whole
 * minor unit (typed cells only); anything else stays an error.
 *
 * @example floatNoise('0.30000000000000004', 2) // 30
 */
export function floatNoise(text: string, exp: number): number {
  const x = Number(text.trim()) * 10 ** exp
  const r = Math.round(x)
  return Number.isFinite(x) && Math.abs(x - r) < 1e-6 && Number.isSafeInteger(r) ? r : Number.NaN
}
