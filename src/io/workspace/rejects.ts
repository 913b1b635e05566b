import {closeSync, fsyncSync, openSync, writeSync} from 'node:fs'
import {crc32} from './crc.js'
import {formatMinor, parseMinor} from '../../model/money.js'
import type {RejectedRow} from '../../model/record.js'

export const REJECTS_HEADER = ['file', 'line', 'reason', 'currency', 'amount', 'raw'] as const

/**
 * Quote one CSV cell (RFC 4180) after neutralising spreadsheet formulas: a
 * cell starting with = + - @ TAB or CR gets a leading `'` so Excel and
 * LibreOffice show it as text instead of running it. A plain number such as
 * `-12.50` is left alone: spreadsheets read it as a number, never a formula,
 * and scripts can still parse it.
 * @example csvCell('=SUM(A1)') // "'=SUM(A1)"
 * @example csvCell('-12.50') // '-12.50'
 * @example csvCell('a,b') // '"a,b"'
 */
export function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v
}

/** Raw cells joined into one field: the cells are themselves CSV-quoted so the row can be recovered. */
function rawText(cells: readonly string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')
}

/** The CSV line for one rejected row (amount as an exact decimal in major units). */
export function rejectLine(r: RejectedRow): string {
  const amount = r.amount === null ? '' : formatMinor(r.amount, r.currency ?? 'XXX')
  return [r.source_file, String(r.source_line), r.reason, r.currency ?? '', amount, rawText(r.raw)].map(csvCell).join(',') + '\n'
}

/**
 * Streams rejected rows to a CSV file in 64 KiB writes; the file exists only
 * if a row was rejected. Keeps the CRC-32 and size of what it wrote, for the
 * manifest.
 */
export class RejectsWriter {
  rows = 0
  bytes = 0
  crc = 0
  private fd: number | null = null
  private buf: string[] = []
  private size = 0

  constructor(private readonly path: string) {}

  add(r: RejectedRow): void {
    if (this.rows === 0) this.push(REJECTS_HEADER.join(',') + '\n')
    this.rows++
    this.push(rejectLine(r))
  }

  /** Flush, fsync and close. */
  close(): void {
    this.flush()
    if (this.fd !== null) {
      fsyncSync(this.fd)
      closeSync(this.fd)
      this.fd = null
    }
  }

  /** Append another writer's rows, already CSV (see PartWriter.adopt); after close. */
  append(bytes: Uint8Array, rows: number): void {
    this.fd ??= openSync(this.path, 'a')
    this.write(bytes)
    this.rows += rows
    this.close()
  }

  /** Close without caring about the content (abort). */
  discard(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    this.buf = []
  }

  private push(s: string): void {
    this.buf.push(s)
    this.size += s.length
    if (this.size > 65536) this.flush()
  }

  private flush(): void {
    if (this.buf.length === 0) return
    this.fd ??= openSync(this.path, 'w')
    this.write(Buffer.from(this.buf.join(''), 'utf8'))
    this.buf = []
    this.size = 0
  }

  private write(bytes: Uint8Array): void {
    let off = 0
    while (off < bytes.length) off += writeSync(this.fd!, bytes, off, bytes.length - off)
    this.crc = crc32(bytes, this.crc)
    this.bytes += bytes.length
  }
}

/** What a rejects file holds, read back (by `spend check`): rows and exact amounts per currency. */
export interface RejectsContent {
  rows: number
  /** Minor units per currency ('XXX' for rows with an amount but no currency, as the writer counts them). */
  totals: Map<string, bigint>
  /** The first line that is not a rejected row as this writer writes them, or null. */
  badLine: number | null
}

/**
 * Read a rejects file back: count its rows and add up their amounts.
 * @example readRejects(readFileSync('imports/3f2a9c0d1e2b/rejects.csv')).rows // 2
 */
export function readRejects(bytes: Uint8Array): RejectsContent {
  const out: RejectsContent = {rows: 0, totals: new Map(), badLine: null}
  const records = csvRecords(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))
  for (const [n, {line, cells}] of records.entries()) {
    if (n === 0) {
      if (cells.join(',') !== REJECTS_HEADER.join(',')) return {...out, badLine: line}
      continue
    }
    if (cells.length !== REJECTS_HEADER.length) return {...out, badLine: line}
    const [, , , currency, amount] = cells
    if (amount !== '') {
      const code = currency || 'XXX'
      const minor = parseMinor(amount, code)
      if (minor === null) return {...out, badLine: line}
      out.totals.set(code, (out.totals.get(code) ?? 0n) + minor)
    }
    out.rows++
  }
  return out
}

/**
 * Rejected rows per reason in a rejects file (header skipped).
 * @example rejectReasons(bytes).get('bad_amount') // 3
 */
export function rejectReasons(bytes: Uint8Array): Map<string, number> {
  const out = new Map<string, number>()
  const records = csvRecords(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))
  for (const [n, {cells}] of records.entries()) if (n > 0 && cells.length === REJECTS_HEADER.length) out.set(cells[2], (out.get(cells[2]) ?? 0) + 1)
  return out
}

/** RFC 4180 records of CSV text as the writer above writes it (comma, double quotes, LF), each with its first line. */
function csvRecords(text: string): {line: number; cells: string[]}[] {
  const out: {line: number; cells: string[]}[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let start = 1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '\n') line++
    if (quoted) {
      if (c !== '"') cell += c
      else if (text[i + 1] === '"') cell += text[++i]
      else quoted = false
    } else if (c === '"') {
      quoted = true
    } else if (c === ',') {
      cells.push(cell)
      cell = ''
    } else if (c === '\n') {
      cells.push(cell)
      out.push({line: start, cells})
      cells = []
      cell = ''
      start = line
    } else {
      cell += c
    }
  }
  if (cell !== '' || cells.length > 0 || quoted) out.push({line: start, cells: [...cells, cell]})
  return out
}
