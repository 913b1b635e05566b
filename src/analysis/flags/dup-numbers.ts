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
  if (a === b) return false
  const x = canonicalNumber(a)
  const y = canonicalNumber(b)
  if (x === y) return true
  if (oneAdded(x, y) || oneAdded(y, x)) return true
  return x.length >= 4 && y.length >= 4 && withinOneEdit(x, y)
}

/**
 * Whether any two of the numbers are similar (similarNumbers), in time
 * linear in their count: each canonical number's one-character deletions
 * are looked up, so a cluster of thousands of numbers is not compared pair
 * by pair.
 * @example anySimilar(['INV5001', 'INV1020', 'INV1020A']) // true
 */
export function anySimilar(nums: readonly string[]): boolean {
  const canon = new Map<string, string>()
  for (const raw of nums) {
    const c = canonicalNumber(raw)
    const other = canon.get(c)
    if (other !== undefined && other !== raw) return true
    canon.set(c, raw)
  }
  /** Per (place, deletion): whether a digit and how many other characters were seen at that place. */
  const deletions = new Map<string, {digit: boolean; others: Set<string>}>()
  for (const c of canon.keys()) {
    if (c.length >= 4) {
      for (let k = 0; k + 1 < c.length; k++) {
        if (c[k] === c[k + 1]) continue
        const swapped = c.slice(0, k) + c[k + 1] + c[k] + c.slice(k + 2)
        if (canon.has(swapped)) return true
      }
    }
    for (let k = 0; k < c.length; k++) {
      const d = c.slice(0, k) + c.slice(k + 1)
      if (d.length > 0 && canon.has(d)) {
        // c is d with one character added at k.
        if (d.length >= 4) return true
        if (k === c.length - 1 && (/[A-Z]/.test(c[k]) || c[k] === '0')) return true
        if (k === 0 && c[0] === '0') return true
      }
      if (c.length >= 4) {
        // Two numbers of one length with the same deletion at the same place differ in that place only.
        const at = `${k}\u0000${d}`
        let seen = deletions.get(at)
        if (!seen) deletions.set(at, seen = {digit: false, others: new Set()})
        if (isDigit(c[k])) {
          if (seen.others.size > 0) return true
          seen.digit = true
        } else {
          seen.others.add(c[k])
          if (seen.digit || seen.others.size > 1) return true
        }
      }
    }
  }
  return false
}
