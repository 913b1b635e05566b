/**
 * OCDS reader: release packages, record packages, bare releases and records,
 * top-level arrays, and JSON Lines of any of them. The rules, in one place:
 *
 * - Rows: one per distinct award (`--ocds-level awards`: value, date), contract
 *   (`contracts`: value, dateSigned) or transaction (`transactions`:
 *   `contracts[].implementation.transactions[]`, payer -> buyer, payee -> supplier)
 *   and supplier. `transaction_id` is `ocid/awardId` (or `ocid/contractId[/txId]`).
 * - Once: the key is (ocid, id); of several versions the one from the latest
 *   release `date` wins, ties to the one read last (collect.ts). Records use
 *   `compiledRelease`, else their embedded releases compiled (compile.ts).
 * - Money (emit.ts): the amount's decimal text -> integer minor units, exactly.
 *   No value, zero, no currency or an unreadable amount -> a rejected row with
 *   the reason (counted, never summed). Several suppliers: the amount is split
 *   equally in minor units, remainder to the first supplier listed, and each
 *   part's description ends `[share i/n]`; parts add up to the award.
 * - Who (extract.ts): buyer from `buyer`, else `tender.procuringEntity`, else the
 *   party with role buyer/procuringEntity; organisations joined to `parties[]` by
 *   id for `scheme-id` identifiers (ids.ts) and `details.scale` (reported as an
 *   SME share in the warnings). Category: the first item with a classification.
 * - Dates: the `YYYY-MM-DD` part as written, no time-zone conversion.
 */
import {SpendInputError} from '../../../errors.js'
import type {ImportOptions, JsonSource, RecordSink} from '../types.js'
import {Collector} from './collect.js'
import {recordRelease} from './compile.js'
import {emitItem, finishStats, newStats} from './emit.js'
import {extractRelease} from './extract.js'
import {Interner} from './ids.js'
import {forEachItem, type TopItem} from './json-stream.js'
import {ocdsMsg, type OcdsLevel} from './messages.js'
import {notOcdsError, NotOcdsTally} from './not-ocds.js'
import {buildReport, type OcdsSourceReport} from './report.js'
import {obj, text} from './values.js'

export type {OcdsSourceReport, OcdsStats} from './report.js'
export type {OcdsLevel} from './messages.js'

type Json = Record<string, unknown>

/**
 * Tuning, for tests: bytes of spooled candidates kept in memory before a temp file is used; longest JSON Lines line;
 * `fastJson: false` reads JSON documents with the streaming reader only; `unitLimit`: characters of one package item
 * held as text before it is streamed instead.
 */
export interface OcdsTuning {
  spoolLimit?: number
  maxLine?: number
  fastJson?: boolean
  unitLimit?: number
}

/**
 * Read one OCDS source into `sink`. The file is read once; each award version
 * goes to a spool (memory, then a temp file) and memory holds only a small
 * winner entry per distinct award, never the document (collect.ts). A file with nothing at
 * the chosen level returns a report with 0 rows, `ocds.nothing_to_import` and a
 * first warning that says so; the command decides whether that is an error
 * (see `nothingToImportError`).
 *
 * @example
 * const report = await readOcds(source, {importId: 'imp1', label: 'file.json'}, sink)
 * report.ocds.distinct // distinct awards
 */
export async function readOcds(source: JsonSource, opts: ImportOptions, sink: RecordSink, tuning: OcdsTuning = {}): Promise<OcdsSourceReport> {
  const level: OcdsLevel = opts.ocdsLevel ?? 'awards'
  if (!['awards', 'contracts', 'transactions'].includes(level)) {
    throw new SpendInputError('BAD_FLAG', ocdsMsg.badLevel(String(level)), {where: '--ocds-level'})
  }
  // Nothing extracted is held (it is spooled), so sharing equal values would only cost lookups.
  const s = new Interner(false)
  const collector = new Collector(tuning.spoolLimit)
  try {
    return await readInto(source, opts, sink, level, s, collector, tuning)
  } finally {
    collector.dispose()
  }
}

async function readInto(source: JsonSource, opts: ImportOptions, sink: RecordSink, level: OcdsLevel, s: Interner,
  collector: Collector, tuning: OcdsTuning): Promise<OcdsSourceReport> {
  const shapes = new Set<string>()
  const counts = {releases: 0, records: 0, badLines: 0, compiled: 0, linkedOnly: 0}
  // Releases with an ocid and records: none at all (and something else instead) means the file is not OCDS.
  let ocdsItems = 0
  const notOcds = new NotOcdsTally()
  let bytes = 0
  const rejectItem = (line: number, reason: string) => {
    counts.badLines++
    sink.reject({source_file: source.name, source_line: line, reason, amount: null, currency: null, raw: []})
  }
  const release = (r: Json, line: number, fromRecord = false) => {
    if (!fromRecord) counts.releases++
    // A list item may be any JSON value: null and numbers are not releases either.
    if (r === null || typeof r !== 'object' || !text(r.ocid)) {
      notOcds.value(r)
      return rejectItem(line, ocdsMsg.notOcdsItem())
    }
    ocdsItems++
    collector.add(extractRelease(r, line, level, s))
  }
  const record = (r: Json, line: number) => {
    counts.records++
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      notOcds.value(r)
      return rejectItem(line, ocdsMsg.notOcdsLine())
    }
    ocdsItems++
    const {release: rel, how} = recordRelease(r)
    if (how === 'compiled') counts.compiled++
    if (!rel) counts.linkedOnly++
    else release(rel, line, true)
  }
  const dispatch = (item: TopItem) => {
    if (item.kind === 'bad') {
      if (item.depth !== undefined) notOcds.tooDeep(item.depth)
      else if (item.syntax !== undefined) notOcds.badJson(item.line, item.syntax)
      else notOcds.value(item.value)
      return rejectItem(item.line, item.reason)
    }
    const v = item.value
    if (item.kind === 'release') return shapes.add('release package'), release(v, item.line)
    if (item.kind === 'record') return shapes.add('record package'), record(v, item.line)
    if (Array.isArray(v.records)) {
      shapes.add('record package')
      for (const r of v.records) if (obj(r)) record(r as Json, item.line)
    } else if ('compiledRelease' in v || (text(v.ocid) && Array.isArray(v.releases))) {
      shapes.add('record')
      record(v, item.line)
    } else if (Array.isArray(v.releases)) {
      shapes.add('release package')
      for (const r of v.releases) if (obj(r)) release(r as Json, item.line)
    } else if (text(v.ocid)) {
      shapes.add('release')
      release(v, item.line)
    } else {
      notOcds.value(v)
      rejectItem(item.line, ocdsMsg.notOcdsLine())
    }
  }
  const onProgress = opts.onProgress
  const root = await forEachItem(source, dispatch, onProgress && ((n) => onProgress((bytes += n))), tuning.maxLine,
    {fast: tuning.fastJson, unitLimit: tuning.unitLimit})
  // Not one release or record, only other values: the file is not OCDS (an error, not an import of nothing).
  if (ocdsItems === 0 && notOcds.count > 0) throw notOcdsError(source.name, notOcds.describe(root))
  const stats = newStats()
  const ctx = {sink, stats, importId: opts.importId, file: source.name, buyerFlag: opts.buyer, currencyFlag: opts.currency}
  collector.drain((c) => emitItem(c, ctx))
  finishStats(stats)
  const extraWarnings: string[] = []
  if (counts.compiled) extraWarnings.push(ocdsMsg.compiled(counts.compiled))
  if (counts.linkedOnly) extraWarnings.push(ocdsMsg.linkedOnly(counts.linkedOnly))
  return buildReport({file: source.name, format: source.format, container: source.container, encoding: source.encoding, level,
    shapes, releases: counts.releases, records: counts.records, badLines: counts.badLines, collector, stats, extraWarnings})
}

/**
 * The error a command raises when a whole import found nothing to analyse.
 *
 * @example if (report.ocds.nothing_to_import) throw nothingToImportError(report)
 */
export function nothingToImportError(report: OcdsSourceReport): SpendInputError {
  return new SpendInputError('NO_SPEND_ROWS', report.warnings[0] ?? ocdsMsg.notOcds())
}
