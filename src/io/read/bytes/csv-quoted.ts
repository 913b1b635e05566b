/**
 * The slow path of the CSV tokenizer: one record that contains a quote
 * (RFC 4180: `""` escapes, line breaks inside quotes). Stretches without
 * quotes are still split natively; only quoted fields are walked quote to quote.
 */
import {checkCells, countLineBreaks, CR, csvError, fieldEnd, fieldTooLong, LF, QUOTE, type CsvRules} from './csv-record.js'
import {csvMsg} from '../../../messages.js'

/** A record read by {@link readQuotedRecord}. */
export interface QuotedRecord {
  cells: string[]
  /** Index in the buffer after the record's line ending. */
  next: number
  /** Line breaks inside quoted fields (the record spans `breaks + 1` lines). */
  breaks: number
}

/**
 * Read one record that contains a quote, from `pos`; `startLine` is the line
 * it starts on (for errors). Returns null when the buffer ends first and more
 * text may follow (`final` false), so the caller keeps the record for the next chunk.
 * @example readQuotedRecord('"a\nb",c\n', 0, true, 1, rules) // {cells: ['a\nb', 'c'], next: 8, breaks: 1}
 */
export function readQuotedRecord(s: string, pos: number, final: boolean, startLine: number, rules: CsvRules): QuotedRecord | null {
  const n = s.length
  const max = rules.limits.maxFieldLength
  const delim = rules.delimiter
  let cells: string[] = []
  let breaks = 0
  let i = pos
  let nextN = -2
  let nextR = -2
  let nextQ = -2
  for (;;) {
    if (nextN !== -1 && nextN < i) nextN = s.indexOf('\n', i)
    if (nextR !== -1 && nextR < i) nextR = s.indexOf('\r', i)
    if (nextQ !== -1 && nextQ < i) nextQ = s.indexOf('"', i)
    const eol = nextN === -1 ? nextR : nextR === -1 ? nextN : Math.min(nextN, nextR)
    if (nextQ === -1 || (eol !== -1 && eol < nextQ)) {
      // No more quotes in this record: split the rest natively.
      if (eol === -1 && !final) return null
      const e = eol === -1 ? n : eol
      const rest = s.slice(i, e).split(delim)
      if (cells.length === 0) cells = rest
      else for (let k = 0; k < rest.length; k++) cells.push(rest[k])
      i = e
      break
    }
    const q = nextQ
    let value: string
    const before = s.slice(i, q).split(delim)
    const lead = before.pop()!
    if (cells.length === 0) cells = before
    else for (let k = 0; k < before.length; k++) cells.push(before[k])
    if (lead !== '') {
      // A quote inside an unquoted field is just a character.
      const k = fieldEnd(s, q, n, rules.d)
      value = lead + s.slice(q, k)
      i = k
    } else {
      value = ''
      let seg = q + 1
      let j = seg
      for (;;) {
        const c = s.indexOf('"', j)
        if (c === -1 || (c + 1 >= n && !final)) {
          if (n - q > max) throw fieldTooLong(rules, startLine)
          if (!final) return null
          throw csvError(rules, 'UNCLOSED_QUOTE', csvMsg.unclosedQuote(), startLine, csvMsg.unclosedQuoteHint())
        }
        if (s.charCodeAt(c + 1) === QUOTE) {
          value += s.slice(seg, c + 1)
          j = c + 2
          seg = j
          continue
        }
        value += s.slice(seg, c)
        i = c + 1
        break
      }
      breaks += countLineBreaks(s, q, i)
      // Lenient: text after the closing quote (`"a"b`) is kept, as spreadsheets do.
      const k = fieldEnd(s, i, n, rules.d)
      if (k > i) value += s.slice(i, k)
      i = k
    }
    if (value.length > max) throw fieldTooLong(rules, startLine)
    cells.push(value)
    if (cells.length > rules.limits.maxColumns) checkCells(rules, cells, 0, startLine)
    if (i >= n) {
      if (!final) return null
      break
    }
    if (s.charCodeAt(i) === rules.d) {
      i++
      continue
    }
    break
  }
  checkCells(rules, cells, max + 1, startLine)
  if (i < n) {
    // i is at the CR or LF ending the record.
    if (s.charCodeAt(i) === CR) {
      if (i + 1 >= n && !final) return null
      i += s.charCodeAt(i + 1) === LF ? 2 : 1
    } else {
      i++
    }
  }
  return {cells, next: i, breaks}
}
