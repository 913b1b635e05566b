/**
 * The legal name inside a published supplier name, and the numerals of a
 * key: facts suggestEntities compares beyond the matching key. Pure.
 */
import {type LegalForm, matchName} from '../../model/entity-name.js'

/**
 * Legal forms that, inside a name, end its legal name: what follows is a
 * branch, an account or a note. Their one-word spellings (misspellings
 * included) come from the legal-form table (data/legal-forms.csv).
 */
const MID_FORMS = new Set(['Ltd', 'PLC', 'LLP', 'LLC', 'Inc', 'GmbH', 'Corp'])

const midSpellings = new WeakMap<readonly LegalForm[], Set<string>>()

/** The one-word spellings of MID_FORMS in `forms`, lower-cased (worked out once per table). */
function midForms(forms: readonly LegalForm[]): Set<string> {
  let out = midSpellings.get(forms)
  if (out) return out
  out = new Set<string>()
  for (const row of forms) {
    if (!MID_FORMS.has(row.form)) continue
    for (const s of [row.form, ...row.variants]) if (/^[\p{L}\p{N}]+$/u.test(s)) out.add(s.toLowerCase())
  }
  midSpellings.set(forms, out)
  return out
}

/** Common abbreviations, read as the word they stand for when keys are compared. */
const ABBREVIATIONS: Record<string, string> = {
  dept: 'department', assoc: 'association', assn: 'association', co: 'company', svcs: 'services', srvcs: 'services',
  servs: 'services', est: 'establishment', intl: 'international', mgmt: 'management', univ: 'university',
  natl: 'national', govt: 'government', bros: 'brothers', ctr: 'centre', center: 'centre',
}

/**
 * A parenthesised or bracketed part at the END of a name (`(Float)`,
 * `[Manchester]`, an unclosed `(B`): a branch or an account. One inside the
 * name (`Savills (L&P) Ltd`) is part of the legal name and stays.
 */
const BRACKETED = /\s*[([][^)\]([]*(?:[)\]][^\p{L}\p{N}]*)?$/u

/**
 * The legal name within a published name: bracketed parts removed, cut
 * after a legal form inside the name (`Security Plus Ltd (Float)`, `NEOPOST
 * LTD RCB CREDIFON A/C` -> `security plus`, `neopost`), abbreviations spelled
 * out. Null when that is the key itself.
 *
 * @example legalBase('Security Plus Ltd (Float)', 'security plus ltd float', forms) // 'security plus'
 */
export function legalBase(variant: string, key: string, forms: readonly LegalForm[]): string | null {
  const bare = variant.replace(BRACKETED, ' ')
  let tokens = (bare === variant ? key : matchName(bare, forms).key).split(' ').filter(Boolean)
  const mid = midForms(forms)
  for (let p = 1; p < tokens.length; p++) {
    if (!mid.has(tokens[p] as string)) continue
    // The words before the form.
    tokens = matchName(tokens.slice(0, p).join(' '), forms).key.split(' ').filter(Boolean)
    break
  }
  const base = tokens.map((t) => ABBREVIATIONS[t] ?? t).join(' ')
  return base === '' || base === key ? null : base
}

const ROMAN = /^(?:i{1,3}|iv|vi{0,3}|ix|x)$/

/**
 * Numbers and roman numerals in a key (`perc ii` vs `perc iii`): n-gram fingerprints cannot tell them apart.
 * @example numerals('perc iii frank 2') // '2 iii'
 */
export function numerals(key: string): string {
  const digits = key.replace(/ /g, '').match(/\d+/g) ?? []
  return [...digits, ...key.split(' ').filter((t) => ROMAN.test(t))].join(' ')
}
