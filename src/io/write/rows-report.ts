import type {RowSort, RowTotal} from '../../analysis/rows.js'
import {type DictColumn, type SpendFrame} from '../../model/frame.js'
import {formatMinor} from '../../model/money.js'
import type {FrameColumn} from '../../model/record.js'
import type {MoneyNote} from '../../analysis/money-note.js'
import type {RawLines, RawSource} from './raw-lines-shape.js'
import {moneyJson, titled} from './analysis-common.js'
import type {View, ViewColumn} from './view.js'
import {count, currency, money, req, text, type Field, type Output} from './output-fields.js'

/**
 * `spend rows`: its fields, declared once. The JSON rows, the CSV/TSV/Markdown
 * columns and the tables are all derived from ROW_FIELDS (schemas/rows.json
 * is checked against it by the contract test). Values are read straight from
 * the frame's columns, so a million rows are written without a million objects.
 */

/** A field of `spend rows` output: its declaration (JSON key, also the CSV header; shape), the header people see and where its value comes from. */
interface FieldSpec extends Field {
  /** The header people see. */
  header: string
  /** The frame column it shows (dictionary text as is). */
  column?: FrameColumn
}

const spec = (f: Field, header: string, column?: FrameColumn): FieldSpec => ({...f, header, ...(column ? {column} : {})})
/** A text field of the record, null when blank. */
const textOf = (key: string, header: string, column: FrameColumn): FieldSpec => spec(req(text(key, {type: ['string', 'null']})), header, column)
const RAW_STATUS = ['ok', 'stdin', 'archive', 'not_text', 'file_moved', 'file_changed', 'unreadable', 'line_not_found', 'not_imported']

/** Every field of a row, in JSON order. */
export const ROW_FIELDS: readonly FieldSpec[] = [
  spec(req(text('import')), 'import', 'source'),
  spec(req(text('file')), 'file', 'source_file'),
  spec(req(count('line')), 'line', 'source_line'),
  spec(req(text('date', {type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$', kind: 'date'})), 'date', 'date'),
  textOf('buyer', 'buyer', 'buyer'),
  textOf('unit', 'unit', 'unit'),
  textOf('supplier', 'supplier', 'supplier'),
  spec(req(money('amount')), 'amount'),
  spec(req(currency()), 'cur', 'currency'),
  textOf('description', 'description', 'description'),
  textOf('expense_type', 'expense type', 'expense_type'),
  textOf('transaction_id', 'transaction', 'transaction_id'),
  textOf('buyer_id', 'buyer id', 'buyer_id'),
  textOf('supplier_id', 'supplier id', 'supplier_id'),
  textOf('supplier_key', 'supplier key', 'supplier_key'),
  textOf('category_code', 'category code', 'category_code'),
  textOf('category', 'category', 'category'),
  textOf('supplier_scale', 'supplier scale', 'supplier_scale'),
  textOf('invoice_number', 'invoice', 'invoice_number'),
  spec(req(text('published_supplier', {type: ['string', 'null'], description: 'The supplier name as published; supplier is then the entity\'s display name when the workspace stores a crosswalk (spend entities apply).'})), 'published name', 'published_supplier'),
]

/** With --raw: the record's text from the source file, and why it is missing when it is. */
export const RAW_FIELDS: readonly FieldSpec[] = [
  spec(text('raw', {type: ['string', 'null']}), 'raw line'),
  spec(text('raw_status', {enum: RAW_STATUS}), 'raw status'),
]

/** `spend rows --json`, declared once: its rows are ROW_FIELDS (and RAW_FIELDS with --raw); schemas/rows.json comes from it. */
export const ROWS_OUTPUT: Output = {
  name: 'rows',
  title: '`spend rows --json` (issue 8): the records behind a figure, each with its import, file and line; totals of every row the filters match; with --raw, each row\'s original line (raw, raw_status) and raw_sources',
  fields: [
    req({key: 'sort', type: 'string', enum: ['amount', 'date', 'file', 'at'], description: 'at: the order of --at / --at-file (no --sort given).'}),
    req({key: 'top', type: ['integer', 'null'], minimum: 1}),
    req(count('count')),
    req({key: 'totals', type: 'array', fields: [
      req(currency()),
      req(money('amount')),
      req(count('count')),
    ]}),
    {key: 'raw_sources', type: 'array', fields: [
      req(text('import')),
      req(text('file')),
      req(text('path', {type: ['string', 'null']})),
      req(text('status', {enum: RAW_STATUS})),
      req(text('note', {type: ['string', 'null']})),
      req(count('rows')),
    ]},
    req({key: 'rows', type: 'array', fields: [...ROW_FIELDS, ...RAW_FIELDS]}),
  ],
}

/** Fields a terminal table shows: narrow first (80 columns), more on a wide terminal; Markdown has them all. */
const TABLE_NARROW = ['import', 'line', 'date', 'supplier', 'amount', 'currency']
const TABLE_NARROW_RAW = ['import', 'line', 'amount', 'currency', 'raw']
const TABLE_WIDE = ['import', 'file', 'line', 'date', 'buyer', 'supplier', 'amount', 'currency', 'description']
const TABLE_WIDE_RAW = ['import', 'line', 'date', 'supplier', 'amount', 'currency', 'raw']
/** A terminal this wide gets TABLE_WIDE. */
export const WIDE_TABLE = 160

export type CellValue = string | number | null

/** A field bound to a frame: `value(i, at)` for frame row i, listed at position at. */
export interface RowField extends FieldSpec {
  /** Its dictionary column, when it shows one as is (writers cache each code's text). */
  dict?: DictColumn
  value: (i: number, at: number) => CellValue
  /** What people see, when not the value (the raw line's place says why it is missing). */
  shown?: (i: number, at: number) => CellValue
  /** A terminal table shows it beside `supplier` (the published name, when a crosswalk gave rows an entity's name). */
  besideSupplier?: true
}

/**
 * The fields bound to a frame (and to the raw lines, with --raw).
 * @example rowFields(frame, null).map((f) => f.key) // ['import', 'file', 'line', ...]
 */
export function rowFields(frame: SpendFrame, raw: RawLines | null): RowField[] {
  const cols = frame.columns
  const bound = ROW_FIELDS.map((f): RowField => {
    if (f.key === 'amount') {
      const amount = cols.amount
      const currency = cols.currency
      if (amount?.type !== 'num' || currency?.type !== 'dict') throw new Error('bug: rows need amount and currency')
      return {...f, value: (i) => formatMinor(amount.values[i], currency.dict[currency.codes[i]] ?? '')}
    }
    const col = f.column ? cols[f.column] : undefined
    if (f.key === 'published_supplier' && col?.type === 'dict' && col !== cols.supplier) return {...f, dict: col, value: (i) => (col.codes[i] < 0 ? null : col.dict[col.codes[i]]), besideSupplier: true}
    if (col?.type === 'num') return {...f, value: (i) => col.values[i]}
    if (col?.type === 'dict') return {...f, dict: col, value: (i) => (col.codes[i] < 0 ? null : col.dict[col.codes[i]])}
    return {...f, value: () => null}
  })
  if (!raw) return bound
  const rawField: RowField = {
    ...RAW_FIELDS[0], value: (_, at) => raw.raw[at],
    shown: (_, at) => raw.raw[at] ?? `(${raw.status[at].replace('_', ' ')})`,
  }
  return [...bound, rawField, {...RAW_FIELDS[1], value: (_, at) => raw.status[at]}]
}

/** `spend rows --json` apart from its rows: the parameters, the totals of the rows matched, the raw sources. */
export interface RowsHead {
  /** `at`: the lines of --at in the order given. */
  sort: RowSort | 'at'
  top: number | null
  /** Rows listed (rows.length). */
  count: number
  /** Per currency: total and count of every row the filters select (the figure followed down), even past --top. */
  totals: {currency: string | null; amount: string; count: number}[]
  raw_sources?: RawSource[]
  [extra: string]: unknown
}

/**
 * The JSON head: parameters first, `rows` (written after it) last.
 * @example rowsHead({sort: 'amount', top: null, count: 2, totals, raw: null, money: {}})
 */
export function rowsHead(o: {sort: RowSort | 'at'; top: number | null; count: number; totals: RowTotal[]; raw: RawLines | null; money: MoneyNote}): RowsHead {
  return {
    sort: o.sort,
    top: o.top,
    ...moneyJson(o.money),
    count: o.count,
    totals: o.totals.map((t) => ({currency: t.currency, amount: formatMinor(t.amount, t.currency ?? ''), count: t.count})),
    ...(o.raw ? {raw_sources: o.raw.sources} : {}),
  }
}

/** The title over the rows, for people. */
export function rowsTitle(head: RowsHead, money: MoneyNote): string {
  const order = head.sort === 'amount' ? 'largest first' : head.sort === 'date' ? 'by date' : head.sort === 'at' ? 'the lines asked for, in that order' : 'in source order'
  const top = head.top !== null && head.sort === 'amount' ? `, top ${head.top} per currency` : head.top !== null ? `, first ${head.top}` : ''
  return titled(`Rows (${order}${top})`, money)
}

/** Line breaks as a visible mark, so a multi-line record stays one row; other control characters (a raw line holds any) escaped, so they never reach a terminal. */
export const oneRow = (v: CellValue): CellValue => {
  if (typeof v !== 'string' || !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(v)) return v
  return v
    .replace(/\r\n|\r|\n/g, ' ↵ ')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * The fields people see in a table of this width (all of them in Markdown).
 * @example humanFields(fields, 80).map((f) => f.key) // ['import', 'line', 'date', 'supplier', 'amount', 'currency']
 */
export function humanFields(fields: readonly RowField[], width: number | 'md'): RowField[] {
  const raw = fields.some((f) => f.key === 'raw')
  if (width === 'md') return fields.filter((f) => f.key !== 'raw_status' || !raw)
  const keys = width >= WIDE_TABLE ? (raw ? TABLE_WIDE_RAW : TABLE_WIDE) : raw ? TABLE_NARROW_RAW : TABLE_NARROW
  const beside = fields.filter((f) => f.besideSupplier)
  return keys.flatMap((k) => [...fields.filter((f) => f.key === k), ...(k === 'supplier' ? beside : [])])
}

/**
 * The table views for people: the first rows (the caller caps them) and the totals matched.
 * @example rowsTableViews(head, humanFields(fields, 80), order.subarray(0, 500), money)
 */
export function rowsTableViews(head: RowsHead, fields: readonly RowField[], rows: ArrayLike<number>, money: MoneyNote): View[] {
  const columns: ViewColumn[] = fields.map((f) => ({key: f.key, header: f.header, kind: f.kind}))
  const out: Record<string, unknown>[] = new Array(rows.length)
  for (let at = 0; at < rows.length; at++) {
    const row: Record<string, unknown> = {}
    for (const f of fields) row[f.key] = oneRow((f.shown ?? f.value)(rows[at], at))
    out[at] = row
  }
  return [{title: rowsTitle(head, money), columns, rows: out}, totalsView(head)]
}

/** Totals of every row the filters match, per currency. */
export function totalsView(head: RowsHead): View {
  return {
    title: 'Matched by the filters',
    columns: [
      {key: 'currency', header: 'cur'},
      {key: 'amount', header: 'total', kind: 'money'},
      {key: 'count', header: 'rows', kind: 'int'},
    ],
    rows: head.totals,
  }
}
