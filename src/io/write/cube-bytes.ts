/**
 * CSV/TSV bytes of a cube, written into one buffer. A 100k-row cube
 * (buyer x category) is common; built as strings, its ~1M small pieces and
 * line strings were most of the command's garbage and a third of its time.
 * Here each dimension value's cells are encoded once and copied, numbers are
 * written digit by digit, and nothing is made per row. Byte for byte the
 * text renderDelimited gives for the JSON rows (test/io/cube-report.test.ts).
 */
import type {CubeTable} from '../../analysis/cube-table.js'
import {cubeAmountText, otherLabel} from '../../analysis/cube-table.js'
import {DIM_ID_FIELDS, shareText} from '../../analysis/json.js'
import {writeShort} from '../utf8-write.js'
import {delimitedCell, delimitedHeader} from './delimited.js'
import type {ViewColumn} from './view.js'

/** A growing byte buffer with ASCII and UTF-8 writes. */
class Bytes {
  buf: Buffer
  pos = 0

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(size, 1024))
  }

  room(n: number): void {
    if (this.pos + n <= this.buf.length) return
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n))
    this.buf.copy(next, 0, 0, this.pos)
    this.buf = next
  }

  /** Bytes encoded beforehand (a dimension value's cells). */
  raw(b: Uint8Array): void {
    this.room(b.length)
    if (b.length < 16) for (let i = 0; i < b.length; i++) this.buf[this.pos++] = b[i]
    else {
      this.buf.set(b, this.pos)
      this.pos += b.length
    }
  }

  /** A short string (numbers, the odd label). */
  text(s: string): void {
    this.room(s.length * 3)
    this.pos = writeShort(this.buf, s, this.pos)
  }

  /** A non-negative integer below 2^31. */
  int(v: number): void {
    this.room(11)
    if (v === 0) {
      this.buf[this.pos++] = 48
      return
    }
    let digits = 0
    for (let x = v; x > 0; x = (x / 10) | 0) digits++
    let at = this.pos + digits
    this.pos = at
    for (let x = v; x > 0; x = (x / 10) | 0) this.buf[--at] = 48 + (x % 10)
  }

  byte(c: number): void {
    this.room(1)
    this.buf[this.pos++] = c
  }

  done(): Uint8Array {
    return this.buf.subarray(0, this.pos)
  }
}

/**
 * The cube's machine view as CSV or TSV bytes (see the module comment).
 * @example cubeDelimitedBytes(table, columns, false, false, ',')
 */
export function cubeDelimitedBytes(t: CubeTable, columns: readonly ViewColumn[], rollup: boolean, top: boolean, delimiter: ',' | '\t'): Uint8Array {
  const field = delimitedCell(delimiter)
  const d = delimiter.charCodeAt(0)
  const n = t.by.length
  const hasId = t.by.map((dim) => DIM_ID_FIELDS[dim] !== undefined)
  // Each dimension value's cells ("label,id,") are encoded once: they repeat down the output.
  const dimBytes = t.dims.map((dim) => new Array<Uint8Array | undefined>(dim.size))
  const blank = hasId.map((id) => Buffer.from(id ? delimiter + delimiter : delimiter))
  const curBytes = t.currencies.map((c) => Buffer.from(field(c) + delimiter))
  // A leading '-' may need neutralising (a share like -1e-7); digits never do.
  const num = (s: string): string => (s.charCodeAt(0) === 45 ? field(s) : s)
  const out = new Bytes(t.length * 96 + 1024)
  out.text(delimitedHeader(columns, delimiter))
  out.byte(10)
  for (let r = 0; r < t.length; r++) {
    for (let i = 0; i < n; i++) {
      const k = t.keys[i][r]
      if (k >= 0) {
        let b = dimBytes[i][k]
        if (b === undefined) {
          b = dimBytes[i][k] = Buffer.from(field(t.dims[i].labels[k]) + delimiter + (hasId[i] ? field(t.dims[i].ids[k]) + delimiter : ''))
        }
        out.raw(b)
      } else if (t.other[r] >= 0 && i === t.depth[r] - 1) {
        out.text(field(otherLabel(t.by[i], t.other[r])) + delimiter + (hasId[i] ? delimiter : ''))
      } else {
        out.raw(blank[i])
      }
    }
    out.raw(curBytes[t.currency[r]])
    out.text(num(cubeAmountText(t, r)))
    out.byte(d)
    out.int(t.count[r])
    out.byte(d)
    const share = t.share[r]
    if (!Number.isNaN(share)) out.text(num(shareText(share)))
    out.byte(d)
    const whole = t.shareOfTotal[r]
    if (!Number.isNaN(whole)) out.text(num(shareText(whole)))
    if (rollup) {
      out.byte(d)
      if (t.depth[r] < n) out.text('true')
    }
    if (top) {
      out.byte(d)
      if (t.other[r] >= 0) out.int(t.other[r])
    }
    out.byte(10)
  }
  return out.done()
}
