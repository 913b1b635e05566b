import {promises as fsp} from 'node:fs'
import {join} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {formatMinor} from '../../model/money.js'
import type {CurrencyTotals, RowCounts, SourceReport} from '../read/types.js'
import {writeFileAtomic} from './fsutil.js'
import {type ImportOptionsUsed, MANIFEST_FILE} from './layout.js'

export const MANIFEST_FORMAT = 'spendkit-workspace'
/**
 * 2: parts no longer store `source` (see WRITTEN_COLUMNS) and an entry may name a
 * dict_join file. Version 1 workspaces read as they are; the first write
 * marks the workspace 2, so an older spend refuses it with a clear message
 * instead of missing a column.
 */
export const MANIFEST_VERSION = 2

/** Control totals of one currency as exact strings: major units (`"1234.50"`) and minor units (`"123450"`). */
export interface TotalsJson {
  currency: string
  source: string
  imported: string
  rejected: string
  source_minor: string
  imported_minor: string
  rejected_minor: string
}

/** A SourceReport as stored: bigint totals become exact decimal strings. */
export type SourceReportJson = Omit<SourceReport, 'totals'> & {totals: TotalsJson[]}

/** One import in the manifest. */
export interface ImportEntry {
  id: string
  /**
   * The file's name, without its folders: `spend-2024-03.csv`, or `<stdin>`
   * for standard input. Its sources are named after it (`name!member.csv`
   * for archive members; see SourceReport.file). Entries written before
   * `path` existed hold the path as typed at import (`-` for stdin).
   */
  file: string
  /**
   * The file's path relative to the workspace folder, with `/` separators
   * (`../data/spend-2024-03.csv`), so it means the same from any directory:
   * resolve it against the workspace folder to find the file. Null for
   * standard input; absent (unknown) in entries written before it existed.
   */
  path?: string | null
  sha256: string
  bytes: number
  format: string
  options: ImportOptionsUsed
  tool_version: string
  rows: RowCounts
  totals: TotalsJson[]
  /** Canonical field -> header used, of the first source (each source's own is under `files`). */
  mapping: Record<string, string | null>
  files: SourceReportJson[]
  parts: PartEntry[]
  rejects: ({file: string; rows: number} & StoredFile) | null
  /**
   * Present when the parts are two dictionary chains (a split read): from
   * part `part` on, string codes are the second chain's, and `file` maps
   * them into the first's, so the loader need not hash them (see dict-join.ts).
   */
  dict_join?: {part: number; file: string} & StoredFile
}

/**
 * A file of an import as written: its size and CRC-32, checked when it is
 * read. Absent in workspaces written before checksums (nothing to check).
 */
export interface StoredFile {
  bytes?: number
  crc32?: number
}

/** One part file of an import (see PartChecksums for what its checksums cover). */
export interface PartEntry {
  file: string
  rows: number
  bytes?: number
  /** Per byte range rather than one for the file: a query reads only some columns of a part. */
  crc32?: PartChecksums
}

/**
 * CRC-32s of the byte ranges a query reads from a part, computed while the
 * part was written (see part-crc.ts) and checked as each range is loaded
 * (part-reader.ts). Bytes no query reads (padding, the schema message at the
 * start of the file) are not covered: damage there changes nothing.
 */
export interface PartChecksums {
  /** The file's tail, its footer (schema, message positions) and the record batch's header, in that order. */
  metadata: number
  /** Per column: its record batch buffers, then for a dictionary column its dictionary batch's header and buffers. */
  columns: Record<string, number>
}

/**
 * A file the workspace keeps beside its imports and applies to every load:
 * the supplier-entity crosswalk or the classification rules
 * (`overlays/<kind>-<sha12>.csv`; see overlays.ts). Its SHA-256 is checked
 * each time it is read.
 */
export interface OverlayEntry {
  /** File name inside `overlays/`. */
  file: string
  sha256: string
  bytes: number
  /** Data rows in the file (its header not counted). */
  rows: number
  /** What the user gave (a path relative to the workspace folder, or a shipped set's name), for messages. */
  source: string
  tool_version: string
}

export type OverlayKind = 'entities' | 'classification'

export interface Manifest {
  format: string
  format_version: number
  imports: ImportEntry[]
  /** Absent until `spend entities apply` / `spend classify apply` stores one (optional: format stays 2). */
  overlays?: Partial<Record<OverlayKind, OverlayEntry>>
}

/** Control totals in the contract's shape: {currency, source, imported, rejected} as exact decimal strings. */
export function contractTotals(totals: readonly TotalsJson[]) {
  return totals.map((t) => ({currency: t.currency, source: t.source, imported: t.imported, rejected: t.rejected}))
}

/**
 * Totals as stored: exact major-unit strings via formatMinor, plus minor units.
 * @example totalsJson([{currency: 'GBP', source: 150n, imported: 100n, rejected: 50n}])[0].source // '1.50'
 */
export function totalsJson(totals: readonly CurrencyTotals[]): TotalsJson[] {
  return [...totals]
    .sort((a, b) => cmp(a.currency, b.currency))
    .map((t) => ({
      currency: t.currency,
      source: formatMinor(t.source, t.currency),
      imported: formatMinor(t.imported, t.currency),
      rejected: formatMinor(t.rejected, t.currency),
      source_minor: t.source.toString(),
      imported_minor: t.imported.toString(),
      rejected_minor: t.rejected.toString(),
    }))
}

/** A SourceReport ready for JSON (bigints as strings). */
export function sourceReportJson(r: SourceReport): SourceReportJson {
  return {...r, totals: totalsJson(r.totals)}
}

/** Read the manifest; an absent workspace is an empty one. */
export async function readManifest(root: string): Promise<Manifest> {
  const file = join(root, MANIFEST_FILE)
  let text: string
  try {
    text = await fsp.readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyManifest()
    throw error
  }
  let m: Manifest
  try {
    m = JSON.parse(text) as Manifest
  } catch {
    throw new SpendInputError('WORKSPACE_CORRUPT', 'manifest.json is not valid JSON', {
      where: file,
      hint: 'restore it from a backup or re-import into a new workspace',
    })
  }
  if (m.format !== MANIFEST_FORMAT || !Array.isArray(m.imports)) {
    throw new SpendInputError('WORKSPACE_CORRUPT', 'not a spendkit workspace manifest', {where: file})
  }
  if (m.format_version > MANIFEST_VERSION) {
    throw new SpendInputError('WORKSPACE_TOO_NEW', `workspace format ${m.format_version} is newer than this spend`, {
      where: file,
      hint: 'upgrade spendkit',
    })
  }
  return m
}

export function emptyManifest(): Manifest {
  return {format: MANIFEST_FORMAT, format_version: MANIFEST_VERSION, imports: []}
}

/** Entries in a deterministic order: by id, then file. */
export function sortEntries(entries: readonly ImportEntry[]): ImportEntry[] {
  return [...entries].sort((a, b) => cmp(a.id, b.id) || cmp(a.file, b.file))
}

/** Pretty JSON, trailing newline; key order is the construction order, which is fixed in code. */
export function manifestText(m: Manifest): string {
  return JSON.stringify({...m, format_version: MANIFEST_VERSION, imports: sortEntries(m.imports)}, null, 2) + '\n'
}

export async function writeManifest(root: string, m: Manifest): Promise<void> {
  await writeFileAtomic(join(root, MANIFEST_FILE), manifestText(m))
}

/** Code-unit order, independent of locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
