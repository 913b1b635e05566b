/**
 * What both CSV scan paths (plain lines and quoted records) share: the
 * character codes, the record limits and the errors they raise, so a record
 * is checked the same way whichever path read it.
 */
import {SpendInputError} from '../../../errors.js'
import type {Limits} from '../limits.js'
import {csvMsg} from '../../../messages.js'

export const QUOTE = 34
export const LF = 10
export const CR = 13

/** The delimiter, the limits and the file name (for `where` in errors) of one tokenizer. */
export interface CsvRules {
  readonly delimiter: string
  /** `delimiter.charCodeAt(0)`, cached for the scan loops. */
  readonly d: number
  readonly limits: Limits
  readonly name: string
}

/**
 * A user error at `name:line`.
 * @example throw csvError(rules, 'UNCLOSED_QUOTE', 'quote opened here is never closed', 7, 'check the quotes in this line')
 */
export function csvError(rules: CsvRules, code: string, message: string, line: number, hint: string): SpendInputError {
  return new SpendInputError(code, message, {where: `${rules.name}:${line}`, hint})
}

/**
 * The error for a field past `limits.maxFieldLength`: most often an unclosed quote.
 * @example throw fieldTooLong(rules, 12)
 */
export function fieldTooLong(rules: CsvRules, line: number): SpendInputError {
  return csvError(
    rules,
    'FIELD_TOO_LONG',
    csvMsg.fieldTooLong(rules.limits.maxFieldLength),
    line,
    csvMsg.fieldTooLongHint(),
  )
}

/**
 * Throw when a record has too many columns or a field too long. `width` is
 * an upper bound on the longest field (the record's length will do), so the
 * common short record skips the per-field check.
 * @example checkCells(rules, ['a', 'b'], 3, 1) // fine
 */
export function checkCells(rules: CsvRules, cells: string[], width: number, line: number): void {
  if (cells.length > rules.limits.maxColumns) {
    throw csvError(rules, 'TOO_MANY_COLUMNS', csvMsg.tooManyColumns(rules.limits.maxColumns), line, csvMsg.tooManyColumnsHint())
  }
  if (width > rules.limits.maxFieldLength) {
    for (const c of cells) if (c.length > rules.limits.maxFieldLength) throw fieldTooLong(rules, line)
  }
}

/**
 * Physical line breaks in `s[from, to)`: CRLF, LF and a bare CR each count once.
 * @example countLineBreaks('a\r\nb\rc\n', 0, 7) // 3
 */
export function countLineBreaks(s: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    if (c === LF) n++
    else if (c === CR && s.charCodeAt(i + 1) !== LF) n++
  }
  return n
}

/**
 * Scan to the end of the field starting at i: index of the delimiter, CR, LF, or n.
 * @example fieldEnd('ab,c', 0, 4, 44) // 2
 */
export function fieldEnd(s: string, i: number, n: number, d: number): number {
  while (i < n) {
    const c = s.charCodeAt(i)
    if (c === d || c === LF || c === CR) return i
    i++
  }
  return n
}
