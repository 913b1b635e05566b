/**
 * `spend inspect`: read a file exactly as `import` would (same sources, same
 * header/mapping/plan logic, same row classification) into a counting sink
 * that keeps only a few samples and the first problems. Nothing is written:
 * no workspace, no temp files.
 */
import {stat} from 'node:fs/promises'
import {SpendInputError, isSpendInputError} from '../errors.js'
import {isCurrencyCode} from '../model/currency.js'
import {formatMinor} from '../model/money.js'
import type {RejectedRow, SpendRecord} from '../model/record.js'
import {msg} from '../messages.js'
import {readMapFile} from './read/map-file.js'
import type {OcdsSourceReport} from './read/ocds/index.js'
import {normHeader} from './read/mapping.js'
import {closestPreset} from './read/presets.js'
import {openSources} from './read/sources.js'
import type {TablePlan} from './read/tableplan.js'
import type {ImportOptions, JsonSource, RecordSink, Source, SourceReport, TableSource} from './read/types.js'
import {createProgress} from './write/progress.js'

/** Parsed sample rows kept per source. */
export const SAMPLE_COUNT = 5
/** Rejected rows kept per source (the first ones, in file order). */
export const PROBLEM_COUNT = 10
/** Distinct buyer names tracked per source (enough to say "one buyer" or "many"). */
const BUYER_CAP = 1000

export interface InspectFlags {
  buyer?: string
  currency?: string
  map?: string
  preset?: string
  'ocds-level'?: 'awards' | 'contracts' | 'transactions'
}

/** A parsed row as it would be imported: canonical fields, amount as an exact decimal string. */
export type InspectSample = {line: number; amount: string} & Pick<SpendRecord,
  'date' | 'buyer' | 'unit' | 'supplier' | 'supplier_id' | 'currency' | 'expense_type' | 'category_code' | 'category' | 'description' | 'transaction_id'>

export interface InspectPreset {
  name: string
  confidence: number
  matched: string[]
  /** True when given with --preset rather than recognised. */
  forced: boolean
}

/** What inspect found in one source (a file, an archive member or a sheet). */
export interface InspectSource {
  file: string
  format: string
  container: string[]
  encoding: string | null
  delimiter: string | null
  header_line: number | null
  header: string[]
  preset: InspectPreset | null
  /** When no preset was recognised: the one that came closest, for the officer to judge. */
  preset_closest: {name: string; confidence: number; matched: string[]} | null
  mapping: Record<string, string | null>
  mapping_how: Record<string, string>
  /** Header cells no field was mapped to. */
  unused_columns: string[]
  date_order: string | null
  date_order_reason: string | null
  decimal: string | null
  decimal_reason: string | null
  /** Currency for rows that do not name one (null for OCDS: each value names its own). */
  currency: string | null
  currency_source: string
  /** The buyer when every imported row has the same one, else null (see `buyers`). */
  buyer: string | null
  buyers: number
  buyer_source: string
  /** Registry of the supplier id column ('GB-COH', 'NO-BRC', 'US-UEI'...), null when there is none or it holds the publisher's own numbers. */
  supplier_id_scheme: string | null
  rows: SourceReport['rows']
  skipped: Record<string, number>
  /** Imported rows with no date, a redacted supplier, a supplier id, a category. */
  quality: SourceReport['quality']
  totals: {currency: string; source: string; imported: string; rejected: string}[]
  samples: InspectSample[]
  problems: {line: number; reason: string}[]
  warnings: string[]
  /** OCDS only: document shape and award counts. */
  ocds: {shape: string; level: string; releases: number; records: number; awards: number; with_value: number; no_value: number; zero_value: number; no_currency: number; split: number; superseded: number; nothing_to_import: boolean} | null
  /** Set when this source could not be read; the other sources are still reported. */
  error: {code: string; message: string} | null
}

export interface InspectResult {
  sources: InspectSource[]
}

/** Keeps SAMPLE_COUNT records, PROBLEM_COUNT rejects and the distinct buyers; counts live in the readers' reports. */
class InspectSink implements RecordSink {
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

/**
 * Inspect a file, folder or '-' (stdin) without importing it. A source that
 * cannot be read is reported with its error; if none can, the first error is thrown.
 *
 * @example
 * const {sources} = await runInspect('spend.csv', {})
 * sources[0].preset?.name // 'uk-25k'
 */
export async function runInspect(input: string, flags: InspectFlags): Promise<InspectResult> {
  const currency = flags.currency?.trim().toUpperCase()
  if (currency !== undefined && !isCurrencyCode(currency)) {
    throw new SpendInputError('BAD_CURRENCY', msg.badCurrency(flags.currency ?? ''), {exit: 2})
  }
  const opts: ImportOptions = {
    importId: 'inspect', label: input, buyer: flags.buyer, currency, map: flags.map ? await readMapFile(flags.map) : undefined,
    preset: flags.preset, ocdsLevel: flags['ocds-level'],
  }
  const size = input === '-' ? 0 : ((await stat(input).catch(() => null))?.size ?? 0)
  const bar = createProgress(input, size)
  const sources: InspectSource[] = []
  let firstError: SpendInputError | null = null
  try {
    for await (const source of openSources(input, {onProgress: (b) => bar.update(b)})) {
      // As in import, a folder's README is documentation, not data.
      if (README.test(source.name)) {
        await drain(source, null)
        continue
      }
      try {
        sources.push(await inspectSource(source, opts))
      } catch (error) {
        if (!isSpendInputError(error)) throw error
        firstError ??= error
        await drain(source, error)
        sources.push(failedSource(source, error))
      }
    }
  } finally {
    bar.stop()
  }
  if (firstError && sources.every((s) => s.error !== null)) throw firstError
  if (sources.length === 0) throw new SpendInputError('NO_FILES', 'nothing but README files', {where: input, hint: 'give a spend file'})
  return {sources}
}

async function inspectSource(source: Source, opts: ImportOptions): Promise<InspectSource> {
  const sink = new InspectSink()
  if (source.kind === 'table') {
    const {readTablePlanned} = await import('./read/table.js')
    const {report, plan} = await readTablePlanned(source, opts, sink)
    return tableSource(report, plan, sink)
  }
  const {readOcds} = await import('./read/ocds/index.js')
  return ocdsSource(await readOcds(source, opts, sink), sink)
}

const README = /(^|[\\/])README(\.md)?$/i

/** Read the rest of a source so the next one can be opened; a broken stream ends inspect with `error` (or its own). */
async function drain(source: Source, error: SpendInputError | null): Promise<void> {
  try {
    const rest: AsyncIterable<unknown> = source.kind === 'table' ? (source as TableSource).rows : (source as JsonSource).text
    for await (const _ of rest) {
      // discard
    }
  } catch (own) {
    throw error ?? own
  }
}

const CURRENCY_SOURCE: Record<TablePlan['currencyFrom'], (p: TablePlan) => string> = {
  flag: () => '--currency',
  column: (p) => `the "${(p.header[p.mapping.index.currency as number] ?? '').trim()}" column`,
  preset: (p) => `the ${p.preset?.name ?? ''} layout`,
  symbols: () => 'currency symbols in the file',
  none: () => 'nothing (no data rows)',
}

/** What differs between table and OCDS sources; the rest comes from the SourceReport. */
type Decided = Pick<InspectSource,
  'preset' | 'preset_closest' | 'unused_columns' | 'decimal' | 'decimal_reason' | 'currency' | 'currency_source' |
  'buyer' | 'buyer_source' | 'supplier_id_scheme' | 'ocds'>

/** One InspectSource, keys in the documented order (the --json contract). */
function build(r: SourceReport, sink: InspectSink, d: Decided): InspectSource {
  return {
    file: r.file, format: r.format, container: r.container, encoding: r.encoding, delimiter: r.delimiter,
    header_line: r.header_line, header: r.header, preset: d.preset, preset_closest: d.preset_closest,
    mapping: r.mapping, mapping_how: r.mapping_how, unused_columns: d.unused_columns,
    date_order: r.date_order, date_order_reason: r.date_order_reason, decimal: d.decimal, decimal_reason: d.decimal_reason,
    currency: d.currency, currency_source: d.currency_source,
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

function tableSource(report: SourceReport, plan: TablePlan, sink: InspectSink): InspectSource {
  const used = new Set(Object.values(plan.mapping.index))
  const closest = plan.presetMatch ? null : closestPreset(plan.header)
  const noBuyerColumn = plan.mapping.index.buyer === undefined
  return build(report, sink, {
    preset: plan.presetMatch && {...plan.presetMatch, matched: asWritten(plan.presetMatch.matched, plan.header)},
    preset_closest: closest && {...closest, matched: asWritten(closest.matched, plan.header)},
    unused_columns: plan.header.filter((h, i) => !used.has(i) && h.trim() !== '').map((h) => h.trim()),
    decimal: plan.decimal, decimal_reason: plan.decimalReason,
    currency: plan.currency === 'XXX' ? null : plan.currency, currency_source: CURRENCY_SOURCE[plan.currencyFrom](plan),
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
  const fallback = plan.fallbackOrigin === 'flag' ? '--buyer' : plan.fallbackOrigin === 'title' ? 'the title line' : 'the file name'
  if (col === undefined) return fallback
  const named = `the "${(plan.header[col] ?? '').trim()}" column`
  return origin === 'column' ? named : `${named} (blank cells: ${fallback})`
}

function ocdsSource(report: OcdsSourceReport, sink: InspectSink): InspectSource {
  const o = report.ocds
  return build(report, sink, {
    preset: {name: 'ocds', confidence: 1, matched: [], forced: false},
    preset_closest: null,
    unused_columns: [],
    decimal: null, decimal_reason: null,
    currency: null, currency_source: 'each value\'s own currency',
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

function failedSource(source: Source, error: SpendInputError): InspectSource {
  return {
    file: source.name, format: source.format, container: source.container, encoding: source.encoding,
    delimiter: source.kind === 'table' ? source.delimiter : null, header_line: null, header: [], preset: null, preset_closest: null,
    mapping: {}, mapping_how: {}, unused_columns: [], date_order: null, date_order_reason: null, decimal: null, decimal_reason: null,
    currency: null, currency_source: 'unknown', buyer: null, buyers: 0, buyer_source: 'unknown', supplier_id_scheme: null,
    rows: {read: 0, imported: 0, rejected: 0, skipped: 0}, skipped: {},
    quality: {no_date: 0, redacted: 0, with_supplier_id: 0, with_category: 0}, totals: [], samples: [], problems: [], warnings: [],
    ocds: null, error: {code: error.code, message: error.oneLine()},
  }
}
