/**
 * The second half of a split read (see split.ts), in a worker thread: decide
 * the plan from the file's first rows exactly as the first half does, then
 * read only the bytes from the cut, numbering lines from the cut's line, into
 * a PartWriter of its own.
 */
import {createReadStream} from 'node:fs'
import {mkdir} from 'node:fs/promises'
import {type WrittenHalf, PartWriter} from '../../workspace/writer.js'
import {parseCsv} from '../bytes/csv.js'
import {decodeChunks, type TextEncoding} from '../bytes/decode.js'
import {resolveLimits} from '../limits.js'
import {openSources} from '../bytes/sources.js'
import {halfStats, type HalfStats, planKey} from './split-stats.js'
import {TableReader} from '../table/table-rows.js'
import {planTable, SAMPLE_ROWS} from '../table/tableplan.js'
import type {CellRow, ImportOptions, TableSource} from '../types.js'

/** What the worker is given at start (structured-clone data only). */
export interface HalfArgs {
  path: string
  /** The sources' name, as the first half gives it (see OpenOptions.name). */
  name?: string
  opts: Omit<ImportOptions, 'onProgress' | 'importId'>
}

/** Given once the import has begun: where to start (byte offset and its line), a folder for the parts and rejects, and rows per part. */
export interface HalfGo {
  offset: number
  line: number
  dir: string
  partRows: number
}

export interface HalfResult {
  planKey: string
  stats: HalfStats
  written: WrittenHalf
}

/**
 * Read the second half of a file: plan, then wait for `started` (null:
 * stop). Throws on anything unexpected; the first half then reads on by
 * itself (which gives the error, if there is one).
 *
 * @example const r = await readHalf(args, Promise.resolve(go)); r.stats.imported // 500000
 */
export async function readHalf(args: HalfArgs, started: Promise<HalfGo | null>): Promise<HalfResult> {
  const sources = openSources(args.path, {name: args.name})
  const first = await sources.next()
  if (first.done || first.value.kind !== 'table') throw new Error('split: not a table')
  const head = first.value
  // The same rows as readTablePlanned buffers, so the same plan.
  const it = head.rows[Symbol.asyncIterator]()
  const buf: CellRow[] = []
  while (buf.length < SAMPLE_ROWS + 60) {
    const next = await it.next()
    if (next.done) break
    for (const r of next.value) buf.push(r)
  }
  const opts: ImportOptions = {...args.opts, importId: ''}
  const plan = planTable(head, opts, buf)
  const headerLine = (buf[plan.headerIdx] as CellRow).line
  // The encoding and delimiter found here are those the first half found (same bytes, same code); planKey checks.
  const encoding = head.encoding as TextEncoding
  const delimiter = head.delimiter ?? ','
  await it.return?.()
  await sources.return(undefined)
  const go = await started
  if (go === null) throw new Error('split: not needed')
  if (go.line <= headerLine) throw new Error('split: cut above the header')
  const text = decodeChunks(createReadStream(args.path, {start: go.offset, highWaterMark: 64 * 1024}), encoding, head.name)
  const source: TableSource = {
    kind: 'table', name: head.name, format: head.format, container: head.container, encoding, delimiter, typedCells: false,
    rows: parseCsv(text, {delimiter, limits: resolveLimits(), name: head.name, batchSize: 1024, firstLine: go.line}),
  }
  await mkdir(go.dir, {recursive: true})
  const writer = new PartWriter(go.dir, go.partRows)
  const reader = new TableReader(plan, source, opts, writer)
  reader.headerLine = headerLine
  reader.startBelowHeader()
  for await (const batch of source.rows) for (const r of batch) reader.row(r)
  reader.flush()
  writer.finish()
  // Its parts must be on disk before the first half renames them into the import.
  await writer.settle()
  return {planKey: planKey(plan, headerLine, source), stats: halfStats(reader), written: writer.written()}
}
