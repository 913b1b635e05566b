/**
 * Invoice and transaction numbers for the `duplicates` check: when two
 * different numbers look like one number keyed twice. Two numbers are
 * similar when, compared case-blind after mapping the look-alike characters
 * (O to 0, I and L to 1, S to 5), they are equal, or one is the other with
 * one trailing letter or one leading or trailing zero added, or, both of 4
 * or more characters, they are one edit (insert, delete or substitute one
 * character) apart.
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

/** Whether two strings are at most one edit apart. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1)
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
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
  const deletions = new Map<string, string>()
  for (const c of canon.keys()) {
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
        const o = deletions.get(at)
        if (o !== undefined && o !== c) return true
        deletions.set(at, c)
      }
    }
  }
  return false
}
