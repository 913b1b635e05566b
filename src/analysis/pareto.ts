import type {SpendFrame} from '../model/frame.js'
import {formatMinor} from '../model/money.js'
import type {DimName, DimOptions} from './dims.js'
import {dimFields, shareJson} from './json.js'
import {ratio, type Rows} from './kernel.js'
import {memberGroups, type MemberGroup} from './supplier-groups.js'
import {unidentifiedJson, type Unidentified} from './unidentified.js'

/** ABC classes; 'none' holds suppliers whose total is zero or negative. */
export type AbcClass = 'A' | 'B' | 'C' | 'none'
export const ABC_CLASSES: readonly AbcClass[] = ['A', 'B', 'C', 'none']

export interface ParetoOptions extends DimOptions {
  /** One analysis per group of this dimension (e.g. buyer) and currency. */
  by?: DimName | null
  /** Also list every supplier with its class and cumulative share. */
  detail?: boolean
  selection?: Rows
  /** Count redacted and blank suppliers as one supplier (default: leave them out of the classes). */
  redactedAsSupplier?: boolean
  /** Also give each group's Pareto curve (`curve`), for a chart; not in the JSON. */
  curve?: boolean
}

export interface ParetoClassRow {
  class: AbcClass
  suppliers: number
  transactions: number
  amount: bigint
  /** Share of the positive spend (null for 'none'). */
  share: number | null
}

export interface ParetoSupplier {
  id: string | null
  label: string | null
  class: AbcClass
  amount: bigint
  count: number
  /** Cumulative share of positive spend up to and including this supplier (null for 'none'). */
  cumulative: number | null
}

export interface ParetoGroup {
  group: {id: string | null; label: string | null} | null
  currency: string | null
  /** Net total (credit notes included). */
  amount: bigint
  /** Sum of the positive supplier totals: the base of the classes. */
  positive: bigint
  suppliers: number
  /** Number of suppliers making 80% of positive spend (= class A). */
  suppliers80: number
  classes: ParetoClassRow[]
  detail?: ParetoSupplier[]
  /** Spend with a redacted or blank supplier: in `amount`, in no class (unless counted as one supplier). */
  unidentified: Unidentified
  /** With `curve`: the Pareto curve over the suppliers with a positive total (see paretoCurve). */
  curve?: ParetoPoint[]
}

/** A point of the Pareto curve: the largest `suppliers` share of suppliers make `spend` share of positive spend. */
export interface ParetoPoint {
  suppliers: number
  spend: number
}

export interface ParetoResult {
  by: DimName | null
  groups: ParetoGroup[]
}

/**
 * Pareto / ABC analysis per currency (and per `by` group). Suppliers are
 * ranked by total (ties by id); a supplier is in A while the cumulative share
 * *before* it is under 80%, so the supplier crossing 80% is in A and class A is
 * exactly "the suppliers making 80% of spend"; likewise B up to 95%, C the
 * rest (the tail). Shares are of positive spend: suppliers whose total is zero
 * or negative (net credit) get class 'none' and are left out of the base.
 * Redacted and blank suppliers are in no class (their spend is in
 * `unidentified`, the classes are of identified spend) unless
 * `redactedAsSupplier` counts them as one supplier.
 * @example pareto(frame, {by: 'buyer'}).groups[0].suppliers80
 */
export function pareto(frame: SpendFrame, opts: ParetoOptions = {}): ParetoResult {
  const groups = memberGroups(frame, {...opts, by: opts.by ?? null, member: 'supplier'})
  return {by: opts.by ?? null, groups: groups.map((g) => _pareto(g, !!opts.detail, !!opts.curve))}
}

/**
 * The Pareto curve of a ranked supplier list (largest first): from (0, 0)
 * through one point per supplier with a positive total (x: share of those
 * suppliers, y: cumulative share of their spend) to (1, 1). Past `maxPoints`
 * suppliers it keeps evenly spaced ones and the last (the curve is concave,
 * so the lines between stay within a pixel at chart sizes).
 * @example paretoCurve(pareto(frame, {detail: true}).groups[0].detail!) // [{suppliers: 0, spend: 0}, ...]
 */
export function paretoCurve(ranked: readonly ParetoSupplier[], maxPoints = 400): ParetoPoint[] {
  const shares = ranked.filter((s) => s.cumulative !== null).map((s) => s.cumulative!)
  const n = shares.length
  const points: ParetoPoint[] = [{suppliers: 0, spend: 0}]
  if (n === 0) return points
  const step = Math.max(1, Math.ceil(n / maxPoints))
  for (let i = step - 1; i < n; i += step) points.push({suppliers: (i + 1) / n, spend: shares[i]})
  if ((n - 1) % step !== step - 1) points.push({suppliers: 1, spend: shares[n - 1]})
  return points
}

function _pareto(g: MemberGroup, detail: boolean, curve: boolean): ParetoGroup {
  const classes = new Map(ABC_CLASSES.map((c) => [c, {class: c, suppliers: 0, transactions: 0, amount: 0n, share: null as number | null}]))
  const list: ParetoSupplier[] = []
  const keep = detail || curve ? list : null
  const positive = small(g) ? _classifyDoubles(g, classes, keep) : _classifyBig(g, classes, keep)
  for (const c of classes.values()) if (c.class !== 'none') c.share = ratio(c.amount, positive)
  return {
    group: g.group, currency: g.currency, amount: g.level.sums.total(g.id), positive, suppliers: g.sorted.length,
    suppliers80: classes.get('A')!.suppliers, classes: [...classes.values()], ...(detail ? {detail: list} : {}),
    unidentified: g.unidentified, ...(curve ? {curve: paretoCurve(list)} : {}),
  }
}

type Classes = Map<AbcClass, ParetoClassRow>

/** Below this sum of |totals|, every partial sum times 20 is an exact double. */
const SMALL = 4e14

function small(g: MemberGroup): boolean {
  const {acc, big} = g.members.sums
  if (big.size > 0) return false
  let abs = 0
  for (const m of g.sorted) abs += Math.abs(acc[m])
  return abs <= SMALL
}

/** The usual case, in doubles (exact here, and no BigInt per supplier): A while before*5 < P*4, B while before*20 < P*19. */
function _classifyDoubles(g: MemberGroup, classes: Classes, list: ParetoSupplier[] | null): bigint {
  const {acc, count} = g.members.sums
  let positive = 0
  for (const m of g.sorted) if (acc[m] > 0) positive += acc[m]
  const amounts = new Map<AbcClass, number>(ABC_CLASSES.map((c) => [c, 0]))
  let before = 0
  for (const m of g.sorted) {
    const t = acc[m]
    let cls: AbcClass = 'none'
    if (t > 0) {
      cls = before * 5 < positive * 4 ? 'A' : before * 20 < positive * 19 ? 'B' : 'C'
      before += t
    }
    const row = classes.get(cls)!
    row.suppliers++
    row.transactions += count[m]
    amounts.set(cls, amounts.get(cls)! + t)
    if (list) list.push(detailRow(g, m, cls, BigInt(t), cls === 'none' ? null : before / positive))
  }
  for (const [c, v] of amounts) classes.get(c)!.amount = BigInt(v)
  return BigInt(positive)
}

/** Any size, in BigInt. */
/**
 * A supplier's ABC class from exact totals: A while the positive spend ranked
 * before it is under 80% of the group's positive spend, B under 95%, else C;
 * `none` for a total of zero or less.
 */
export function abcClass(total: bigint, before: bigint, positive: bigint): AbcClass {
  if (total <= 0n) return 'none'
  return before * 100n < positive * 80n ? 'A' : before * 100n < positive * 95n ? 'B' : 'C'
}

function _classifyBig(g: MemberGroup, classes: Classes, list: ParetoSupplier[] | null): bigint {
  const sums = g.members.sums
  let positive = 0n
  for (const m of g.sorted) {
    const t = sums.total(m)
    if (t > 0n) positive += t
  }
  let before = 0n
  for (const m of g.sorted) {
    const t = sums.total(m)
    const cls = abcClass(t, before, positive)
    if (t > 0n) before += t
    const row = classes.get(cls)!
    row.suppliers++
    row.transactions += sums.count[m]
    row.amount += t
    if (list) list.push(detailRow(g, m, cls, t, cls === 'none' ? null : ratio(before, positive)))
  }
  return positive
}

function detailRow(g: MemberGroup, m: number, cls: AbcClass, amount: bigint, cumulative: number | null): ParetoSupplier {
  const k = g.members.child[m]
  return {id: g.memberDim.ids[k], label: g.memberDim.labels[k], class: cls, amount, count: g.members.sums.count[m], cumulative}
}

/**
 * JSON form: `{by, rows: [{buyer?, currency, class, suppliers, transactions,
 * amount, share}], groups: [{buyer?, currency, amount, suppliers,
 * suppliers_80, tail_suppliers, tail_transactions, tail_amount, tail_share,
 * unidentified: {amount, count, share}}]}`.
 * @example paretoToJson(pareto(frame)).groups[0].suppliers_80
 */
export function paretoToJson(result: ParetoResult): {by: DimName | null; rows: Record<string, unknown>[]; groups: Record<string, unknown>[]} {
  const by = result.by ? [result.by] : []
  const head = (g: ParetoGroup) => ({...(g.group ? dimFields(by, [g.group.id], [g.group.label]) : {}), currency: g.currency})
  const money = (v: bigint, g: ParetoGroup) => formatMinor(v, g.currency ?? '')
  return {
    by: result.by,
    rows: result.groups.flatMap((g) =>
      g.classes.filter((c) => c.suppliers > 0).map((c) => ({
        ...head(g), class: c.class, suppliers: c.suppliers, transactions: c.transactions,
        amount: money(c.amount, g), share: shareJson(c.share),
      }))),
    groups: result.groups.map((g) => {
      const tail = g.classes.find((c) => c.class === 'C')!
      return {
        ...head(g), amount: money(g.amount, g), suppliers: g.suppliers, suppliers_80: g.suppliers80,
        tail_suppliers: tail.suppliers, tail_transactions: tail.transactions, tail_amount: money(tail.amount, g),
        tail_share: shareJson(tail.share),
        unidentified: unidentifiedJson(g.unidentified, g.amount, g.currency),
        ...(g.detail ? {suppliers_detail: g.detail.map((s) => ({
          supplier: s.label, supplier_key: s.id, class: s.class, amount: money(s.amount, g), count: s.count,
          cumulative: shareJson(s.cumulative),
        }))} : {}),
      }
    }),
  }
}
