import {SpendInputError} from '../errors.js'
import type {SpendFrame} from '../model/frame.js'
import {currencyExponent, isCurrencyCode} from '../model/currency.js'
import {amounts, dictColumn} from './dims.js'
import {subFrame} from './frame-access.js'
import type {Rows} from './kernel.js'
import {divRoundHalfEven, parseDecimal, type Fraction} from './rational.js'
import {analysisMsg} from '../messages.js'

/** One exchange rate: units of the target currency per one unit of `currency`, on a day or for a month. */
export interface FxRate {
  /** `YYYY-MM-DD` (that day) or `YYYY-MM` (the whole month). */
  period: string
  currency: string
  /** Plain decimal text, kept as text so the conversion is exact. */
  rate: string
}

export interface FxOptions {
  rates: readonly FxRate[]
  /** Target currency code. */
  to: string
  /** Convert only these rows; the result then holds only them. */
  selection?: Rows
}

/** What a conversion did, for the output to name. */
export interface FxNote {
  to: string
  /** Source currencies converted (the target itself is kept as is). */
  from: string[]
}

/**
 * Restate every row in one currency: amount in target minor units =
 * round-half-even(amount * rate), computed exactly from the decimal rate text.
 * A row uses the rate of its day when given, else of its month; rows already
 * in the target currency are unchanged. A row with no rate is an error naming
 * the missing currency/month pairs (never a silent skip). Returns a new frame;
 * with a selection it holds only the selected rows.
 * @example convertCurrency(frame, {rates: [{period: '2024-01', currency: 'EUR', rate: '0.86'}], to: 'GBP'})
 */
export function convertCurrency(frame: SpendFrame, opts: FxOptions): {frame: SpendFrame; note: FxNote} {
  const to = opts.to.trim().toUpperCase()
  if (!isCurrencyCode(to)) throw new SpendInputError('BAD_CURRENCY', analysisMsg.badCurrency(opts.to), {where: '--to', hint: analysisMsg.badCurrencyHint()})
  const table = new Map<string, Fraction>()
  for (const r of opts.rates) {
    const f = parseDecimal(r.rate)
    if (!f || f.num <= 0n) throw new SpendInputError('BAD_RATE', analysisMsg.badRate(r.rate, r.currency, r.period), {where: '--fx'})
    table.set(`${r.currency.toUpperCase()}|${r.period}`, f)
  }
  const src = opts.selection ? subFrame(frame, opts.selection) : frame
  const cur = dictColumn(src, 'currency')
  if (!cur) throw new Error('frame has no currency column')
  const date = dictColumn(src, 'date')
  const nDates = (date?.dict.length ?? 0) + 1
  // One rate lookup per (currency, date) dictionary pair, not per row.
  const pairRate = new Map<number, Fraction | null>()
  const missing = new Set<string>()
  const rateOf = (c: number, d: number): Fraction | null => {
    const k = c * nDates + d
    if (pairRate.has(k)) return pairRate.get(k)!
    const code = cur.dict[c]
    const day = d < date!.dict.length ? date!.dict[d] : null
    const f = day === null ? null : (table.get(`${code}|${day}`) ?? table.get(`${code}|${day.slice(0, 7)}`) ?? null)
    if (!f) missing.add(`${code} ${day === null ? '(no date)' : day.slice(0, 7)}`)
    pairRate.set(k, f)
    return f
  }
  const values = amounts(src)
  const out = new Float64Array(src.length)
  const from = new Set<string>()
  const scaleTo = 10n ** BigInt(currencyExponent(to))
  for (let i = 0; i < src.length; i++) {
    const c = cur.codes[i]
    const code = c < 0 ? null : cur.dict[c]
    if (code === to) {
      out[i] = values[i]
      continue
    }
    if (code === null) {
      missing.add('(no currency)')
      continue
    }
    const f = rateOf(c, date && date.codes[i] >= 0 ? date.codes[i] : nDates - 1)
    if (!f) continue
    from.add(code)
    const v = divRoundHalfEven(BigInt(values[i]) * f.num * scaleTo, f.den * 10n ** BigInt(currencyExponent(code)))
    out[i] = safe(v, '--fx')
  }
  if (missing.size > 0) {
    const list = [...missing].sort()
    throw new SpendInputError('FX_MISSING', analysisMsg.fxMissing(to, list), {
      where: '--fx',
      hint: analysisMsg.fxMissingHint(),
    })
  }
  const columns = {...src.columns, amount: {type: 'num' as const, values: out}}
  columns.currency = {type: 'dict', dict: [to], codes: new Int32Array(src.length)}
  return {frame: {length: src.length, columns}, note: {to, from: [...from].sort()}}
}

/** A converted amount as a double, refusing one past 2^53 (it could not be stored exactly). */
export function safe(v: bigint, where: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new SpendInputError('AMOUNT_TOO_LARGE', analysisMsg.tooLargeToKeepExact(v), {where})
  }
  return Number(v)
}
