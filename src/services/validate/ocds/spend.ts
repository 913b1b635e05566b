/** Checks beyond the release schema that matter for spend analysis: award amounts, currencies, suppliers, ids, dates. */
import {isCurrencyCode} from '../../../model/currency.js'
import type {Problem} from '../types.js'

export interface Unit {
  release: unknown
  /** JSON path of the release in its file. */
  path: string[]
}

type Found = Omit<Problem, 'line' | 'column'>
type Obj = Record<string, unknown>

const obj = (v: unknown): Obj | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null)
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
/** org-id.guide scheme codes: a country or region prefix and a list code (GB-COH, XI-LEI...). */
const ORG_ID_SCHEME = /^[A-Z]{2}-[A-Z0-9_]+$/

function money(v: unknown, field: string, what: string, out: Found[], active: boolean): void {
  const m = obj(v)
  if (m === null) return
  if (m.amount === undefined || typeof m.amount !== 'number') {
    if (what === 'award')
      out.push({severity: active ? 'error' : 'warning', code: 'award-amount-missing', message: `${field}: award value.amount is missing or not a number`, fix: 'give value.amount as a JSON number', field: `${field}/amount`})
  } else if (m.amount < 0)
    out.push({severity: 'warning', code: 'negative-amount', message: `${field}: ${what} amount is negative`, fix: 'check the sign; record refunds as their own transactions', field: `${field}/amount`})
  if (m.currency === undefined || m.currency === null)
    out.push({severity: 'error', code: 'currency-missing', message: `${field}: ${what} amount has no currency`, fix: 'add value.currency as an ISO 4217 code (e.g. GBP)', field})
  else if (typeof m.currency !== 'string' || !isCurrencyCode(m.currency))
    out.push({severity: 'error', code: 'currency-not-iso4217', message: `${field}: currency ${String(m.currency)} is not an ISO 4217 code`, fix: 'use a three-letter ISO 4217 code', field: `${field}/currency`})
}

/** Spend problems of one release; `seen` holds the release ids met per ocid. */
export function spendProblems(u: Unit, seen: Map<string, Set<string>>): Found[] {
  const out: Found[] = []
  const r = obj(u.release)
  if (r === null) return out
  const at = (...s: (string | number)[]): string => [...u.path, ...s.map(String)].join('/')
  const compiled = u.path.at(-1) === 'compiledRelease'
  if (!compiled && typeof r.ocid === 'string' && typeof r.id === 'string') {
    const ids = seen.get(r.ocid) ?? new Set<string>()
    if (ids.has(r.id)) out.push({severity: 'error', code: 'duplicate-release-id', message: `release id ${r.id} appears twice for ${r.ocid}`, fix: 'give each release of a contracting process its own id', field: at('id')})
    ids.add(r.id)
    seen.set(r.ocid, ids)
  }
  if (r.date === undefined || r.date === '') out.push({severity: 'warning', code: 'date-missing', message: `${at() || '(release)'}: release has no date`, fix: 'add the release date (ISO 8601 date-time)', field: at()})
  const partyIds = new Set(list(r.parties).map((p) => obj(p)?.id).filter((x): x is string => typeof x === 'string'))
  list(r.awards).forEach((a, k) => {
    const aw = obj(a)
    if (aw === null) return
    const active = aw.status === undefined || aw.status === 'active'
    if (aw.value === undefined)
      out.push({severity: active ? 'error' : 'warning', code: 'award-amount-missing', message: `${at('awards', k)}: award has no value`, fix: 'give the award a value with amount and currency', field: at('awards', k)})
    else money(aw.value, at('awards', k, 'value'), 'award', out, active)
    const sup = list(aw.suppliers)
    if (sup.length === 0) out.push({severity: 'warning', code: 'award-no-suppliers', message: `${at('awards', k)}: award names no suppliers`, fix: 'list the suppliers the award went to', field: at('awards', k)})
    sup.forEach((s, j) => {
      const o = obj(s)
      if (o === null) return
      const f = at('awards', k, 'suppliers', j)
      if (typeof o.id === 'string' && partyIds.size > 0 && !partyIds.has(o.id))
        out.push({severity: 'warning', code: 'supplier-not-in-parties', message: `${f}: supplier ${o.id} is not listed in parties`, fix: 'add the supplier to parties with its identifier', field: f})
      const party = obj(list(r.parties).find((p) => obj(p)?.id === o.id))
      const ident = obj(party?.identifier)
      if (party !== null && (ident === null || ident.id === undefined))
        out.push({severity: 'warning', code: 'supplier-no-identifier', message: `${f}: supplier has no identifier`, fix: 'give the party an identifier with an org-id.guide scheme', field: f})
      else if (ident !== null && (typeof ident.scheme !== 'string' || !ORG_ID_SCHEME.test(ident.scheme)))
        out.push({severity: 'warning', code: 'supplier-scheme-unknown', message: `${f}: identifier scheme ${String(ident.scheme)} is not an org-id.guide code`, fix: 'use a scheme from https://org-id.guide (e.g. GB-COH)', field: f})
    })
  })
  list(r.contracts).forEach((c, k) => {
    const co = obj(c)
    if (co === null) return
    money(co.value, at('contracts', k, 'value'), 'contract', out, false)
    list(obj(co.implementation)?.transactions).forEach((t, j) => {
      const tr = obj(t)
      money(tr?.value ?? tr?.amount, at('contracts', k, 'implementation', 'transactions', j, tr?.value !== undefined ? 'value' : 'amount'), 'transaction', out, false)
    })
  })
  return out
}
