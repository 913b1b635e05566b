/**
 * The SourceReport of an OCDS import, plus an `ocds` section with the counts
 * an officer needs to trust it: distinct items, items without value, splits,
 * repeated versions, release tags and the SME share where `details.scale` is given.
 */
import type {CurrencyTotals, SourceReport} from '../types.js'
import type {Collector} from './collect.js'
import type {EmitStats} from './emit.js'
import {ocdsMsg, type OcdsLevel} from './messages.js'

export interface OcdsStats {
  /** What the file was: 'release package', 'record package', 'release', 'record', or several joined by '+'. */
  shape: string
  level: OcdsLevel
  releases: number
  records: number
  tags: Record<string, number>
  /** Distinct awards (or contracts, or transactions) after deduplication. */
  distinct: number
  with_value: number
  no_value: number
  zero_value: number
  no_currency: number
  bad_amount: number
  /** Items whose amount was split across several suppliers. */
  split: number
  /** Repeated versions of an item dropped (same ocid and id). */
  superseded: number
  /** Per currency: percentage of the value with a known `details.scale` that went to SMEs. */
  sme_share: Record<string, string>
  nothing_to_import: boolean
}

export type OcdsSourceReport = SourceReport & {ocds: OcdsStats}

export interface ReportInput {
  file: string
  format: 'json' | 'jsonl'
  container: string[]
  encoding: string
  level: OcdsLevel
  shapes: Set<string>
  releases: number
  records: number
  badLines: number
  collector: Collector
  stats: EmitStats
  extraWarnings: string[]
}

const LEVEL_FIELDS: Record<OcdsLevel, Record<string, string>> = {
  awards: {amount: 'awards[].value.amount', currency: 'awards[].value.currency', date: 'awards[].date', supplier: 'awards[].suppliers[]'},
  contracts: {amount: 'contracts[].value.amount', currency: 'contracts[].value.currency', date: 'contracts[].dateSigned', supplier: 'contracts[].suppliers[] (else its award\'s)'},
  transactions: {amount: 'contracts[].implementation.transactions[].value.amount', currency: 'transactions[].value.currency', date: 'transactions[].date', supplier: 'transactions[].payee'},
}

/** Percentage with one decimal, from exact integers (no float sums). */
function percent(part: bigint, whole: bigint): string {
  if (whole === 0n) return 'n/a'
  const tenths = (part * 1000n + whole / 2n) / whole
  return `${tenths / 10n}.${tenths % 10n}%`
}

export function buildReport(r: ReportInput): OcdsSourceReport {
  const {stats, collector: col, level} = r
  const totals: CurrencyTotals[] = [...stats.totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, t]) => ({currency, source: t.imported + t.rejected, imported: t.imported, rejected: t.rejected}))
  const tags = Object.fromEntries([...col.tags.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
  const shape = [...r.shapes].sort().join('+') || 'empty'
  const warnings = [...r.extraWarnings]
  const nothing = stats.distinct === 0
  if (nothing) {
    const have: Record<OcdsLevel, number> = {awards: col.awards, contracts: col.contracts, transactions: col.transactions}
    const tryLevels = (Object.keys(have) as OcdsLevel[]).filter((l) => l !== level && have[l] > 0)
    const tagText = Object.keys(tags).join(', ')
    warnings.unshift(ocdsMsg.nothingAtLevel(r.file, shape, tagText, level, tryLevels))
  }
  const what = level
  if (stats.split) warnings.push(ocdsMsg.split(stats.split, what))
  if (col.superseded) warnings.push(ocdsMsg.duplicates(col.superseded, what))
  if (stats.noSuppliers) warnings.push(ocdsMsg.noSuppliers(stats.noSuppliers, what))
  if (stats.noBuyer) warnings.push(ocdsMsg.noBuyer(stats.noBuyer))
  if (stats.currencyFromContract) warnings.push(ocdsMsg.currencyFromContract(stats.currencyFromContract))
  if (stats.currencyFromFlag) warnings.push(ocdsMsg.currencyFromFlag(stats.currencyFromFlag, what))
  if (stats.statuses.size) {
    const n = [...stats.statuses.values()].reduce((a, b) => a + b, 0)
    warnings.push(ocdsMsg.status(n, what, [...stats.statuses.entries()].sort().map(([k, v]) => `${k}: ${v}`).join(', ')))
  }
  const smeShare: Record<string, string> = {}
  for (const [cur, sc] of [...stats.scale.entries()].sort()) smeShare[cur] = percent(sc.sme, sc.known)
  if (stats.scaleRows) {
    warnings.push(ocdsMsg.sme(stats.scaleRows, stats.records, Object.entries(smeShare).map(([c, p]) => `${c} ${p}`).join(', ')))
  }
  return {
    file: r.file, format: r.format, container: r.container, encoding: r.encoding, delimiter: null,
    header_line: null, header: [], mapping: {...LEVEL_FIELDS[level], buyer: 'buyer (else tender.procuringEntity)', category: 'items[].classification'},
    mapping_how: Object.fromEntries(Object.keys(LEVEL_FIELDS[level]).concat('buyer', 'category').map((k) => [k, 'ocds'])),
    preset: 'ocds', date_order: 'ymd', date_order_reason: ocdsMsg.dateOrderReason(),
    rows: {read: stats.records + stats.rejected + r.badLines, imported: stats.records, rejected: stats.rejected + r.badLines, skipped: col.superseded},
    skipped_detail: col.superseded ? {[ocdsMsg.repeatedVersion(what)]: col.superseded} : {},
    totals, quality: stats.quality, buyer_origin: 'ocds', warnings,
    currency_evidence: {code: null, from: 'ocds', evidence: ocdsMsg.currencyEvidence(stats.currencyFromFlag), suggestion: null},
    ocds: {shape, level, releases: r.releases, records: r.records, tags, distinct: stats.distinct, with_value: stats.imported,
      no_value: stats.reasons.no_value, zero_value: stats.reasons.zero_value, no_currency: stats.reasons.no_currency,
      bad_amount: stats.reasons.bad_amount, split: stats.split, superseded: col.superseded, sme_share: smeShare, nothing_to_import: nothing},
  }
}
