import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {workspaceMsg} from '../../messages.js'
import {type Column, columnKind, type DictColumn, type SpendFrame} from '../../model/frame.js'
import {LATER_COLUMNS, type RecordColumn} from '../../model/record.js'
import {crc32} from './crc.js'
import {damagedError, damageText} from './damage.js'
import {type ColumnJoin, type DictJoin, parseDictJoin, readDictJoin} from './dict-join.js'
import {importDir} from './layout.js'
import type {ImportEntry, PartEntry} from './manifest.js'
import {openPartFile, type PartColumn, type PartFile, Scratch} from './part-reader.js'

export interface LoadOptions {
  /** Use a split import's dictionary join (default); false matches values instead (see `spend check`). */
  dictJoin?: boolean
}

/**
 * Load the given columns of the given imports into one SpendFrame. Only the
 * asked-for columns of each part are decoded; string columns keep their
 * dictionary codes, remapped into one dictionary per column, so no string is
 * built per row. Each range read is checked against the checksums the
 * manifest stores (parts written before checksums are read unchecked); a
 * damaged or missing file is a WORKSPACE_DAMAGED error naming the import.
 * @example await loadFrameFrom('.spendkit', entries, ['supplier', 'amount'])
 */
export async function loadFrameFrom(root: string, entries: readonly ImportEntry[], columns: readonly RecordColumn[], opts: LoadOptions = {}): Promise<SpendFrame> {
  let length = 0
  for (const e of entries) for (const p of e.parts) length += p.rows
  const out = new Map<RecordColumn, Column>()
  const merges = new Map<RecordColumn, DictMerge>()
  const stored = columns.filter((c) => c !== 'source')
  for (const name of stored) {
    const kind = columnKind(name)
    if (kind === 'dict') merges.set(name, new DictMerge(length))
    else if (kind === 'num') out.set(name, {type: 'num', values: new Float64Array(length)})
    else out.set(name, {type: 'bool', values: new Uint8Array(length)})
  }
  const jobs = entries.flatMap((entry) => {
    // A split read's second chain of parts, with its codes mapped into the first chain (see dict-join.ts).
    const joined = entry.dict_join && merges.size > 0 && opts.dictJoin !== false ? loadDictJoin(root, entry) : null
    const from = entry.dict_join?.part ?? Infinity
    return entry.parts.map((part, n) => ({entry, part, first: n === 0, joined: n >= from ? joined : null}))
  })
  let offset = 0
  const scratch = new Scratch()
  // Parts are read by ranges, synchronously: only the asked-for columns' buffers
  // (a fraction of each file) are read, so there is little I/O left to overlap.
  for (const {entry, part: p, first, joined} of jobs) {
    const rows = p.rows
    const part = openFile(root, entry, p, scratch)
    try {
      if (part.rows !== rows) throw damagedError(root, entry, p.file, workspaceMsg.rowsMismatch(part.rows, rows))
      for (const name of stored) {
        const col = readColumn(root, entry, p, part, name)
        const merge = merges.get(name)
        if (col === null) merge!.addNulls(rows, offset)
        else if (merge) merge.add(col, rows, offset, first, (joined as DictJoin | null)?.[name])
        else copyValues(col, out.get(name)!, rows, offset)
      }
    } finally {
      part.close()
    }
    offset += rows
  }
  const frame: SpendFrame = {length, columns: {}}
  for (const name of stored) frame.columns[name] = merges.get(name)?.done() ?? out.get(name)!
  if (columns.includes('source')) frame.columns.source = sourceColumn(entries, length)
  return frame
}

/**
 * An import's dictionary join. With a stored checksum it must be there and
 * match; without (older workspaces) a missing or unreadable join only means
 * matching values instead.
 */
function loadDictJoin(root: string, entry: ImportEntry): DictJoin | null {
  const stored = entry.dict_join!
  const path = join(importDir(root, entry.id), stored.file)
  if (stored.crc32 === undefined) return readDictJoin(path)
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw damagedError(root, entry, stored.file, workspaceMsg.missing())
    throw error
  }
  if (crc32(bytes) !== stored.crc32 || (stored.bytes !== undefined && bytes.length !== stored.bytes)) {
    throw damagedError(root, entry, stored.file, workspaceMsg.fileMismatch())
  }
  const parsed = parseDictJoin(bytes)
  if (!parsed) throw damagedError(root, entry, stored.file, workspaceMsg.joinUnreadable())
  return parsed
}

/**
 * A row's source is its import id (see WRITTEN_COLUMNS): one dictionary entry
 * per import, each import's rows filled with its code. Parts written before
 * this may hold the same values as a column; it is not read.
 */
function sourceColumn(entries: readonly ImportEntry[], length: number): DictColumn {
  const codes = new Int32Array(length)
  const dict: string[] = []
  let offset = 0
  for (const e of entries) {
    const rows = e.parts.reduce((n, p) => n + p.rows, 0)
    codes.fill(dict.length, offset, offset + rows)
    dict.push(e.id)
    offset += rows
  }
  return {type: 'dict', codes, dict}
}

function openFile(root: string, entry: ImportEntry, p: PartEntry, scratch: Scratch): PartFile {
  try {
    return openPartFile(join(importDir(root, entry.id), p.file), scratch, p.crc32)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw damagedError(root, entry, p.file, workspaceMsg.missing())
    // Other file-system errors (permissions) stay as they are, for the user-error mapping.
    if (typeof code === 'string') throw error
    throw damagedError(root, entry, p.file, damageText(error))
  }
}

/** The part's column; null for a column added after the part was written (see LATER_COLUMNS): all null. */
function readColumn(root: string, entry: ImportEntry, p: PartEntry, part: PartFile, name: RecordColumn): PartColumn | null {
  let col: PartColumn | null
  try {
    col = part.column(name)
  } catch (error) {
    throw damagedError(root, entry, p.file, damageText(error))
  }
  if (!col && LATER_COLUMNS.has(name)) return null
  if (!col) throw damagedError(root, entry, p.file, workspaceMsg.noColumn(name))
  return col
}

const decoder = new TextDecoder()

/** Merges per-part dictionaries into one: each part's keys are remapped through a small table. */
class DictMerge {
  /**
   * Value -> code. Null while the entries are known to be distinct without it:
   * the parts loaded so far are one import's chain, each part's dictionary
   * extending the previous one (the writer carries an import's dictionary,
   * and a dictionary holds each value once). Built when another source comes.
   */
  private index: Map<string, number> | null = null
  private readonly dict: string[] = []
  private readonly codes: Int32Array
  /** The previous part's remap table, for the entries the next part of the same import shares. */
  private carried: Int32Array | null = null

  constructor(length: number) {
    this.codes = new Int32Array(length)
  }

  /**
   * Add one part's column at `offset`; `first` marks the first part of an
   * import, `joined` a part of its second chain with the map into the first.
   */
  add(col: PartColumn, rows: number, offset: number, first: boolean, joined?: ColumnJoin): void {
    if (col.kind === 'text') return this.addText(col, rows, offset)
    if (col.kind !== 'dict') throw new Error(`bug: expected a string column, got ${col.kind}`)
    if (joined && this.addJoined(col, rows, offset, joined)) return
    const carries = !first && this.carried !== null && col.prefix > 0 && col.prefix <= this.carried.length && col.prefix <= col.size
    const {keys, validity} = col
    const out = this.codes
    if (this.index === null && col.prefix === this.dict.length && (this.dict.length === 0 || carries)) {
      // Still one chain: codes are the part's own, and its new entries are new here.
      const all = col.size - col.prefix > col.size >> 1 ? col.entries() : null
      for (let k = col.prefix; k < col.size; k++) this.dict.push(all ? all[k] : col.entry(k))
      this.carried = identity(col.size)
      if (validity) {
        for (let i = 0; i < rows; i++) out[offset + i] = (validity[i >> 3] >> (i & 7)) & 1 ? keys[i] : -1
      } else {
        out.set(keys.subarray(0, rows), offset)
      }
      return
    }
    this.ensureIndex()
    const remap = new Int32Array(col.size)
    let k = 0
    if (carries) {
      remap.set(this.carried!.subarray(0, col.prefix))
      k = col.prefix
    }
    if (col.size - k > col.size >> 1) {
      // Mostly new entries (a first part): decode them all at once.
      const all = col.entries()
      for (; k < col.size; k++) remap[k] = this.code(all[k])
    } else {
      for (; k < col.size; k++) remap[k] = this.code(col.entry(k))
    }
    this.carried = remap
    remapInto(out, offset, keys, validity, rows, remap)
  }

  /**
   * A second-chain part through its join map, with no hashing: possible while
   * everything so far is one chain (the import's first chain, loaded alone
   * or first) and the map fits the part. False: use the general path.
   */
  private addJoined(col: Extract<PartColumn, {kind: 'dict'}>, rows: number, offset: number, j: ColumnJoin): boolean {
    const startsChain = col.prefix === 0 && this.dict.length === j.base
    if (this.index !== null || !(startsChain || this.carried === j.codes) || col.size > j.codes.length) return false
    const remap = j.codes
    // Entries new to the first chain get the next codes, in entry order: check before using the map.
    let next = this.dict.length
    for (let k = col.prefix; k < col.size; k++) {
      const u = remap[k]
      if (u === next) next++
      else if (u < 0 || u > next) return false
    }
    for (let k = col.prefix; k < col.size; k++) if (remap[k] === this.dict.length) this.dict.push(col.entry(k))
    this.carried = remap
    remapInto(this.codes, offset, col.keys, col.validity, rows, remap)
    return true
  }

  /** A part written before this column existed: its rows are null (LATER_COLUMNS are all strings). */
  addNulls(rows: number, offset: number): void {
    this.codes.fill(-1, offset, offset + rows)
    this.carried = null
  }

  done(): DictColumn {
    return {type: 'dict', codes: this.codes, dict: this.dict}
  }

  /** Free text stored plain: decode each value and encode it here (only when a query asks for it). */
  private addText(col: Extract<PartColumn, {kind: 'text'}>, rows: number, offset: number): void {
    const {offsets, bytes, validity} = col
    this.ensureIndex()
    for (let i = 0; i < rows; i++) {
      const valid = !validity || (validity[i >> 3] >> (i & 7)) & 1
      this.codes[offset + i] = valid ? this.code(decoder.decode(bytes.subarray(offsets[i], offsets[i + 1]))) : -1
    }
  }

  private ensureIndex(): void {
    if (this.index === null) this.index = new Map(this.dict.map((v, c) => [v, c]))
  }

  /** The code of `v`, added if new (the index exists: see ensureIndex). */
  private code(v: string): number {
    const index = this.index!
    let code = index.get(v)
    if (code === undefined) {
      code = this.dict.length
      this.dict.push(v)
      index.set(v, code)
    }
    return code
  }
}

/** A part's keys through a remap table into `out` from `offset` (-1 where the validity bit is clear). */
function remapInto(out: Int32Array, offset: number, keys: Int32Array, validity: Uint8Array | null, rows: number, remap: Int32Array): void {
  if (validity) {
    for (let i = 0; i < rows; i++) out[offset + i] = (validity[i >> 3] >> (i & 7)) & 1 ? remap[keys[i]] : -1
  } else {
    for (let i = 0; i < rows; i++) out[offset + i] = remap[keys[i]]
  }
}

/** The remap table 0, 1, ..., n-1. */
function identity(n: number): Int32Array {
  const out = new Int32Array(n)
  for (let k = 0; k < n; k++) out[k] = k
  return out
}

function copyValues(col: PartColumn, target: Column, rows: number, offset: number): void {
  if (target.type === 'num' && (col.kind === 'float64' || col.kind === 'int32')) {
    target.values.set(col.values.subarray(0, rows), offset)
  } else if (target.type === 'bool' && col.kind === 'bool') {
    const bits = col.bits
    for (let i = 0; i < rows; i++) target.values[offset + i] = (bits[i >> 3] >> (i & 7)) & 1
  } else {
    throw new Error(`bug: column kind ${col.kind} does not fit ${target.type}`)
  }
}
