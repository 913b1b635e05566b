/**
 * Supplier names normalised for MATCHING (never for display): the key two
 * spellings of one supplier share, plus OpenRefine-style key-collision
 * fingerprints. Pure: the legal-form table (data/legal-forms.csv) is read by
 * src/io/read/legal-forms.ts and passed in.
 */

/** One row of the legal-form table: a form and the spellings that mean it. */
export interface LegalForm {
  /** The form as usually written, e.g. `Ltd`, `S.A. de C.V.`. */
  form: string
  /** Spellings (misspellings included) that are stripped, e.g. `ltd`, `limited`, `limted`. */
  variants: readonly string[]
  /** ISO 3166 country codes where the form exists. */
  country: readonly string[]
  /** ISO 639-1 language codes. */
  language: readonly string[]
  /** The public list the form was taken from. */
  source: string
}

/** A name's matching key and, when it has a trading-as part, the trading name's key. */
export interface MatchName {
  key: string
  tradingAs: string | null
}

/** Letters NFKD leaves whole, mapped to plain ASCII (Norwegian æ/ø, German ß, Polish ł...). */
const FOLD: Record<string, string> = {
  æ: 'ae', ø: 'o', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h',
}
const FOLD_RE = /[æøœßłđðþıħ]/g
const MARKS = /\p{M}+/gu
const NON_WORD = /[^\p{L}\p{N}]+/u
/** An apostrophe inside a word (`Barnardo's`, `O'Brien`, or one lost to U+FFFD in decoding): dropped, so the word stays whole. */
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’ʼ`\uFFFD]+(?=[\p{L}\p{N}])/gu
const TRADING_AS = /(?:^|[^\p{L}\p{N}])(?:t\s*\/\s*as?|trading\s*as)(?![\p{L}\p{N}])/iu

/**
 * The words of a text for matching: case-folded, accents dropped (å -> a,
 * é -> e; æ -> ae, ø -> o), `&` and `+` read as `and`, every run of other
 * punctuation a word break, except an apostrophe inside a word, which is
 * dropped (`Barnardo's` and `Barnardos` are one word). Locale-independent.
 *
 * @example matchTokens('Søren & Co., A/S') // ['soren', 'and', 'co', 'a', 's']
 * @example matchTokens("MACKESY'S") // ['mackesys']
 */
export function matchTokens(text: string): string[] {
  const folded = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(FOLD_RE, (c) => FOLD[c] as string)
    .replace(/[&+]/g, ' and ')
    .replace(INNER_APOSTROPHE, '')
  return folded.split(NON_WORD).filter(Boolean)
}

/** Legal forms indexed by their last word, longest spelling first. */
interface FormIndex {
  byLast: Map<string, string[][]>
}

const compiled = new WeakMap<readonly LegalForm[], FormIndex>()

function indexOf(forms: readonly LegalForm[]): FormIndex {
  let index = compiled.get(forms)
  if (index) return index
  const byLast = new Map<string, string[][]>()
  const seen = new Set<string>()
  for (const row of forms) {
    for (const spelling of [row.form, ...row.variants]) {
      const tokens = matchTokens(spelling)
      const id = tokens.join(' ')
      if (tokens.length === 0 || seen.has(id)) continue
      seen.add(id)
      const last = tokens[tokens.length - 1] as string
      const list = byLast.get(last) ?? []
      list.push(tokens)
      byLast.set(last, list)
    }
  }
  for (const list of byLast.values()) list.sort((a, b) => b.length - a.length)
  index = {byLast}
  compiled.set(forms, index)
  return index
}

/** How many words at the end of `w[start..end)` spell a legal form (0 when none, or when nothing would remain). */
function formAtEnd(w: readonly string[], start: number, end: number, index: FormIndex): number {
  const candidates = index.byLast.get(w[end - 1] as string)
  if (!candidates) return 0
  for (const form of candidates) {
    if (form.length >= end - start) continue
    let k = 1
    while (k < form.length && form[form.length - 1 - k] === w[end - 1 - k]) k++
    if (k === form.length) return k
  }
  return 0
}

/** Strip "the" at either end, legal forms at the end (and the `and` they leave, as in `& Co`), until none is left. */
function keyOf(tokens: readonly string[], index: FormIndex): string {
  let start = 0
  let end = tokens.length
  for (;;) {
    const before = end - start
    while (end - start > 1 && tokens[start] === 'the') start++
    while (end - start > 1 && tokens[end - 1] === 'the') end--
    const k = formAtEnd(tokens, start, end, index)
    if (k > 0) {
      end -= k
      if (end - start > 1 && tokens[end - 1] === 'and') end--
    }
    if (end - start === before) break
  }
  return tokens.slice(start, end).join(' ')
}

/**
 * A supplier name normalised for matching, never for display: NFKD with
 * accents dropped (Norwegian æ/ø/å -> ae/o/a), case-folded, `&`/`+` ->
 * `and`, punctuation to spaces, a leading or trailing `the` dropped, and
 * legal forms (from the table) stripped from the END, repeatedly, while a
 * word remains (`AS` alone stays `as`). A trading-as part (`T/A`, `t/a`,
 * `t/as`, `trading as`, `tradingas`) is cut off: `key` is the legal name,
 * `tradingAs` the trading name (null when there is none). Idempotent:
 * `matchName(r.key, forms).key === r.key`.
 *
 * @example matchName('ACCENTURE (UK) LTD', forms) // {key: 'accenture uk', tradingAs: null}
 * @example matchName('J Smith t/a Smith Plumbing Ltd', forms) // {key: 'j smith', tradingAs: 'smith plumbing'}
 */
export function matchName(name: string, forms: readonly LegalForm[]): MatchName {
  const index = indexOf(forms)
  const cut = TRADING_AS.exec(name)
  if (cut) {
    const legal = keyOf(matchTokens(name.slice(0, cut.index)), index)
    const trading = keyOf(matchTokens(name.slice(cut.index + cut[0].length)), index)
    if (legal === '') return {key: trading, tradingAs: null}
    return {key: legal, tradingAs: trading === '' ? null : trading}
  }
  return {key: keyOf(matchTokens(name), index), tradingAs: null}
}

/**
 * Code-point order, the same in every locale (unlike localeCompare; plain
 * `<` compares UTF-16 units, which puts characters above U+FFFF before
 * U+E000-U+FFFF).
 *
 * @example ['b', 'å', 'a'].sort(codePointCompare) // ['a', 'b', 'å']
 */
export function codePointCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    // Both in the BMP outside the surrogates: unit order is code-point order.
    const xs = x >= 0xd800 && x <= 0xdfff
    const ys = y >= 0xd800 && y <= 0xdfff
    if (xs === ys) return x - y
    return xs ? 1 : -1
  }
  return a.length - b.length
}

/**
 * The key-collision fingerprint of a matching key (as OpenRefine's
 * "fingerprint" method): its words, deduplicated, sorted by code point,
 * joined by one space. Word order and repeats no longer matter.
 *
 * @example fingerprint('uk accenture accenture') // 'accenture uk'
 */
export function fingerprint(key: string): string {
  return [...new Set(matchTokens(key))].sort(codePointCompare).join(' ')
}

/**
 * The character n-gram fingerprint of a matching key (OpenRefine's "n-gram
 * fingerprint"): spaces removed, every run of `n` characters, deduplicated,
 * sorted by code point and concatenated. Catches spacing and small
 * spelling differences (`price waterhouse` / `pricewaterhouse`). A key
 * shorter than `n` is its own fingerprint.
 *
 * @example ngramFingerprint('abab') // 'abba'
 */
export function ngramFingerprint(key: string, n = 2): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`bug: n-gram size ${n} is not a positive integer`)
  const chars = Array.from(matchTokens(key).join(''))
  if (chars.length <= n) return chars.join('')
  const grams = new Set<string>()
  for (let i = 0; i + n <= chars.length; i++) grams.add(chars.slice(i, i + n).join(''))
  return [...grams].sort(codePointCompare).join('')
}
