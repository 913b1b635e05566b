/**
 * Turn one OCDS release into candidate spend rows at the chosen level: awards,
 * contracts or contract transactions, with buyer, suppliers (joined to
 * `parties[]`), category and the raw amount. Deduplication happens later.
 */
import {Interner, orgId, orgIdLike} from './ids.js'
import type {OcdsLevel} from './messages.js'
import {datePart, instant, obj, objList, text} from './values.js'

type Json = Record<string, unknown>

export interface Org {
  name: string
  id: string | null
  /** `details.scale` of the party: 'sme', 'large', 'micro', ... as published. */
  scale: string | null
}

export type Category = readonly [scheme: string, code: string, label: string | null]

/** One award, contract or transaction as one release states it. */
export interface Candidate {
  /** `ocid NUL id` (transactions: `ocid NUL contract id NUL transaction id`); see `describe`. */
  key: string
  kind: 'award' | 'contract' | 'transaction'
  version: number
  line: number
  status: string | null
  date: string | null
  amount: unknown
  currency: string | null
  /** Transactions only: the contract's currency, used when the transaction has none. */
  fallbackCurrency: string | null
  /** null: take the suppliers of the related award (`awardKey`) once all releases are read. */
  suppliers: Org[] | null
  awardKey: string | null
  buyer: Org | null
  category: Category | null
  expenseType: string | null
  description: string | null
}

/**
 * The ocid, a label for messages and the `transaction_id` of a candidate, derived
 * from its key on demand (held candidates stay small).
 *
 * @example describe({key: 'ocds-1\u0000a1', kind: 'award'}) // {ocid: 'ocds-1', what: 'award a1', transactionId: 'ocds-1/a1'}
 */
export function describe(c: Pick<Candidate, 'key' | 'kind'>): {ocid: string; what: string; transactionId: string} {
  const [ocid, id, tid] = c.key.split(SEP)
  const what = c.kind === 'transaction' ? `transaction ${tid} of contract ${id}` : `${c.kind} ${id}`
  return {ocid, what, transactionId: c.kind === 'transaction' ? `${ocid}/${id}/${tid}` : `${ocid}/${id}`}
}

/** What one release holds, beyond the candidates: for "nothing to import" messages. */
export interface ReleaseFacts {
  candidates: Candidate[]
  /** Award suppliers by award key (contracts and transactions fall back on them). */
  awardSuppliers: Array<[key: string, version: number, suppliers: Org[]]>
  awards: number
  contracts: number
  transactions: number
  tags: string[]
}

const SEP = '\u0000'

/** Dedupe key of an award / contract within its process. */
export function itemKey(ocid: string, id: string, tid?: string): string {
  // join() builds one flat string; a template literal would hold a rope of the parts.
  return (tid === undefined ? [ocid, id] : [ocid, id, tid]).join(SEP)
}

function toOrg(ref: Json | null, parties: Map<string, Json>, s: Interner): Org | null {
  if (!ref) return null
  const refId = text(ref.id)
  const party = refId ? parties.get(refId) : undefined
  const partyIdentifier = obj(party?.identifier)
  const name = text(ref.name) ?? text(party?.name) ?? text(obj(ref.identifier)?.legalName) ?? text(partyIdentifier?.legalName) ?? text(ref.legalName)
  // OCDS 1.0 organisations (providerOrganization etc.) are bare identifiers: {scheme, id, legalName}.
  const id = orgId(partyIdentifier) ?? orgId(ref.identifier) ?? orgIdLike(refId) ?? orgId(ref)
  const scale = text(obj(party?.details)?.scale) ?? text(obj(ref.details)?.scale)
  if (!name && !id) return null
  return s.shared([name, id, scale], () => ({name: s.get(name ?? ''), id: s.get(id), scale: s.get(scale)}))
}

function buyerOf(rel: Json, parties: Map<string, Json>, s: Interner): Org | null {
  const tender = obj(rel.tender)
  const direct = toOrg(obj(rel.buyer), parties, s) ?? toOrg(obj(tender?.procuringEntity), parties, s)
  if (direct) return direct
  for (const role of ['buyer', 'procuringEntity']) {
    const p = [...parties.values()].find((x) => Array.isArray(x.roles) && x.roles.includes(role))
    if (p) return toOrg(p, parties, s)
  }
  return null
}

function suppliersOf(v: unknown, parties: Map<string, Json>, s: Interner): Org[] {
  const out: Org[] = []
  const seen = new Set<string>()
  for (const ref of objList(v)) {
    const org = toOrg(ref, parties, s)
    if (!org) continue
    // The same supplier listed twice in one award is one supplier.
    const k = `${org.id ?? ''}${SEP}${org.name}`
    if (!seen.has(k)) out.push(org)
    seen.add(k)
  }
  return out
}

/**
 * The classification of the first item that has one. Short scheme codes are
 * lower-cased (`CPV` -> `cpv`, with the CPV check digit dropped: `32420000-3` ->
 * `32420000`); a scheme written as a sentence becomes `publisher`.
 */
export function categoryOf(items: unknown, s: Interner): Category | null {
  for (const item of objList(items)) {
    const c = obj(item.classification)
    let code = text(c?.id)
    if (!c || !code) continue
    const raw = text(c.scheme) ?? text(c.schema)
    const scheme = raw && /^[A-Za-z][A-Za-z0-9_-]{0,15}$/.test(raw) ? raw.toLowerCase() : 'publisher'
    if (scheme === 'cpv' && /^\d{8}-\d$/.test(code)) code = code.slice(0, 8)
    const label = text(c.description) ?? text(item.description)
    return s.shared([scheme, code, label], () => [s.get(scheme), s.get(code), s.get(label)] as const)
  }
  return null
}

/**
 * Candidates of one release at `level`.
 *
 * @example extractRelease({ocid: 'o', date: '2020-01-01', awards: [{id: 'a', value: {amount: 5, currency: 'EUR'}}]}, 1, 'awards', new Interner()).candidates.length // 1
 */
export function extractRelease(rel: Json, line: number, level: OcdsLevel, s: Interner): ReleaseFacts {
  const ocid = text(rel.ocid) ?? ''
  const version = instant(rel.date)
  const parties = new Map<string, Json>()
  for (const p of objList(rel.parties)) if (text(p.id)) parties.set(text(p.id)!, p)
  const tender = obj(rel.tender)
  const buyer = buyerOf(rel, parties, s)
  const expenseType = s.get(text(tender?.mainProcurementCategory))
  const tenderCategory = categoryOf(tender?.items, s)
  const tags = (Array.isArray(rel.tag) ? rel.tag : [rel.tag]).map(text).filter((t): t is string => t !== null)
  const awards = objList(rel.awards)
  const contracts = objList(rel.contracts)
  const facts: ReleaseFacts = {candidates: [], awardSuppliers: [], awards: awards.length, contracts: contracts.length, transactions: 0, tags}
  // One literal with every field in one order keeps the held objects small and monomorphic.
  const make = (kind: Candidate['kind'], key: string, status: string | null, date: string | null, amount: unknown, currency: unknown,
    fallbackCurrency: string | null, suppliers: Org[] | null, awardKey: string | null, who: Org | null, category: Category | null,
    description: string | null): Candidate => ({key, kind, version, line, status, date, amount, currency: s.get(text(currency)),
    fallbackCurrency, suppliers, awardKey, buyer: who, category, expenseType, description})
  const awardById = new Map<string, Json>()
  for (const [i, a] of awards.entries()) {
    const id = text(a.id) ?? `#${i + 1}`
    awardById.set(id, a)
    const suppliers = suppliersOf(a.suppliers, parties, s)
    if (level !== 'awards') {
      facts.awardSuppliers.push([itemKey(ocid, id), version, suppliers])
      continue
    }
    const value = obj(a.value)
    facts.candidates.push(make('award', itemKey(ocid, id), s.get(text(a.status)), s.get(datePart(a.date)), value?.amount, value?.currency, null,
      suppliers, null, buyer, categoryOf(a.items, s) ?? tenderCategory, s.get(text(a.title) ?? text(a.description) ?? text(tender?.title))))
  }
  for (const [i, c] of contracts.entries()) {
    const id = text(c.id) ?? `#${i + 1}`
    const awardId = text(c.awardID)
    const award = awardId ? awardById.get(awardId) : undefined
    const own = suppliersOf(c.suppliers, parties, s)
    const suppliers = own.length ? own : award ? suppliersOf(award.suppliers, parties, s) : null
    const awardKey = awardId ? itemKey(ocid, awardId) : null
    const category = categoryOf(c.items, s) ?? categoryOf(award?.items, s) ?? tenderCategory
    const description = s.get(text(c.title) ?? text(c.description) ?? text(award?.title) ?? text(tender?.title))
    const value = obj(c.value)
    const txs = objList(obj(c.implementation)?.transactions)
    facts.transactions += txs.length
    if (level === 'contracts') {
      facts.candidates.push(make('contract', itemKey(ocid, id), s.get(text(c.status)), s.get(datePart(c.dateSigned)), value?.amount, value?.currency,
        null, suppliers, awardKey, buyer, category, description))
    }
    if (level !== 'transactions') continue
    for (const [j, t] of txs.entries()) {
      const tid = text(t.id) ?? `#${j + 1}`
      // OCDS 1.1: value, payer, payee. OCDS 1.0: amount, providerOrganization, receiverOrganization.
      const tv = obj(t.value) ?? obj(t.amount)
      const payee = toOrg(obj(t.payee) ?? obj(t.receiverOrganization), parties, s)
      const payer = toOrg(obj(t.payer) ?? obj(t.providerOrganization), parties, s)
      facts.candidates.push(make('transaction', itemKey(ocid, id, tid), null, s.get(datePart(t.date)), tv?.amount, tv?.currency,
        s.get(text(value?.currency)), payee ? [payee] : suppliers, awardKey, payer ?? buyer, category, description))
    }
  }
  return facts
}
