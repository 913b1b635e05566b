/**
 * Ceilings that keep hostile or broken input from crashing the process or
 * exhausting memory. Every reader checks them while it streams, never after.
 */
export interface Limits {
  /** Longest single CSV field, in characters. */
  maxFieldLength: number
  /** Longest CSV record still waiting for its end, in characters (bounds memory on a file with no line breaks). */
  maxRecordLength: number
  /** Most cells in one row. */
  maxColumns: number
  /** Most members in one zip (counted from its central directory). */
  maxArchiveMembers: number
  /** Most bytes inflated from one archive (zip: all members; gz: the stream). */
  maxUncompressedBytes: number
  /** Highest inflated/compressed ratio tolerated once past `ratioFloorBytes`. */
  maxCompressionRatio: number
  /** Output size below which the ratio is not checked (small files compress well legitimately). */
  ratioFloorBytes: number
  /** Archives read from stdin or nested inside another archive are held in memory: cap them. */
  maxBufferedArchiveBytes: number
  /** Largest .xls/.xlsx accepted. */
  maxSpreadsheetBytes: number
  /** Heap given to the spreadsheet worker. */
  spreadsheetHeapMb: number
  /** Wall time allowed for parsing one workbook. */
  spreadsheetTimeoutMs: number
  /** Deepest archive nesting (zip in zip in gz...). */
  maxArchiveDepth: number
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFieldLength: 1 << 20,
  maxRecordLength: 64 << 20,
  maxColumns: 10_000,
  maxArchiveMembers: 10_000,
  maxUncompressedBytes: 4 * 1024 ** 3,
  maxCompressionRatio: 1000,
  ratioFloorBytes: 16 << 20,
  maxBufferedArchiveBytes: 512 << 20,
  maxSpreadsheetBytes: 200 << 20,
  spreadsheetHeapMb: 1024,
  spreadsheetTimeoutMs: 120_000,
  maxArchiveDepth: 4,
})

/**
 * Fill in defaults for any limit not given.
 * @example resolveLimits({maxColumns: 50}).maxFieldLength // 1048576
 */
export function resolveLimits(partial?: Partial<Limits>): Limits {
  return {...DEFAULT_LIMITS, ...partial}
}
