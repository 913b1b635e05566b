/**
 * The currency of a table, from the evidence a careful reader would use, in
 * this order: `--currency` (the user always wins); the file's currency column;
 * the recognised layout (a preset fixes its currency); a symbol or ISO code in
 * the amounts, then in a header cell, then in a title line; a UK
 * spending-transparency layout recognised by its characteristic columns even
 * when the header is not the standard one (those publications are in pounds
 * by definition). The header's language never decides: it only shapes the
 * `--currency` suggested when nothing does. Every decision names its evidence.
 */
import {SpendInputError} from '../../../errors.js'
import {isCurrencyCode} from '../../../model/currency.js'
import {tableMsg} from '../../../messages.js'
import {headerLanguage, LANGUAGES, type HeaderLanguage} from './header-language.js'
import {normHeader, type Mapping} from './mapping.js'
import type {Preset} from './presets.js'
import type {CellRow} from '../types.js'

/** What decided the currency. 'none': no data rows; 'unknown': nothing did (inspect only; import refuses). */
export type CurrencyFrom = 'flag' | 'column' | 'preset' | 'symbols' | 'header' | 'title' | 'layout' | 'none' | 'unknown'

/** The flag to give when nothing in the file names its currency, and why that one. */
export interface CurrencySuggestion {
  /** ISO code suggested, or null when nothing points to one. */
  code: string | null
  flag: string
  why: string
}

export interface CurrencyDecision {
  /** Currency of rows with no currency cell; 'XXX' (ISO 4217 "no currency") for 'none' and 'unknown'. */
  code: string
  from: CurrencyFrom
  /** What decided it, as a phrase: `"£" in the amounts`, `the uk-lga layout`... */
  evidence: string
  /** Set when from is 'unknown': the `--currency` to give. */
  suggestion: CurrencySuggestion | null
  /** Notes for the report: where the currency came from, or that --currency overrides what the file says. */
  warnings: string[]
}

export interface CurrencyInput {
  flag?: string
  header: readonly string[]
  mapping: Mapping
  preset: Preset | null
  titles: readonly string[]
  /** Data rows sampled below the header. */
  sample: readonly CellRow[]
  where: string
  /** Plan with an unknown currency instead of refusing (inspect explains; import refuses). */
  allowUnknown?: boolean
}

/** ISO codes looked for in text (whole upper-case words). */
const CODES = ['GBP', 'EUR', 'USD', 'NOK', 'SEK', 'DKK', 'ISK', 'CHF', 'CAD', 'AUD', 'NZD', 'PLN', 'CZK', 'HUF']
const CODE_RE = new RegExp(`(?:^|[^A-Z])(${CODES.join('|')})(?![A-Z])`)
/** Symbols and words; `kr` is the krone or krona of the header's language (Norwegian by default). */
const SYMBOLS: [RegExp, string][] = [[/£/, 'GBP'], [/€/, 'EUR'], [/\$/, 'USD'], [/(^|[^a-z])kr\.?(\s|\d|$)/i, 'kr'],
  [/\bsterling\b/i, 'GBP'], [/\beuros?\b/i, 'EUR']]
const KRONE: Partial<Record<HeaderLanguage, string>> = {sv: 'SEK', da: 'DKK'}

/**
 * The currency some text names, and the symbol or code that names it; null when none.
 *
 * @example currencyNamedIn('Payments over £500', null) // {code: 'GBP', token: '£'}
 * @example currencyNamedIn('Belopp kr', 'sv') // {code: 'SEK', token: 'kr'}
 */
export function currencyNamedIn(text: string, lang: HeaderLanguage | null): {code: string; token: string} | null {
  const m = CODE_RE.exec(text)
  if (m?.[1]) return {code: m[1], token: m[1]}
  for (const [re, code] of SYMBOLS) {
    const s = re.exec(text)
    if (!s) continue
    const token = s[0].trim().replace(/^[^\p{L}$£€]+|[^\p{L}$£€]+$/gu, '')
    return {code: code === 'kr' ? (lang && KRONE[lang]) ?? 'NOK' : code, token}
  }
  return null
}

/**
 * Header names (normalised) characteristic of the UK spending-transparency
 * publications: the HM Treasury "over £25,000" guidance and the LGA spend
 * schema (the uk-25k and uk-lga signatures) and the council variants seen in
 * the wild. Strong names are used by those publications only; weak ones are
 * common there but found elsewhere too.
 */
export const UK_STRONG = new Set([
  'departmentfamily', 'deptfamily', 'departmentalfamily', 'departmentfamilyname', 'expensetype', 'expendituretype', 'expensearea',
  'expenditurearea', 'organisationlabel', 'organisationuri', 'organisationalunit', 'organisatonalunit', 'beneficiaryname',
  'beneficiaryotherid', 'irrecoverablevatamount', 'proclasslabel', 'proclasscode', 'servicearea', 'servicedivision', 'servicelabel',
  'expenditurecategory', 'expenditurecatergory', 'expenditurecode', 'bodyname', 'capitalorrevenue', 'caporrev',
])
export const UK_WEAK = new Set([
  'entity', 'body', 'organisation', 'suppliername', 'supplierid', 'transactionnumber', 'transactionno', 'transno', 'refno', 'datepaid',
  'paiddate', 'dateofpayment', 'effectivedate', 'directorate', 'costcentre', 'costcentrename', 'vatregistrationnumber', 'vatnumber',
  'supplierpostcode', 'postcode', 'expensedescription', 'subjective', 'subjectivedescription', 'expenditureunit',
])

/**
 * The header cells (as written) that mark a UK spending-transparency layout,
 * or null: at least one strong name, and strong names counting twice, a
 * score of 4 (two strong names, or one and two weak ones).
 *
 * @example ukTransparencyColumns(['Service Division', 'Expense Type', 'Supplier Name', 'Net Amount']) // ['Service Division', 'Expense Type', 'Supplier Name']
 */
export function ukTransparencyColumns(header: readonly string[]): string[] | null {
  const strong: string[] = []
  const weak: string[] = []
  const seen = new Set<string>()
  for (const cell of header) {
    const n = normHeader(cell)
    if (n === '' || seen.has(n)) continue
    seen.add(n)
    if (UK_STRONG.has(n)) strong.push(cell.trim())
    else if (UK_WEAK.has(n)) weak.push(cell.trim())
  }
  return strong.length > 0 && strong.length * 2 + weak.length >= 4 ? [...strong, ...weak] : null
}

/** A title line for a message: trimmed, at most 60 characters. */
function quoted(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim()
  return JSON.stringify(t.length > 60 ? `${t.slice(0, 57)}...` : t)
}

/**
 * Decide the currency of a table (see the module comment for the order).
 * Throws NO_CURRENCY, with a suggestion that follows the evidence, when
 * nothing decides it and `allowUnknown` is not set; BAD_CURRENCY for a
 * `--currency` that is not an ISO code.
 *
 * @example decideCurrency({header: ['Supplier', 'Amount'], mapping, preset: null, titles: ['Spend over £500'], sample, where: 'x.csv'}).from // 'title'
 */
export function decideCurrency(input: CurrencyInput): CurrencyDecision {
  const {header, mapping, titles, sample} = input
  const ix = mapping.index
  const lang = headerLanguage([...header, ...titles])
  const found = fileEvidence(input, lang?.lang ?? null)
  if (input.flag) {
    const code = input.flag.trim().toUpperCase()
    if (!isCurrencyCode(code)) {
      throw new SpendInputError('BAD_CURRENCY', tableMsg.badCurrency(input.flag), {where: '--currency', hint: tableMsg.badCurrencyHint()})
    }
    const warnings = found && found.code !== code && found.from !== 'column' ? [tableMsg.currencyFlagOverrides(code, found.code, found.evidence)] : []
    return {code, from: 'flag', evidence: '--currency', suggestion: null, warnings}
  }
  if (found) {
    const warnings = found.from === 'column' ? [] : [tableMsg.currencyFrom(found.code, found.evidence)]
    return {...found, suggestion: null, warnings}
  }
  if (sample.length === 0) {
    // Header only: no money to put a currency on. XXX is ISO 4217's "no currency".
    return {code: 'XXX', from: 'none', evidence: tableMsg.noDataRowsEvidence(), suggestion: null, warnings: [tableMsg.noDataRows()]}
  }
  const suggestion = suggest(lang)
  const what = ix.currency === undefined ? tableMsg.noCurrency() : tableMsg.noCurrencyCode()
  if (!input.allowUnknown) {
    throw new SpendInputError('NO_CURRENCY', what, {where: input.where, hint: tableMsg.noCurrencyHint(suggestion.code, suggestion.why)})
  }
  return {code: 'XXX', from: 'unknown', evidence: tableMsg.unknownCurrencyEvidence(), suggestion, warnings: [tableMsg.unknownCurrency(what, suggestion.flag, suggestion.why)]}
}

/** The first evidence in the file that names a currency (the flag aside), or null. */
function fileEvidence(input: CurrencyInput, lang: HeaderLanguage | null): {code: string; from: CurrencyFrom; evidence: string} | null {
  const {header, mapping, preset, titles, sample} = input
  const ix = mapping.index
  if (ix.currency !== undefined) {
    const code = sample.map((r) => (r.cells[ix.currency as number] ?? '').trim().toUpperCase()).find(isCurrencyCode)
    if (code) return {code, from: 'column', evidence: tableMsg.currencyColumnEvidence((header[ix.currency] ?? '').trim())}
  }
  if (preset?.currency) return {code: preset.currency, from: 'preset', evidence: tableMsg.currencyPresetEvidence(preset.name)}
  const amounts = ix.amount === undefined ? '' : sample.slice(0, 200).map((r) => r.cells[ix.amount as number] ?? '').join(' ')
  const inAmounts = currencyNamedIn(amounts, lang)
  if (inAmounts) return {code: inAmounts.code, from: 'symbols', evidence: tableMsg.currencyAmountsEvidence(inAmounts.token)}
  for (const cell of header) {
    const c = currencyNamedIn(cell, lang)
    if (c) return {code: c.code, from: 'header', evidence: tableMsg.currencyHeaderEvidence(cell.trim())}
  }
  for (const line of titles) {
    const c = currencyNamedIn(line, lang)
    if (c) return {code: c.code, from: 'title', evidence: tableMsg.currencyTitleEvidence(quoted(line), c.token)}
  }
  const uk = ukTransparencyColumns(header)
  if (uk) return {code: 'GBP', from: 'layout', evidence: tableMsg.currencyLayoutEvidence(uk.slice(0, 4))}
  return null
}

/** The `--currency` to suggest: the header's language decides it, else no code at all. */
function suggest(lang: ReturnType<typeof headerLanguage>): CurrencySuggestion {
  const code = lang ? LANGUAGES[lang.lang][1] : null
  if (!lang || !code) return {code: null, flag: '--currency CODE', why: tableMsg.noCurrencyClue()}
  const codes = [...new Set([code, ...lang.alike.map((l) => LANGUAGES[l][1]).filter((c): c is string => c !== null)])]
  const name = LANGUAGES[lang.lang][0]
  return {code, flag: `--currency ${code}`, why: tableMsg.currencyClue(name, lang.cells, codes.slice(1))}
}
