import {promises as fsp} from 'node:fs'
import {join, relative, resolve} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {workspaceMsg} from '../../messages.js'
import type {SpendFrame} from '../../model/frame.js'
import type {RecordColumn} from '../../model/record.js'
import {exists, fsyncDir, randomTag, writeFileAtomic} from './fsutil.js'
import {DEFAULT_PART_ROWS, DEFAULT_WORKSPACE, ENTRY_FILE, IMPORTS_DIR, importDir, LOCK_FILE, MANIFEST_FILE, OLD_PREFIX, optionsKey, OVERLAYS_DIR, TMP_PREFIX} from './layout.js'
import {loadFrameFrom} from './loader.js'
import {acquireLock, type LockWait, type WorkspaceLock} from './lock.js'
import {type ImportEntry, type Manifest, readManifest, sortEntries, writeManifest} from './manifest.js'
import {recover} from './recover.js'
// Types only: the writer (and flechette's encoder) loads when an import begins, not for queries.
import type {CommitInfo, ImportMeta, ImportStart, ImportWriter, PartWriter} from './writer.js'

export interface BeginOptions {
  /** Replace an existing import with the same id (`--replace`). */
  replace?: boolean
  /** Rows per part file (tests use tiny parts). */
  partRows?: number
}

/**
 * The local store: `manifest.json` plus `imports/<id>/part-NNNNN.arrow` and
 * `rejects.csv`. Reads need no lock; writes (import, remove) hold `.lock`.
 * @example const ws = new Workspace(resolveWorkspace(flags.workspace)); const entries = await ws.list()
 */
export class Workspace {
  /** `lockWait`: how long writes wait for another writer's lock (default: fail at once). */
  constructor(readonly dir: string, private readonly lockWait: LockWait = {seconds: 0}) {}

  /**
   * The workspace at `dir` for a command that reads it: it must exist (a
   * folder holding manifest.json), else SpendInputError WORKSPACE_NOT_FOUND
   * or WORKSPACE_NOT_A_DIRECTORY saying how to create one. (`import` creates
   * it instead: `new Workspace(dir)`.)
   * @example const ws = await Workspace.open(resolveWorkspace(flags.workspace))
   */
  static async open(dir: string): Promise<Workspace> {
    const ws = new Workspace(dir)
    await ws.mustExist()
    return ws
  }

  /**
   * Fail unless the workspace exists: an empty answer from a mistyped path
   * would look like success. An empty folder (or one holding only spend's own
   * files, as a failed first import leaves it) is an empty workspace; a folder
   * of other files without manifest.json is not a workspace.
   */
  async mustExist(): Promise<void> {
    let isDir: boolean
    try {
      isDir = (await fsp.stat(this.dir)).isDirectory()
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOTDIR') throw this.notADirectory()
      if (code !== 'ENOENT') throw error
      throw this.notFound()
    }
    if (!isDir) throw this.notADirectory()
    if (await exists(join(this.dir, MANIFEST_FILE))) return
    const own = (name: string) => name === LOCK_FILE || name === IMPORTS_DIR || name === OVERLAYS_DIR || name.startsWith(TMP_PREFIX) || name.startsWith(OLD_PREFIX) || name.startsWith(`${MANIFEST_FILE}.tmp-`)
    if (!(await fsp.readdir(this.dir)).every(own)) {
      throw new SpendInputError('WORKSPACE_NOT_FOUND', workspaceMsg.foreign(), {where: this.label(), hint: workspaceMsg.foreignHint()})
    }
  }

  /** All imports, sorted by id then file. */
  async list(): Promise<ImportEntry[]> {
    try {
      return sortEntries((await readManifest(this.dir)).imports)
    } catch (error) {
      // `--workspace some-file`: reading some-file/manifest.json fails with ENOTDIR.
      if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw this.notADirectory()
      throw error
    }
  }

  /**
   * The import of these bytes with these options, if any (so `import` can say "already imported").
   * @example await ws.findBySha(sha, optionsKey({buyer: 'Leeds'}))
   */
  async findBySha(sha256: string, key: string): Promise<ImportEntry | undefined> {
    return (await this.list()).find((e) => e.sha256 === sha256 && optionsKey(e.options) === key)
  }

  /** The import with this id or unique id prefix; SpendInputError listing the ids otherwise. */
  async get(idOrPrefix: string): Promise<ImportEntry> {
    return pick(await this.list(), idOrPrefix)
  }

  /**
   * Start an import: takes the lock, cleans up after any crashed writer, and
   * returns a RecordSink writing into a temp folder. Fails with
   * ALREADY_IMPORTED when the id exists and `replace` is not set (checked at
   * commit when the id is only given then).
   * @example const w = await ws.beginImport(meta); reader.read(src, w); await w.commit({files: reports})
   */
  async beginImport(meta: ImportStart, opts: BeginOptions = {}): Promise<ImportWriter> {
    const lock = await acquireLock(this.dir, this.lockWait)
    let tmp: string | undefined
    try {
      const hadManifest = await exists(join(this.dir, MANIFEST_FILE))
      await recover(this.dir)
      const imports = (await readManifest(this.dir)).imports
      if (meta.id !== undefined && !opts.replace) checkNew(imports, meta.file, meta.id)
      tmp = join(this.dir, `${TMP_PREFIX}${randomTag()}`)
      await fsp.mkdir(tmp, {recursive: true})
      const {PartWriter} = await import('./writer.js')
      const parts = new PartWriter(tmp, opts.partRows ?? DEFAULT_PART_ROWS)
      return new Import(this.dir, tmp, meta, parts, lock, !hadManifest && imports.length === 0, !!opts.replace)
    } catch (error) {
      if (tmp) await fsp.rm(tmp, {recursive: true, force: true})
      await lock.release()
      throw error
    }
  }

  /**
   * Remove an import (id or unique prefix) under the lock: the manifest is
   * rewritten first, so a crash leaves at worst an orphan folder that the
   * next write deletes.
   */
  async remove(idOrPrefix: string): Promise<ImportEntry> {
    // Check before locking, so a mistyped path or id never creates a workspace folder.
    await this.mustExist()
    pick(await this.list(), idOrPrefix)
    const lock = await acquireLock(this.dir, this.lockWait)
    try {
      await recover(this.dir)
      const m = await readManifest(this.dir)
      const entry = pick(m.imports, idOrPrefix)
      await writeManifest(this.dir, {...m, imports: m.imports.filter((e) => e.id !== entry.id)})
      await fsp.rm(importDir(this.dir, entry.id), {recursive: true, force: true})
      return entry
    } finally {
      await lock.release()
    }
  }

  /**
   * Load columns of all imports (or of `imports`, ids or prefixes) as one frame.
   * @example const f = await ws.loadFrame(['supplier_key', 'amount', 'currency'])
   */
  async loadFrame(columns: readonly RecordColumn[], opts: {imports?: readonly string[]} = {}): Promise<SpendFrame> {
    const all = await this.list()
    const chosen = opts.imports ? dedupe(opts.imports.map((p) => pick(all, p))) : all
    return loadFrameFrom(this.dir, chosen, columns)
  }

  /** The workspace path as shown to users (relative when inside the cwd). */
  label(): string {
    const rel = relative(process.cwd(), this.dir)
    return rel && !rel.startsWith('..') ? rel : this.dir
  }

  private notFound(): SpendInputError {
    // The default workspace (./.spendkit) absent: a new user who has not imported anything yet.
    if (this.dir === resolve(DEFAULT_WORKSPACE)) {
      return new SpendInputError('WORKSPACE_NOT_FOUND', workspaceMsg.noDefault(), {where: this.label(), hint: workspaceMsg.createDefaultHint()})
    }
    return new SpendInputError('WORKSPACE_NOT_FOUND', workspaceMsg.notFound(), {where: this.label(), hint: workspaceMsg.createHint(this.label())})
  }

  private notADirectory(): SpendInputError {
    return new SpendInputError('WORKSPACE_NOT_A_DIRECTORY', workspaceMsg.notDirectory(), {where: this.label(), hint: workspaceMsg.notDirectoryHint()})
  }
}

class Import implements ImportWriter {
  private done = false

  constructor(
    private readonly root: string,
    private readonly tmp: string,
    private readonly start: ImportStart,
    private readonly parts: PartWriter,
    private readonly lock: WorkspaceLock,
    /** The workspace had no manifest before this import (recover wrote an empty one). */
    private readonly fresh: boolean,
    private readonly replace: boolean,
  ) {}

  get imported(): number {
    return this.parts.imported
  }

  get rejected(): number {
    return this.parts.rejected
  }

  get split(): ImportWriter['split'] {
    return {
      dir: join(this.tmp, 'split-2'), partRows: this.parts.partRows,
      prepare: () => this.parts.prepareAdopt(), adopt: (half) => this.parts.adopt(half),
    }
  }

  add = (record: Parameters<PartWriter['add']>[0]): void => this.parts.add(record)
  addBatch = (batch: Parameters<PartWriter['addBatch']>[0]): void => this.parts.addBatch(batch)
  reject = (row: Parameters<PartWriter['reject']>[0]): void => this.parts.reject(row)

  async commit(info: CommitInfo): Promise<ImportEntry> {
    if (this.done) throw new Error('bug: import already committed or aborted')
    this.done = true
    try {
      this.parts.finish()
      await this.parts.settle()
      const meta = {...this.start, ...info.identity}
      if (meta.id === undefined || meta.sha256 === undefined) throw new Error('bug: import committed without an id and hash')
      if (info.identity && !this.replace) checkNew((await readManifest(this.root)).imports, meta.file, meta.id)
      const entry = this.parts.entry(meta as ImportMeta, info)
      await writeFileAtomic(join(this.tmp, ENTRY_FILE), JSON.stringify(entry, null, 2) + '\n')
      await swapIn(this.root, this.tmp, entry)
      return entry
    } catch (error) {
      this.parts.discard()
      await fsp.rm(this.tmp, {recursive: true, force: true})
      throw error
    } finally {
      await this.lock.release()
    }
  }

  async abort(): Promise<void> {
    if (this.done) return
    this.done = true
    try {
      this.parts.discard()
      // Close the parts' files before removing them; their errors do not matter now.
      await this.parts.settle().catch(() => {})
      await fsp.rm(this.tmp, {recursive: true, force: true})
      // A failed first import leaves no workspace manifest behind (absent reads as empty;
      // the next import writes it again, under the lock, before anything is renamed in).
      if (this.fresh) await fsp.rm(join(this.root, MANIFEST_FILE), {force: true})
    } finally {
      await this.lock.release()
    }
  }
}

/**
 * Make a finished temp folder the import `entry.id`: move any old folder of
 * that id aside, rename the new one in, then rewrite the manifest (the commit
 * point). `recover` undoes a crash at any step.
 */
async function swapIn(root: string, tmp: string, entry: ImportEntry): Promise<void> {
  const target = importDir(root, entry.id)
  const aside = join(root, `${OLD_PREFIX}${entry.id}`)
  await fsp.mkdir(join(root, IMPORTS_DIR), {recursive: true})
  let movedAside = false
  try {
    await fsp.rename(target, aside)
    movedAside = true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await fsp.rename(tmp, target)
  await fsyncDir(join(root, IMPORTS_DIR))
  const m: Manifest = await readManifest(root)
  await writeManifest(root, {...m, imports: [...m.imports.filter((e) => e.id !== entry.id), entry]})
  if (movedAside) await fsp.rm(aside, {recursive: true, force: true})
}

function checkNew(imports: readonly ImportEntry[], file: string, id: string): void {
  if (imports.some((e) => e.id === id)) {
    throw new SpendInputError('ALREADY_IMPORTED', `${file} is already imported as ${id}`, {hint: 'use --replace to import it again'})
  }
}

function pick(entries: readonly ImportEntry[], idOrPrefix: string): ImportEntry {
  const exact = entries.find((e) => e.id === idOrPrefix)
  if (exact) return exact
  const matches = idOrPrefix ? entries.filter((e) => e.id.startsWith(idOrPrefix)) : []
  if (matches.length === 1) return matches[0]
  const ids = entries.map((e) => e.id).join(', ') || 'none'
  const what = matches.length > 1 ? `import id "${idOrPrefix}" is ambiguous` : `no import "${idOrPrefix}"`
  return fail(new SpendInputError('UNKNOWN_IMPORT', `${what}; imports: ${ids}`))
}

function fail(e: Error): never {
  throw e
}

function dedupe(entries: ImportEntry[]): ImportEntry[] {
  return sortEntries([...new Map(entries.map((e) => [e.id, e])).values()])
}
