/**
 * Supplier names: trimming, redaction placeholders, the entity key, and slugs.
 */

/** Lower-case letter/digit words of a name (any script), split on everything else. */
function words(text: string): string[] {
  // Most names are ASCII: NFKD and accent stripping change nothing then, and the
  // ASCII split is the same as the Unicode one.
  if (ASCII.test(text)) return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)
}

const ASCII = /^[\x00-\x7f]*$/

const REDACT_FIRST = new Set(['redacted', 'reacted', 'redact', 'redaction'])
const REDACT_REST = new Set(['personal', 'data', 'information', 'info', 'name', 'details'])
const WITHHELD = new Set(['withheld', 'witheld', 'withhold'])

/**
 * True when a supplier cell is a redaction placeholder rather than a name:
 * blank; `Redacted` / `Reacted` followed only by words like personal, data,
 * information (`Redacted, personal data`); anything whose last word is
 * `withheld` (or the misspelling `witheld`), e.g. `Personal Expense, Name
 * Witheld`, `... - Name Withheld`. Real names that merely start alike
 * (`REDACTIVE MEDIA SALES LIMITED`) are not placeholders.
 *
 * @example isRedacted('Redacted, personal data') // true
 * @example isRedacted('REDACTIVE PUBLISHING LIMITED') // false
 */
export function isRedacted(name: string): boolean {
  return redactedWords(words(name))
}

function redactedWords(w: readonly string[]): boolean {
  if (w.length === 0) return true
  if (REDACT_FIRST.has(w[0] as string) && w.slice(1).every((x) => REDACT_REST.has(x))) return true
  if (WITHHELD.has(w[w.length - 1] as string)) return true
  return w.length === 2 && w[0] === 'personal' && w[1] === 'data'
}

/**
 * The entity key every redaction placeholder (and every blank name) shares:
 * one key for many unknown payees, never one supplier. No real name gets it
 * (see supplierFacts).
 */
export const REDACTED_KEY = 'redacted'

/**
 * True when an entity key stands for no identified supplier: the shared
 * placeholder key, a blank key, or no key at all. Cheap (no string work for
 * ordinary keys), so analyses test each dictionary entry once.
 *
 * @example isUnidentifiedKey('redacted') // true
 * @example isUnidentifiedKey('acme services') // false
 */
export function isUnidentifiedKey(key: string | null | undefined): boolean {
  if (key === null || key === undefined || key === REDACTED_KEY) return true
  const c = key.charCodeAt(0) // NaN when empty
  return !(c > 32 && c < 127) && key.trim() === ''
}

/** Legal-form words dropped from the end of a name for the entity key. */
const LEGAL = new Set([
  'ltd', 'limited', 'plc', 'llc', 'llp', 'lp', 'inc', 'incorporated', 'corp', 'corporation', 'co',
  'as', 'asa', 'sa', 'ab', 'gmbh', 'bv', 'nv', 'srl', 'sarl', 'sl', 'spa', 'ag', 'oy', 'aps', 'ans', 'da', 'sf', 'cic',
])

/**
 * The entity key of a supplier name, the rule being: Unicode-decompose and
 * drop accents; lower-case; `&` -> `and`; every run of non-letters/digits
 * becomes one space; then legal-form words at the end (ltd, limited, plc,
 * llc, inc, corp, co, as, asa, gmbh...) are dropped, repeatedly, while a word
 * remains. `Limited` -> `ltd` and `The ACME Ltd.` -> `the acme`. Redacted
 * placeholders all share the key `redacted`. The key is deliberately
 * conservative: it never merges names that differ in any other word, and a
 * real name never gets the placeholders' key (`Redacted Ltd` -> `redacted ltd`).
 *
 * @example supplierKey('ACME  Services Ltd.') // 'acme services'
 * @example supplierKey('Norsk Firma AS') // 'norsk firma'
 */
export function supplierKey(name: string): string {
  return supplierFacts(name).key
}

/**
 * `isRedacted` and `supplierKey` of one name, splitting it into words once
 * (twice when it holds an `&`).
 *
 * @example supplierFacts('ACME Ltd') // {redacted: false, key: 'acme'}
 */
export function supplierFacts(name: string): {redacted: boolean; key: string} {
  const plain = words(name)
  if (redactedWords(plain)) return {redacted: true, key: REDACTED_KEY}
  // Without an `&` the key's words are the same words.
  const w = name.includes('&') ? words(name.replace(/&/g, ' and ')) : plain
  let n = w.length
  while (n > 1 && LEGAL.has(w[n - 1] as string)) n--
  // "A/S", "S.A." split into single letters: drop a trailing run of them when it spells a legal form.
  if (n > 2 && w[n - 1] === 's' && w[n - 2] === 'a') n -= 2
  const key = w.slice(0, n).join(' ')
  // A real name such as `Redacted Ltd` keeps its legal form rather than share the placeholders' key.
  return {redacted: false, key: key === REDACTED_KEY ? w.join(' ') : key}
}

/**
 * A stable, readable id from a name: accents dropped, lower case, words joined
 * by `-`. Empty names give `unknown`.
 *
 * @example slug('Greater London Authority (GLA)') // 'greater-london-authority-gla'
 */
export function slug(text: string): string {
  const s = words(text).join('-')
  return s === '' ? 'unknown' : s.slice(0, 80).replace(/-+$/, '')
}

/**
 * Trim the padding published around names (spaces, tabs, NBSP, BOM) and keep
 * the rest as published (inner double spaces included).
 *
 * @example trimName('AETHER   \u00a0') // 'AETHER'
 */
export function trimName(text: string): string {
  return text.trim()
}
