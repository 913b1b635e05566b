/**
 * A view is what a command shows: titled rows with typed columns. Renderers
 * (table, csv, tsv, md) turn views into text; JSON output is the command's
 * own result object, not a view.
 */
/** Output formats, declared once for every data command (the --format flag offers them). */
export const formats = ['table', 'csv', 'tsv', 'json', 'md'] as const
export type Format = (typeof formats)[number]

export type ColumnKind = 'text' | 'int' | 'money' | 'share' | 'number' | 'date' | 'bool'

/**
 * How a terminal table may narrow a text column (see table-fit.ts): `id` is
 * never cut, `name` is cut at the end, `path` in the middle. Without it: a
 * column keyed `id` or `*_id` is an id, `file`, `path` or `*_file` a path, any
 * other text a name; numbers, money, shares, dates and booleans are never cut.
 */
export type ColumnFit = 'id' | 'name' | 'path'

export interface ViewColumn {
  key: string
  header: string
  kind?: ColumnKind
  fit?: ColumnFit
  /**
   * Optional in a terminal table: narrowed first, and left out (the highest
   * first, with a note) when the names would otherwise be cut too short.
   */
  drop?: number
}

export interface View {
  title?: string
  columns: ViewColumn[]
  rows: Record<string, unknown>[]
}

/**
 * Raw cell text for machine formats: exact money strings, plain numbers, ISO
 * dates. Shares are printed as given: they come rounded by the one rule of
 * src/analysis/json.ts (shareJson), so CSV and JSON carry the same digits.
 */
export function rawCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof ShownCell) return rawCell(value.raw)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  return String(value)
}

/**
 * A cell shown one way to people and written another to files: for a column
 * whose rows differ in unit (a benchmark's money, shares and counts), the
 * table, Markdown and HTML show `shown` (money rounded and grouped), while
 * CSV, TSV and XLSX write `raw` (the exact figure).
 * @example humanCell(new ShownCell('1,234.57', '1234.5650')) // '1,234.57'
 */
export class ShownCell {
  constructor(readonly shown: string, readonly raw: unknown) {}
}

/** Group the integer part of an exact decimal string with commas: "-1234567.50" -> "-1,234,567.50". */
export function groupThousands(decimal: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(decimal)
  if (!m) return decimal
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (m[3] ?? '')
}

/** Human cell text: grouped money, percentages, thousands in counts. */
export function humanCell(value: unknown, kind: ColumnKind = 'text'): string {
  if (value === null || value === undefined) return ''
  if (value instanceof ShownCell) return value.shown
  switch (kind) {
    case 'money':
      return groupThousands(String(value))
    case 'int':
      return typeof value === 'number' ? groupThousands(String(value)) : String(value)
    case 'share':
      return typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : String(value)
    case 'number':
      return typeof value === 'number' ? (Number.isInteger(value) ? groupThousands(String(value)) : value.toFixed(2)) : String(value)
    default:
      return rawCell(value)
  }
}

export function isRightAligned(kind: ColumnKind | undefined): boolean {
  return kind === 'money' || kind === 'int' || kind === 'share' || kind === 'number'
}
