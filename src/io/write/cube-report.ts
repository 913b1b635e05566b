import {cubeRows, cubeToJson, type CubeJson, type CubeTable} from '../../analysis/cube.js'
import {cubeAmountText, cubeId, cubeLabel} from '../../analysis/cube-table.js'
import {DIM_ID_FIELDS, shareJson} from '../../analysis/json.js'
import type {DimName} from '../../analysis/dims.js'
import type {MoneyNote} from '../../analysis/money-note.js'
import {dimColumns, dimHeader, moneyJson, shownLabel, titled} from './analysis-common.js'
import {cubeDelimitedBytes} from './cube-bytes.js'
import type {DelimitedSource} from './delimited.js'
import type {View, ViewColumn} from './view.js'
import {columnsOf, count, labelled, currency, DIMS, fieldOf, money, req, share, type Output} from './output-fields.js'

/** `spend cube --json`, declared once: the schema and the CSV columns come from it. */
export const CUBE_OUTPUT: Output = {
  name: 'cube',
  title: '`spend cube --by A,B --json` (issue 3 contract): one key per dimension in each row; subtotal rows carry rollup: true',
  fields: [
    req({key: 'by', type: 'array', items: {type: 'string', enum: ['buyer', 'unit', 'supplier', 'category', 'expense_type', 'year', 'quarter', 'month', 'currency']}}),
    req({key: 'rows', type: 'array', fields: [
      DIMS,
      req(currency()),
      req(money('amount')),
      req(count('count')),
      req(share('share', {type: 'number'})),
      share('share_total', {description: 'Share of the currency\'s whole total; null when that total is 0.'}),
      {key: 'rollup', type: 'boolean', enum: [true], kind: 'bool'},
      count('other', {description: 'With --top, only on the folded "Other (k ...)" row: k, the number of groups folded.'}),
      {key: 'unidentified', type: 'boolean', description: 'The row of redacted and blank suppliers (many unknown payees), kept since a cube breaks down totals.', enum: [true], csv: false},
    ]}),
  ],
}

export type CubeOutput = CubeJson & {rollup: boolean; top: number | null; level: string | null; fiscal_year_start: number}

/**
 * The `spend cube --json` result: the analysis' `{by, rows}` plus the
 * parameters and what was done to amounts. `rows` is built on first read
 * (JSON output): CSV, TSV and tables are written from the columns.
 * @example cubeOutput(cubeTable(frame, opts), {rollup: false, top: null, level: null, fiscal_year_start: 1}, input.money)
 */
export function cubeOutput(table: CubeTable, params: Omit<CubeOutput, 'by' | 'rows'>, money: MoneyNote): CubeOutput {
  const out = {by: table.asked, ...params, ...moneyJson(money)} as CubeOutput
  let rows: CubeJson['rows'] | undefined
  // Enumerable, and defined last, so JSON.stringify prints it where it always was.
  Object.defineProperty(out, 'rows', {enumerable: true, get: () => (rows ??= cubeToJson(cubeRows(table)).rows)})
  return out
}

/**
 * Views of `spend cube`. For scripts: every field of the JSON rows. For
 * people: one column per dimension (subtotal rows say Subtotal / Total),
 * currency, amount, count and the share of the parent group.
 * @example await this.emit(out, (human) => cubeViews(out, table, human, input.money), flags.format)
 */
export function cubeViews(out: CubeOutput, table: CubeTable, human: boolean, money: MoneyNote): View[] {
  const title = titled(`Spend by ${out.by.join(', ') || 'currency'}`, money)
  if (!human) {
    const omit = [...(out.rollup ? [] : ['rollup']), ...(out.top !== null ? [] : ['other'])]
    const columns = columnsOf(fieldOf(CUBE_OUTPUT.fields, 'rows').fields!, dimColumns(table.by), omit)
    const view: View & DelimitedSource = {
      title, columns, rows: [],
      delimited: (delimiter) => cubeDelimitedBytes(table, columns, out.rollup, out.top !== null, delimiter),
    }
    // The JSON rows, only if a writer other than CSV/TSV asks for them.
    Object.defineProperty(view, 'rows', {enumerable: true, get: () => out.rows})
    return [view]
  }
  const columns = humanColumns(table.by)
  const n = table.by.length
  const rows: Record<string, unknown>[] = new Array(table.length)
  for (let r = 0; r < table.length; r++) {
    const share = table.share[r]
    const row: Record<string, unknown> = {
      currency: table.currencies[table.currency[r]], amount: cubeAmountText(table, r), count: table.count[r],
      share: Number.isNaN(share) ? null : shareJson(share),
    }
    const depth = table.depth[r]
    for (let i = 0; i < n; i++) {
      const label = cubeLabel(table, r, i)
      if (i < depth) row[`d${i}`] = table.other[r] >= 0 && i === depth - 1 ? label : shownLabel(table.by[i], cubeId(table, r, i), label)
      else if (i === depth) row[`d${i}`] = depth === 0 ? 'Total' : 'Subtotal'
    }
    rows[r] = row
  }
  return [{title, columns, rows}]
}

/** The columns people see: one per dimension, currency, amount, count and the share of the parent. */
function humanColumns(by: readonly DimName[]): ViewColumn[] {
  return [
    ...by.map((d, i) => ({key: `d${i}`, header: dimHeader(d)})),
    ...labelled(fieldOf(CUBE_OUTPUT.fields, 'rows').fields!, {currency: 'cur', amount: 'amount', count: 'count', share: by.length > 1 ? 'of parent' : 'share'}),
  ]
}

/**
 * The people's table of a cube from its JSON rows (a cube run on an engine
 * has no CubeTable), the same as cubeViews gives: `depths[r]` is how many
 * leading dimensions row r is grouped by.
 */
export function cubeJsonHumanView(out: CubeOutput, by: readonly DimName[], depths: readonly number[], money: MoneyNote): View {
  const rows = out.rows.map((j, r) => {
    const row: Record<string, unknown> = {currency: j.currency, amount: j.amount, count: j.count, share: j.share}
    const depth = depths[r]
    by.forEach((d, i) => {
      const label = j[d] as string | null
      const idField = DIM_ID_FIELDS[d]
      const id = idField ? (j[idField] as string | null) : label
      if (i < depth) row[`d${i}`] = j.other !== undefined && i === depth - 1 ? label : shownLabel(d, id, label)
      else if (i === depth) row[`d${i}`] = depth === 0 ? 'Total' : 'Subtotal'
    })
    return row
  })
  return {title: titled(`Spend by ${out.by.join(', ') || 'currency'}`, money), columns: humanColumns(by), rows}
}
