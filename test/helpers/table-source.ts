/**
 * Test helpers: wrap decoded CSV text as a TableSource (the bytes layer's job
 * in production), and collect what readTable sends to its sink.
 */
import type {RejectedRow, SpendRecord} from '../../src/model/record.js'
import type {CellRow, RecordSink, TableSource} from '../../src/io/read/types.js'

/**
 * RFC 4180 tokenizer with physical line numbers: a row's line is the line it
 * starts on; CRLF, LF and bare CR all end a line (Phoenix uses bare CR).
 */
export function csvRows(text: string, delimiter = ','): CellRow[] {
  const rows: CellRow[] = []
  const d = delimiter.charCodeAt(0)
  const n = text.length
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let line = 1
  while (i < n) {
    const start = line
    const cells: string[] = []
    for (;;) {
      let value: string
      if (text.charCodeAt(i) === 34) {
        let out = ''
        let s = ++i
        for (;;) {
          const q = text.indexOf('"', s)
          if (q < 0) {
            out += text.slice(s)
            i = n
            break
          }
          out += text.slice(s, q)
          if (text.charCodeAt(q + 1) === 34) {
            out += '"'
            s = q + 2
          } else {
            i = q + 1
            break
          }
        }
        for (let k = 0; k < out.length; k++) {
          const c = out.charCodeAt(k)
          if (c === 10 || (c === 13 && out.charCodeAt(k + 1) !== 10)) line++
        }
        // text after the closing quote up to the delimiter is kept, as papaparse does not; rare
        let e = i
        while (e < n && text.charCodeAt(e) !== d && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++
        value = out + text.slice(i, e)
        i = e
      } else {
        let e = i
        while (e < n) {
          const c = text.charCodeAt(e)
          if (c === d || c === 10 || c === 13) break
          e++
        }
        value = text.slice(i, e)
        i = e
      }
      cells.push(value)
      if (i >= n) break
      const c = text.charCodeAt(i)
      if (c === d) {
        i++
        if (i >= n) {
          cells.push('')
          break
        }
        continue
      }
      // end of line
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1
      line++
      break
    }
    rows.push({line: start, cells})
  }
  return rows
}

/** A TableSource over CSV text, delivered in batches like the real bytes layer. */
export function tableSourceFromText(name: string, text: string, delimiter = ',', extra: Partial<TableSource> = {}): TableSource {
  const rows = csvRows(text, delimiter)
  return tableSourceFromRows(name, rows, {delimiter, ...extra})
}

/** A TableSource over ready-made rows (e.g. `[['Supplier', 'Amount'], ['A', '1']]`). */
export function tableSourceFromRows(name: string, rows: CellRow[] | string[][], extra: Partial<TableSource> = {}): TableSource {
  const cellRows: CellRow[] = rows.map((r, i) => (Array.isArray(r) ? {line: i + 1, cells: r} : r))
  return {
    kind: 'table',
    name,
    format: 'csv',
    container: [],
    encoding: 'utf-8',
    delimiter: ',',
    typedCells: false,
    rows: (async function* () {
      for (let i = 0; i < cellRows.length; i += 1000) yield cellRows.slice(i, i + 1000)
    })(),
    ...extra,
  }
}

/** A sink that keeps everything, for assertions. */
export class CollectSink implements RecordSink {
  records: SpendRecord[] = []
  rejects: RejectedRow[] = []
  add(record: SpendRecord): void {
    this.records.push(record)
  }
  reject(row: RejectedRow): void {
    this.rejects.push(row)
  }
}
