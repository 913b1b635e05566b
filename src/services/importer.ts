import {createWriteStream, promises as fsp, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, join, relative, resolve, sep} from 'node:path'
import {pipeline} from 'node:stream/promises'
import {SpendInputError} from '../errors.js'
import {bytesMsg} from '../messages.js'
import type {ImportOptions, SourceReport} from '../io/read/types.js'
import {type FileHash, hashFileInBackground, hashFileSync} from '../io/hash/file-hash.js'
import {safeName} from '../io/read/bytes/detect.js'
import {openSources, STDIN_NAME} from '../io/read/bytes/sources.js'
import {findCut, type HalfRead, splitCandidate, startHalf} from '../io/read/split/split.js'
import {
  type ImportEntry, type ImportStart, type ImportWriter, importIdFor, normaliseOptions, optionsKey, type Workspace,
} from '../io/workspace/index.js'

/** Standard input is spooled to a temp file; past this it is refused. */
const MAX_STDIN_BYTES = 8 * 2 ** 30

export interface ImportRequest {
  /** A file path, or '-' for standard input. */
  input: string
  buyer?: string
  currency?: string
  map?: Record<string, string>
  preset?: string
  ocdsLevel?: 'awards' | 'contracts' | 'transactions'
  replace?: boolean
  toolVersion: string
  onProgress?: (bytes: number, total: number) => void
}

export interface ImportOutcome {
  status: 'imported' | 'unchanged'
  entry: ImportEntry
}

/**
 * Expand inputs: a folder becomes its files (recursively, in name order,
 * dotfiles skipped), each one its own import; '-' stays stdin. A folder
 * named in `inputs` (`top`) that holds no data file is an error.
 */
export async function expandInputs(inputs: readonly string[], top = true): Promise<string[]> {
  const out: string[] = []
  for (const input of inputs) {
    if (input === '-') {
      out.push(input)
      continue
    }
    const stat = await fsp.stat(input)
    if (!stat.isDirectory()) {
      out.push(input)
      continue
    }
    const names = (await fsp.readdir(input)).filter((n) => !n.startsWith('.')).sort()
    const files = await expandInputs(names.map((n) => join(input, n)), false)
    // Documentation and scripts beside the data are not spend files.
    const data = files.filter((f) => !/(^|\/)README(\.md|\.txt)?$/i.test(f) && !/\.(md|py|sh|ya?ml|mjs|js|ts)$/i.test(f))
    // A folder given on the command line with nothing in it is a mistake worth saying (exit 1), not an empty success.
    if (top && data.length === 0) throw new SpendInputError('NO_FILES', bytesMsg.emptyFolder(), {where: input, hint: bytesMsg.expectedFormats()})
    out.push(...data)
  }
  return out
}

/** Copy standard input to a temp file so it can be hashed, re-read and recognised next time. */
async function spoolStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new SpendInputError('NO_INPUT', 'no input file and nothing piped on standard input', {
      where: STDIN_NAME, hint: 'give a FILE, or pipe data in and use -', exit: 2,
    })
  }
  const dir = await fsp.mkdtemp(join(tmpdir(), 'spendkit-stdin-'))
  // The spool goes however the run ends: a normal end or error (removeSpool),
  // process.exit (the import's own signal handler), or a signal before that
  // handler is in place.
  const remove = () => rmSync(dir, {recursive: true, force: true})
  // With the import's handler in place, it exits (and `exit` removes the spool).
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) === 0) process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  process.once('exit', remove)
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  spoolCleanups.set(dir, () => {
    process.off('exit', remove)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  })
  const file = join(dir, 'stdin')
  let bytes = 0
  const cap = Number(process.env.SPENDKIT_MAX_STDIN_BYTES) || MAX_STDIN_BYTES
  try {
    await pipeline(process.stdin, async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        bytes += chunk.length
        // An endless pipe must not fill the disk.
        if (bytes > cap) {
          throw new SpendInputError('INPUT_TOO_LARGE', `standard input is larger than ${cap.toLocaleString('en-GB')} bytes`, {
            where: STDIN_NAME, hint: 'save it to a file and import the file',
          })
        }
        yield chunk
      }
    }, createWriteStream(file))
  } catch (error) {
    await removeSpool(dir)
    throw error
  }
  return file
}

/** Spool folders still to remove, each with what unhooks its exit and signal listeners. */
const spoolCleanups = new Map<string, () => void>()

async function removeSpool(dir: string): Promise<void> {
  spoolCleanups.get(dir)?.()
  spoolCleanups.delete(dir)
  await fsp.rm(dir, {recursive: true, force: true})
}

/**
 * Import one file (or stdin) into the workspace: recognise a re-import of the
 * same bytes and options (a no-op unless `replace`), read every source inside
 * it, and commit atomically. Any failure leaves the workspace as it was.
 */
export async function importOne(ws: Workspace, req: ImportRequest): Promise<ImportOutcome> {
  const path = req.input === '-' ? await spoolStdin() : req.input
  try {
    const size = (await fsp.stat(path)).size
    if (size === 0) {
      throw new SpendInputError('EMPTY_FILE', 'the file is empty', {where: label(req.input), hint: 'check you exported the data'})
    }
    const options = normaliseOptions({
      buyer: req.buyer, currency: req.currency, map: req.map, preset: req.preset, ocds_level: req.ocdsLevel,
    })
    const key = optionsKey(options)
    const start = {file: fileName(req.input), path: workspacePath(ws, req.input), bytes: size, options, tool_version: req.toolVersion}
    // A file that may be imported already (an import of that size and those
    // options exists) is hashed first, so a re-import costs only the hash.
    // Any other is hashed on another thread while its rows are read, and gets
    // its id at commit: the id is a hash of the whole file.
    const mayExist = (await ws.list()).some((e) => e.bytes === size && optionsKey(e.options) === key)
    // The second half of a big plain CSV (or of standard input, spooled) starts now, to load and plan while this thread goes on.
    const half = await startSplit(path, req)
    try {
      const lateMin = Number(process.env.SPENDKIT_HASH_THREAD_MIN_BYTES) || HASH_THREAD_MIN_BYTES
      if (mayExist || size < lateMin) {
        const hash = hashFileSync(path)
        const existing = await ws.findBySha(hash.sha256, key)
        if (existing && !req.replace) return {status: 'unchanged', entry: existing}
        // A cut found in an ASCII head holds only if the whole file is UTF-8 (see findSplit).
        const sameRead = half !== null && (!half.asciiHead || hash.utf8) ? half.read : null
        const id = importIdFor(hash.sha256, key)
        return await readAndCommit(ws, path, req, {...start, id, sha256: hash.sha256}, null, sameRead)
      }
      // A cut found in an ASCII head holds only if the whole file is UTF-8 (see
      // findSplit): the hash thread reads far ahead of the rows, so the second
      // half is stopped as soon as it sees otherwise, not at the cut.
      const guessed = half?.asciiHead ? half.read : null
      const hash = hashFileInBackground(path, guessed ? () => void guessed.discard() : undefined)
      // Handled here too, so a failed read does not also leave an unhandled rejection.
      hash.catch(() => {})
      if (guessed) guessed.valid = hash.then((h) => h.utf8, () => false)
      return await readAndCommit(ws, path, req, start, {hash, key}, half?.read ?? null)
    } finally {
      await half?.read.discard()
    }
  } finally {
    if (req.input === '-') await removeSpool(join(path, '..'))
  }
}

/**
 * Below this a file is hashed before it is read (about 5 ms): a hash thread
 * would cost more (SPENDKIT_HASH_THREAD_MIN_BYTES overrides, for tests).
 */
const HASH_THREAD_MIN_BYTES = 8 * 2 ** 20

/**
 * Read every source of the file into a new import and commit it. With
 * `late`, the id is not known yet: it comes from the hash at commit.
 */
async function readAndCommit(
  ws: Workspace, path: string, req: ImportRequest, start: ImportStart, late: {hash: Promise<FileHash>; key: string} | null, half: HalfRead | null,
): Promise<ImportOutcome> {
  const writer = await ws.beginImport(start, {replace: req.replace})
  const stopOnSignal = abortOnSignal(writer)
  try {
    const reports = await readAll(path, req, writer, start.id ?? '', start.bytes, half)
    let identity
    if (late !== null) {
      const h = await late.hash
      if (h.bytes !== start.bytes) {
        throw new SpendInputError('FILE_CHANGED', 'the file changed while it was being imported', {
          where: label(req.input), hint: 'import it again once it is complete',
        })
      }
      identity = {id: importIdFor(h.sha256, late.key), sha256: h.sha256}
    }
    const entry = await writer.commit({files: reports, identity})
    return {status: 'imported', entry}
  } catch (error) {
    await writer.abort()
    throw error
  } finally {
    stopOnSignal()
  }
}

/** Start the second half of a split read when the file is big plain text with a clear cut (see read/split.ts). */
async function startSplit(path: string, req: ImportRequest): Promise<{read: HalfRead; asciiHead: boolean} | null> {
  const st = await fsp.stat(path).catch(() => null)
  if (!st?.isFile()) return null
  // An unreadable file is reported by the one-thread read, as before.
  const tryOr = <T>(f: () => T): T | null => {
    try {
      return f()
    } catch {
      return null
    }
  }
  const candidate = tryOr(() => splitCandidate(path, st.size))
  if (candidate === null) return null
  // The second thread loads and plans while this one scans for the cut.
  const {buyer, currency, map, preset, ocdsLevel} = req
  const read = startHalf({path, name: fileName(req.input), opts: {label: label(req.input), buyer, currency, map, preset, ocdsLevel}})
  const cut = tryOr(() => findCut(path, st.size))
  if (cut === null) {
    await read.discard()
    return null
  }
  read.offset = cut.offset
  read.line = cut.line
  return {read, asciiHead: candidate.asciiHead}
}

async function readAll(path: string, req: ImportRequest, writer: ImportWriter, id: string, total: number, half: HalfRead | null): Promise<SourceReport[]> {
  const opts: ImportOptions = {
    importId: id, label: label(req.input), buyer: req.buyer, currency: req.currency, map: req.map,
    preset: req.preset, ocdsLevel: req.ocdsLevel,
  }
  const reports: SourceReport[] = []
  const onProgress = req.onProgress ? (bytes: number) => req.onProgress!(bytes, total) : undefined
  for await (const source of openSources(path, {onProgress, name: fileName(req.input)})) {
    if (source.kind === 'table' && half !== null && writer.split && reports.length === 0 && source.container.length === 0 && !source.typedCells) {
      const {readTableSplit} = await import('../io/read/split/table-split.js')
      half.go({dir: writer.split.dir, partRows: writer.split.partRows})
      reports.push(await readTableSplit(source, opts, writer, half))
      onProgress?.(total)
    } else if (source.kind === 'table') {
      const {readTable} = await import('../io/read/table/table.js')
      try {
        reports.push(await readTable(source, opts, writer))
      } catch (error) {
        // A notes sheet beside the spend sheets (it fails before any row is written).
        const skipped = source.sheet ? (await import('../io/read/table/skipped-sheet.js')).skippedSheet(source, error) : null
        if (skipped === null) throw error
        reports.push(skipped)
      }
    } else {
      const {readOcds} = await import('../io/read/ocds/index.js')
      reports.push(await readOcds(source, opts, writer))
    }
  }
  const read = reports.reduce((n, r) => n + r.rows.read, 0)
  if (read === 0 && !reports.some((r) => (r.skipped_detail.nil ?? 0) > 0)) {
    // Warnings name their source; the error names the file already.
    const first = reports.find((r) => r.warnings.length)
    const why = first?.warnings[0].replace(`${first.file}: `, '')
    throw new SpendInputError('NO_SPEND_ROWS', why ?? 'no spend rows found in the file', {
      where: label(req.input), hint: 'check it is a spend file; `spend inspect FILE` shows what was found',
    })
  }
  return reports
}

/** Ctrl-C or SIGTERM during an import removes its temp folder and lock, then exits 130. */
function abortOnSignal(writer: ImportWriter): () => void {
  const handler = (signal: NodeJS.Signals) => {
    void writer.abort().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  }
  process.once('SIGINT', handler)
  process.once('SIGTERM', handler)
  return () => {
    process.off('SIGINT', handler)
    process.off('SIGTERM', handler)
  }
}

/** The input as errors during the run name it: the path as typed (it means something in that shell), or `<stdin>`. */
export function label(input: string): string {
  return input === '-' ? STDIN_NAME : input
}

/**
 * The input's name as stored (manifest `file`, rows' `source_file`, rejects):
 * the file name without its folders, or `<stdin>`. Archive members are
 * named `name!member` after it.
 *
 * @example fileName('../shared/realdata/us-phoenix-az-vendor-payments/september-2018.csv') // 'september-2018.csv'
 */
export function fileName(input: string): string {
  return input === '-' ? STDIN_NAME : safeName(basename(input))
}

/**
 * Where the input is, relative to the workspace folder with `/` separators,
 * so it means the same from any directory (null for standard input).
 *
 * @example workspacePath(new Workspace('/data/ws'), '/data/in/spend.csv') // '../in/spend.csv'
 */
export function workspacePath(ws: Workspace, input: string): string | null {
  if (input === '-') return null
  return relative(resolve(ws.dir), resolve(input)).split(sep).join('/')
}

