/**
 * Invoice and transaction numbers for the `duplicates` check: when two
 * different numbers look like one number keyed twice. Two numbers are
 * similar when, compared case-blind after mapping the look-alike characters
 * (O to 0, I and L to 1, S to 5), they are equal, or one is the other with
 * one trailing letter or one leading or trailing zero added, or, both of 4
 * or more characters, they are one edit apart: one character inserted or
 * deleted, two neighbours swapped, or one character substituted where not
 * both are digits. A digit for a digit (`123456` / `123457`) is the next
 * number of a numbering sequence, not a number keyed twice: Oxford's
 * sequential transaction numbers made hundreds of such pairs.
 */

const LOOK_ALIKE: Readonly<Record<string, string>> = {O: '0', I: '1', L: '1', S: '5'}

/**
 * A number as compared: upper case, look-alike letters as digits, spaces dropped.
 * @example canonicalNumber('i02') // '102'
 */
export function canonicalNumber(text: string): string {
  let out = ''
  for (const ch of text.toUpperCase()) {
    if (ch === ' ') continue
    out += LOOK_ALIKE[ch] ?? ch
  }
  return out
}

/** `long` is `short` with one character added at the end (a letter) or a zero at either end. */
function oneAdded(short: string, long: string): boolean {
  if (long.length !== short.length + 1 || short.length === 0) return false
  const last = long[long.length - 1]
  if (long.startsWith(short) && (/[A-Z]/.test(last) || last === '0')) return true
  return long[0] === '0' && long.endsWith(short)
}

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9'

/** Whether two different strings are one edit apart (the header's edits: no digit-for-digit substitution). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  if (a.length !== b.length) return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
  if (a.slice(i + 1) === b.slice(i + 1)) return !(isDigit(a[i]) && isDigit(b[i]))
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
}

/**
 * Whether two different numbers look like one number keyed twice (the rule in the header).
 * @example similarNumbers('INV1020', 'INV1020A') // true
 * @example similarNumbers('102', 'I02') // true
 * @example similarNumbers('INV1020', 'INV2051') // false
 */
export function similarNumbers(a: string, b: string): boolean {
  if (a === b || sameDocument(a, b)) return false
  const x = canonicalNumber(a)
  const y = canonicalNumber(b)
  if (x === y) return true
  if (oneAdded(x, y) || oneAdded(y, x)) return true
  return x.length >= 4 && y.length >= 4 && withinOneEdit(x, y)
}

/**
 * Two line numbers of one document: the same base before a last separator
 * (`46282689_13` / `46282689_3`, `INV100-2` / `INV100-12`): lines of one
 * transaction, not a number keyed twice.
 * @example sameDocument('46282689_13', '46282689_3') // true
 */
export function sameDocument(a: string, b: string): boolean {
  const m = /^(.+)[_\-/.]\w{1,4}$/.exec(a)
  const n = /^(.+)[_\-/.]\w{1,4}$/.exec(b)
  return m !== null && n !== null && m[1] === n[1]
}
