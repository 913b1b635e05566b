/**
 * The original text of chosen records of a CSV/TSV file, found by the
 * 1-based physical line each starts on (the line an import records): the
 * file is streamed once, lines are counted as the tokenizer counts them
 * (CRLF, LF and a bare CR each end one), and only the wanted records are
 * kept. A record with a quoted field spanning lines is read with the
 * tokenizer's own quoted-record path, so its text is all of its lines.
 */
import {createReadStream} from 'node:fs'
import {DEFAULT_LIMITS} from '../limits.js'
import {readQuotedRecord} from './csv-quoted.js'
import {CR, type CsvRules, LF} from './csv-record.js'
import {decodeChunks, decodeSample, type TextEncoding} from './decode.js'

/** Bytes per read. */
const READ_CHUNK = 64 * 1024

/**
 * Push text in; `found` maps each wanted start line to its record's text
 * (its line ends inside kept as in the file, the one ending it dropped).
 * `decode` turns a found record's text into what it says (for text pushed
 * as latin1 bytes, see readRecordLines). Lines are taken to be where
 * records start (an import's `source_line`s): lines before a wanted one are
 * only counted, not parsed. A wanted line inside another wanted record, or
 * past the end, is not found.
 * @example
 * const s = new RecordLineScanner([2], ',')
 * s.push('a,b\r\n"x\r\ny",1\r\n'); s.end()
 * s.found.get(2) // '"x\r\ny",1'
 */
export class RecordLineScanner {
  readonly found = new Map<number, string>()
  private readonly wanted: number[]
  private next = 0
  private line = 1
  private buf = ''
  /** Chunks held back while an unfinished wanted record waits for `need` characters (keeps long records linear). */
  private pending: string[] = []
  private pendingLen = 0
  private need = 0
  private readonly rules: CsvRules

  constructor(lines: Iterable<number>, delimiter: string, private readonly decode: (text: string) => string = (t) => t, name = '') {
    this.wanted = [...new Set(lines)].sort((a, b) => a - b)
    this.rules = {delimiter, d: delimiter.charCodeAt(0), limits: DEFAULT_LIMITS, name}
  }

  /** Every wanted line has been found or passed: the rest of the file need not be read. */
  get done(): boolean {
    return this.next >= this.wanted.length
  }

  push(chunk: string): void {
    if (this.done) return
    if (this.buf.length + this.pendingLen + chunk.length < this.need) {
      this.pending.push(chunk)
      this.pendingLen += chunk.length
      return
    }
    this.buf = this.buf + this.pending.join('') + chunk
    this.pending = []
    this.pendingLen = 0
    this.scan(false)
  }

  end(): void {
    if (this.done) return
    this.buf = this.buf + this.pending.join('')
    this.pending = []
    this.scan(true)
  }

  private scan(final: boolean): void {
    const s = this.buf
    const n = s.length
    let pos = 0
    // Next LF / CR / quote at or after pos; -1 = none in this buffer; -2 = not searched yet.
    let nextN = -2
    let nextR = -2
    let nextQ = -2
    this.need = 0
    while (pos < n && this.next < this.wanted.length) {
      const want = this.wanted[this.next]
      if (this.line > want) {
        this.next++
        continue
      }
      if (nextN !== -1 && nextN < pos) nextN = s.indexOf('\n', pos)
      if (nextR !== -1 && nextR < pos) nextR = s.indexOf('\r', pos)
      const eol = nextN === -1 ? nextR : nextR === -1 ? nextN : Math.min(nextN, nextR)
      if (this.line === want) {
        if (nextQ !== -1 && nextQ < pos) nextQ = s.indexOf('"', pos)
        if (nextQ !== -1 && (eol === -1 || nextQ < eol)) {
          const rec = this.quoted(s, pos, final)
          if (rec === null) {
            // Wait for twice the text before trying this record again.
            this.need = 2 * (n - pos)
            break
          }
          if (rec !== 'bad') {
            this.found.set(want, this.decode(withoutLineEnd(s.slice(pos, rec.next))))
            this.line += rec.breaks + 1
            this.next++
            pos = rec.next
            continue
          }
        }
      }
      // One physical line: the wanted record itself, or a line before it.
      let end = eol
      let after: number
      if (eol === -1) {
        if (!final) {
          // No line end yet: wait for twice the text (a long line stays linear).
          this.need = 2 * (n - pos)
          break
        }
        end = n
        after = n
      } else if (s.charCodeAt(eol) === CR) {
        if (eol + 1 === n && !final) break // may be the first half of a CRLF
        after = s.charCodeAt(eol + 1) === LF ? eol + 2 : eol + 1
      } else {
        after = eol + 1
      }
      if (this.line === want) {
        this.found.set(want, this.decode(s.slice(pos, end)))
        this.next++
      }
      this.line++
      pos = after
    }
    this.buf = pos >= n ? '' : s.slice(pos)
    if (final) this.next = this.wanted.length
  }

  /** A record with a quote, as the tokenizer reads it; null: more text needed; 'bad': not a valid record, taken as one line. */
  private quoted(s: string, pos: number, final: boolean): ReturnType<typeof readQuotedRecord> | 'bad' {
    try {
      return readQuotedRecord(s, pos, final, this.line, this.rules)
    } catch {
      return 'bad'
    }
  }
}

/** Drop the line end that closes a record (CRLF, LF or CR). */
function withoutLineEnd(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2)
  return text.endsWith('\n') || text.endsWith('\r') ? text.slice(0, -1) : text
}

/** Encodings whose line ends, quotes and delimiters are single ASCII bytes: scanned as bytes, only found records decoded. */
const BYTE_ENCODINGS: ReadonlySet<string> = new Set(['utf-8', 'utf-8-bom', 'windows-1252', 'cp850'])

/** The encodings the importer reports (see decode.ts); anything else is not a text file we read. */
export const TEXT_ENCODINGS: ReadonlySet<string> = new Set([...BYTE_ENCODINGS, 'utf-16le', 'utf-16be'])

/**
 * The records starting on `lines` of a CSV/TSV file, decoded as the importer
 * decoded it: UTF-8 and the single-byte code pages are scanned as bytes and
 * only the found records decoded (with the importer's decoder for the code
 * pages); UTF-16 is decoded as a stream by the importer's decoder. Stops
 * reading once every wanted line is found.
 * @example await readRecordLines('spend.csv', {encoding: 'utf-8', delimiter: ',', lines: [2, 7]}) // Map {2 => '...', 7 => '...'}
 */
export async function readRecordLines(
  path: string,
  opts: {encoding: TextEncoding; delimiter: string; lines: Iterable<number>},
): Promise<Map<number, string>> {
  const {encoding} = opts
  const stream = createReadStream(path, {highWaterMark: READ_CHUNK})
  try {
    if (!BYTE_ENCODINGS.has(encoding)) {
      const scanner = new RecordLineScanner(opts.lines, opts.delimiter, undefined, path)
      for await (const text of decodeChunks(stream, encoding, path)) {
        scanner.push(text)
        if (scanner.done) break
      }
      scanner.end()
      return scanner.found
    }
    const decode = (latin1: string): string => {
      const bytes = Buffer.from(latin1, 'latin1')
      return encoding === 'utf-8' || encoding === 'utf-8-bom' ? bytes.toString('utf8') : decodeSample(bytes, encoding)
    }
    const scanner = new RecordLineScanner(opts.lines, opts.delimiter, decode, path)
    // The byte order mark is not part of line 1 (the importer's decoder drops it).
    let bom = encoding === 'utf-8-bom' ? 3 : 0
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let bytes = chunk
      if (bom > 0) {
        const cut = Math.min(bom, bytes.length)
        bytes = bytes.subarray(cut)
        bom -= cut
      }
      scanner.push(bytes.toString('latin1'))
      if (scanner.done) break
    }
    scanner.end()
    return scanner.found
  } finally {
    stream.destroy()
  }
}
