/**
 * The dictionary join of a split read. Its two threads each write parts
 * whose dictionaries form one chain (each part's a prefix of the next's). At
 * commit the second chain's dictionaries are mapped into the first's, value
 * by value, once; queries then load the parts with no string hashing, which
 * costs about 60 ms on every query of a 1M-row import.
 *
 * File: {"version": 1, "columns": {"supplier": {"base": n, "codes": base64}}}
 * where codes are little-endian int32, one per entry of the second chain's
 * dictionary: the entry's code in the first chain (< base, its size) or a
 * new code (>= base, given in entry order).
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {crc32} from './crc.js'

/** One column's join: the first chain's dictionary size and a code per second-chain entry. */
export interface ColumnJoin {
  base: number
  codes: Int32Array
}

export type DictJoin = Partial<Record<string, ColumnJoin>>

/**
 * Write a join file; returns its size and CRC-32 for the manifest.
 * @example writeDictJoin(join(dir, 'dict-join.json'), {supplier: {base: 2, codes: Int32Array.of(1, 2)}}).crc32
 */
export function writeDictJoin(path: string, join: DictJoin): {bytes: number; crc32: number} {
  const columns: Record<string, {base: number; codes: string}> = {}
  for (const [name, j] of Object.entries(join)) {
    if (!j) continue
    const buf = Buffer.allocUnsafe(j.codes.length * 4)
    for (let k = 0; k < j.codes.length; k++) buf.writeInt32LE(j.codes[k], k * 4)
    columns[name] = {base: j.base, codes: buf.toString('base64')}
  }
  const bytes = Buffer.from(JSON.stringify({version: 1, columns}) + '\n', 'utf8')
  writeFileSync(path, bytes)
  return {bytes: bytes.length, crc32: crc32(bytes)}
}

/**
 * Read a join file; null when it is missing or not what this version
 * writes (the loader then hashes, as for any other dictionaries).
 * @example readDictJoin(path)?.supplier?.base // 50000
 */
export function readDictJoin(path: string): DictJoin | null {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch {
    return null
  }
  return parseDictJoin(bytes)
}

/**
 * A join file's content; null when it is not what this version writes.
 * @example parseDictJoin(readFileSync(path))?.supplier?.codes.length
 */
export function parseDictJoin(bytes: Uint8Array): DictJoin | null {
  let parsed: {version?: unknown; columns?: Record<string, {base?: unknown; codes?: unknown}>}
  try {
    parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))
  } catch {
    return null
  }
  if (!parsed || parsed.version !== 1 || typeof parsed.columns !== 'object' || parsed.columns === null) return null
  const out: DictJoin = {}
  for (const [name, c] of Object.entries(parsed.columns)) {
    if (typeof c?.base !== 'number' || typeof c.codes !== 'string') return null
    const buf = Buffer.from(c.codes, 'base64')
    const codes = new Int32Array(buf.length >> 2)
    for (let k = 0; k < codes.length; k++) codes[k] = buf.readInt32LE(k * 4)
    out[name] = {base: c.base, codes}
  }
  return out
}
