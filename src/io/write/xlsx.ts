/**
 * XLSX workbooks from views: one sheet per view, written as a minimal OOXML
 * package zipped with fflate (no spreadsheet library: every byte is ours, so
 * the same sheets give the same bytes on every machine and in every time
 * zone: fixed zip entry times, no docProps dates).
 *
 * Cells: money as numbers in the row's currency format (the exact decimal
 * text goes in the file, so amounts past 2^53 minor units stay exact there),
 * shares as percentages, ints and numbers as numbers, booleans as booleans,
 * and text (names, dates, period labels) as inline strings neutralised
 * against formula injection.
 */
import {zipSync} from 'fflate'
import {SpendInputError} from '../../errors.js'
import {xlsxMsg} from '../../messages.js'
import {currencyExponent, isCurrencyCode} from '../../model/currency.js'
import {safeCell} from './safe.js'
import {humanCell, rawCell, type View, type ViewColumn} from './view.js'
import {
  contentTypesXml, FIRST_MONEY_STYLE, moneyFormat, rootRelsXml, STYLE, stylesXml, workbookRelsXml, workbookXml, worksheetXml, xmlText,
} from './xlsx-parts.js'

export interface XlsxSheet {
  /** Sheet name (cut to 31 characters, made unique and free of []:*?/\\ by the writer). */
  name: string
  view: View
}

/** Rows a worksheet holds below its header row. */
export const XLSX_MAX_ROWS = 1_048_575
/** Characters a cell holds. */
const MAX_CELL_CHARS = 32_767
/** Zip entry times: DOS time has no zone, and fflate writes the local fields of this date, so every zone gets the same bytes. */
const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0)
const DECIMAL = /^-?\d+(\.\d+)?$/

/**
 * The bytes of an .xlsx file: money as numbers in the row's currency format,
 * a frozen header row, text neutralised against formula injection, and the
 * same bytes for the same sheets on every machine.
 * @example xlsxBytes([{name: 'Top suppliers', view}]) // Uint8Array starting with 'PK'
 */
export function xlsxBytes(sheets: XlsxSheet[]): Uint8Array {
  const list = sheets.length ? sheets : [{name: 'Empty', view: {columns: [], rows: []}}]
  const names = sheetNames(list.map((s) => s.name))
  const currencies = new Map<string, number>()
  const worksheets = list.map((s, i) => sheetXml(s.view, names[i], i === 0, currencies))
  const enc = new TextEncoder()
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': enc.encode(contentTypesXml(list.length)),
    '_rels/.rels': enc.encode(rootRelsXml()),
    'xl/workbook.xml': enc.encode(workbookXml(names)),
    'xl/_rels/workbook.xml.rels': enc.encode(workbookRelsXml(list.length)),
    'xl/styles.xml': enc.encode(stylesXml([...currencies.keys()].map((c) => moneyFormat(c, currencyExponent(c))))),
  }
  worksheets.forEach((xml, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = enc.encode(xml)))
  return zipSync(files, {level: 6, mtime: ZIP_TIME})
}

/**
 * Valid, unique sheet names: []:*?/\ replaced, no quote at either end, at
 * most 31 characters, never "History" (Excel reserves it), unique ignoring
 * case (a number in brackets added, the name cut to make room).
 * @example sheetNames(['a/b', 'A/B', '']) // ['a_b', 'A_B (2)', 'Sheet3']
 */
export function sheetNames(wanted: readonly string[]): string[] {
  const taken = new Set<string>()
  return wanted.map((name, i) => {
    let base = name.replace(/[[\]:*?/\\\u0000-\u001f]/g, '_').replace(/^'+|'+$/g, '').trim()
    if (base === '') base = `Sheet${i + 1}`
    if (base.toLowerCase() === 'history') base = `${base}_`
    const cut = (s: string, n: number) => Array.from(s).slice(0, n).join('').trim()
    let candidate = cut(base, 31)
    for (let k = 2; taken.has(candidate.toLowerCase()); k++) {
      const tail = ` (${k})`
      candidate = `${cut(base, 31 - tail.length)}${tail}`
    }
    taken.add(candidate.toLowerCase())
    return candidate
  })
}

/**
 * A column letter from a 0-based index.
 * @example columnLetter(27) // 'AB'
 */
export function columnLetter(index: number): string {
  let s = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

function sheetXml(view: View, name: string, selected: boolean, currencies: Map<string, number>): string {
  if (view.rows.length > XLSX_MAX_ROWS) {
    throw new SpendInputError('XLSX_TOO_MANY_ROWS', xlsxMsg.tooManyRows(name, view.rows.length, XLSX_MAX_ROWS), {hint: xlsxMsg.tooManyRowsHint()})
  }
  const cols = view.columns
  const letters = cols.map((_, i) => columnLetter(i))
  const widths = cols.map((c) => Math.max(8, textWidth(c.header)))
  const lines: string[] = [`<row r="1">${cols.map((c, i) => textCell(`${letters[i]}1`, c.header, STYLE.header)).join('')}</row>`]
  view.rows.forEach((row, r) => {
    const at = r + 2
    const cells = cols.map((c, i) => {
      const v = row[c.key]
      const w = textWidth(humanCell(v, c.kind))
      if (w > widths[i]) widths[i] = w
      return cellXml(`${letters[i]}${at}`, v, c, row, currencies)
    })
    lines.push(`<row r="${at}">${cells.join('')}</row>`)
  })
  const ref = cols.length ? `A1:${letters[cols.length - 1]}${view.rows.length + 1}` : 'A1'
  return worksheetXml({selected, ref, widths: widths.map((w) => Math.min(60, w + 2)), rows: lines.join('')})
}

function textWidth(text: string): number {
  return text.length
}

function cellXml(ref: string, v: unknown, col: ViewColumn, row: Record<string, unknown>, currencies: Map<string, number>): string {
  if (v === null || v === undefined || v === '') return ''
  if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`
  switch (col.kind) {
    case 'money': {
      const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : rawCell(v)
      if (!DECIMAL.test(text)) break
      return numberCell(ref, text, moneyStyle(row.currency, currencies))
    }
    case 'int':
    case 'share':
    case 'number': {
      const text = rawCell(v)
      if (!(typeof v === 'number' ? Number.isFinite(v) : typeof v === 'bigint' || DECIMAL.test(text))) break
      return numberCell(ref, text, col.kind === 'int' ? STYLE.int : col.kind === 'share' ? STYLE.share : (Number.isInteger(v) ? STYLE.int : STYLE.number))
    }
  }
  return textCell(ref, rawCell(v), STYLE.text)
}

function numberCell(ref: string, text: string, style: number): string {
  return `<c r="${ref}" s="${style}"><v>${text}</v></c>`
}

function textCell(ref: string, value: string, style: number): string {
  let text = safeCell(value)
  if (text.length > MAX_CELL_CHARS) text = text.slice(0, MAX_CELL_CHARS - 1) + '…'
  return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`
}

/** The money style of a row's currency (one per currency, numbered as first met); no valid code: plain decimals. */
function moneyStyle(currency: unknown, currencies: Map<string, number>): number {
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) return STYLE.money
  let style = currencies.get(currency)
  if (style === undefined) {
    style = FIRST_MONEY_STYLE + currencies.size
    currencies.set(currency, style)
  }
  return style
}
