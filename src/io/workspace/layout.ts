import {createHash} from 'node:crypto'
import {join, resolve} from 'node:path'
import {LATER_COLUMNS, RECORD_COLUMNS, type RecordColumn} from '../../model/record.js'

/** Default workspace folder, relative to the current directory. */
export const DEFAULT_WORKSPACE = '.spendkit'
export const MANIFEST_FILE = 'manifest.json'
export const LOCK_FILE = '.lock'
export const IMPORTS_DIR = 'imports'
/** The crosswalk and rules the workspace applies at load (see overlays.ts). */
export const OVERLAYS_DIR = 'overlays'
export const REJECTS_FILE = 'rejects.csv'
/** How a split read's second chain of dictionaries maps into the first (see PartWriter.adopt). */
export const DICT_JOIN_FILE = 'dict-join.json'
/** A copy of the manifest entry inside each import folder: lets a crashed replace be rolled back. */
export const ENTRY_FILE = 'entry.json'
/** Temp folders of imports in progress; anything left after a crash is removed on the next write. */
export const TMP_PREFIX = '.tmp-'
/** An import folder moved aside during --replace, until the manifest names its successor. */
export const OLD_PREFIX = '.old-'

/**
 * Where the workspace lives: the --workspace flag, else $SPENDKIT_WORKSPACE,
 * else `./.spendkit`. Returned as an absolute path.
 * @example resolveWorkspace(undefined, {SPENDKIT_WORKSPACE: '/data/ws'}) // '/data/ws'
 */
export function resolveWorkspace(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag?.trim() || env.SPENDKIT_WORKSPACE?.trim() || DEFAULT_WORKSPACE
  return resolve(chosen)
}

/**
 * The columns this version writes in part files: every record column but `source`. A
 * row's source is its import, named by the folder and the manifest entry, so
 * the loader fills it in; stored per row, it made the import id (a hash of
 * the whole file) a prerequisite for writing the first row.
 */
export const WRITTEN_COLUMNS = RECORD_COLUMNS.filter((c): c is Exclude<RecordColumn, 'source'> => c !== 'source')

/**
 * The columns every part file has, whenever it was written: WRITTEN_COLUMNS
 * but the LATER_COLUMNS (a part written before one of those has none, and the
 * loader reads it as null).
 */
export const PART_COLUMNS = WRITTEN_COLUMNS.filter((c) => !LATER_COLUMNS.has(c))

/** Rows per part file: bounds memory (about 100 bytes a row) while keeping parts few. */
export const DEFAULT_PART_ROWS = 262_144

/**
 * Field metadata key: how many leading dictionary entries this part shares
 * with the previous part of the same import. The loader reuses its mapping for
 * them instead of decoding and looking them up again.
 */
export const DICT_PREFIX_KEY = 'spendkit.dict_prefix'

/** Part file name for the n-th part (0-based). */
export function partName(n: number): string {
  return `part-${String(n).padStart(5, '0')}.arrow`
}

export function importDir(root: string, id: string): string {
  return join(root, IMPORTS_DIR, id)
}

/** The options that change what an import produces; part of its id. */
export interface ImportOptionsUsed {
  buyer: string | null
  currency: string | null
  /** Canonical field -> header, from --map. */
  map: Record<string, string> | null
  preset: string | null
  ocds_level: string | null
}

/** Normalise options (sorted map keys, nulls for absent) so equal options serialise equally. */
export function normaliseOptions(o: Partial<ImportOptionsUsed> & {map?: Record<string, string> | null}): ImportOptionsUsed {
  const map = o.map && Object.keys(o.map).length > 0 ? sortKeys(o.map) : null
  return {
    buyer: o.buyer ?? null,
    currency: o.currency ?? null,
    map,
    preset: o.preset ?? null,
    ocds_level: o.ocds_level ?? null,
  }
}

/**
 * A stable string for the options of an import, used with the content hash to
 * recognise a re-import of the same file with the same options.
 * @example optionsKey({buyer: 'Leeds'}) === optionsKey({buyer: 'Leeds', map: {}})
 */
export function optionsKey(o: Partial<ImportOptionsUsed>): string {
  return JSON.stringify(normaliseOptions(o))
}

/**
 * The import id: the first 12 hex digits of SHA-256(content hash + options key),
 * so the same bytes with the same options always get the same id.
 * @example importIdFor('ab12...', optionsKey({})) // e.g. '3f9a0c21b7de'
 */
export function importIdFor(sha256: string, key: string): string {
  return createHash('sha256').update(`${sha256}\n${key}`).digest('hex').slice(0, 12)
}

export function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {}
  for (const k of Object.keys(o).sort()) out[k] = o[k]
  return out
}
