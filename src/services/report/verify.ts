/**
 * `spend verify DIR`: rebuild a report from what its manifest pins (the
 * import ids, the config, --as-of, the command line) into a temporary
 * folder and compare every file, byte for byte, with DIR's. The inputs are
 * checked first: when a pinned import is missing or its SHA-256 changed,
 * nothing is rebuilt and DIR's files are checked against the manifest's own
 * hashes only.
 */
import {createHash} from 'node:crypto'
import {mkdtemp, readdir, readFile, rm, stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, relative, resolve, sep} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {gppMsg, verifyMsg} from '../../messages.js'
import {resolveWorkspace, Workspace} from '../../io/workspace/index.js'
import {readManifest} from '../../io/workspace/manifest.js'
import type {View} from '../../io/write/view.js'
import {MANIFEST_NAME} from './folder.js'
import {readPinned, recordDirFor, unstamped, type PinnedReport} from './verify-manifest.js'
import {checkOverlays, type OverlayCheck} from './overlay-pins.js'

export type FileStatus = 'same' | 'differs' | 'missing' | 'added'
export type InputStatus = 'same' | 'changed' | 'missing'

export interface VerifyJson {
  ok: boolean
  /** True when the report was rebuilt; false: only the manifest's hashes were checked (an input is missing or changed). */
  rebuilt: boolean
  files: {path: string; status: FileStatus; detail: string | null}[]
  inputs: {import: string; file: string; status: InputStatus}[]
  /** The crosswalk and rules the report pins against the workspace's: any not `same` stops the rebuild, like a changed import. */
  overlays: OverlayCheck[]
}

export interface VerifyOptions {
  /** The report folder. */
  dir: string
  /** The workspace folder; none: the manifest's (relative to dir). */
  workspace?: string
  /** The folder as typed, for messages. */
  shown?: string
  /** Called with each section's title as the rebuild builds it (progress). */
  onSection?: (title: string) => void
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Every file under `dir` but manifest.json, relative and `/`-separated (any entry that is not a folder counts). */
async function folderFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((p) => p !== MANIFEST_NAME)
    .sort()
}

/**
 * A file's bytes when it is `size` long; 'size' when it is another size (not
 * read: a huge file put in a report folder must not exhaust memory); null
 * when there is no file there.
 */
async function bytesOf(file: string, size: number): Promise<Buffer | 'size' | null> {
  try {
    const st = await stat(file)
    if (!st.isFile()) return null
    return st.size === size ? await readFile(file) : 'size'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw error
  }
}

/** Each pinned import: same, changed (the id is there with another SHA-256) or missing. */
async function checkInputs(pinned: PinnedReport, wsDir: string, fromFlag: boolean): Promise<VerifyJson['inputs']> {
  const entries = await Workspace.open(wsDir).then((ws) => ws.list(), (error: unknown) => {
    // The workspace is not where the manifest (or --workspace) says: say which, and how to point at it.
    if (!(error instanceof SpendInputError) || !error.code.startsWith('WORKSPACE_NOT')) throw error
    throw new SpendInputError(error.code, verifyMsg.noWorkspace(error.message, fromFlag ? null : pinned.workspace), {where: error.where, hint: verifyMsg.noWorkspaceHint()})
  })
  return pinned.imports.map((i) => {
    const entry = entries.find((e) => e.id === i.id)
    const status: InputStatus = !entry ? 'missing' : entry.sha256 === i.sha256 ? 'same' : 'changed'
    return {import: i.id, file: i.file, status}
  })
}

/** Rebuild the report from the pinned inputs into a temporary folder; `use` reads it before it is removed. */
async function rebuilt<T>(pinned: PinnedReport, dir: string, wsDir: string, shown: string, onSection: VerifyOptions['onSection'], use: (out: string) => Promise<T>): Promise<T> {
  const {buildReport} = await import('./build.js')
  const tmp = await mkdtemp(join(tmpdir(), 'spendkit-verify-'))
  try {
    const out = join(tmp, 'report')
    await buildReport({
      workspace: wsDir,
      command: pinned.command ?? undefined,
      recordDir: recordDirFor(dir, wsDir, pinned.workspace),
      importIds: pinned.imports.map((i) => i.id),
      configText: pinned.config === null ? undefined : JSON.stringify(pinned.config),
      // null with a config: one made by flags (--benchmark), recorded with no file.
      configFile: pinned.config === null ? undefined : pinned.configFile,
      asOf: pinned.asOf ?? undefined,
      stamp: false,
      outShown: dir,
      onSection,
    }, out).catch((error: unknown) => {
      // A manifest whose pinned config or period no longer builds is the report's problem (exit 1), not a usage error.
      if (!(error instanceof SpendInputError)) throw error
      throw new SpendInputError(error.code, verifyMsg.cannotRebuild(error.oneLine()), {where: shown, hint: verifyMsg.cannotRebuildHint()})
    })
    return await use(out)
  } finally {
    await rm(tmp, {recursive: true, force: true})
  }
}

/**
 * Rebuild the report in `opts.dir` and compare it file by file.
 * @example const result = await verifyReport({dir: 'report'}) // result.ok
 */
export async function verifyReport(opts: VerifyOptions): Promise<VerifyJson> {
  const dir = resolve(opts.dir)
  const shown = opts.shown ?? opts.dir
  const pinned = await readPinned(dir, shown)
  const wsDir = opts.workspace ? resolve(opts.workspace) : pinned.workspace !== null ? resolve(dir, pinned.workspace) : resolveWorkspace()
  const inputs = await checkInputs(pinned, wsDir, Boolean(opts.workspace))
  const overlays = checkOverlays(pinned.overlays, (await readManifest(wsDir)).overlays)
  const present = await folderFiles(dir)
  const listed = new Map(pinned.files.map((f) => [f.path, f]))
  const files: VerifyJson['files'] = []
  const add = (path: string, status: FileStatus, detail: string | null = null) => files.push({path, status, detail})
  const againstManifest = (path: string, bytes: Buffer): boolean => {
    const f = listed.get(path)
    return f === undefined || (f.sha256 === sha(bytes) && f.bytes === bytes.length)
  }
  const canRebuild = inputs.every((i) => i.status === 'same') && overlays.every((o) => o.status === 'same')

  if (canRebuild) {
    await rebuilt(pinned, dir, wsDir, shown, opts.onSection, async (out) => {
      const made = await folderFiles(out)
      for (const path of [...new Set([...made, ...listed.keys()])].sort()) {
        const theirs = made.includes(path) ? await readFile(join(out, ...path.split('/'))) : null
        const mine = await bytesOf(join(dir, ...path.split('/')), theirs?.length ?? listed.get(path)!.bytes)
        if (mine === null) add(path, 'missing', verifyMsg.notInFolder())
        else if (theirs === null) add(path, 'differs', verifyMsg.notRebuilt())
        else if (mine === 'size' || !mine.equals(theirs)) add(path, 'differs', verifyMsg.bytesDiffer())
        else if (!againstManifest(path, mine)) add(path, 'differs', verifyMsg.hashDiffers())
        else add(path, 'same')
      }
      for (const path of present) if (!made.includes(path) && !listed.has(path)) add(path, 'added', verifyMsg.notListed())
      const manifest = await readFile(join(out, MANIFEST_NAME), 'utf8')
      const same = unstamped(pinned.bytes.toString('utf8')) === manifest
      add(MANIFEST_NAME, same ? 'same' : 'differs', same ? null : verifyMsg.manifestDiffers())
    })
  } else {
    for (const [path, f] of [...listed].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const mine = await bytesOf(join(dir, ...path.split('/')), f.bytes)
      if (mine === null) add(path, 'missing', verifyMsg.notInFolder())
      else if (mine === 'size' || !againstManifest(path, mine)) add(path, 'differs', verifyMsg.hashDiffers())
      else add(path, 'same')
    }
    for (const path of present) if (!listed.has(path)) add(path, 'added', verifyMsg.notListed())
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const ok = canRebuild && files.every((f) => f.status === 'same')
  return {ok, rebuilt: canRebuild, files, inputs, overlays}
}

/** The lines for people on stderr: each file or input that is not the same, a note when nothing was rebuilt, and what to do. */
export function verifyLines(r: VerifyJson): string[] {
  const lines: string[] = []
  const overlays = (r.overlays ?? []).filter((o) => o.status !== 'same')
  for (const i of r.inputs) if (i.status !== 'same') lines.push(verifyMsg.inputLine(i.import, i.file, i.status))
  for (const o of overlays) lines.push(gppMsg.overlayLine(o.kind, o.status, o.pinned, o.stored))
  for (const f of r.files) if (f.status !== 'same') lines.push(verifyMsg.fileLine(f.path, f.status, f.detail))
  if (!r.rebuilt && overlays.length > 0 && r.inputs.every((i) => i.status === 'same')) lines.push(gppMsg.overlayNoRebuild(), gppMsg.overlayFailed(overlays.map((o) => o.kind)))
  else if (!r.rebuilt) lines.push(verifyMsg.noRebuild(), verifyMsg.failedInputs())
  else if (!r.ok) lines.push(verifyMsg.failedFiles(r.files.filter((f) => f.status !== 'same').length))
  else lines.push(verifyMsg.ok(r.files.length, r.inputs.length))
  return lines
}

/** One view: a row per pinned import, one per crosswalk or rules set that differs, then a row per file (CSV and TSV carry one table). */
export function verifyViews(r: VerifyJson): View[] {
  return [{
    columns: [{key: 'kind', header: 'kind'}, {key: 'name', header: 'name', fit: 'path'}, {key: 'status', header: 'status'}, {key: 'detail', header: 'detail'}],
    rows: [
      ...r.inputs.map((i) => ({kind: 'import', name: i.import, status: i.status, detail: i.file})),
      // Overlays only when they differ: a workspace with none (or the same ones) shows as before they were pinned.
      ...(r.overlays ?? []).filter((o) => o.status !== 'same').map((o) => ({kind: 'overlay', name: o.kind, status: o.status, detail: (o.stored ?? o.pinned)?.source ?? null})),
      ...r.files.map((f) => ({kind: 'file', name: f.path, status: f.status, detail: f.detail})),
    ],
  }]
}
