/** Shared helpers for the bytes-layer tests (not a test file itself). */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {tempDir as registeredTempDir} from '../../helpers/temp.js'
import {CsvTokenizer} from '../../../src/io/read/bytes/csv.js'
import {resolveLimits} from '../../../src/io/read/limits.js'
import type {Limits} from '../../../src/io/read/limits.js'
import {openSources} from '../../../src/io/read/bytes/sources.js'
import type {CellRow} from '../../../src/io/read/types.js'

export const FIX = join(import.meta.dirname, '../../../fixtures/bytes')
export const fix = (name: string): string => join(FIX, name)

export interface Opened {
  name: string
  kind: 'table' | 'json'
  format: string
  container: string[]
  encoding: string | null
  delimiter: string | null
  typedCells: boolean | null
  rows: CellRow[]
  text: string
}

/** Open an input and read every Source fully, in order. */
export async function openAll(input: string, limits?: Partial<Limits>): Promise<Opened[]> {
  const out: Opened[] = []
  for await (const s of openSources(input, {limits})) {
    const o: Opened = {name: s.name, kind: s.kind, format: s.format, container: s.container, encoding: s.encoding, delimiter: null, typedCells: null, rows: [], text: ''}
    if (s.kind === 'table') {
      o.delimiter = s.delimiter
      o.typedCells = s.typedCells
      for await (const b of s.rows) o.rows.push(...b)
    } else {
      for await (const t of s.text) o.text += t
    }
    out.push(o)
  }
  return out
}

/** The SpendInputError code thrown while opening and reading an input ('' when none). */
export async function errorOf(input: string, limits?: Partial<Limits>): Promise<{code: string; line: string}> {
  try {
    await openAll(input, limits)
    return {code: '', line: ''}
  } catch (e) {
    const err = e as {code?: string; oneLine?: () => string; message: string}
    return {code: err.code ?? 'NOT_SPEND_INPUT_ERROR', line: err.oneLine ? err.oneLine() : `BUG: ${err.message}`}
  }
}

/** Tokenize a text pushed in chunks of `size` characters. */
export function tokenize(text: string, size = Infinity, delimiter = ',', limits?: Partial<Limits>): CellRow[] {
  const t = new CsvTokenizer(delimiter, resolveLimits(limits), 'test.csv', 2)
  const rows: CellRow[] = []
  const step = Number.isFinite(size) ? size : text.length || 1
  for (let i = 0; i < text.length; i += step) for (const b of t.push(text.slice(i, i + step))) rows.push(...b)
  for (const b of t.end()) rows.push(...b)
  return rows
}

/** A fresh temp folder (removed after the test file); write files into it. */
export function tempDir(files: Record<string, Uint8Array | string> = {}): string {
  const dir = registeredTempDir('spendkit-bytes-')
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body)
  return dir
}

/** Overwrite the uncompressed size of every central-directory entry (a zip that lies about its members). */
export function lieAboutSizes(zip: Uint8Array, size: number): Buffer {
  const b = Buffer.from(zip)
  for (let p = 0; p + 46 <= b.length; p++) {
    if (b.readUInt32LE(p) === 0x02014b50) b.writeUInt32LE(size, p + 24)
  }
  return b
}
