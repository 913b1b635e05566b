import {once} from 'node:events'
import type {MoneyNote} from '../../analysis/money-note.js'
import {CHUNK_ROWS, delimitedCell, delimitedHeader} from './delimited.js'
import {renderMarkdown} from './markdown.js'
import {humanFields, oneRow, rowsTitle, totalsView, type CellValue, type RowField, type RowsHead} from './rows-report.js'
import {escapeMarkdownCell} from './safe.js'
import {humanCell, isRightAligned} from './view.js'

/**
 * `spend rows` as text, in chunks of CHUNK_ROWS rows: a listing can be every
 * row of a big workspace, more than one string (or one JSON.stringify) can
 * hold, so it is written as it is made. Each format's bytes are the ones its
 * whole-output renderer would give (JSON.stringify(out, null, 2), renderDelimited, renderMarkdown).
 */

/**
 * Text of a field per row, made once per dictionary code for fields that
 * show one, unless the dictionary is large beside the `n` rows listed (ids
 * that differ on every row gain nothing from a cache).
 */
function cellText(f: RowField, text: (v: CellValue) => string, n: number, human = false): (i: number, at: number) => string {
  const get = human && f.shown ? f.shown : f.value
  const dict = f.dict
  if (!dict || (human && f.shown) || dict.dict.length > n >> 2) return (i, at) => text(get(i, at))
  const cache: (string | undefined)[] = new Array(dict.dict.length)
  const none = text(null)
  const {codes} = dict
  return (i) => {
    const c = codes[i]
    return c < 0 ? none : (cache[c] ??= text(dict.dict[c]))
  }
}

/** One line per listed row, in chunks of CHUNK_ROWS lines; each line comes after `sep` (the first after `first`). */
function* chunked(n: number, line: (at: number) => string, sep: string, first = sep): Generator<string> {
  let lines: string[] = []
  for (let at = 0; at < n; at++) {
    lines.push(line(at))
    if (lines.length === CHUNK_ROWS || at === n - 1) {
      yield (at < CHUNK_ROWS ? first : sep) + lines.join(sep)
      lines = []
    }
  }
}

/**
 * CSV or TSV: header, then one line per row (formula injection neutralised, quoted when needed).
 * @example [...rowsDelimited(fields, order, ',')].join('') // 'import,file,line,...\n...'
 */
export function* rowsDelimited(fields: readonly RowField[], rows: ArrayLike<number>, delimiter: ',' | '\t'): Generator<string> {
  const texts = fields.map((f) => cellText(f, delimitedCell(delimiter), rows.length))
  const cells: string[] = new Array(fields.length)
  yield delimitedHeader(fields.map((f) => ({key: f.key, header: f.key})), delimiter)
  yield* chunked(rows.length, (at) => {
    for (let k = 0; k < texts.length; k++) cells[k] = texts[k](rows[at], at)
    return cells.join(delimiter)
  }, '\n')
  yield '\n'
}

/**
 * JSON: the head's fields, then `rows` (the same bytes as JSON.stringify(out, null, 2), plus a line end).
 * @example JSON.parse([...rowsJson(head, fields, order)].join('')).rows.length // order.length
 */
export function* rowsJson(head: RowsHead, fields: readonly RowField[], rows: ArrayLike<number>): Generator<string> {
  const text = JSON.stringify({...head, rows: []}, null, 2)
  if (rows.length === 0) {
    yield text + '\n'
    return
  }
  yield text.slice(0, -'[]\n}'.length) + '['
  const keys = fields.map((f, k) => `${k ? ',' : ''}\n      ${JSON.stringify(f.key)}: `)
  const texts = fields.map((f) => cellText(f, (v) => JSON.stringify(v), rows.length))
  yield* chunked(rows.length, (at) => {
    let s = '{'
    for (let k = 0; k < texts.length; k++) s += keys[k] + texts[k](rows[at], at)
    return s + '\n    }'
  }, ',\n    ', '\n    ')
  yield '\n  ]\n}\n'
}

/**
 * Markdown: the rows (every field people read) and the totals matched, as renderMarkdown writes views.
 * @example [...rowsMarkdown(head, fields, order, {})].join('').startsWith('### Rows') // true
 */
export function* rowsMarkdown(head: RowsHead, fields: readonly RowField[], rows: ArrayLike<number>, money: MoneyNote): Generator<string> {
  const shown = humanFields(fields, 'md')
  const md = (kind: RowField['kind']) => (v: CellValue) => escapeMarkdownCell(humanCell(oneRow(v), kind))
  const texts = shown.map((f) => cellText(f, md(f.kind), rows.length, true))
  const cells: string[] = new Array(shown.length)
  yield `### ${escapeMarkdownCell(rowsTitle(head, money))}\n\n`
  yield `| ${shown.map((f) => escapeMarkdownCell(f.header)).join(' | ')} |\n`
  yield `| ${shown.map((f) => (isRightAligned(f.kind) ? '---:' : '---')).join(' | ')} |`
  yield* chunked(rows.length, (at) => {
    for (let k = 0; k < texts.length; k++) cells[k] = texts[k](rows[at], at)
    return `| ${cells.join(' | ')} |`
  }, '\n')
  yield '\n\n' + renderMarkdown([totalsView(head)])
}

/**
 * Write chunks to a stream (stdout), waiting when it is full, so memory
 * stays flat however many rows are written.
 * @example await writeChunks(rowsDelimited(fields, order, ','))
 */
export async function writeChunks(chunks: Iterable<string>, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  for (const chunk of chunks) {
    if (chunk.length > 0 && !out.write(chunk)) await once(out, 'drain')
  }
}
