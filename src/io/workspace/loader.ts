import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {type Column, columnKind, type DictColumn, type SpendFrame} from '../../model/frame.js'
import type {RecordColumn} from '../../model/record.js'
import {importDir} from './layout.js'
import type {ImportEntry} from './manifest.js'
import {openPart, type Part, type PartColumn} from './part-reader.js'

/**
 * Load the given columns of the given imports into one SpendFrame. Only the
 * asked-for columns of each part are decoded; string columns keep their
 * dictionary codes, remapped into one dictionary per column, so no string is
 * built per row.
 * @example await loadFrameFrom('.spendkit', entries, ['supplier', 'amount'])
 */
export async function loadFrameFrom(root: string, entries: readonly ImportEntry[], columns: readonly RecordColumn[]): Promise<SpendFrame> {
  let length = 0
  for (const e of entries) for (const p of e.parts) length += p.rows
  const out = new Map<RecordColumn, Column>()
  const merges = new Map<RecordColumn, DictMerge>()
  for (const name of columns) {
    const kind = columnKind(name)
    if (kind === 'dict') merges.set(name, new DictMerge(length))
    else if (kind === 'num') out.set(name, {type: 'num', values: new Float64Array(length)})
    else out.set(name, {type: 'bool', values: new Uint8Array(length)})
  }
  const jobs = entries.flatMap((e) => e.parts.map((p, n) => ({path: join(importDir(root, e.id), p.file), rows: p.rows, first: n === 0})))
  let offset = 0
  // Read the next part from disk while this one is decoded.
  let pending = jobs.length > 0 ? readPart(jobs[0].path) : null
  for (let j = 0; j < jobs.length; j++) {
    const bytes = await pending!
    pending = j + 1 < jobs.length ? readPart(jobs[j + 1].path) : null
    const {path, rows, first} = jobs[j]
    let part: Part
    try {
      part = openPart(bytes)
    } catch (error) {
      throw corrupt(path, `cannot be read (${(error as Error).message})`)
    }
    if (part.rows !== rows) throw corrupt(path, `has ${part.rows} rows, manifest says ${rows}`)
    for (const name of columns) {
      const col = part.column(name)
      if (!col) throw corrupt(path, `has no column ${name}`)
      const merge = merges.get(name)
      if (merge) merge.add(col, rows, offset, first)
      else copyValues(col, out.get(name)!, rows, offset)
    }
    offset += rows
  }
  const frame: SpendFrame = {length, columns: {}}
  for (const name of columns) frame.columns[name] = merges.get(name)?.done() ?? out.get(name)!
  return frame
}

async function readPart(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw corrupt(path, 'is missing')
    throw error
  }
}

function corrupt(path: string, what: string): SpendInputError {
  return new SpendInputError('WORKSPACE_CORRUPT', `workspace part ${what}`, {where: path, hint: 'remove the import and import it again'})
}

const decoder = new TextDecoder()

/** Merges per-part dictionaries into one: each part's keys are remapped through a small table. */
class DictMerge {
  private readonly index = new Map<string, number>()
  private readonly dict: string[] = []
  private readonly codes: Int32Array
  /** The previous part's remap table, for the entries the next part of the same import shares. */
  private carried: Int32Array | null = null

  constructor(length: number) {
    this.codes = new Int32Array(length)
  }

  /** Add one part's column at `offset`; `first` marks the first part of an import. */
  add(col: PartColumn, rows: number, offset: number, first: boolean): void {
    if (col.kind === 'text') return this.addText(col, rows, offset)
    if (col.kind !== 'dict') throw new Error(`bug: expected a string column, got ${col.kind}`)
    const remap = new Int32Array(col.size)
    let k = 0
    if (!first && this.carried && col.prefix > 0 && col.prefix <= this.carried.length && col.prefix <= col.size) {
      remap.set(this.carried.subarray(0, col.prefix))
      k = col.prefix
    }
    for (; k < col.size; k++) remap[k] = this.code(col.entry(k))
    this.carried = remap
    const {keys, validity} = col
    const out = this.codes
    if (validity) {
      for (let i = 0; i < rows; i++) out[offset + i] = (validity[i >> 3] >> (i & 7)) & 1 ? remap[keys[i]] : -1
    } else {
      for (let i = 0; i < rows; i++) out[offset + i] = remap[keys[i]]
    }
  }

  done(): DictColumn {
    return {type: 'dict', codes: this.codes, dict: this.dict}
  }

  /** Free text stored plain: decode each value and encode it here (only when a query asks for it). */
  private addText(col: Extract<PartColumn, {kind: 'text'}>, rows: number, offset: number): void {
    const {offsets, bytes, validity} = col
    for (let i = 0; i < rows; i++) {
      const valid = !validity || (validity[i >> 3] >> (i & 7)) & 1
      this.codes[offset + i] = valid ? this.code(decoder.decode(bytes.subarray(offsets[i], offsets[i + 1]))) : -1
    }
  }

  private code(v: string): number {
    let code = this.index.get(v)
    if (code === undefined) {
      code = this.dict.length
      this.dict.push(v)
      this.index.set(v, code)
    }
    return code
  }
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
