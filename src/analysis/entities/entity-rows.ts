/**
 * The crosswalk rows of suggestEntities' clusters: entity keys (unique,
 * ` #2` on a clash), display names, evidence, and the review proposals that
 * survive. Pure.
 */
import type {CrosswalkRow} from '../../model/crosswalk.js'
import {codePointCompare} from '../../model/entity-name.js'
import {REDACTED_KEY} from '../../model/supplier.js'
import type {ConstrainedClusters} from './clusters.js'
import type {Item, Reason, Review} from './suggest.js'

/**
 * Order by variant, then id (null first), by code point.
 * @example byVariantThenId({variant: 'a', supplier_id: null}, {variant: 'a', supplier_id: 'X'}) // -1
 */
export function byVariantThenId(a: {variant: string; supplier_id: string | null}, b: {variant: string; supplier_id: string | null}): number {
  return codePointCompare(a.variant, b.variant) || idCompare(a.supplier_id, b.supplier_id)
}

function idCompare(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  return codePointCompare(a, b)
}

interface Cluster {
  members: number[]
  main: number
  rows: number
  id: string | null
  key: string
}

/** One crosswalk row per item, sorted by entity key, variant and id. */
export function finish(items: readonly Item[], c: ConstrainedClusters, reasons: readonly (Reason | null)[], reviews: readonly Review[], out: CrosswalkRow[]): CrosswalkRow[] {
  const byRoot = new Map<number, Cluster>()
  items.forEach((it, i) => {
    const r = c.find(i)
    let cl = byRoot.get(r)
    if (!cl) {
      cl = {members: [], main: i, rows: 0, id: c.idOf(i), key: ''}
      byRoot.set(r, cl)
    }
    cl.members.push(i)
    cl.rows += it.rows
    const m = items[cl.main] as Item
    if (it.rows > m.rows || (it.rows === m.rows && byVariantThenId({variant: it.variant, supplier_id: it.id}, {variant: m.variant, supplier_id: m.id}) < 0)) cl.main = i
  })
  const clusters = [...byRoot.values()].sort((a, b) => {
    if ((a.id === null) !== (b.id === null)) return a.id === null ? 1 : -1
    const ma = items[a.main] as Item
    const mb = items[b.main] as Item
    return b.rows - a.rows || byVariantThenId({variant: ma.variant, supplier_id: ma.id}, {variant: mb.variant, supplier_id: mb.id})
  })
  const used = new Set<string>([REDACTED_KEY])
  for (const cl of clusters) {
    const base = cl.id ?? (items[cl.main] as Item).key
    let key = base
    for (let k = 2; used.has(key); k++) key = `${base} #${k}`
    used.add(key)
    cl.key = key
  }
  const proposals = bestReviews(items, c, byRoot, reviews)
  for (const cl of clusters) {
    const main = items[cl.main] as Item
    for (const i of cl.members) {
      const it = items[i] as Item
      const review = proposals.get(i)
      if (review) {
        const target = byRoot.get(c.find(review.to)) as Cluster
        out.push({variant: it.variant, entity_key: target.key, entity_name: (items[target.main] as Item).variant, score: review.score, evidence: review.evidence, decision: 'review', supplier_id: it.id})
        continue
      }
      const r = it.id !== null ? {evidence: `id ${it.id}`, score: 1} : it.key === main.key ? null : reasons[i]
      out.push({variant: it.variant, entity_key: cl.key, entity_name: main.variant, score: r?.score ?? 1, evidence: r?.evidence ?? 'key', decision: 'auto', supplier_id: it.id})
    }
  }
  return out.sort((a, b) => codePointCompare(a.entity_key, b.entity_key) || byVariantThenId(a, b))
}

/**
 * The review proposals that survive: between two different clusters that
 * could join, moving a lone name-only variant (never an id, never a merged
 * group) towards the other cluster; the best one per variant.
 */
function bestReviews(items: readonly Item[], c: ConstrainedClusters, byRoot: Map<number, Cluster>, reviews: readonly Review[]): Map<number, {to: number; score: number; evidence: string}> {
  const best = new Map<number, {to: number; score: number; evidence: string; toKey: string}>()
  for (const r of reviews) {
    const ra = c.find(r.a)
    const rb = c.find(r.b)
    if (ra === rb || !c.canJoin(r.a, r.b)) continue
    const ca = byRoot.get(ra) as Cluster
    const cb = byRoot.get(rb) as Cluster
    const movable = (cl: Cluster) => cl.members.length === 1 && cl.id === null
    let from: Cluster
    let to: Cluster
    if (movable(ca) && movable(cb)) {
      const ia = items[ca.main] as Item
      const ib = items[cb.main] as Item
      const aFirst = ia.rows > ib.rows || (ia.rows === ib.rows && codePointCompare(ca.key, cb.key) < 0)
      ;[from, to] = aFirst ? [cb, ca] : [ca, cb]
    } else if (movable(ca)) [from, to] = [ca, cb]
    else if (movable(cb)) [from, to] = [cb, ca]
    else continue
    const i = from.members[0] as number
    const evidence = r.evidence === 'trading as' ? `trading as "${(items[to.main] as Item).variant}"` : r.evidence.startsWith('similar') ? `${r.evidence.slice(0, r.evidence.indexOf(' to "'))} to "${(items[to.main] as Item).variant}"` : r.evidence
    const prev = best.get(i)
    if (!prev || r.score > prev.score || (r.score === prev.score && codePointCompare(to.key, prev.toKey) < 0)) best.set(i, {to: to.main, score: r.score, evidence, toKey: to.key})
  }
  return best
}
