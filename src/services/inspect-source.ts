/**
 * One InspectSource from what a read found: a counting sink that keeps only a
 * few samples and the first problems, and the table / OCDS / failed shapes of
 * the result (the readers' SourceReport plus what the plan decided).
 */
import type {SpendInputError} from '../errors.js'
import {formatMinor} from '../model/money.js'
import type {RejectedRow, SpendRecord} from '../model/record.js'
import type {InspectSample, InspectSource} from './inspect-types.js'
import {normHeader} from '../io/read/table/mapping.js'
import type {OcdsSourceReport} from '../io/read/ocds/index.js'
import {closestPreset} from '../io/read/table/presets.js'
import type {TablePlan} from '../io/read/table/tableplan.js'
import type {RecordSink, Source, SourceReport} from '../io/read/types.js'

/** Parsed sample rows kept per source. */
export const SAMPLE_COUNT = 5
/** Rejected rows kept per source (the first ones, in file order). */
export const PROBLEM_COUNT = 10
/** Distinct buyer names tracked per source (enough to say "one buyer" or "many"). */
const BUYER_CAP = 1000

/**
 * Keeps SAMPLE_COUNT records, PROBLEM_COUNT rejects and the distinct buyers; counts live in the readers' reports.
 *
 * @example const sink = new InspectSink(); await readTablePlanned(source, opts, sink); sink.samples.length // <= 5
 */
export class InspectSink implements RecordSink {
  readonly samples: InspectSample[] = []
  readonly problems: {line: number; reason: string}[] = []
  readonly buyers = new Set<string>()
  add(r: SpendRecord): void {
    if (this.buyers.size < BUYER_CAP) this.buyers.add(r.buyer)
    if (this.samples.length >= SAMPLE_COUNT) return
    this.samples.push({
      line: r.source_line, date: r.date, buyer: r.buyer, unit: r.unit, supplier: r.supplier, supplier_id: r.supplier_id,
      amount: formatMinor(r.amount, r.currency), currency: r.currency, expense_type: r.expense_type,
      category_code: r.category_code, category: r.category, description: r.description, transaction_id: r.transaction_id,
    })
  }
  reject(r: RejectedRow): void {
    if (this.problems.length < PROBLEM_COUNT) this.problems.push({line: r.source_line, reason: r.reason})
  }
}

/** Where the currency came from, for people: the plan's evidence, and the flag to give when it is unknown. */
function currencySource(p: TablePlan): string {
  return p.currencySuggestion ? `${p.currencyEvidence}; give ${p.currencySuggestion.flag}` : p.currencyEvidence
}

/** What differs between table and OCDS sources; the rest comes from the SourceReport. */
type Decided = Pick<InspectSource,
  'preset' | 'preset_closest' | 'unused_columns' | 'decimal' | 'decimal_reason' | 'currency' | 'currency_source' | 'currency_evidence' |
  'buyer' | 'buyer_source' | 'supplier_id_scheme' | 'ocds'>

/** One InspectSource, keys in the documented order (the --json contract). */
function build(r: SourceReport, sink: InspectSink, d: Decided): InspectSource {
  return {
    file: r.file, format: r.format, container: r.container, encoding: r.encoding, delimiter: r.delimiter,
    header_line: r.header_line, header: r.header, preset: d.preset, preset_closest: d.preset_closest,
    mapping: r.mapping, mapping_how: r.mapping_how, unused_columns: d.unused_columns,
    date_order: r.date_order, date_order_reason: r.date_order_reason, decimal: d.decimal, decimal_reason: d.decimal_reason,
    currency: d.currency, currency_source: d.currency_source, currency_evidence: d.currency_evidence,
    buyer: d.buyer, buyers: sink.buyers.size, buyer_source: d.buyer_source, supplier_id_scheme: d.supplier_id_scheme,
    rows: r.rows, skipped: r.skipped_detail, quality: r.quality,
    totals: r.totals.map((t) => ({
      currency: t.currency, source: formatMinor(t.source, t.currency), imported: formatMinor(t.imported, t.currency), rejected: formatMinor(t.rejected, t.currency),
    })),
    samples: sink.samples, problems: sink.problems, warnings: r.warnings, ocds: d.ocds, error: null,
  }
}

/** The buyer when every imported row has the same one. */
function onlyBuyer(sink: InspectSink): string | null {
  return sink.buyers.size === 1 ? ([...sink.buyers][0] as string) : null
}

/**
 * A table source's result: the report plus the plan's preset, decimal, currency and buyer choices.
 *
 * @example tableSource(report, plan, sink).currency_source // 'the "Currency" column'
 */
export function tableSource(report: SourceReport, plan: TablePlan, sink: InspectSink): InspectSource {
  const used = new Set(Object.values(plan.mapping.index))
  const closest = plan.presetMatch ? null : closestPreset(plan.header)
  const noBuyerColumn = plan.mapping.index.buyer === undefined
  return build(report, sink, {
    preset: plan.presetMatch && {...plan.presetMatch, matched: asWritten(plan.presetMatch.matched, plan.header)},
    preset_closest: closest && {...closest, matched: asWritten(closest.matched, plan.header)},
    unused_columns: plan.header.filter((h, i) => !used.has(i) && h.trim() !== '').map((h) => h.trim()),
    decimal: plan.decimal, decimal_reason: plan.decimalReason,
    currency: plan.currency === 'XXX' ? null : plan.currency, currency_source: currencySource(plan),
    currency_evidence: report.currency_evidence ?? null,
    // With no buyer column and no rows, still say which buyer the rows would get.
    buyer: noBuyerColumn && sink.buyers.size === 0 ? plan.fallbackBuyer : onlyBuyer(sink),
    buyer_source: buyerSource(report.buyer_origin, plan),
    supplier_id_scheme: plan.supplierIdScheme,
    ocds: null,
  })
}

/** Signature names (normalised) as the header writes them: 'dateofpayment' -> 'Date of Payment'. */
function asWritten(matched: readonly string[], header: readonly string[]): string[] {
  return matched.map((m) => header.find((h) => normHeader(h) === m)?.trim() ?? m)
}

function buyerSource(origin: string, plan: TablePlan): string {
  const col = plan.mapping.index.buyer
  const fallback = {flag: '--buyer', title: 'the title line', filename: 'the file name', unknown: 'nothing: the file does not name it (use --buyer)'}[plan.fallbackOrigin]
  if (col === undefined) return fallback
  const named = `the "${(plan.header[col] ?? '').trim()}" column`
  return origin === 'column' ? named : `${named} (blank cells: ${fallback})`
}

/**
 * An OCDS source's result: each value names its own currency; award counts under `ocds`.
 *
 * @example ocdsSource(report, sink).preset?.name // 'ocds'
 */
export function ocdsSource(report: OcdsSourceReport, sink: InspectSink): InspectSource {
  const o = report.ocds
  return build(report, sink, {
    preset: {name: 'ocds', confidence: 1, matched: [], forced: false},
    preset_closest: null,
    unused_columns: [],
    decimal: null, decimal_reason: null,
    currency: null, currency_source: 'each value\'s own currency', currency_evidence: report.currency_evidence ?? null,
    buyer: onlyBuyer(sink),
    buyer_source: 'OCDS buyer (else tender.procuringEntity)',
    supplier_id_scheme: 'OCDS parties identifier.scheme',
    ocds: {
      shape: report.format === 'jsonl' ? `JSON Lines (${o.shape})` : o.shape, level: o.level, releases: o.releases, records: o.records,
      awards: o.distinct, with_value: o.with_value, no_value: o.no_value, zero_value: o.zero_value, no_currency: o.no_currency,
      split: o.split, superseded: o.superseded, nothing_to_import: o.nothing_to_import,
    },
  })
}

/**
 * The result of a source that could not be read: empty, with the error's one line.
 *
 * @example failedSource(source, error).error?.code // 'BAD_ENCODING'
 */
export function failedSource(source: Source, error: SpendInputError): InspectSource {
  return {
    file: source.name, format: source.format, container: source.container, encoding: source.encoding,
    delimiter: source.kind === 'table' ? source.delimiter : null, header_line: null, header: [], preset: null, preset_closest: null,
    mapping: {}, mapping_how: {}, unused_columns: [], date_order: null, date_order_reason: null, decimal: null, decimal_reason: null,
    currency: null, currency_source: 'unknown', currency_evidence: null, buyer: null, buyers: 0, buyer_source: 'unknown', supplier_id_scheme: null,
    rows: {read: 0, imported: 0, rejected: 0, skipped: 0}, skipped: {},
    quality: {no_date: 0, redacted: 0, with_supplier_id: 0, with_category: 0}, totals: [], samples: [], problems: [], warnings: [],
    ocds: null, error: {code: error.code, message: error.oneLine()},
  }
}
