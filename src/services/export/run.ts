import {createHash} from 'node:crypto'
import {lstat, mkdir, rename, rm, writeFile} from 'node:fs/promises'
import {basename, dirname, extname, join} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {formatMinor} from '../../model/money.js'
import {exportMsg} from '../../messages.js'
import {resolveWorkspace, Workspace} from '../../io/workspace/index.js'
import {EXPORT_COLUMNS, type RecordWriter} from '../../io/write/export/types.js'
import type {AnalysisFlagValues} from '../analysis-input.js'
import {exportBatches, exportMetadata, exportSelection} from './rows.js'
import {MAX_OPEN, PARTITION_KEYS, type PartitionFile, type PartitionKey, PartitionedWriter, sha256Of} from './partition.js'
import type {ParquetOptions} from '../../io/write/export/parquet.js'

export const EXPORT_FORMATS = ['csv', 'jsonl', 'parquet', 'xlsx', 'arrow'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportRequest {
  out: string
  as?: ExportFormat
  partitionBy?: string
  force: boolean
  flags: AnalysisFlagValues
}

/** What `spend export --json` prints: out, rows, bytes, sha256 first. */
export interface ExportResult {
  out: string
  rows: number
  /** Null for a database load (--db). */
  bytes: number | null
  sha256: string | null
  format: ExportFormat | 'postgres'
  totals: {currency: string; rows: number; amount: string}[]
  /** A partitioned export's files, relative to out, sorted by path. */
  files?: PartitionFile[]
  /** With --db: the table loaded, and the rows of the same imports it replaced. */
  table?: string
  replaced?: number
}

export const MARKER = '_spendkit_export.json'

/** --partition-by year,buyer as keys (a usage error for anything else). */
function partitionKeys(text: string): PartitionKey[] {
  const keys = text.split(',').map((k) => k.trim()).filter(Boolean)
  const bad = keys.find((k) => !(PARTITION_KEYS as readonly string[]).includes(k))
  if (bad !== undefined || keys.length === 0 || new Set(keys).size !== keys.length) {
    throw new SpendInputError('BAD_FLAG', exportMsg.badPartition(text), {where: '--partition-by', hint: exportMsg.partitionHint(), exit: 2})
  }
  return keys as PartitionKey[]
}

/** The format from --as, else from the extension (a usage error naming the ones that work). */
export function exportFormat(out: string, as: ExportFormat | undefined): ExportFormat {
  if (as) return as
  const ext = extname(out).slice(1).toLowerCase()
  if ((EXPORT_FORMATS as readonly string[]).includes(ext)) return ext as ExportFormat
  throw new SpendInputError('BAD_FLAG', exportMsg.unknownExtension(out), {where: '--out', hint: exportMsg.extensionHint(), exit: 2})
}

/** Refuse what this export cannot do, before anything is read or written. */
function checkRequest(req: ExportRequest, format: ExportFormat): void {
  for (const f of ['fx', 'deflate', 'file'] as const) {
    if (req.flags[f] !== undefined && (req.flags[f] as unknown) !== false) throw new SpendInputError('BAD_FLAG', exportMsg.noMoneyFlag(f), {exit: 2})
  }
  if (req.partitionBy !== undefined && (format === 'xlsx' || format === 'arrow')) throw new SpendInputError('BAD_FLAG', exportMsg.noPartition(format), {where: '--partition-by', exit: 2})
}

/** The row group target of a one-file Parquet export (a partitioned one's writers share it). */
const ROW_GROUP_BYTES = 128 * 1024 * 1024

async function openWriter(format: ExportFormat, path: string, ws: Workspace, imports?: readonly string[], parquet: ParquetOptions = {rowGroupBytes: ROW_GROUP_BYTES}): Promise<RecordWriter> {
  if (format === 'csv') return (await import('../../io/write/export/csv.js')).openCsvWriter(path)
  if (format === 'jsonl') return (await import('../../io/write/export/jsonl.js')).openJsonlWriter(path)
  if (format === 'xlsx') return (await import('../../io/write/export/xlsx.js')).openXlsxWriter(path)
  if (format === 'arrow') return (await import('../../io/write/export/arrow.js')).openArrowWriter(path)
  const {openParquetWriter} = await import('../../io/write/export/parquet.js')
  return openParquetWriter(path, EXPORT_COLUMNS, await exportMetadata(ws, imports), parquet)
}

/**
 * Export the workspace's records to one file: written to a temporary sibling
 * and renamed into place at the end, so the target is never half written
 * (an error or Ctrl-C removes the temporary file). An existing target needs
 * --force.
 */
export async function runExport(req: ExportRequest): Promise<ExportResult> {
  const format = exportFormat(req.out, req.as)
  checkRequest(req, format)
  const keys = req.partitionBy !== undefined ? partitionKeys(req.partitionBy) : null
  const existing = await lstat(req.out).catch(() => null)
  if (existing && !req.force) throw new SpendInputError('OUT_EXISTS', exportMsg.exists(req.out), {where: '--out', hint: exportMsg.existsHint(), exit: 2})
  if (existing?.isDirectory() && !keys) throw new SpendInputError('OUT_EXISTS', exportMsg.isFolder(req.out), {where: '--out', exit: 2})
  if (existing && keys && !(existing.isDirectory() && (await lstat(join(req.out, MARKER)).catch(() => null)))) {
    throw new SpendInputError('OUT_EXISTS', exportMsg.notExport(req.out), {where: '--out', exit: 2})
  }
  const ws = await Workspace.open(resolveWorkspace(req.flags.workspace))
  const tmp = join(dirname(req.out), `.${basename(req.out)}.tmp-${process.pid}`)
  let writer: RecordWriter | null = null
  let parted: PartitionedWriter | null = null
  const cleanup = () => {
    void writer?.abort()
    void parted?.abort()
    void rm(tmp, {recursive: true, force: true})
  }
  process.once('SIGINT', cleanup)
  try {
    if (keys) {
      await mkdir(tmp)
      parted = new PartitionedWriter(tmp, keys, format, (path) => openWriter(format, path, ws, undefined, {rowGroupBytes: ROW_GROUP_BYTES / MAX_OPEN}))
    } else {
      writer = await openWriter(format, tmp, ws)
    }
    const sink = (parted ?? writer)!
    const totals = new Map<string, {rows: number; amount: bigint}>()
    let rows = 0
    // Worked out once: a partitioned export may read the rows in several passes.
    const selection = await exportSelection(ws, {filters: req.flags})
    for await (const batch of exportBatches(ws, {selection})) {
      await sink.write(batch)
      rows += batch.length
      const cur = batch.values.currency
      const amt = batch.values.amount_minor
      for (let i = 0; i < batch.length; i++) {
        const c = cur[i] as string
        const t = totals.get(c) ?? {rows: 0, amount: 0n}
        t.rows++
        t.amount += amt[i] as bigint
        totals.set(c, t)
      }
    }
    // More partitions than writers open at once: read the rows again for the next ones.
    for (let keep = parted && (await parted.nextPass()); parted && keep; keep = await parted.nextPass()) {
      for await (const batch of exportBatches(ws, {selection, keep})) await parted.write(batch)
    }
    const sorted = [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const summed = sorted.map(([currency, t]) => ({currency, rows: t.rows, amount: formatMinor(t.amount, currency)}))
    if (parted) {
      const files = await parted.finish()
      const meta = await exportMetadata(ws)
      const marker = Buffer.from(`${JSON.stringify({tool: meta.tool, format, partition_by: keys, imports: meta.imports, files}, null, 2)}\n`, 'utf8')
      await writeFile(join(tmp, MARKER), marker)
      await replaceWith(tmp, req.out, existing !== null)
      const bytes = files.reduce((n, f) => n + f.bytes, 0) + marker.length
      return {out: req.out, rows, bytes, sha256: createHash('sha256').update(marker).digest('hex'), format, totals: summed, files}
    }
    const {bytes} = await writer!.finish()
    const sha256 = await sha256Of(tmp)
    await rename(tmp, req.out)
    return {out: req.out, rows, bytes, sha256, format, totals: summed}
  } catch (error) {
    if (writer) await writer.abort()
    if (parted) await parted.abort()
    await rm(tmp, {recursive: true, force: true})
    throw asUserError(error, req.out)
  } finally {
    process.removeListener('SIGINT', cleanup)
  }
}

/** Put the finished folder in place; a previous export there is moved aside first, then removed. */
async function replaceWith(tmp: string, out: string, exists: boolean): Promise<void> {
  if (!exists) return rename(tmp, out)
  const aside = `${tmp}-old`
  await rename(out, aside)
  await rename(tmp, out)
  await rm(aside, {recursive: true, force: true})
}

/** A folder the file cannot be written into is a one-line error (exit 1). */
function asUserError(error: unknown, out: string): unknown {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'ENOENT' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EPERM') {
    return new SpendInputError('OUT_UNWRITABLE', exportMsg.unwritable(out, code), {where: '--out', exit: 1})
  }
  return error
}
