import type {CrosswalkRow} from '../../model/crosswalk.js'
import {fingerprint, type LegalForm, matchName, matchTokens, ngramFingerprint} from '../../model/entity-name.js'
import {isRedacted, REDACTED_KEY} from '../../model/supplier.js'
import {ConstrainedClusters} from './clusters.js'
import {comparePersons, type Person, personOf} from './individuals.js'
import {byVariantThenId, finish} from './entity-rows.js'
import {legalBase, numerals} from './legal-base.js'
import {candidatePairs, compareKeys, indexKeys, type KeyComparison} from './similarity.js'

/** One distinct published name (a variant) with the id it arrived with, and how often. */
export interface NameStat {
  variant: string
  supplier_id: string | null
  /** Rows (payments) published under this (variant, id). */
  rows: number
}

export interface SuggestOptions {
  forms: readonly LegalForm[]
  /** Similarity at or above which a merge is automatic (default 0.9). */
  autoSimilarity?: number
  /** Similarity at or above which a merge is proposed for review (default 0.75). */
  reviewSimilarity?: number
  /** Letters a key needs before an equal n-gram fingerprint merges automatically (default 10). */
  ngramMinLength?: number
  /** A token held by more distinct keys than this proposes no candidate pairs (default 200). */
  maxPostings?: number
  /** Candidate pairs scored per key at most (default 20). */
  perKey?: number
}

export const SUGGEST_DEFAULTS = {autoSimilarity: 0.9, reviewSimilarity: 0.75, ngramMinLength: 10, maxPostings: 200, perKey: 20} as const

/** Words that, added to a name, often name a different company of a group (`X Services`, `X Group`, `X Holdings`): never an automatic merge. */
const STRUCTURE_WORDS = new Set(['services', 'service', 'solutions', 'group', 'company', 'holdings', 'business', 'international', 'trading', 'management', 'systems', 'consulting', 'technologies', 'properties', 'property', 'investments', 'usa', 'america', 'europe'])

/** Words that describe a firm's trade and are often added or left out (`Tuckers` / `Tuckers Solicitors`). */
const DESCRIPTOR_WORDS = new Set([
  'solicitors', 'solicitor', 'accountants', 'architects', 'surveyors', 'estate', 'agents', 'chartered', 'council', 'office', 'dc',
  // Notes on the account paid rather than the supplier (`... CLIENTS`, `... ONLY`, `... A/C`).
  'clients', 'client', 'account', 'only', 'a', 'c',
])

/** Similarity at or above which two keys differing only by descriptor words merge automatically. */
const DESCRIPTOR_SIMILARITY = 0.75

/** Similarity an automatic merge needs when two different words were only alike (`economics` / `ergonomics`). */
const FUZZY_SIMILARITY = 0.94

/** The display name of the redacted-or-blank bucket. */
export const REDACTED_NAME = 'Redacted or blank'

export interface Item {
  variant: string
  id: string | null
  rows: number
  key: string
  tradingAs: string | null
  /** The legal name before a legal form inside the name (`Security Plus Ltd (Float)` -> `security plus`), or null. */
  base: string | null
  person: Person | null
}


export interface Reason {
  evidence: string
  score: number
}

export interface Review extends Reason {
  a: number
  b: number
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000

/** Distinct (variant, id) pairs in canonical order, rows summed: the result never depends on input order. */
function canonical(names: readonly NameStat[]): NameStat[] {
  const sorted = [...names].sort(byVariantThenId)
  const out: NameStat[] = []
  for (const n of sorted) {
    const last = out[out.length - 1]
    if (last && last.variant === n.variant && last.supplier_id === n.supplier_id) last.rows += n.rows
    else out.push({...n})
  }
  return out
}

function groupBy(indices: Iterable<number>, keyOf: (i: number) => string | null): Map<string, number[]> {
  const groups = new Map<string, number[]>()
  for (const i of indices) {
    const k = keyOf(i)
    if (k === null) continue
    const g = groups.get(k)
    if (g) g.push(i)
    else groups.set(k, [i])
  }
  return groups
}

/**
 * Join the members of one key-collision group: all of them when they hold at
 * most one id between them; else only the name-only members, among
 * themselves, barred from every id (which id they mean is not known).
 */
function joinGroup(c: ConstrainedClusters, group: readonly number[], reasons: (Reason | null)[], reason: Reason | null): void {
  if (group.length < 2) return
  const ids = new Set<string>()
  for (const i of group) {
    const id = c.idOf(i)
    if (id !== null) ids.add(id)
  }
  const members = ids.size <= 1 ? group : group.filter((i) => c.idOf(i) === null)
  const first = members[0]
  if (first === undefined) return
  for (const i of members) {
    if (c.union(first, i) && reason && i !== first) reasons[i] ??= reason
  }
  if (ids.size > 1) c.bar(first)
  if (reason && members.length > 1 && c.find(first) === c.find(members[1] as number)) reasons[first] ??= reason
}

/**
 * Propose entities for distinct supplier names: one crosswalk row per
 * (variant, id), sorted by entity key, then variant, then id (null first).
 * Identifiers win (one id, one entity; two ids never share one); then equal
 * matching keys, equal fingerprints and (for long keys) equal n-gram
 * fingerprints merge automatically; then soft TF-IDF similarity over shared
 * rare tokens merges above `autoSimilarity` and proposes a review above
 * `reviewSimilarity`. Redacted and blank names share the `redacted` bucket;
 * person-like names merge only on the same words, and an initial for a
 * forename is at most a review. Pure and deterministic: input order does not
 * matter.
 *
 * @example suggestEntities([{variant: 'ACME Ltd', supplier_id: null, rows: 3}], {forms})[0].entity_key // 'acme'
 */
export function suggestEntities(names: readonly NameStat[], opts: SuggestOptions): CrosswalkRow[] {
  const o = {...SUGGEST_DEFAULTS, ...opts}
  const out: CrosswalkRow[] = []
  const items: Item[] = []
  for (const n of canonical(names)) {
    const m = isRedacted(n.variant) ? null : matchName(n.variant, o.forms)
    if (m === null || m.key === '') {
      out.push({variant: n.variant, entity_key: REDACTED_KEY, entity_name: REDACTED_NAME, score: 1, evidence: 'redacted', decision: 'auto', supplier_id: n.supplier_id})
      continue
    }
    const tokens = m.key.split(' ')
    items.push({variant: n.variant, id: n.supplier_id, rows: n.rows, key: m.key, tradingAs: m.tradingAs, base: legalBase(n.variant, m.key, o.forms), person: m.tradingAs === null && matchTokens(n.variant).length !== tokens.length ? null : personOf(n.variant, tokens)})
  }
  const c = new ConstrainedClusters(items.map((it) => it.id))
  const reasons: (Reason | null)[] = items.map(() => null)
  const all = items.map((_, i) => i)
  const reviews: Review[] = []

  for (const g of groupBy(all, (i) => items[i]?.id ?? null).values()) for (const i of g) c.union(g[0] as number, i)
  const byKey = groupBy(all, (i) => (items[i] as Item).key)
  for (const g of byKey.values()) joinGroup(c, g, reasons, null)
  for (const g of groupBy(all, (i) => (items[i] as Item).base ?? (items[i] as Item).key).values()) joinGroup(c, g, reasons, {evidence: 'legal name', score: 1})
  // Fingerprints are computed once per distinct key, then each group holds the items of its keys.
  const keyGroups = [...byKey.values()]
  const byKeyGroups = (keyOf: (it: Item) => string | null) => [...groupBy(keyGroups.keys(), (k) => keyOf(items[(keyGroups[k] as number[])[0] as number] as Item)).values()].map((ks) => ks.flatMap((k) => keyGroups[k] as number[]))
  for (const g of byKeyGroups((it) => fingerprint(it.key))) joinGroup(c, g, reasons, {evidence: 'fingerprint', score: 1})
  const ngramOf = (it: Item) => (it.person ? null : `${ngramFingerprint(it.key)}\u0000${numerals(it.key)}`)
  for (const g of byKeyGroups(ngramOf)) {
    const long = (items[g[0] as number] as Item).key.replace(/ /g, '').length >= o.ngramMinLength
    if (long) joinGroup(c, g, reasons, {evidence: 'ngram', score: 0.95})
    else for (const i of g.slice(1)) reviews.push({a: g[0] as number, b: i, evidence: 'ngram', score: 0.9})
  }

  similarity(items, byKey, c, reasons, reviews, o)
  tradingAs(items, byKey, reviews)
  return finish(items, c, reasons, reviews, out)
}

/** Score candidate key pairs; merge the sure ones, strongest first, and keep the rest for review. */
function similarity(items: readonly Item[], byKey: Map<string, number[]>, c: ConstrainedClusters, reasons: (Reason | null)[], reviews: Review[], o: Required<SuggestOptions>): void {
  const groups = [...byKey.values()]
  // Compared by its legal name when it has one (`Kids Planet Day Nur Ltd (Stretford)` as `kids planet day nur`).
  const index = indexKeys(groups.map((g) => {
    const it = items[g[0] as number] as Item
    return it.base ?? it.key
  }))
  const autos: {i: number; j: number; score: number; evidence: string}[] = []
  for (const [i, j] of candidatePairs(index, {maxPostings: o.maxPostings, perKey: o.perKey})) {
    const a = (groups[i] as number[])[0] as number
    const b = (groups[j] as number[])[0] as number
    const ia = items[a] as Item
    const ib = items[b] as Item
    const cmp = compareKeys(index, i, j)
    const s = cmp.score
    if (ia.person || ib.person) {
      const pa = ia.person ?? personOf(ia.variant, ia.key.split(' '), true)
      const pb = ib.person ?? personOf(ib.variant, ib.key.split(' '), true)
      if (!pa || !pb) continue
      const m = comparePersons(pa, pb)
      if (m === 'same') autos.push({i, j, score: 1, evidence: 'individual'})
      else if (m === 'compatible') reviews.push({a, b, score: round3(s), evidence: `individual ${round3(s).toFixed(3)}`})
      continue
    }
    if (s < o.reviewSimilarity) continue
    if (sure(cmp, o.autoSimilarity)) autos.push({i, j, score: s, evidence: ''})
    else reviews.push({a, b, score: round3(s), evidence: `similar ${round3(s).toFixed(3)} to "${ib.variant}"`})
  }
  autos.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j)
  for (const e of autos) {
    const ga = groups[e.i] as number[]
    const gb = groups[e.j] as number[]
    // A key whose variants hold several ids is ambiguous: it joins nothing by similarity.
    if (!oneCluster(c, ga) || !oneCluster(c, gb)) continue
    const a = ga[0] as number
    const b = gb[0] as number
    if (c.find(a) === c.find(b) || !c.union(a, b)) continue
    const score = round3(e.score)
    const other = (x: number) => (e.evidence || `similar ${score.toFixed(3)} to "${(items[x] as Item).variant}"`)
    for (const x of ga) reasons[x] ??= {evidence: other(b), score}
    for (const x of gb) reasons[x] ??= {evidence: other(a), score}
  }
}

/**
 * Whether a similar pair merges without review: the names start alike, no
 * group-structure word is added on either side, and the score clears the
 * bar (a higher one when words only look alike; a lower one when the only
 * extra words describe the trade).
 */
function sure(a: KeyComparison, auto: number): boolean {
  const s = a.score
  if (!a.firstMatch || a.unmatched.some((t) => STRUCTURE_WORDS.has(t))) return false
  if (a.fuzzy) return s >= Math.max(auto, FUZZY_SIMILARITY)
  if (a.unmatched.length > 0 && a.unmatched.every((t) => DESCRIPTOR_WORDS.has(t))) return s >= Math.min(auto, DESCRIPTOR_SIMILARITY)
  return s >= auto
}

function oneCluster(c: ConstrainedClusters, group: readonly number[]): boolean {
  const r = c.find(group[0] as number)
  return group.every((i) => c.find(i) === r)
}

/** A variant whose key is another variant's trading name: proposed for review. */
function tradingAs(items: readonly Item[], byKey: Map<string, number[]>, reviews: Review[]): void {
  items.forEach((it, i) => {
    if (it.tradingAs === null) return
    const g = byKey.get(it.tradingAs)
    if (g) reviews.push({a: i, b: g[0] as number, score: 0.9, evidence: 'trading as'})
  })
}

