/**
 * The `market-share` check: suppliers with a high share of a buyer's or a
 * category's spend.
 *
 * Shares are the concentration analysis's (share-groups.ts): per buyer (and
 * per category across buyers, `category_code` as the frame holds it: the
 * classified CPV code where rules are stored) and currency, a supplier
 * entity's total over the sum of the positive totals of identified
 * suppliers; redacted and blank suppliers are left out (many unknown payees,
 * not one supplier), suppliers netting to zero or less have no share. A
 * supplier flags when its share is at least `buyer_share` (kind
 * `buyer-share`) or `category_share` (kind `category-share`); 0.5 for both,
 * the share at which EU competition law presumes dominance (CJEU, AKZO v
 * Commission, C-62/86, 1991). Groups with fewer than `min_suppliers`
 * suppliers (with two, one always has half), fewer than `min_payments` rows
 * or under `min_spend` (major units of the currency) are not tested (a note
 * counts them). Score: the share (0-1). Evidence: the supplier's rows in
 * that buyer or category. A category flag's buyer is the evidence rows'
 * buyer when they have one, else "N buyers" (buyer_id empty).
 *
 * What it cannot see: spend under the publication floor, and a supplier
 * split over several unmerged names (store a crosswalk: entities are used).
 */
import {formatMinor} from '../../model/money.js'
import {flagsSupplierMsg as msg} from '../../messages.js'
import {dim, type Dim} from '../dims.js'
import {minorOf, type ShareGroups, shareGroups} from './share-groups.js'
import {buyerOf, labelOf, rowsOf} from './share-rows.js'
import {countText, percentText} from './share-text.js'
import type {CheckContext, CheckDef, CheckNote, CheckResult, Flag} from './types.js'

const NAME = 'market-share'

export const marketShareCheck: CheckDef = {
  name: NAME,
  summary: 'Suppliers with a high share of a buyer\'s or a category\'s spend.',
  columns: ['category_code', 'category'],
  params: {
    buyer_share: {kind: 'share', default: 0.5, min: 0, max: 1, doc: 'share of a buyer\'s spend with identified suppliers at or above which a supplier flags (0.5: the share at which EU competition law presumes dominance, AKZO C-62/86)'},
    category_share: {kind: 'share', default: 0.5, min: 0, max: 1, doc: 'share of a category\'s spend (all buyers, per currency) at or above which a supplier flags (same source)'},
    min_suppliers: {kind: 'int', default: 5, min: 2, doc: 'suppliers with a positive total a buyer or category needs to be tested (with n suppliers the largest has at least 1/n)'},
    min_payments: {kind: 'int', default: 30, min: 0, doc: 'rows a buyer or category needs to be tested'},
    min_spend: {kind: 'number', default: 25000, min: 0, doc: 'spend with identified suppliers a buyer or category needs to be tested, in major units of its currency'},
  },
  run: runMarketShare,
}

function runMarketShare(ctx: CheckContext): CheckResult {
  const min = {minSuppliers: Number(ctx.params.min_suppliers), minPayments: Number(ctx.params.min_payments), minSpend: Number(ctx.params.min_spend)}
  const flags: Flag[] = []
  const notes: CheckNote[] = []
  const buyer = dim(ctx.frame, 'buyer')
  const tested: Record<string, number> = {}
  for (const by of ['buyer', 'category'] as const) {
    const groups = shareGroups(ctx.frame, by, ctx.selection, min)
    tested[by === 'buyer' ? 'buyers_tested' : 'categories_tested'] = groups.tested.length
    flags.push(...shareFlags(ctx, groups, by, Number(ctx.params[`${by}_share`]), buyer))
    for (const [currency, n] of [...groups.untested].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      notes.push({check: NAME, buyer: null, currency, text: msg.untested(n, by === 'buyer' ? (n === 1 ? 'buyer' : 'buyers') : (n === 1 ? 'category' : 'categories'),
        min.minSuppliers, min.minPayments, `${currency} ${formatMinor(minorOf(min.minSpend, currency), currency)}`)})
    }
  }
  return {flags, notes, echo: {score: msg.shareScore(), ...tested}}
}

function shareFlags(ctx: CheckContext, groups: ShareGroups, by: 'buyer' | 'category', threshold: number, buyer: Dim): Flag[] {
  const hits: {share: number; total: bigint; m: number; t: (typeof groups.tested)[number]}[] = []
  for (const t of groups.tested) {
    for (const m of t.g.sorted) {
      const total = t.g.members.sums.total(m)
      // Exact: total / base >= threshold, the threshold taken to six decimals.
      if (total <= 0n || total * 1_000_000n < BigInt(Math.round(threshold * 1_000_000)) * t.base) break
      hits.push({share: Number((total * 1_000_000_000n) / t.base) / 1e9, total, m, t})
    }
  }
  const sup = groups.supplier
  const rows = rowsOf(ctx.selection, ctx.frame.length, groups.groupDim.keys, sup.keys, groups.cur.keys,
    hits.map((h) => [h.t.groupKey, h.t.g.members.child[h.m], h.t.currencyKey] as const))
  return hits.map((h, j) => {
    const s = h.t.g.members.child[h.m]
    const currency = h.t.g.currency ?? ''
    const name = sup.labels[s] ?? sup.ids[s] ?? ''
    const money = (v: bigint) => `${currency} ${formatMinor(v, currency)}`
    const group = h.t.g.group!
    const who = by === 'buyer' ? {buyer: group.label ?? group.id ?? '', buyer_id: group.id ?? ''} : buyerOf(rows[j], buyer)
    const category = by === 'category' ? group.id : null
    return {
      check: NAME, kind: `${by}-share`, ...who, supplier: name, supplier_key: sup.ids[s], category,
      amount: h.total, currency, score: h.share,
      explanation: by === 'buyer'
        ? msg.buyerShare(name, percentText(h.share), who.buyer, money(h.total), money(h.t.base), countText(h.t.suppliers))
        : msg.categoryShare(name, percentText(h.share), labelOf(group), money(h.total), money(h.t.base), countText(h.t.suppliers)),
      rows: rows[j],
    }
  })
}
