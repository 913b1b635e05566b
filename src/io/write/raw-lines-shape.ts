/**
 * What `spend rows --raw` found for each listed row and source file
 * (src/services/raw-lines.ts reads them; rows-report.ts shows them).
 */

/** Why a row has (or has not) its raw line (`raw_status` in the JSON; schemas/rows.json lists the same). */
export const RAW_STATUSES = [
  'ok', 'stdin', 'archive', 'not_text', 'file_moved', 'file_changed', 'unreadable', 'line_not_found', 'not_imported',
] as const
export type RawStatus = (typeof RAW_STATUSES)[number]

/** One source file of the listed rows, and what came of reading it. */
export interface RawSource {
  import: string
  /** The file inside the import (`source_file`). */
  file: string
  /** The path as the import recorded it (null: standard input, or no import). */
  path: string | null
  /** 'ok' when the file was read and matched ('line_not_found' when it matched but some recorded lines are not in it). */
  status: RawStatus
  /** Why not, for people (null when read). */
  note: string | null
  /** Listed rows from this file. */
  rows: number
}

export interface RawLines {
  /** Per listed row: the record's text as in the file, or null. */
  raw: (string | null)[]
  status: RawStatus[]
  sources: RawSource[]
}
