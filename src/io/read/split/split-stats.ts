/**
 * The counters of a split read's second half (see split.ts), sent between
 * threads as plain data and added into the first half's TableReader so its
 * SourceReport is the one a one-thread read gives.
 */
import {accFor} from '../table/row-totals.js'
import type {SkipKind} from '../table/rowclass.js'
import type {TableReader} from '../table/table-rows.js'
import {mappingReport, type TablePlan} from '../table/tableplan.js'
import type {TableSource} from '../types.js'

/** A TableReader's counters as plain data (sums as decimal strings). */
export interface HalfStats {
  skipped: Record<SkipKind, number>
  imported: number
  rejected: number
  noDate: number
  redacted: number
  withSupplierId: number
  withCategory: number
  /** [currency, imported, rejected] in minor units. */
  totals: [string, string, string][]
  badIds: string[]
  idCount: number
  buyerCount: number
  buyerNotColumn: boolean
}

/** Memo limits in row-ids.ts: below them every distinct cell is memoised, so counts of distinct cells add up exactly. */
const MAX_IDS = 200_000
const MAX_BUYERS = 10_000

/**
 * The counters of a finished reader.
 * @example halfStats(reader).imported // 500000
 */
export function halfStats(r: TableReader): HalfStats {
  return {
    skipped: {...r.skipped},
    imported: r.imported,
    rejected: r.rejected,
    noDate: r.noDate,
    redacted: r.redacted,
    withSupplierId: r.withSupplierId,
    withCategory: r.withCategory,
    totals: [...r.totals.entries()].map(([c, a]) => [c, String(a.imported.value()), String(a.rejected.value())]),
    badIds: r.ids.badIds(),
    idCount: r.ids.idCount,
    buyerCount: r.buyers.size,
    buyerNotColumn: [...r.buyers.values()].some((b) => b.origin !== 'column'),
  }
}

/**
 * Add the second half's counters into the first half's reader. Returns false
 * (changing nothing) when the sum would not be exact: too many distinct
 * supplier ids or buyers for the memos to have seen each once.
 * @example if (!absorbHalf(reader, stats)) readOn()
 */
export function absorbHalf(r: TableReader, h: HalfStats): boolean {
  if (r.ids.idCount + h.idCount > MAX_IDS || r.buyers.size + h.buyerCount > MAX_BUYERS) return false
  for (const k of Object.keys(h.skipped) as SkipKind[]) r.skipped[k] += h.skipped[k]
  r.imported += h.imported
  r.rejected += h.rejected
  r.noDate += h.noDate
  r.redacted += h.redacted
  r.withSupplierId += h.withSupplierId
  r.withCategory += h.withCategory
  for (const [c, imported, rejected] of h.totals) {
    const a = accFor(r.totals, c)
    a.imported.big += BigInt(imported)
    a.rejected.big += BigInt(rejected)
  }
  // One thread counts each distinct bad id once: count the union.
  r.ids.badOrgIds = new Set([...r.ids.badIds(), ...h.badIds]).size
  r.otherBuyerNotColumn ||= h.buyerNotColumn
  return true
}

/**
 * Everything of a plan (and of the source) the report and the rows depend
 * on, as text: both halves must have decided the same.
 * @example planKey(plan, 1, source) === planKey(otherPlan, 1, otherSource)
 */
export function planKey(plan: TablePlan, headerLine: number, source: TableSource): string {
  const {presetMatch: _m, preset, mapping, ...rest} = plan
  const {name, format, encoding, delimiter} = source
  return JSON.stringify({rest, preset: preset?.name ?? null, index: mapping.index, report: mappingReport(plan), headerLine, name, format, encoding, delimiter})
}
