/**
 * Person-like supplier names ("SMITH, JOHN", "J Smith", "Mr John Smith",
 * "Smith J"): detected so that they are never merged by surname alone.
 * Pure; works on matching tokens (src/model/entity-name.ts).
 */
import {codePointCompare} from '../../model/entity-name.js'

/** A name read as a person: optional title, forenames (or initials) in order, and a surname. */
export interface Person {
  title: string | null
  forenames: string[]
  surname: string
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'rev', 'revd', 'prof', 'sir', 'dame', 'lady', 'lord', 'cllr'])
const MALE = new Set(['mr', 'sir', 'lord'])
const FEMALE = new Set(['mrs', 'ms', 'miss', 'dame', 'lady'])

/** Words that make a name an organisation's, never a person's. */
const ORG_WORDS = new Set([
  'and', 'of', 'for', 'the', 'at', 'in', 'on', 'to',
  'services', 'service', 'council', 'care', 'group', 'uk', 'gb', 'company', 'trust', 'school', 'schools', 'church',
  'centre', 'center', 'association', 'society', 'club', 'partnership', 'partners', 'consulting', 'consultants',
  'consultancy', 'solutions', 'systems', 'international', 'holdings', 'university', 'college', 'hospital', 'nhs',
  'housing', 'foundation', 'charity', 'county', 'borough', 'city', 'district', 'parish', 'agency', 'office',
  'department', 'ministry', 'authority', 'board', 'fund', 'network', 'project', 'projects', 'academy', 'institute',
  'hotel', 'restaurant', 'cafe', 'shop', 'stores', 'store', 'supplies', 'supply', 'cleaning', 'catering', 'transport',
  'travel', 'taxis', 'taxi', 'cars', 'motors', 'garage', 'builders', 'building', 'construction', 'electrical',
  'plumbing', 'heating', 'engineering', 'design', 'media', 'marketing', 'training', 'education', 'health', 'medical',
  'pharmacy', 'dental', 'surgery', 'practice', 'clinic', 'homes', 'home', 'nursery', 'print', 'printing', 'press',
  'products', 'technology', 'technologies', 'software', 'digital', 'energy', 'water', 'gas', 'power', 'foods', 'food',
  'direct', 'national', 'regional', 'local', 'community', 'communities', 'support', 'sports', 'leisure', 'kommune',
  'fylkeskommune', 'direktoratet', 'etaten', 'universitet', 'sa', 'ltd', 'limited', 'plc', 'llp', 'inc', 'co', 'as',
])

function letters(w: string): boolean {
  return /^\p{L}+$/u.test(w)
}

/** True when no word rules a name out as a person's. */
function plainWords(words: readonly string[]): boolean {
  return words.every((w) => letters(w) && !ORG_WORDS.has(w))
}

const COMMA_FORM = /^\s*[\p{L}'’-]+\s*,\s*[\p{L}'’. -]+$/u

/**
 * The name read as a person when it looks like one: no organisation words or
 * digits, two or three words after an optional title, and a title, an
 * initial, or the `SURNAME, FORENAME` form. `loose` also reads a plain two-
 * or three-word name ("John Smith") as forenames then surname.
 *
 * @example personOf('SMITH, JOHN', ['smith', 'john']) // {title: null, forenames: ['john'], surname: 'smith'}
 * @example personOf('Smith Plumbing', ['smith', 'plumbing']) // null
 */
export function personOf(variant: string, tokens: readonly string[], loose = false): Person | null {
  let start = 0
  let title: string | null = null
  while (start < tokens.length - 1 && TITLES.has(tokens[start] as string)) {
    title ??= tokens[start] as string
    start++
  }
  const words = tokens.slice(start)
  if (words.length < 2 || words.length > 3 || !plainWords(words)) return null
  if (!words.some((w) => w.length > 1)) return null
  const initials = words.filter((w) => w.length === 1).length
  const comma = title === null && COMMA_FORM.test(variant) && variant.split(',')[0]?.trim().split(/\s+/).length === 1
  if (!loose && title === null && initials === 0 && !comma) return null
  if (comma) return {title, forenames: words.slice(1), surname: words[0] as string}
  const full = words.filter((w) => w.length > 1)
  if (full.length === 1) return {title, forenames: words.filter((w) => w.length === 1), surname: full[0] as string}
  return {title, forenames: words.slice(0, -1), surname: words[words.length - 1] as string}
}

/** How two person names relate: the same words, compatible (an initial for a forename), or different people. */
export type PersonMatch = 'same' | 'compatible' | 'never'

function forenameFits(a: string, b: string): boolean {
  if (a === b) return true
  if (a.length === 1) return b.startsWith(a)
  if (b.length === 1) return a.startsWith(b)
  return false
}

function titlesClash(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false
  return (MALE.has(a) && FEMALE.has(b)) || (FEMALE.has(a) && MALE.has(b))
}

/**
 * Compare two person names. `same`: the same words (word order free) and
 * the same title or none: may merge automatically. `compatible`: the
 * same surname and forenames that fit (`J` and `John`): a person must
 * review. `never`: anything else, above all a shared surname alone.
 *
 * @example comparePersons({title: null, forenames: ['j'], surname: 'smith'}, {title: null, forenames: ['john'], surname: 'smith'}) // 'compatible'
 */
export function comparePersons(a: Person, b: Person): PersonMatch {
  if (titlesClash(a.title, b.title)) return 'never'
  const wa = [...a.forenames, a.surname].sort(codePointCompare).join(' ')
  const wb = [...b.forenames, b.surname].sort(codePointCompare).join(' ')
  // A title on one side only is not the same words: `Mr J Smith` and `Mrs J Smith` must not meet through `J Smith`.
  if (wa === wb) return a.title === b.title ? 'same' : 'compatible'
  if (a.surname !== b.surname) return 'never'
  const n = Math.min(a.forenames.length, b.forenames.length)
  if (n === 0) return 'never'
  for (let i = 0; i < n; i++) if (!forenameFits(a.forenames[i] as string, b.forenames[i] as string)) return 'never'
  return 'compatible'
}
