import {SpendInputError} from '../../errors.js'
import {peersMsg} from '../../messages.js'
import {BUYER_COLUMN_NAMES, readSideTable, sideColumn} from './side-table.js'

/**
 * The `--size FILE` side file: one line per buyer and year with named sizes
 * (population, employees, budget, ...). CSV columns: the buyer (id or name,
 * matched to buyers by the analyses' name rule in the service), `year`
 * (2024, or a fiscal year as 2024-25), then any named numeric columns. A
 * value is kept exactly as written (text) and as a number; an empty cell is
 * unknown. Every bad line is an error naming `file:line`.
 */

/** One size value: the exact text and its number. */
export interface SizeValue {
  text: string
  value: number
}

export interface SizeRow {
  /** 1-based line in the file. */
  line: number
  /** The buyer as written (id or name). */
  buyer: string
  year: string
  /** Per size column, its value; columns left empty are absent. */
  values: Record<string, SizeValue>
}

export interface SizeFile {
  file: string
  /** The size columns, in file order (as written in the header). */
  columns: string[]
  rows: SizeRow[]
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/
const YEAR = /^\d{4}(-\d{2}|\/\d{2})?$/

/**
 * Parse a size CSV.
 * @example parseSizeFile('buyer,year,population\nLeeds,2024,812000\n', 'size.csv').rows[0].values.population // {text: '812000', value: 812000}
 */
export function parseSizeFile(text: string, file = 'size'): SizeFile {
  const t = readSideTable(text, file)
  const b = sideColumn(t, BUYER_COLUMN_NAMES, file, 'buyer')
  const y = sideColumn(t, ['year', 'fiscal_year', 'fiscal year', 'period'], file, 'year')
  const valueCols = t.header.map((h, i) => ({name: h, i})).filter((c) => c.i !== b && c.i !== y && c.name !== '')
  if (valueCols.length === 0) throw new SpendInputError('NO_SIZE_COLUMNS', peersMsg.noValueColumns(), {where: file, hint: peersMsg.noValueColumnsHint()})
  const seen = new Map<string, number>()
  const rows = t.rows.map(({line, cells}): SizeRow => {
    const where = `${file}:${line}`
    const buyer = cells[b] ?? ''
    const year = (cells[y] ?? '').replace('/', '-')
    if (buyer === '') throw new SpendInputError('BAD_SIZE_LINE', peersMsg.blankBuyer(), {where, hint: peersMsg.blankBuyerHint()})
    if (!YEAR.test(year)) throw new SpendInputError('BAD_SIZE_LINE', peersMsg.badYear(cells[y] ?? ''), {where, hint: peersMsg.badYearHint()})
    const key = `${buyer.toLowerCase()}\u0000${year}`
    const first = seen.get(key)
    if (first !== undefined) throw new SpendInputError('BAD_SIZE_LINE', peersMsg.repeatedRow(buyer, year, first), {where, hint: peersMsg.repeatedRowHint()})
    seen.set(key, line)
    const values: Record<string, SizeValue> = {}
    for (const c of valueCols) {
      const raw = cells[c.i] ?? ''
      if (raw === '') continue
      if (!NUMBER.test(raw)) throw new SpendInputError('BAD_SIZE_LINE', peersMsg.badNumber(c.name, raw), {where, hint: peersMsg.badNumberHint()})
      values[c.name] = {text: raw.replace(/^\+/, ''), value: Number(raw)}
    }
    return {line, buyer, year, values}
  })
  return {file, columns: valueCols.map((c) => c.name), rows}
}
