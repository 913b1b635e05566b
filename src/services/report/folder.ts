/**
 * The report folder: written whole into a temporary sibling and moved into
 * place at the end, so no one sees a half-written report. A folder holding
 * a previous report is replaced; any other non-empty folder is refused.
 */
import {createHash} from 'node:crypto'
import {promises as fsp} from 'node:fs'
import {basename, dirname, isAbsolute, join, relative, sep} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {reportMsg} from '../../messages.js'
import {randomTag} from '../../io/workspace/fsutil.js'

/** The `format` of a report's manifest.json: what marks a folder as a report that may be replaced. */
export const REPORT_FORMAT = 'spendkit-report'
export const MANIFEST_NAME = 'manifest.json'

export interface OutputFile {
  path: string
  sha256: string
  bytes: number
}

/**
 * A path as recorded in the manifest: relative to the report folder, `/`-separated.
 * @example recordedPath('/r/out', '/r/ws') // '../ws'
 */
export function recordedPath(from: string, to: string): string {
  return relative(from, to).split(sep).join('/') || '.'
}

/** The hash and size of one output file. */
export function fileEntry(path: string, bytes: Uint8Array): OutputFile {
  return {path, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength}
}

/** Refuse an output folder that is a file, or not empty and not a report. `shown` names it as typed. */
export async function checkOutDir(dir: string, shown: string): Promise<void> {
  let names: string[]
  try {
    names = await fsp.readdir(dir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return
    if (code === 'ENOTDIR') throw new SpendInputError('OUT_NOT_A_FOLDER', reportMsg.outIsFile(), {where: shown, hint: reportMsg.outIsFileHint()})
    throw error
  }
  if (names.length === 0 || (await isReport(dir))) return
  throw new SpendInputError('OUT_NOT_A_REPORT', reportMsg.notAReport(shown), {where: '--out', hint: reportMsg.notAReportHint()})
}

/** Whether `inner` is `outer` or a folder under it (both absolute). */
function within(outer: string, inner: string): boolean {
  const r = relative(outer, inner)
  return r === '' || (!r.startsWith('..') && !isAbsolute(r))
}

/**
 * Refuse an output folder inside the workspace (it would sit among the
 * workspace's own files) or holding it (replacing the report would delete it).
 * `outDir` and `wsDir` are absolute; `shown` and `wsShown` as the user knows them.
 */
export function checkOutsideWorkspace(outDir: string, wsDir: string, shown: string, wsShown: string): void {
  const message = within(wsDir, outDir) ? reportMsg.outInWorkspace(shown, wsShown) : within(outDir, wsDir) ? reportMsg.outHoldsWorkspace(shown, wsShown) : null
  if (message) throw new SpendInputError('OUT_IN_WORKSPACE', message, {where: '--out', hint: reportMsg.outInWorkspaceHint()})
}

async function isReport(dir: string): Promise<boolean> {
  try {
    const m = JSON.parse(await fsp.readFile(join(dir, MANIFEST_NAME), 'utf8')) as {format?: unknown}
    return m?.format === REPORT_FORMAT
  } catch {
    return false
  }
}

/**
 * Write `files` (path -> bytes, `/`-separated paths) as the folder `dir`,
 * replacing a previous report there.
 */
export async function writeFolder(dir: string, shown: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  await checkOutDir(dir, shown)
  const parent = dirname(dir)
  const tmp = join(parent, `.${basename(dir)}.tmp-${randomTag()}`)
  try {
    await fsp.mkdir(parent, {recursive: true})
    await fsp.mkdir(tmp)
    for (const path of [...files.keys()].sort()) {
      const file = join(tmp, ...path.split('/'))
      await fsp.mkdir(dirname(file), {recursive: true})
      await fsp.writeFile(file, files.get(path)!)
    }
    await moveIntoPlace(tmp, dir, parent)
  } catch (error) {
    await fsp.rm(tmp, {recursive: true, force: true}).catch(() => {})
    throw cannotWrite(error, shown)
  }
}

/** A write that failed for a reason the user can act on names the --out folder as typed, not the temporary one beside it. */
function cannotWrite(error: unknown, shown: string): unknown {
  const code = (error as NodeJS.ErrnoException).code
  if (code === undefined || !['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'ENOSPC', 'EDQUOT'].includes(code)) return error
  return new SpendInputError('OUT_NOT_WRITABLE', reportMsg.outNotWritable(code), {where: `--out ${shown}`, hint: reportMsg.outNotWritableHint(code)})
}

/** Rename `tmp` to `dir`; a previous `dir` is moved aside first and removed after. */
async function moveIntoPlace(tmp: string, dir: string, parent: string): Promise<void> {
  let old: string | null = null
  try {
    await fsp.rmdir(dir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOTEMPTY' || code === 'EEXIST') {
      old = join(parent, `.${basename(dir)}.old-${randomTag()}`)
      await fsp.rename(dir, old)
    } else if (code !== 'ENOENT') throw error
  }
  await fsp.rename(tmp, dir)
  if (old) await fsp.rm(old, {recursive: true, force: true})
}
