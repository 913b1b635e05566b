import type {MoneyNote} from '../../analysis/money-note.js'
import type {FilterOptions} from '../../analysis/filter.js'
import type {DimName} from '../../analysis/dims.js'
import {DIM_ID_FIELDS} from '../../analysis/json.js'
import type {ViewColumn} from './view.js'
import {REDACTED_KEY} from '../../model/supplier.js'
import {gppMsg} from '../../messages.js'

/**
 * Pieces shared by the analysis reports: naming what was done to amounts
 * (--fx, --deflate) in JSON and in titles, and dimension columns.
 */

/**
 * One phrase for what was done to amounts, or null when nothing was.
 * @example moneyNote({fx: {to: 'EUR', from: ['GBP'], rates: 'rates.csv'}}) // 'amounts in EUR converted with rates.csv'
 */
export function moneyNote(money: MoneyNote): string | null {
  const parts: string[] = []
  if (money.fx) parts.push(`amounts in ${money.fx.to} converted with ${money.fx.rates}`)
  if (money.deflate) parts.push(`constant ${money.deflate.base} prices deflated with ${money.deflate.index}`)
  return parts.length ? parts.join('; ') : null
}

/**
 * JSON fields naming the conversions: `{fx: {to, from, rates}, deflate: {base, index}, note}`; empty when none.
 * @example moneyJson(input.money) // {fx: {...}, note: 'amounts in EUR converted with rates.csv'}
 */
export function moneyJson(money: MoneyNote): Record<string, unknown> {
  const note = moneyNote(money)
  if (!note) return {}
  return {...(money.fx ? {fx: money.fx} : {}), ...(money.deflate ? {deflate: money.deflate} : {}), note}
}

/**
 * A view title with the conversion note appended.
 * @example titled('Top 10 suppliers', {deflate: {base: '2024', index: 'cpi.csv'}}) // 'Top 10 suppliers (constant 2024 prices deflated with cpi.csv)'
 */
export function titled(title: string, money: MoneyNote): string {
  const note = moneyNote(money)
  return note ? `${title} (${note})` : title
}

/**
 * Columns of dimensions in machine formats: the shown text, then its identity (buyer_id, ...).
 * @example dimColumns(['buyer', 'year']).map((c) => c.key) // ['buyer', 'buyer_id', 'year']
 */
export function dimColumns(by: readonly DimName[]): ViewColumn[] {
  return by.flatMap((d) => {
    const id = DIM_ID_FIELDS[d]
    return id ? [{key: d, header: d}, {key: id, header: id}] : [{key: d, header: d}]
  })
}

/**
 * Human header of a dimension.
 * @example dimHeader('expense_type') // 'expense type'
 */
export function dimHeader(d: DimName): string {
  return d === 'expense_type' ? 'expense type' : d
}

/** Text shown to people for a missing value. */
export const NONE = '(none)'

/** Text shown to people for the rows of `--by gpp_group` in no GPP group. */
export const NOT_GPP = gppMsg.noGroup

/** Text shown to people for the period of rows with no date. */
export const UNDATED = 'undated'

/** Text shown to people for the one entity of redacted and blank supplier names (many unknown payees). */
export const UNIDENTIFIED = '(redacted or blank)'

/**
 * A dimension value as people see it: the label, with the code in front for
 * CPV categories (the code says the level), "(none)" when missing, and one
 * plain name for the redacted and blank suppliers (their shared key).
 * @example shownLabel('category', '72000000', 'IT services') // '72000000 IT services'
 * @example shownLabel('supplier', 'redacted', 'REDACTED PERSONAL DATA') // '(redacted or blank)'
 */
export function shownLabel(d: DimName, id: string | null, label: string | null): string {
  if (d === 'supplier' && id === REDACTED_KEY) return UNIDENTIFIED
  if (label === null) return id ?? (d === 'gpp_group' ? NOT_GPP : NONE)
  return d === 'category' && id !== null && id !== label && /^\d{8}$/.test(id) ? `${id} ${label}` : label
}

/**
 * shownLabel of the `by` dimension of a JSON row ({category, category_code, ...}).
 * @example rowLabel('category', {category: 'Construction work', category_code: '45000000'}) // '45000000 Construction work'
 */
export function rowLabel(by: DimName, row: Record<string, unknown>): string {
  const label = (row[by] ?? null) as string | null
  const idField = DIM_ID_FIELDS[by]
  return shownLabel(by, idField ? ((row[idField] ?? null) as string | null) : label, label)
}

/** Machine columns shared by money rows. */
export const MONEY_COLUMNS: ViewColumn[] = [
  {key: 'currency', header: 'currency'},
  {key: 'amount', header: 'amount', kind: 'money'},
  {key: 'count', header: 'count', kind: 'int'},
]

/** The filters as given, by flag name; only those set (`file` for --file). */
export type FilterFields = Partial<Record<'buyer' | 'supplier' | 'category' | 'currency' | 'file', string[]>> & {
  from?: string
  to?: string
  exclude_redacted?: true
}

/**
 * JSON of the filters that applied: `{buyer: ['Oxford'], from: '2024'}`; `{}` when none.
 * @example filterFields({buyer: ['Oxford'], from: '2024'}) // {buyer: ['Oxford'], from: '2024'}
 */
export function filterFields(filters: FilterOptions, files?: readonly string[]): FilterFields {
  const out: FilterFields = {}
  const list = (v: string | readonly string[] | undefined) => (v === undefined ? [] : typeof v === 'string' ? [v] : [...v])
  for (const k of ['buyer', 'supplier', 'category', 'currency'] as const) {
    const v = list(filters[k])
    if (v.length) out[k] = v
  }
  if (filters.from !== undefined) out.from = filters.from
  if (filters.to !== undefined) out.to = filters.to
  if (filters.excludeRedacted) out.exclude_redacted = true
  if (files?.length) out.file = [...files]
  return out
}

/**
 * The filters as people typed them (`--buyer "Oxford City Council" --from 2024`),
 * or for machine formats as `name=value` pairs (`buyer=Oxford City Council;
 * from=2024`: no leading `-` for CSV to neutralise); null when none.
 * @example filterText({buyer: ['Oxford'], from: '2024'}) // '--buyer Oxford --from 2024'
 * @example filterText({buyer: ['Oxford'], exclude_redacted: true}, true) // 'buyer=Oxford; exclude_redacted'
 */
export function filterText(f: FilterFields, pairs = false): string | null {
  const q = (v: string) => (/^[\w.:/@+-]+$/.test(v) ? v : JSON.stringify(v))
  const item = (k: string, v?: string) => (pairs ? (v === undefined ? k : `${k}=${v}`) : v === undefined ? `--${k}` : `--${k} ${q(v)}`)
  const parts: string[] = []
  for (const k of ['buyer', 'supplier', 'category', 'currency', 'file'] as const) for (const v of f[k] ?? []) parts.push(item(k, v))
  if (f.from !== undefined) parts.push(item('from', f.from))
  if (f.to !== undefined) parts.push(item('to', f.to))
  if (f.exclude_redacted) parts.push(item(pairs ? 'exclude_redacted' : 'exclude-redacted'))
  return parts.length ? parts.join(pairs ? '; ' : ' ') : null
}
