/**
 * Ceilings that keep hostile or broken input from crashing the process or
 * exhausting memory. Every reader checks them while it streams, never after.
 */
import {SpendInputError} from '../../errors.js'
import {bytesMsg} from '../../messages.js'

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
  /** Most bytes an .xlsx/.ods may unpack to (all members): the XML parser needs several times this in memory. */
  maxWorkbookUnpackedBytes: number
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
  // Real spend CSV and sheet XML compress 5-30:1; one repeated CSV line 400-500:1;
  // deflate's ceiling is ~1030:1. Apache POI refuses xlsx members past 100:1.
  maxCompressionRatio: 200,
  ratioFloorBytes: 16 << 20,
  maxBufferedArchiveBytes: 512 << 20,
  maxSpreadsheetBytes: 200 << 20,
  maxWorkbookUnpackedBytes: 256 << 20,
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

/** JSON's structural characters: , : [ ] { } */
const isStructural = (c: number): boolean => c === 44 || c === 58 || c === 91 || c === 93 || c === 123 || c === 125
const STRUCTURAL = /[,:[\]{}]/g

/**
 * Pass JSON text through unchanged, failing as soon as one string, number or
 * other bare value is longer than `max` characters. The JSON readers build each
 * value whole, so a 100 MB string or number would otherwise be held (and stored)
 * in full; CSV fields have the same ceiling. Hops quote to quote with native
 * indexOf; the text between strings is only walked when it is long.
 * @example for await (const s of guardJsonTokens(text, 1 << 20, 'a.json')) parser.write(s)
 */
export async function* guardJsonTokens(text: AsyncIterable<string>, max: number, name: string): AsyncGenerator<string> {
  const tooLong = (): SpendInputError =>
    new SpendInputError('FIELD_TOO_LONG', bytesMsg.jsonValueTooLong(max), {where: name, hint: bytesMsg.jsonValueTooLongHint()})
  let inString = false
  /** Length of the string being read, or of the bare run (number, literal, spaces) since the last quote or structural character. */
  let run = 0
  // The chunk ended on a backslash inside a string: the next character is escaped.
  let escapeNext = false
  for await (const s of text) {
    const n = s.length
    let i = 0
    let q = -2
    let b = -2
    while (i < n) {
      if (q !== -1 && q < i) q = s.indexOf('"', i)
      if (!inString) {
        const e = q === -1 ? n : q
        if (run + e - i > max) {
          // Long stretch between strings: measure its runs between structural characters.
          let p = i
          STRUCTURAL.lastIndex = i
          for (;;) {
            const m = STRUCTURAL.exec(s)
            const k = m !== null && m.index < e ? m.index : e
            if (run + k - p > max) throw tooLong()
            if (k === e) {
              run += k - p
              break
            }
            run = 0
            p = k + 1
            STRUCTURAL.lastIndex = p
          }
        } else if (e === n) {
          let k = n - 1
          while (k >= i && !isStructural(s.charCodeAt(k))) k--
          run = k < i ? run + n - i : n - 1 - k
        }
        if (e === n) break
        inString = true
        run = 0
        i = q + 1
        continue
      }
      if (escapeNext) {
        escapeNext = false
        run++
        i++
        continue
      }
      if (b !== -1 && b < i) b = s.indexOf('\\', i)
      if (b !== -1 && (q === -1 || b < q)) {
        if (b + 1 === n) {
          run += b - i + 1
          escapeNext = true
          i = n
        } else {
          run += b - i + 2
          i = b + 2
        }
      } else if (q === -1) {
        run += n - i
        i = n
      } else {
        run += q - i
        inString = false
        i = q + 1
        if (run > max) throw tooLong()
        run = 0
        continue
      }
      if (run > max) throw tooLong()
    }
    yield s
  }
}
