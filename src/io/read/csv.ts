/**
 * Streaming CSV/TSV tokenizer.
 *
 * Why our own and not papaparse or arquero: we need (1) the physical line each
 * record starts on, for rejects; (2) CRLF, LF and bare CR mixed in one file
 * (Phoenix ends its bare-CR lines with one CRLF), where papaparse fixes one
 * newline per file; (3) no lost rows when a quoted field crosses a chunk
 * boundary, where arquero's streaming reader drops them; (4) speed: 1M rows
 * (143 MB) read, decoded and tokenized in ~1.0 s wall (~1M rows/s) on this
 * 2-core machine, against 1.4-2 s for papaparse's parser alone on the same
 * chunks. Spend files are mostly plain lines with no quotes, so the fast path
 * finds the line end and the next quote with native `indexOf` (cached, so a
 * file with no quotes or no LF is searched once per chunk, not once per line)
 * and splits the line with native `String.prototype.split`. Only records with
 * a quote take the slower path (RFC 4180: "" escapes, line breaks inside
 * quotes), which still splits the unquoted stretches natively. A record cut
 * by a chunk boundary is kept and read again when the next chunk arrives, so
 * chunk sizes never change the result.
 */
import {SpendInputError} from '../../errors.js'
import type {CellRow} from './types.js'
import type {Limits} from './limits.js'

const QUOTE = 34
const LF = 10
const CR = 13

export {DELIMITERS, sniffDelimiter} from './csv-sniff.js'

function countLineBreaks(s: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    if (c === LF) n++
    else if (c === CR && s.charCodeAt(i + 1) !== LF) n++
  }
  return n
}

/**
 * Push text in, get batches of rows out. `line` is the 1-based physical line
 * where a record starts (CRLF, LF and bare CR each end one line).
 * An empty line gives a row with no cells.
 * @example
 * const t = new CsvTokenizer(',', limits, 'x.csv')
 * const batches = [...t.push('a,b\n"1\n2",3\n'), ...t.end()]
 * // [[{line: 1, cells: ['a', 'b']}, {line: 2, cells: ['1\n2', '3']}]]
 */
export class CsvTokenizer {
  private buf = ''
  /** Chunks held back while `buf` holds an unfinished record (see push). */
  private pending: string[] = []
  private pendingLen = 0
  private line = 1
  private batch: CellRow[] = []
  private out: CellRow[][] = []
  private readonly d: number

  constructor(
    private readonly delimiter: string,
    private readonly limits: Limits,
    private readonly name: string,
    private readonly batchSize = 1024,
  ) {
    this.d = delimiter.charCodeAt(0)
  }

  push(chunk: string): CellRow[][] {
    if (this.buf.length > 0 && this.pendingLen + chunk.length < this.buf.length) {
      // A record left over from the last chunk is only parsed again once the
      // text after it at least matches its length: re-reading it on every
      // 64 KB chunk made a 50 MB line cost O(n^2) (minutes); this keeps it linear.
      this.pending.push(chunk)
      this.pendingLen += chunk.length
      if (this.buf.length + this.pendingLen > this.limits.maxRecordLength) throw this.recordTooLong()
      return []
    }
    this.buf = this.joinPending(chunk)
    this.consume(false)
    return this.take()
  }

  end(): CellRow[][] {
    this.buf = this.joinPending('')
    this.consume(true)
    if (this.batch.length > 0) this.out.push(this.batch)
    this.batch = []
    return this.take()
  }

  /** The carried record, the chunks held back since, and `chunk`, as one string. */
  private joinPending(chunk: string): string {
    if (this.pending.length === 0) return this.buf.length === 0 ? chunk : this.buf + chunk
    const s = this.buf + this.pending.join('') + chunk
    this.pending = []
    this.pendingLen = 0
    return s
  }

  private recordTooLong(): SpendInputError {
    return this.error('RECORD_TOO_LONG', `record longer than ${this.limits.maxRecordLength} characters`, this.line, 'check the line endings and quotes')
  }

  private take(): CellRow[][] {
    const out = this.out
    this.out = []
    return out
  }

  private emit(cells: string[], line: number): void {
    this.batch.push({line, cells})
    if (this.batch.length >= this.batchSize) {
      this.out.push(this.batch)
      this.batch = []
    }
  }

  private error(code: string, message: string, line: number, hint: string): SpendInputError {
    return new SpendInputError(code, message, {where: `${this.name}:${line}`, hint})
  }

  private checkCells(cells: string[], width: number, line: number): void {
    if (cells.length > this.limits.maxColumns) {
      throw this.error('TOO_MANY_COLUMNS', `more than ${this.limits.maxColumns} columns`, line, 'check the delimiter')
    }
    if (width > this.limits.maxFieldLength) {
      for (const c of cells) if (c.length > this.limits.maxFieldLength) throw this.fieldTooLong(line)
    }
  }

  private fieldTooLong(line: number): SpendInputError {
    return this.error(
      'FIELD_TOO_LONG',
      `field longer than ${this.limits.maxFieldLength} characters`,
      line,
      'check for an unclosed quote or a wrong delimiter',
    )
  }

  private consume(final: boolean): void {
    const s = this.buf
    const n = s.length
    let pos = 0
    // Next LF / CR / quote at or after pos; -1 = none in this buffer; -2 = not searched yet.
    let nextN = -2
    let nextR = -2
    let nextQ = -2
    while (pos < n) {
      if (nextN !== -1 && nextN < pos) nextN = s.indexOf('\n', pos)
      if (nextR !== -1 && nextR < pos) nextR = s.indexOf('\r', pos)
      if (nextQ !== -1 && nextQ < pos) nextQ = s.indexOf('"', pos)
      let eol = nextN === -1 ? nextR : nextR === -1 ? nextN : Math.min(nextN, nextR)
      if (nextQ !== -1 && (eol === -1 || nextQ < eol)) {
        const after = this.quotedRecord(s, pos, final)
        if (after === -1) break
        pos = after
        continue
      }
      let next: number
      if (eol === -1) {
        if (!final) {
          // No line end yet: a last field already past the limit fails now, not after reading the whole line.
          if (n - pos > this.limits.maxFieldLength && n - 1 - s.lastIndexOf(this.delimiter) > this.limits.maxFieldLength) {
            throw this.fieldTooLong(this.line)
          }
          break
        }
        eol = n
        next = n
      } else if (s.charCodeAt(eol) === CR) {
        if (eol + 1 === n && !final) break // may be the first half of a CRLF
        next = s.charCodeAt(eol + 1) === LF ? eol + 2 : eol + 1
      } else {
        next = eol + 1
      }
      const cells = eol === pos ? [] : s.slice(pos, eol).split(this.delimiter)
      this.checkCells(cells, eol - pos, this.line)
      this.emit(cells, this.line)
      this.line++
      pos = next
    }
    this.buf = pos === 0 ? s : pos >= n ? '' : s.slice(pos)
    if (this.buf.length > this.limits.maxRecordLength) throw this.recordTooLong()
  }

  /** Scan to the end of the field starting at i: index of the delimiter, CR, LF, or n. */
  private fieldEnd(s: string, i: number, n: number): number {
    const d = this.d
    while (i < n) {
      const c = s.charCodeAt(i)
      if (c === d || c === LF || c === CR) return i
      i++
    }
    return n
  }

  /**
   * Read one record that contains a quote, from `pos`. Returns the index after
   * its line ending, or -1 when the buffer ends first and more text may follow.
   * Stretches without quotes are still split natively; only quoted fields are
   * walked quote to quote.
   */
  private quotedRecord(s: string, pos: number, final: boolean): number {
    const n = s.length
    const startLine = this.line
    const max = this.limits.maxFieldLength
    const delim = this.delimiter
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
        if (eol === -1 && !final) return -1
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
        const k = this.fieldEnd(s, q, n)
        value = lead + s.slice(q, k)
        i = k
      } else {
        value = ''
        let seg = q + 1
        let j = seg
        for (;;) {
          const c = s.indexOf('"', j)
          if (c === -1 || (c + 1 >= n && !final)) {
            if (n - q > max) throw this.fieldTooLong(startLine)
            if (!final) return -1
            throw this.error('UNCLOSED_QUOTE', 'quote opened here is never closed', startLine, 'check the quotes in this line')
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
        const k = this.fieldEnd(s, i, n)
        if (k > i) value += s.slice(i, k)
        i = k
      }
      if (value.length > max) throw this.fieldTooLong(startLine)
      cells.push(value)
      if (cells.length > this.limits.maxColumns) this.checkCells(cells, 0, startLine)
      if (i >= n) {
        if (!final) return -1
        break
      }
      if (s.charCodeAt(i) === this.d) {
        i++
        continue
      }
      break
    }
    this.checkCells(cells, max + 1, startLine)
    if (i < n) {
      // i is at the CR or LF ending the record.
      if (s.charCodeAt(i) === CR) {
        if (i + 1 >= n && !final) return -1
        i += s.charCodeAt(i + 1) === LF ? 2 : 1
      } else {
        i++
      }
    }
    this.emit(cells, startLine)
    this.line = startLine + breaks + 1
    return i
  }
}

/**
 * Tokenize a stream of text chunks into batches of rows.
 * @example for await (const batch of parseCsv(textChunks, {delimiter: ',', limits, name: 'x.csv'})) n += batch.length
 */
export async function* parseCsv(
  text: AsyncIterable<string>,
  opts: {delimiter: string; limits: Limits; name: string; batchSize?: number},
): AsyncGenerator<CellRow[]> {
  const t = new CsvTokenizer(opts.delimiter, opts.limits, opts.name, opts.batchSize)
  for await (const chunk of text) yield* t.push(chunk)
  yield* t.end()
}
