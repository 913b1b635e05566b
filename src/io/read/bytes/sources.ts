/**
 * From "a path or stdin" to Sources: tables of string cells (CSV/TSV text,
 * spreadsheet sheets) or decoded JSON text, looking through zip and gzip.
 * Formats are decided from the bytes, never from the file name alone.
 */
import {isAscii} from 'node:buffer'
import {createReadStream} from 'node:fs'
import {readFile, readdir, stat} from 'node:fs/promises'
import {basename, join} from 'node:path'
import {SpendInputError} from '../../../errors.js'
import {InflateGuard, collectBytes, gunzipBytes, zipMemberBytes} from './archive.js'
import {parseCsv, sniffDelimiter} from './csv.js'
import {decodeChunks, decodeSample, detectEncoding} from './decode.js'
import {archiveTooLargeError, describeBinary, emptyFileError, extensionOf, notSpendDataError, peekBytes, safeName, sniffBytes} from './detect.js'
import {guardJsonTokens, resolveLimits} from '../limits.js'
import type {Limits} from '../limits.js'
import {checkWorkbookMembers, checkWorkbookSize, readWorkbook} from './spreadsheet.js'
import {type CellRow, type JsonSource, type Source, STDIN_NAME, type TableSource} from '../types.js'
import {bufferAccess, dataMembers, fileAccess, officeDocument, readZipDirectory, workbookFormat} from './zip.js'
import type {RandomAccess} from './zip.js'
import {bytesMsg} from '../../../messages.js'

export type {Limits} from '../limits.js'
export {DEFAULT_LIMITS} from '../limits.js'

/** Bytes looked at before deciding a format (at least; a first chunk that is larger is used whole). */
const HEAD_BYTES = 64 * 1024
/**
 * Rows per batch and bytes per read. Measured on 1M rows: small batches of
 * small chunks are ~2x cheaper than 4096 rows of 1 MB chunks, because rows
 * handed on before the next young-generation GC die young instead of being
 * copied into the old generation.
 */
const BATCH = 1024
const READ_CHUNK = 64 * 1024

interface Ctx {
  limits: Limits
  onBytes: (n: number) => void
}

export interface OpenOptions {
  /** Called with the total raw bytes read so far (compressed bytes for archives). */
  onProgress?: (bytes: number) => void
  limits?: Partial<Limits>
  /**
   * The name of a single file's sources, instead of its base name (standard
   * input spooled to a temp file is still `<stdin>`).
   */
  name?: string
}

export {STDIN_NAME} from '../types.js'

/**
 * Open a file, a folder (every file inside, recursively, in name order,
 * dotfiles skipped) or '-' (stdin), and yield one Source per table or JSON
 * document found, looking inside .zip (members in name order) and .gz.
 * Read each Source's rows (or text) before asking for the next one.
 * Throws SpendInputError for anything that is not spend data.
 * @example
 * for await (const src of openSources('spend.zip')) {
 *   if (src.kind === 'table') for await (const batch of src.rows) count += batch.length
 * }
 */
export async function* openSources(input: string, opts: OpenOptions = {}): AsyncGenerator<Source> {
  let total = 0
  const ctx: Ctx = {
    limits: resolveLimits(opts.limits),
    onBytes: (n) => {
      total += n
      opts.onProgress?.(total)
    },
  }
  if (input === '-') {
    if (process.stdin.isTTY) {
      throw new SpendInputError('NO_INPUT', bytesMsg.stdinIsTty(), {where: 'stdin', hint: bytesMsg.stdinIsTtyHint()})
    }
    yield* fromStream(counted(process.stdin, ctx), STDIN_NAME, [], 0, ctx)
    return
  }
  const st = await stat(input).catch(() => null)
  if (st === null) throw new SpendInputError('FILE_NOT_FOUND', bytesMsg.notFound(), {where: input, hint: bytesMsg.notFoundHint()})
  if (!st.isDirectory()) {
    yield* fromFile(input, opts.name ?? safeName(basename(input)), ctx)
    return
  }
  const files = await listFiles(input, '')
  if (files.length === 0) throw new SpendInputError('NO_FILES', bytesMsg.emptyFolder(), {where: input, hint: bytesMsg.expectedFormats()})
  for (const rel of files) yield* fromFile(join(input, rel), safeName(rel), ctx)
}

/** Relative paths of the files under dir, sorted by name at each level, dotfiles skipped. */
async function listFiles(root: string, rel: string, depth = 0): Promise<string[]> {
  // A symlink loop would recurse for ever: no real data folder is this deep.
  if (depth > 32) throw new SpendInputError('FOLDER_TOO_DEEP', bytesMsg.folderTooDeep(), {where: join(root, rel)})
  const entries = (await readdir(join(root, rel), {withFileTypes: true}))
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const out: string[] = []
  for (const e of entries) {
    const r = rel === '' ? e.name : `${rel}/${e.name}`
    const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(join(root, r))).isDirectory())
    if (isDir) out.push(...(await listFiles(root, r, depth + 1)))
    else out.push(r)
  }
  return out
}

async function* counted(src: AsyncIterable<Uint8Array>, ctx: Ctx): AsyncGenerator<Uint8Array> {
  for await (const c of src) {
    ctx.onBytes(c.length)
    yield c
  }
}

async function* fromFile(path: string, name: string, ctx: Ctx): AsyncGenerator<Source> {
  const ra = await fileAccess(path, ctx.onBytes)
  const kind = sniffBytes(await ra.read(0, 8))
  if (kind === 'zip') {
    yield* fromZip(ra, name, [], 0, ctx)
  } else if (kind === 'ole2') {
    checkWorkbookSize(ra.size, name, ctx.limits)
    const bytes = await readFile(path)
    ctx.onBytes(bytes.length)
    yield* fromWorkbook(bytes, name, [], 'xls', ctx)
  } else {
    yield* fromStream(counted(createReadStream(path, {highWaterMark: READ_CHUNK}), ctx), name, [], 0, ctx)
  }
}

async function* fromStream(src: AsyncIterable<Uint8Array>, name: string, container: string[], depth: number, ctx: Ctx): AsyncGenerator<Source> {
  const {head, stream, whole} = await peekBytes(src, HEAD_BYTES)
  const kind = sniffBytes(head)
  const {limits} = ctx
  switch (kind) {
    case 'empty':
      throw emptyFileError(name)
    case 'binary':
      throw notSpendDataError(name, describeBinary(head) ?? bytesMsg.binary())
    case 'zip':
    case 'gzip':
      if (depth >= limits.maxArchiveDepth) throw archiveTooLargeError(name, bytesMsg.nestedTooDeep(limits.maxArchiveDepth))
      if (kind === 'gzip') {
        yield* fromStream(gunzipBytes(stream, name, limits), name, [...container, 'gz'], depth + 1, ctx)
      } else {
        const buf = await collectBytes(stream, limits.maxBufferedArchiveBytes, name)
        yield* fromZip(bufferAccess(buf), name, container, depth, ctx)
      }
      return
    case 'ole2': {
      const bytes = await collectBytes(stream, limits.maxSpreadsheetBytes + 1, name, () => checkWorkbookSize(limits.maxSpreadsheetBytes + 1, name, limits))
      yield* fromWorkbook(bytes, name, container, 'xls', ctx)
      return
    }
    default:
      yield textSource(head, whole, stream, name, container, ctx)
  }
}

/** Progress: a zip on disk counts the member bytes it streams (checkWorkbookMembers streams a workbook's); buffers were counted as they arrived. */
async function* fromZip(ra: RandomAccess, name: string, container: string[], depth: number, ctx: Ctx): AsyncGenerator<Source> {
  const entries = await readZipDirectory(ra, name, ctx.limits)
  const workbook = workbookFormat(entries)
  if (workbook !== null) {
    // readZipDirectory has already refused members with bomb-like sizes.
    checkWorkbookSize(ra.size, name, ctx.limits)
    await checkWorkbookMembers(ra, entries, name, ctx.limits)
    const bytes = await ra.read(0, ra.size)
    yield* fromWorkbook(bytes, name, container, workbook, ctx)
    return
  }
  const doc = officeDocument(entries)
  if (doc !== null) throw notSpendDataError(name, doc)
  const members = dataMembers(entries)
  if (members.length === 0) throw emptyFileError(name)
  const guard = new InflateGuard(name, ctx.limits)
  for (const m of members) {
    yield* fromStream(zipMemberBytes(ra, m, name, guard), `${name}!${m.name}`, [...container, 'zip'], depth + 1, ctx)
  }
}

async function* fromWorkbook(bytes: Uint8Array, name: string, container: string[], format: 'xls' | 'xlsx' | 'ods', ctx: Ctx): AsyncGenerator<Source> {
  const sheets = await readWorkbook(bytes, name, ctx.limits)
  if (sheets.length === 0) throw new SpendInputError('EMPTY_FILE', bytesMsg.workbookEmpty(), {where: name, hint: bytesMsg.workbookEmptyHint()})
  for (const sheet of sheets) {
    const src: TableSource = {
      kind: 'table',
      name: sheets.length > 1 ? `${name}!${sheet.name}` : name,
      format,
      container,
      encoding: null,
      delimiter: null,
      typedCells: true,
      rows: inBatches(sheet.rows),
      sheet: {rows: sheet.rows.length, ofMany: sheets.length > 1},
    }
    yield src
  }
}

async function* inBatches(rows: CellRow[]): AsyncGenerator<CellRow[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH)
}

/**
 * JSON when the text starts like a JSON object or array (`{"`, `{}`, `[{`, `[]`...),
 * so a CSV whose header starts with `[Date]` stays a table.
 */
function looksLikeJson(text: string): boolean {
  const m = /^\s*([[{])\s*(\S)?/.exec(text)
  if (!m) return false
  const next = m[2]
  if (next === undefined) return true
  return m[1] === '{' ? next === '"' || next === '}' : /["{[\]\-0-9tfn]/.test(next)
}

/** JSON Lines: the first line is a whole JSON value and another value starts on a later line. */
function looksLikeJsonLines(text: string): boolean {
  const nl = text.indexOf('\n')
  if (nl < 0) return false
  try {
    JSON.parse(text.slice(0, nl))
  } catch {
    return false
  }
  return /^\s*[[{]/.test(text.slice(nl + 1))
}

function textSource(head: Uint8Array, whole: boolean, bytes: AsyncIterable<Uint8Array>, name: string, container: string[], ctx: Ctx): Source {
  const encoding = detectEncoding(head, whole)
  const sample = decodeSample(head, encoding)
  if (whole && sample.trim() === '') throw emptyFileError(name)
  const ext = extensionOf(name)
  // The Source is built before its text is read; a later switch of encoding (see decodeChunks) is written back to it.
  const holder: {encoding: string} = {encoding}
  const text = decodeChunks(bytes, encoding, name, {asciiGuess: !whole && isAscii(head), onEncoding: (e) => (holder.encoding = e)})
  if (looksLikeJson(sample)) {
    const jsonl = ext === 'jsonl' || ext === 'ndjson' || (ext !== 'json' && looksLikeJsonLines(sample))
    const guarded = guardJsonTokens(text, ctx.limits.maxFieldLength, name)
    const src: JsonSource = {kind: 'json', name, format: jsonl ? 'jsonl' : 'json', container, encoding, text: guarded}
    return bindEncoding(src, holder)
  }
  const delimiter = sniffDelimiter(sample)
  const src: TableSource = {
    kind: 'table',
    name,
    format: delimiter === '\t' ? 'tsv' : 'csv',
    container,
    encoding,
    delimiter,
    typedCells: false,
    rows: parseCsv(text, {delimiter, limits: ctx.limits, name, batchSize: BATCH}),
  }
  return bindEncoding(src, holder)
}

/** Make `src.encoding` read the holder, so it reports the encoding actually used once the text is read. */
function bindEncoding<T extends Source>(src: T, holder: {encoding: string}): T {
  Object.defineProperty(src, 'encoding', {get: () => holder.encoding, enumerable: true})
  return src
}
