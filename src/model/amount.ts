/**
 * Exact money parsing: text as published -> signed integer minor units.
 *
 * Never goes through a float: digits are accumulated as integers, so
 * `"0.1"` is exactly 10 pence. The decimal separator is decided per column
 * (see `sniffDecimal`), never per cell, because `108,406` means 108406.00 in a
 * column of `1,234.50`-style values and 108.406 in a Norwegian ledger.
 *
 * Accepted: currency symbols or codes before or after (`£`, `$`, `€`, `kr`,
 * `NOK`, `GBP`...), grouping by the other separator, spaces, NBSP, thin spaces
 * or `'`; negatives as `-1`, `−1`, `(1)`, `1-`; spreadsheet exponents (`1.2e3`,
 * only with `.` decimals).
 *
 * Rounding policy: more decimals than the currency allows is an error (the
 * row is rejected) unless every extra digit is zero (`12.500` -> 1250). We
 * never round half away from zero: a sub-penny amount is a publishing error
 * the user should see, not a value to guess.
 *
 * Absurd amounts (more than 1e13 major units) are rejected.
 */
import {rejectMsg, tableMsg} from '../messages.js'

/** Largest absolute amount accepted, in major units. */
export const MAX_MAJOR = 1e13

export type DecimalSeparator = '.' | ','

export type AmountResult = {ok: true; value: number} | {ok: false; reason: string}

let lastReason = ''

/**
 * Reason for the last NaN returned by `amountToMinor`.
 *
 * @example amountToMinor('abc', '.', 2); amountError() // 'not a number'
 */
export function amountError(): string {
  return lastReason
}

const fail = (reason: string): number => {
  lastReason = reason
  return Number.NaN
}

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000]

function isSpace(c: number): boolean {
  // space, tab, NBSP, thin/narrow/figure spaces, BOM
  return c === 32 || c === 9 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 0x2007 || c === 0xfeff
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

function isSymbol(c: number): boolean {
  // £ $ € ¥ ₹
  return c === 0xa3 || c === 36 || c === 0x20ac || c === 0xa5 || c === 0x20b9
}

/**
 * Hot-path parser: minor units, or NaN with the reason in `amountError()`.
 * Blank text gives NaN with reason 'blank'.
 *
 * @example amountToMinor('£1,234.50', '.', 2) // 123450
 */
export function amountToMinor(text: string, decimal: DecimalSeparator, exponent: number): number {
  let s = 0
  let e = text.length
  while (s < e && isSpace(text.charCodeAt(s))) s++
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--
  if (s === e) return fail('blank')
  let neg = false
  // Wrapping parentheses: accounting negative.
  if (text.charCodeAt(s) === 40 && text.charCodeAt(e - 1) === 41) {
    neg = true
    s++
    e--
  }
  // Prefix: signs, symbols, currency letters (at most 3 letters and a dot), spaces, in any order.
  let letters = 0
  for (;;) {
    if (s >= e) return fail(rejectMsg.notANumber())
    const c = text.charCodeAt(s)
    if (c === 45 || c === 0x2212) {
      if (neg) return fail(rejectMsg.notANumber())
      neg = true
    } else if (c === 43) {
      // plus sign: nothing to do
    } else if (isSymbol(c) || isSpace(c)) {
      // skip
    } else if (isLetter(c)) {
      if (++letters > 3) return fail(rejectMsg.notANumber())
    } else if (c === 46 && letters > 0 && s + 1 < e && !isDigit(text.charCodeAt(s + 1))) {
      // "kr." before the number
    } else break
    s++
  }
  // A lone letter is no currency ("e100", "x5").
  if (letters === 1) return fail(rejectMsg.notANumber())
  // Suffix: trailing minus, symbols, letters, spaces.
  letters = 0
  for (;;) {
    const c = text.charCodeAt(e - 1)
    if (c === 45 || c === 0x2212) {
      if (neg) return fail(rejectMsg.notANumber())
      neg = true
    } else if (isSymbol(c) || isSpace(c)) {
      // skip
    } else if (isLetter(c)) {
      if (++letters > 3) return fail(rejectMsg.notANumber())
    } else break
    e--
    if (e <= s) return fail(rejectMsg.notANumber())
  }
  if (letters === 1) return fail(rejectMsg.notANumber())
  const group = decimal === '.' ? 44 : 46
  const dec = decimal === '.' ? 46 : 44
  let int = 0
  let intDigits = 0
  let frac = 0
  let fracDigits = 0
  let inFrac = false
  let sawGroup = false
  let sinceGroup = -1 // digits since the last group separator, -1 = none yet
  let i = s
  for (; i < e; i++) {
    const c = text.charCodeAt(i)
    if (isDigit(c)) {
      const d = c - 48
      if (inFrac) {
        if (fracDigits < exponent) frac = frac * 10 + d
        else if (d !== 0) return fail(rejectMsg.tooManyDecimals(exponent))
        fracDigits++
      } else {
        int = int * 10 + d
        intDigits++
        if (int > MAX_MAJOR) return fail(rejectMsg.amountTooLarge())
        if (sinceGroup >= 0) sinceGroup++
      }
    } else if (c === dec && !inFrac) {
      if (sawGroup && sinceGroup !== 3) return fail(rejectMsg.misplacedThousands())
      inFrac = true
    } else if (!inFrac && (c === group || isSpace(c) || c === 39) && intDigits > 0) {
      if (sawGroup && sinceGroup !== 3) return fail(rejectMsg.misplacedThousands())
      if (!sawGroup && intDigits > 3) return fail(rejectMsg.misplacedThousands())
      sawGroup = true
      sinceGroup = 0
    } else if ((c === 101 || c === 69) && decimal === '.' && !sawGroup && intDigits + fracDigits > 0) {
      return withExponent(text.slice(s, e), neg, exponent)
    } else {
      return fail(rejectMsg.notANumber())
    }
  }
  if (intDigits + fracDigits === 0) return fail(rejectMsg.notANumber())
  if (sawGroup && sinceGroup !== 3) return fail(rejectMsg.misplacedThousands())
  if (fracDigits < exponent) frac *= POW10[exponent - fracDigits] ?? 10 ** (exponent - fracDigits)
  const v = int * (POW10[exponent] ?? 10 ** exponent) + frac
  if (!Number.isSafeInteger(v)) return fail(rejectMsg.amountTooLarge())
  return neg ? (v === 0 ? 0 : -v) : v
}

/** Rare path for spreadsheet exponents like `1.2e3`: shift the decimal point on the digit string. */
function withExponent(t: string, neg: boolean, exponent: number): number {
  const m = /^(\d*)(?:\.(\d*))?[eE]([+-]?\d{1,3})$/.exec(t)
  if (!m) return fail(rejectMsg.notANumber())
  const digits = (m[1] ?? '') + (m[2] ?? '')
  let point = (m[1] ?? '').length + Number(m[3])
  let ds = digits
  if (point < 0) {
    ds = '0'.repeat(-point) + ds
    point = 0
  }
  if (point > ds.length) ds = ds + '0'.repeat(point - ds.length)
  const plain = `${ds.slice(0, point) || '0'}.${ds.slice(point)}`
  const v = amountToMinor(plain.endsWith('.') ? plain.slice(0, -1) : plain, '.', exponent)
  return Number.isNaN(v) ? v : neg ? -v : v
}

/**
 * Parse an amount into minor units, with a reason when it cannot be read.
 *
 * @example parseAmount('(600.00)', {decimal: '.', exponent: 2}) // {ok: true, value: -60000}
 * @example parseAmount('kr 1 234,50', {decimal: ',', exponent: 2}) // {ok: true, value: 123450}
 * @example parseAmount('1.005', {decimal: '.', exponent: 2}) // {ok: false, reason: 'more decimals ...'}
 */
export function parseAmount(text: string, opts: {decimal?: DecimalSeparator; exponent?: number} = {}): AmountResult {
  const v = amountToMinor(text, opts.decimal ?? '.', opts.exponent ?? 2)
  return Number.isNaN(v) ? {ok: false, reason: lastReason} : {ok: true, value: v}
}

/**
 * Decide a column's decimal separator from sample cells. A separator followed
 * by 1, 2 or 4+ digits at the end, or appearing twice as a group (`1.234.567`), is
 * evidence; `1,234` alone is ambiguous and leaves the default.
 *
 * @example sniffDecimal(['1,234.50', '108,406'], '.') // {decimal: '.', reason: ...}
 */
export function sniffDecimal(samples: readonly string[], fallback: DecimalSeparator): {decimal: DecimalSeparator; reason: string} {
  let dot = 0
  let comma = 0
  for (const raw of samples) {
    const t = raw.trim()
    const lastDot = t.lastIndexOf('.')
    const lastComma = t.lastIndexOf(',')
    if (lastDot >= 0 && lastComma >= 0) {
      if (lastDot > lastComma) dot++
      else comma++
      continue
    }
    const pos = lastDot >= 0 ? lastDot : lastComma
    if (pos < 0) continue
    const sep = t[pos]
    let digitsAfter = 0
    while (pos + 1 + digitsAfter < t.length && isDigit(t.charCodeAt(pos + 1 + digitsAfter))) digitsAfter++
    const twice = t.indexOf(sep as string) !== pos
    if (twice) {
      // 1.234.567 : repeated separator is grouping
      if (sep === '.') comma++
      else dot++
    } else if (digitsAfter !== 3 && digitsAfter > 0) {
      if (sep === '.') dot++
      else comma++
    }
  }
  if (dot > 0 && comma === 0) return {decimal: '.', reason: tableMsg.decimalsDot(dot)}
  if (comma > 0 && dot === 0) return {decimal: ',', reason: tableMsg.decimalsComma(comma)}
  if (dot > 0 && comma > 0) {
    const d: DecimalSeparator = dot >= comma ? '.' : ','
    return {decimal: d, reason: tableMsg.decimalsMixed(dot, comma, d)}
  }
  return {decimal: fallback, reason: tableMsg.decimalsByConvention(fallback)}
}
