/**
 * Checks of single cells, over the project's own parsers: amounts
 * (parseAmount), dates (DateColumn, day-first as both UK guidances ask),
 * supplier ids (ukCompanyId, ukVatId, and the other schemes of org-id.guide
 * a UK publisher uses) and the labels of total rows.
 */
import {parseAmount} from '../../../model/amount.js'
import {DateColumn} from '../../../model/dates.js'
import {ukCompanyId, ukVatId} from '../../../model/orgid.js'

export type AmountCheck = {kind: 'missing'} | {kind: 'bad'; reason: string} | {kind: 'ok'; minor: number; plain: boolean}

/** A plain amount: digits, an optional minus and at most two decimals (`-1234.50`), as the guidance's template writes them. */
const PLAIN_AMOUNT = /^-?\d+(\.\d{1,2})?$/

/**
 * An amount cell: missing, unreadable (with parseAmount's reason), or read
 * into pence, with whether it was written plainly (no `£`, thousands
 * separators, brackets or other characters around the number).
 *
 * @example checkAmount('£1,234.50') // {kind: 'ok', minor: 123450, plain: false}
 */
export function checkAmount(text: string): AmountCheck {
  const t = text.trim()
  if (t === '') return {kind: 'missing'}
  const r = parseAmount(t, {decimal: '.', exponent: 2})
  if (!r.ok) return {kind: 'bad', reason: r.reason}
  return {kind: 'ok', minor: r.value, plain: PLAIN_AMOUNT.test(t)}
}

/** The characters of an amount cell that are not part of a plain number, for the message. */
export function strayCharacters(text: string): string {
  const seen = new Set<string>()
  for (const ch of text.trim()) if (!/[0-9.-]/.test(ch)) seen.add(ch === ' ' ? 'space' : ch)
  return [...seen].map((c) => (c === 'space' ? c : `"${c}"`)).join(', ')
}

/**
 * The written form of a date cell: digits as `9`, month names as `Mon`, the
 * rest as written, so `01/11/2010` and `03-NOV-2010` are two formats and
 * `1/11/2010` (no leading zero) is a third.
 *
 * @example dateFormat('03-NOV-2010') // '99-Mon-9999'
 */
export function dateFormat(text: string): string {
  return text.trim().replace(/\d/g, '9').replace(/[A-Za-z]+/g, (w) => (/^(t|z|am|pm)$/i.test(w) ? w : 'Mon'))
}

export type DateCheck = {kind: 'missing'} | {kind: 'bad'; reason: string} | {kind: 'ok'}

/** Day-first dates, cached per distinct text (a file repeats a few hundred dates). */
export class DateCells {
  private readonly col = new DateColumn('dmy')

  check(text: string): DateCheck {
    if (text.trim() === '') return {kind: 'missing'}
    const v = this.col.parse(text)
    if (v === false) return {kind: 'bad', reason: this.col.error}
    if (v === null) return {kind: 'bad', reason: `"${text.trim()}" has no date in it`}
    return {kind: 'ok'}
  }
}

/** Identifier schemes of org-id.guide a UK supplier id may carry as a prefix. */
const ORG_ID_PREFIX = /^(GB-(COH|CHC|SC|NIC|VAT|EDU|NHS|LAE|LAS|LAN|LAW|GOR|PLA|UKPRN|MPR|REV|CRC|GOV)|XI-(VAT|CHC))-\S+$/i

/** Addresses of registers whose URLs name a supplier (the LGA schema allows a URI as BeneficiaryOtherID). */
const REGISTER_URL = /^https?:\/\/(www\.)?(find-and-update\.company-information\.service\.gov\.uk|data\.companieshouse\.gov\.uk|opencorporates\.com|register-of-charities\.charitycommission\.gov\.uk|apps\.charitycommission\.gov\.uk|www\.oscr\.org\.uk|oscr\.org\.uk)\//i

/**
 * The scheme a supplier id belongs to, or null when it matches none: an
 * org-id.guide identifier (`GB-COH-01234567`, `GB-CHC-1234567`), a register's
 * URL, a Companies House number, a UK VAT number (with its check digits), a
 * charity number (England and Wales: 6-7 digits; Scotland `SC0` and 5 digits;
 * Northern Ireland `NIC` and 6 digits).
 *
 * @example supplierIdScheme('GB-COH-01234567') // 'org-id.guide identifier'
 * @example supplierIdScheme('812311285') // 'VAT number'
 * @example supplierIdScheme('V0042') // null
 */
export function supplierIdScheme(text: string): string | null {
  const t = text.trim()
  if (ORG_ID_PREFIX.test(t)) return 'org-id.guide identifier'
  if (REGISTER_URL.test(t)) return 'register URL'
  const compact = t.toUpperCase().replace(/\s+/g, '')
  if (/^SC0\d{5}$/.test(compact)) return 'Scottish charity number'
  if (/^NIC\d{6}$/.test(compact)) return 'Northern Ireland charity number'
  if (ukVatId(t) !== null) return 'VAT number'
  if (ukCompanyId(t) !== null) return 'Companies House number'
  if (/^\d{6,7}(-\d{1,2})?$/.test(compact)) return 'charity number'
  return null
}

/**
 * True for a cell that labels a total or subtotal row (`Total`, `Grand
 * total`, `Sub-total`, `Totals for March`), not a name that merely contains
 * the word (`Total Gas & Power Ltd`).
 */
export function isTotalLabel(text: string): boolean {
  const t = text.trim().toLowerCase()
  if (t === '') return false
  return /^(grand\s*|sub[\s-]*)?totals?(\s*:|\s+(for|of|spend|amount|expenditure|paid)\b|$)/.test(t) || /^(grand\s*)?total\s*[:=]/.test(t)
}
