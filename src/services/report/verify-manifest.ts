/**
 * A report folder's manifest.json as `spend verify` reads it: the pinned
 * inputs (imports, config, period) and the files with their hashes, checked
 * for shape before anything is rebuilt, with one-line errors that say how
 * to fix.
 */
import {readFile, stat} from 'node:fs/promises'
import {join, relative, resolve, sep} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {verifyMsg} from '../../messages.js'
import {MANIFEST_NAME, REPORT_FORMAT, type OutputFile} from './folder.js'
import {parseOverlayPins, type OverlayPins} from './overlay-pins.js'

/** What verify uses of a manifest. */
export interface PinnedReport {
  /** manifest.json's bytes as found. */
  bytes: Buffer
  command: string[] | null
  configFile: string | null
  config: unknown
  asOf: string | null
  workspace: string | null
  imports: {id: string; file: string; sha256: string}[]
  /** The crosswalk and rules pinned; null: none recorded (a manifest from before they were). */
  overlays: OverlayPins | null
  files: OutputFile[]
  stamped: boolean
}

/** A manifest lists files and imports: far smaller than this, even for the largest report. */
const MAX_MANIFEST_BYTES = 64 * 2 ** 20

const isText = (v: unknown): v is string => typeof v === 'string'
const SAFE_PATH = /^(?!\/)(?![A-Za-z]:)(?!.*\\)(?!(?:.*\/)?\.\.?(?:\/|$))[^\0]+$/

/**
 * Read DIR/manifest.json, or fail with one line naming it and what to do.
 * @example const pinned = await readPinned('report', 'report/manifest.json')
 */
export async function readPinned(dir: string, shown: string): Promise<PinnedReport> {
  let bytes: Buffer
  const bad = (what: string) => new SpendInputError('BAD_MANIFEST', verifyMsg.badManifest(what), {where: shown, hint: verifyMsg.badManifestHint()})
  try {
    const st = await stat(join(dir, MANIFEST_NAME))
    if (!st.isFile()) throw bad('not a file')
    if (st.size > MAX_MANIFEST_BYTES) throw bad(`over ${MAX_MANIFEST_BYTES / 2 ** 20} MiB`)
    bytes = await readFile(join(dir, MANIFEST_NAME))
  } catch (error) {
    if (error instanceof SpendInputError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new SpendInputError('NOT_A_REPORT', verifyMsg.noManifest(), {where: shown, hint: verifyMsg.noManifestHint()})
    throw error
  }
  let m: Record<string, unknown>
  try {
    m = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
  } catch {
    throw bad('not valid JSON')
  }
  if (m === null || typeof m !== 'object' || Array.isArray(m)) throw bad('not a JSON object')
  if (m.format !== REPORT_FORMAT) throw bad(`format is not "${REPORT_FORMAT}"`)
  if (typeof m.format_version === 'number' && m.format_version > 1) {
    throw new SpendInputError('BAD_MANIFEST', verifyMsg.newerFormat(m.format_version), {where: shown, hint: verifyMsg.newerFormatHint()})
  }
  if (!Array.isArray(m.imports) || !m.imports.every((i) => i && isText(i.id) && isText(i.file) && isText(i.sha256))) throw bad('imports')
  if (!Array.isArray(m.files) || !m.files.every((f) => f && isText(f.path) && SAFE_PATH.test(f.path) && f.path !== MANIFEST_NAME && isText(f.sha256) && Number.isInteger(f.bytes))) throw bad('files')
  if (m.command !== null && !(Array.isArray(m.command) && m.command.every(isText))) throw bad('command')
  if (m.config_file !== null && !isText(m.config_file)) throw bad('config_file')
  if (m.as_of !== null && !isText(m.as_of)) throw bad('as_of')
  if (m.workspace !== undefined && !isText(m.workspace)) throw bad('workspace')
  const overlays = parseOverlayPins(m.overlays)
  if (overlays === undefined) throw bad('overlays')
  return {
    bytes,
    command: (m.command as string[] | null) ?? null,
    configFile: (m.config_file as string | null) ?? null,
    config: m.config ?? null,
    asOf: (m.as_of as string | null) ?? null,
    workspace: (m.workspace as string | undefined) ?? null,
    imports: (m.imports as PinnedReport['imports']).map((i) => ({id: i.id, file: i.file, sha256: i.sha256})),
    overlays,
    files: (m.files as OutputFile[]).map((f) => ({path: f.path, sha256: f.sha256, bytes: f.bytes})),
    stamped: 'generated_at' in m,
  }
}

/**
 * manifest.json's text without its `generated_at` line (the --stamp field), so
 * a stamped report compares with a rebuild made without the clock.
 * @example unstamped('{\n  "as_of": null,\n  "generated_at": "2025-01-01T00:00:00Z",\n  "files": []\n}\n')
 */
export function unstamped(text: string): string {
  return text.replace(/^ {2}"generated_at": "[^"\n]*",\n/m, '')
}

/**
 * The folder a rebuild records paths relative to, so that the workspace at
 * `wsDir` is recorded as the manifest's `recorded` path (a copy of the
 * workspace elsewhere, keeping its folder name, rebuilds the same bytes).
 * The report folder itself when the workspace is where the manifest says,
 * or when no folder gives that path (the rebuild then records another one).
 * @example recordDirFor('/r/rep', '/audit/ws', '../ws') // '/audit/.spendkit-report-0'
 */
export function recordDirFor(dir: string, wsDir: string, recorded: string | null): string {
  if (recorded === null || resolve(dir, recorded) === wsDir) return dir
  const parts = recorded.split('/').filter((p) => p !== '.' && p !== '')
  const up = parts.findIndex((p) => p !== '..')
  const ups = up < 0 ? parts.length : up
  const down = parts.slice(ups)
  if (down.includes('..')) return dir
  const wsParts = wsDir.split(sep)
  if (down.length > wsParts.length - 1 || wsParts.slice(wsParts.length - down.length).join('/') !== down.join('/')) return dir
  const base = wsParts.slice(0, wsParts.length - down.length).join(sep) || sep
  const candidate = join(base, ...Array.from({length: ups}, (_, i) => `.spendkit-report-${i}`))
  return (relative(candidate, wsDir).split(sep).join('/') || '.') === (parts.join('/') || '.') ? candidate : dir
}
