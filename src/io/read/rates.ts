import Papa from 'papaparse'
import type {FxRate} from '../../analysis/fx.js'
import type {IndexPoint} from '../../analysis/deflate.js'
import {SpendInputError} from '../../errors.js'
import {ratesMsg} from '../../messages.js'

/**
 * Parsers for the small side files of `--fx` (exchange rates) and `--deflate`
 * (price index). Values stay as decimal text so the analyses can convert
 * exactly; every bad line is reported as `file:line` with the fix.
 */

interface Table {
  header: string[]
  rows: {line: number; cells: string[]}[]
}

function readTable(text: string, file: string): Table {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {skipEmptyLines: false})
  const all = parsed.data.map((cells, i) => ({line: i + 1, cells: cells.map((c) => c.trim())}))
  const rows = all.filter((r) => r.cells.some((c) => c !== ''))
  if (rows.length === 0) throw new SpendInputError('EMPTY_FILE', ratesMsg.emptyFile(), {where: file})
  const [head, ...data] = rows
  return {header: head.cells.map((h) => h.toLowerCase()), rows: data}
}

function column(t: Table, names: string[], file: string, what: string): number {
  const i = t.header.findIndex((h) => names.includes(h))
  if (i < 0) {
    throw new SpendInputError('MISSING_COLUMN', ratesMsg.missingColumn(what, t.header), {
      where: file,
      hint: ratesMsg.missingColumnHint(names.slice(0, 3)),
    })
  }
  return i
}

const DECIMAL = /^\+?(\d+\.?\d*|\.\d+)$/

/**
 * Parse an exchange-rate CSV: columns `date` (or `month`/`period`: `YYYY-MM-DD`
 * or `YYYY-MM`), `currency`, `rate` (units of the target currency per one unit
 * of `currency`, a plain positive decimal).
 * @example parseRatesCsv('month,currency,rate\n2024-01,EUR,0.8612\n', 'rates.csv')[0].rate // '0.8612'
 */
export function parseRatesCsv(text: string, file = 'rates'): FxRate[] {
  const t = readTable(text, file)
  const p = column(t, ['date', 'month', 'period', 'day'], file, 'date or month')
  const c = column(t, ['currency', 'code', 'ccy', 'from'], file, 'currency')
  const r = column(t, ['rate', 'value', 'fx'], file, 'rate')
  return t.rows.map(({line, cells}) => {
    const period = cells[p] ?? ''
    const currency = (cells[c] ?? '').toUpperCase()
    const rate = cells[r] ?? ''
    if (!/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/.test(period)) {
      throw new SpendInputError('BAD_RATE_LINE', ratesMsg.badDate(period), {where: `${file}:${line}`, hint: ratesMsg.badDateHint()})
    }
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw new SpendInputError('BAD_RATE_LINE', ratesMsg.badCurrency(cells[c] ?? ''), {where: `${file}:${line}`, hint: ratesMsg.badCurrencyHint()})
    }
    if (!DECIMAL.test(rate) || Number(rate) === 0) {
      throw new SpendInputError('BAD_RATE_LINE', ratesMsg.badRate(rate), {where: `${file}:${line}`, hint: ratesMsg.badRateHint()})
    }
    return {period, currency, rate}
  })
}

/**
 * Parse a price-index CSV: columns `year` or `month` (or `period`: `YYYY` or
 * `YYYY-MM`) and `index` (or `value`), a plain positive decimal.
 * @example parseIndexCsv('year,index\n2023,100\n2024,104.2\n', 'cpi.csv')[1] // {period: '2024', value: '104.2'}
 */
export function parseIndexCsv(text: string, file = 'index'): IndexPoint[] {
  const t = readTable(text, file)
  const p = column(t, ['year', 'month', 'period', 'date'], file, 'year or month')
  const v = column(t, ['index', 'value', 'cpi'], file, 'index')
  return t.rows.map(({line, cells}) => {
    const period = cells[p] ?? ''
    const value = cells[v] ?? ''
    if (!/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(period)) {
      throw new SpendInputError('BAD_INDEX_LINE', ratesMsg.badPeriod(period), {where: `${file}:${line}`, hint: ratesMsg.badPeriodHint()})
    }
    if (!DECIMAL.test(value) || Number(value) === 0) {
      throw new SpendInputError('BAD_INDEX_LINE', ratesMsg.badIndex(value), {where: `${file}:${line}`, hint: ratesMsg.badIndexHint()})
    }
    return {period, value}
  })
}
