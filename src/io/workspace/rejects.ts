import {closeSync, fsyncSync, openSync, writeSync} from 'node:fs'
import {crc32} from './crc.js'
import {formatMinor} from '../../model/money.js'
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

