import {SpendInputError} from '../errors.js'
import type {SpendFrame} from '../model/frame.js'
import {formatMinor} from '../model/money.js'
import type {DimName, DimOptions} from './dims.js'
import {dimFields, shareJson} from './json.js'
import {ExactSum, ratio, type Rows} from './kernel.js'
import {memberGroups, type MemberGroup} from './supplier-groups.js'
import {analysisMsg} from '../messages.js'
import {unidentifiedJson, type Unidentified} from './unidentified.js'

/** HHI bands: below `moderate` unconcentrated, above `high` highly concentrated, between moderately. */
export interface HhiBands {
  name: string
  moderate: number
  high: number
}

/** US DOJ/FTC Horizontal Merger Guidelines: 2010 (1,500 / 2,500) and 2023 (1,000 / 1,800). */
export const HHI_BANDS: Record<'2010' | '2023', HhiBands> = {
  '2010': {name: 'DOJ/FTC 2010', moderate: 1500, high: 2500},
  '2023': {name: 'DOJ/FTC 2023', moderate: 1000, high: 1800},
}

export interface ConcentrationOptions extends DimOptions {
  /** Group markets by this dimension (category or buyer); none = one market per currency. */
  by?: DimName | null
  /** Band set: '2010' (default), '2023' or custom thresholds. */
  bands?: '2010' | '2023' | HhiBands
  selection?: Rows
  /** Count redacted and blank suppliers as one supplier (default: leave them out of the shares). */
  redactedAsSupplier?: boolean
}

export interface ConcentrationRow {
  group: {id: string | null; label: string | null} | null
  currency: string | null
  /** Net total of the group (credit notes included). */
  amount: bigint
  /** Suppliers with a positive total: the ones shares are computed on. */
  suppliers: number
  /** Suppliers whose total is zero or negative (left out of the shares). */
  nonPositive: number
  cr1: number | null
  cr3: number | null
  cr5: number | null
  /** Sum of squared percentage shares, 0-10,000. */
  hhi: number | null
  /** 10,000 / HHI: the number of equal suppliers with the same HHI. */
  effectiveSuppliers: number | null
  band: string | null
  /** Spend with a redacted or blank supplier: in `amount`, left out of the suppliers and shares (unless counted as one). */
  unidentified: Unidentified
}

export interface ConcentrationResult {
  by: DimName | null
  bands: HhiBands
  rows: ConcentrationRow[]
}

/**
 * Supplier concentration per group and currency: CR1/CR3/CR5, HHI, effective
 * number of suppliers and the named band. A market share cannot be negative,
 * so shares are computed on suppliers with a positive total only, over the sum
 * of those totals; suppliers netting to zero or less (credit notes exceeding
 * payments) are counted in `nonPositive`. A group with no positive supplier
 * has null measures. Redacted and blank suppliers are left out of the
 * suppliers and shares (their spend is in `unidentified`), unless
 * `redactedAsSupplier` counts them as one supplier.
 * @example concentration(frame, {by: 'category', bands: '2023'}).rows[0].hhi
 */
export function concentration(frame: SpendFrame, opts: ConcentrationOptions = {}): ConcentrationResult {
  const bands = typeof opts.bands === 'object' ? opts.bands : HHI_BANDS[opts.bands ?? '2010']
  if (!bands || !Number.isInteger(bands.moderate) || !Number.isInteger(bands.high) || bands.moderate > bands.high) {
    throw new SpendInputError('BAD_BANDS', analysisMsg.badBands(String(opts.bands)), {where: '--bands', hint: analysisMsg.badBandsHint()})
  }
  const groups = memberGroups(frame, {...opts, by: opts.by ?? null, member: 'supplier', sort: false})
  return {by: opts.by ?? null, bands, rows: groups.map((g) => _concentration(g, bands))}
}

function _concentration(g: MemberGroup, bands: HhiBands): ConcentrationRow {
  const sums = g.members.sums
  // One pass, no sort: the positive base and the five largest members (ties
  // do not change CRn, since tied members have equal totals).
  const pos = new ExactSum()
  let n = 0
  // Sum of squared totals for the HHI, in doubles (a statistic, not money).
  let squares = 0
  const best: number[] = []
  const {acc, big} = sums
  const list = g.sorted
  for (let j = 0; j < list.length; j++) {
    const m = list[j]
    // approx() is exact for ordinary groups and has the right sign for huge ones.
    const t = big.size === 0 ? acc[m] : sums.approx(m)
    if (t <= 0) continue
    if (big.size === 0) pos.add(t)
    else pos.addGroup(sums, m)
    squares += t * t
    n++
    if (best.length === 5 && (big.size === 0 ? t <= acc[best[4]] : sums.compare(m, best[4]) <= 0)) continue
    let at = best.length
    while (at > 0 && sums.compare(m, best[at - 1]) > 0) at--
    best.splice(at, 0, m)
    if (best.length > 5) best.pop()
  }
  const positive = pos.value()
  const top = [1, 3, 5].map((k) => best.slice(0, k).reduce((a, m) => a + sums.total(m), 0n))
  let hhi: number | null = null
  let bandName: string | null = null
  if (positive > 0n) {
    const p = Number(positive)
    hhi = (squares / (p * p)) * 10_000
    // Doubles are fine for the value, but a market sitting on a band threshold
    // (4 equal suppliers: exactly 2,500) must band the same on every machine:
    // near a threshold, decide with exact BigInt arithmetic.
    const near = (x: number) => Math.abs(hhi! - x) < 1e-6 * Math.max(1, x)
    bandName = near(bands.moderate) || near(bands.high) ? exactBand(g, positive, bands) : bandOf(hhi, bands)
  }
  return {
    group: g.group, currency: g.currency, amount: g.level.sums.total(g.id),
    suppliers: n, nonPositive: g.sorted.length - n,
    cr1: ratio(top[0], positive), cr3: ratio(top[1], positive), cr5: ratio(top[2], positive),
    hhi, effectiveSuppliers: hhi ? 10_000 / hhi : null, band: bandName, unidentified: g.unidentified,
  }
}

function bandOf(hhi: number, bands: HhiBands): string {
  if (hhi < bands.moderate) return 'unconcentrated'
  return hhi > bands.high ? 'highly concentrated' : 'moderately concentrated'
}

/** Band from 10,000 * sum(t^2) / P^2 compared in BigInt. */
function exactBand(g: MemberGroup, positive: bigint, bands: HhiBands): string {
  let sq = 0n
  for (const m of g.sorted) {
    const t = g.members.sums.total(m)
    if (t > 0n) sq += t * t
  }
  const num = 10_000n * sq
  const den = positive * positive
  if (num < BigInt(bands.moderate) * den) return 'unconcentrated'
  return num > BigInt(bands.high) * den ? 'highly concentrated' : 'moderately concentrated'
}

/**
 * JSON form: `{by, bands, rows: [{category, category_code, currency, amount,
 * suppliers, cr1, cr3, cr5, hhi, effective_suppliers, band, unidentified:
 * {amount, count, share}}]}`.
 * @example concentrationToJson(concentration(frame, {by: 'buyer'})).rows[0].band
 */
export function concentrationToJson(result: ConcentrationResult): {by: DimName | null; bands: HhiBands; rows: Record<string, unknown>[]} {
  const by = result.by ? [result.by] : []
  return {
    by: result.by,
    bands: result.bands,
    rows: result.rows.map((r) => ({
      ...(r.group ? dimFields(by, [r.group.id], [r.group.label]) : {}),
      currency: r.currency,
      amount: formatMinor(r.amount, r.currency ?? ''),
      suppliers: r.suppliers,
      suppliers_nonpositive: r.nonPositive,
      cr1: shareJson(r.cr1),
      cr3: shareJson(r.cr3),
      cr5: shareJson(r.cr5),
      hhi: r.hhi === null ? null : Math.round(r.hhi * 100) / 100,
      effective_suppliers: r.effectiveSuppliers === null ? null : Math.round(r.effectiveSuppliers * 100) / 100,
      band: r.band,
      unidentified: unidentifiedJson(r.unidentified, r.amount, r.currency),
    })),
  }
}
