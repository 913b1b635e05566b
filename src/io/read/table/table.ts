/**
 * The table layer: CellRow batches -> canonical SpendRecords and RejectedRows,
 * with the SourceReport. One pass: the first rows are buffered to find the
 * header and decide the per-column parsers (`tableplan.ts`), then every row is
 * classified and either imported, rejected with a reason, or counted as
 * skipped (`table-rows.ts`).
 */
import {SKIP_KINDS} from './rowclass.js'
import {TableReader} from './table-rows.js'
import {mappingReport, planTable, SAMPLE_ROWS, type TablePlan} from './tableplan.js'
import type {CellRow, CurrencyTotals, ImportOptions, RecordSink, SourceReport, TableSource} from '../types.js'
import {tableMsg} from '../../../messages.js'

/** The SourceReport of a finished read (also of a split read, see table-split.ts). */
export function buildReport(reader: TableReader): SourceReport {
  const plan = reader.plan
  const {mapping, how} = mappingReport(plan)
  const totals: CurrencyTotals[] = [...reader.totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, a]) => {
      const imported = a.imported.value()
      const rejected = a.rejected.value()
      return {currency, source: imported + rejected, imported, rejected}
    })
  if (totals.length === 0 && plan.currency !== 'XXX') totals.push({currency: plan.currency, source: 0n, imported: 0n, rejected: 0n})
  const warnings = plan.warnings.slice()
  if (reader.badOrgIds > 0) warnings.push(tableMsg.badOrgIds(reader.badOrgIds, plan.supplierIdScheme))
  const skipped = SKIP_KINDS.reduce((s, k) => s + reader.skipped[k], 0)
  let buyerOrigin: string = plan.mapping.index.buyer === undefined ? plan.fallbackOrigin : 'column'
  const notColumn = reader.otherBuyerNotColumn || (reader.buyers.size > 0 && [...reader.buyers.values()].some((b) => b.origin !== 'column'))
  if (plan.mapping.index.buyer !== undefined && notColumn) {
    buyerOrigin = tableMsg.buyerFromColumn(plan.fallbackOrigin)
  }
  return {
    file: reader.source.name,
    format: reader.source.format,
    container: reader.source.container,
    encoding: reader.source.encoding,
    delimiter: reader.source.delimiter,
    header_line: reader.headerLine,
    header: plan.header,
    mapping,
    mapping_how: how,
    preset: plan.preset?.name ?? null,
    date_order: plan.dateOrder === null ? null : plan.dateMixed ? 'mixed' : plan.dateOrder,
    date_order_reason: plan.dateReason,
    rows: {read: reader.imported + reader.rejected, imported: reader.imported, rejected: reader.rejected, skipped},
    skipped_detail: {...reader.skipped},
    totals,
    quality: {no_date: reader.noDate, redacted: reader.redacted, with_supplier_id: reader.withSupplierId, with_category: reader.withCategory},
    buyer_origin: buyerOrigin,
    warnings,
    currency_evidence: {
      code: plan.currency === 'XXX' ? null : plan.currency, from: plan.currencyFrom, evidence: plan.currencyEvidence,
      suggestion: plan.currencySuggestion,
    },
  }
}

/**
 * Read one table source into the sink and report what was found.
 *
 * @example
 * const report = await readTable(source, {importId: 'imp1', label: 'spend.csv'}, sink)
 * report.rows // {read: 67, imported: 67, rejected: 0, skipped: 6573}
 */
export async function readTable(source: TableSource, opts: ImportOptions, sink: RecordSink): Promise<SourceReport> {
  return (await readTablePlanned(source, opts, sink)).report
}

/**
 * `readTable`, also returning the plan it decided (preset match, currency and
 * decimal origins), for `spend inspect`.
 *
 * @example
 * const {report, plan} = await readTablePlanned(source, opts, countingSink)
 * plan.presetMatch?.confidence // 0.88
 */
/**
 * Buffer enough rows to find the header and sample SAMPLE_ROWS data rows below it;
 * the iterator goes on from there.
 */
export async function bufferSample(source: TableSource): Promise<{it: AsyncIterator<CellRow[]>; buf: CellRow[]; done: boolean}> {
  const it = source.rows[Symbol.asyncIterator]()
  const buf: CellRow[] = []
  let done = false
  while (buf.length < SAMPLE_ROWS + 60) {
    const next = await it.next()
    if (next.done) {
      done = true
      break
    }
    for (const r of next.value) buf.push(r)
  }
  return {it, buf, done}
}

export async function readTablePlanned(source: TableSource, opts: ImportOptions, sink: RecordSink): Promise<{report: SourceReport; plan: TablePlan}> {
  const {it, buf, done} = await bufferSample(source)
  const plan = planTable(source, opts, buf)
  const reader = new TableReader(plan, source, opts, sink)
  reader.headerLine = (buf[plan.headerIdx] as CellRow).line
  for (const r of buf) reader.row(r)
  buf.length = 0
  while (!done) {
    const next = await it.next()
    if (next.done) break
    for (const r of next.value) reader.row(r)
  }
  reader.flush()
  return {report: buildReport(reader), plan}
}
