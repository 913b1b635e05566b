/** Small file helpers for the bench: the head of a large file, the independent Trafford figures. */
import {closeSync, openSync, readFileSync, readSync} from 'node:fs'
import {dirname, join} from 'node:path'

/** Trafford's data rows and exact total from realdata/EXPECTED.json (computed independently). */
export function traffordExpected(zipPath) {
  try {
    const all = JSON.parse(readFileSync(join(dirname(zipPath), '..', 'EXPECTED.json'), 'utf8'))
    const e = all['uk-trafford-council-supplier-spend/trafford-supplier-spend-2024-25.zip!trafford-supplier-spend-2024-25.csv']
    return {rows: e.data_rows, total: String(e.total_minor_units)}
  } catch {
    return {rows: 210_068, total: null}
  }
}

/** First `n` lines of a (large) file, from its first MB only. */
export function readHead(file, n) {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(1 << 20)
    const len = readSync(fd, buf, 0, buf.length, 0)
    return buf.subarray(0, len).toString('utf8').split('\n').slice(0, n)
  } finally {
    closeSync(fd)
  }
}
