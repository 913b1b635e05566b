import {stat} from 'node:fs/promises'
import {resolve} from 'node:path'
import {rowsMsg} from '../messages.js'
import {dictValue, type SpendFrame} from '../model/frame.js'
import {type FileHash, hashFileInBackground, hashFileSync} from '../io/hash/file-hash.js'
import {readRecordLines, TEXT_ENCODINGS} from '../io/read/bytes/record-lines.js'
import type {TextEncoding} from '../io/read/bytes/decode.js'
import type {ImportEntry, SourceReportJson} from '../io/workspace/index.js'

import {type RawLines, type RawSource, type RawStatus} from '../io/write/raw-lines-shape.js'

export {RAW_STATUSES, type RawLines, type RawSource, type RawStatus} from '../io/write/raw-lines-shape.js'

/**
 * `spend rows --raw`: each listed record's original line, read from its
 * source file when that file is still where the import recorded it and its
 * SHA-256 still matches; otherwise the reason why not, per file.
 */

/** Where to find sources: the workspace folder and its imports (none for --file). */
export interface RawContext {
  dir: string | null
  entries: readonly ImportEntry[]
  /** Older entries hold the path relative to where the import ran: taken as the current directory. */
  cwd?: string
}

/**
 * Below this a file is hashed here (a few ms); above, on another thread while
 * its lines are read, as the importer does (SPENDKIT_HASH_THREAD_MIN_BYTES overrides both, for tests).
 */
const HASH_THREAD_MIN_BYTES = 8 * 2 ** 20

/**
 * The source path of an import: `path` (relative to the workspace folder,
 * posix; null for standard input) when the entry has one, else `file` as
 * typed, relative to the current directory.
 * @example sourcePath({file: 'x.csv', path: 'data/x.csv'}, '/ws', '/home') // {recorded: 'data/x.csv', absolute: '/ws/data/x.csv'}
 */
export function sourcePath(entry: Pick<ImportEntry, 'file'> & {path?: string | null}, dir: string, cwd: string): {recorded: string | null; absolute: string | null} {
  const p = entry.path
  if (p === null) return {recorded: null, absolute: null}
  if (typeof p === 'string') return {recorded: p, absolute: resolve(dir, ...p.split('/'))}
  if (entry.file === '-' || entry.file === '<stdin>') return {recorded: null, absolute: null}
  return {recorded: entry.file, absolute: resolve(cwd, entry.file)}
}

/**
 * Raw lines of the listed rows (`rows`, frame indexes, in output order): each
 * source file is read once, for the lines its listed rows start on.
 * @example const raw = await readRawLines(frame, ordered, {dir: ws.dir, entries: await ws.list()})
 */
export async function readRawLines(frame: SpendFrame, rows: Uint32Array, ctx: RawContext): Promise<RawLines> {
  const source = frame.columns.source
  const file = frame.columns.source_file
  const line = frame.columns.source_line
  if (source?.type !== 'dict' || file?.type !== 'dict' || line?.type !== 'num') throw new Error('bug: raw lines need source, source_file and source_line')
  const groups = new Map<string, {import: string; file: string; at: number[]}>()
  rows.forEach((i, at) => {
    const id = dictValue(source, i) ?? ''
    const name = dictValue(file, i) ?? ''
    const key = `${id}\u0000${name}`
    let g = groups.get(key)
    if (!g) groups.set(key, (g = {import: id, file: name, at: []}))
    g.at.push(at)
  })
  const raw: (string | null)[] = new Array(rows.length).fill(null)
  const status: RawStatus[] = new Array(rows.length).fill('not_imported')
  const byId = new Map(ctx.entries.map((e) => [e.id, e]))
  const sources: RawSource[] = []
  for (const g of groups.values()) {
    const entry = byId.get(g.import)
    const where = entry && ctx.dir !== null ? sourcePath(entry, ctx.dir, ctx.cwd ?? process.cwd()) : {recorded: null, absolute: null}
    const lines = g.at.map((at) => line.values[rows[at]])
    const read = entry ? await readSource(entry, entry.files.find((f) => f.file === g.file), where.absolute, lines) : {status: 'not_imported' as const, note: rowsMsg.notImported()}
    let missing = 0
    for (const at of g.at) {
      const text = read.found?.get(line.values[rows[at]])
      raw[at] = text ?? null
      status[at] = read.found ? (text === undefined ? 'line_not_found' : 'ok') : read.status
      if (status[at] === 'line_not_found') missing++
    }
    // The file matched, yet a recorded line is not in it: say so rather than show nothing.
    const found = missing > 0 ? {status: 'line_not_found' as const, note: rowsMsg.lineNotFound(missing)} : read
    sources.push({import: g.import, file: g.file, path: where.recorded, status: found.status, note: found.note, rows: g.at.length})
  }
  sources.sort((a, b) => (a.import < b.import ? -1 : a.import > b.import ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  return {raw, status, sources}
}

interface SourceRead {
  status: RawStatus
  note: string | null
  found?: Map<number, string>
}

/** Read one source's wanted lines, or say why they cannot be read. */
async function readSource(entry: ImportEntry, report: SourceReportJson | undefined, path: string | null, lines: number[]): Promise<SourceRead> {
  if (path === null) return {status: 'stdin', note: rowsMsg.stdin()}
  if (!report) return {status: 'not_text', note: rowsMsg.notText(entry.format)}
  if (report.container.length > 0) return {status: 'archive', note: rowsMsg.archive(report.container.join(' in '))}
  if (!['csv', 'tsv'].includes(report.format) || !TEXT_ENCODINGS.has(report.encoding ?? '')) {
    return {status: 'not_text', note: rowsMsg.notText(report.format)}
  }
  let size: number
  try {
    const st = await stat(path)
    if (!st.isFile()) return {status: 'file_moved', note: rowsMsg.moved(path)}
    size = st.size
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return {status: 'file_moved', note: rowsMsg.moved(path)}
    return {status: 'unreadable', note: rowsMsg.unreadable(code ?? (error as Error).message)}
  }
  if (size !== entry.bytes) return {status: 'file_changed', note: rowsMsg.changedSize(size, entry.bytes)}
  try {
    // A small file is checked before it is read; a big one on another thread while it is read.
    let hash: Promise<FileHash> | null = null
    if (size < (Number(process.env.SPENDKIT_HASH_THREAD_MIN_BYTES) || HASH_THREAD_MIN_BYTES)) {
      if (hashFileSync(path).sha256 !== entry.sha256) return {status: 'file_changed', note: rowsMsg.changed()}
    } else {
      hash = hashFileInBackground(path)
      hash.catch(() => {})
    }
    const found = await readRecordLines(path, {encoding: report.encoding as TextEncoding, delimiter: report.delimiter ?? ',', lines})
    if (hash && (await hash).sha256 !== entry.sha256) return {status: 'file_changed', note: rowsMsg.changed()}
    return {status: 'ok', note: null, found}
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    return {status: 'unreadable', note: rowsMsg.unreadable(e.code ?? e.message)}
  }
}
