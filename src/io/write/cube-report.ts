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
  const title = cubeTitle(out, money)
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
  const rows: Record<string, unknown>[] = new Array(table.length)
  for (let r = 0; r < table.length; r++) {
    const share = table.share[r]
    const row: Record<string, unknown> = {
      currency: table.currencies[table.currency[r]], amount: cubeAmountText(table, r), count: table.count[r],
      share: Number.isNaN(share) ? null : shareJson(share),
    }
    dimCells(row, table.by, table.depth[r], table.other[r] >= 0, (i) => cubeId(table, r, i), (i) => cubeLabel(table, r, i))
    rows[r] = row
  }
  return [{title, columns, rows}]
}

const cubeTitle = (out: CubeOutput, money: MoneyNote) => titled(`Spend by ${out.by.join(', ') || 'currency'}`, money)

/**
 * A row's dimension cells for people (`d0`, `d1`...): the shown label of each
 * of its `depth` leading dimensions (a folded row's "Other (k ...)" as it
 * is), then "Total" or "Subtotal" in the first rolled-up one.
 */
function dimCells(row: Record<string, unknown>, by: readonly DimName[], depth: number, folded: boolean, idOf: (i: number) => string | null, labelOf: (i: number) => string | null): void {
  for (let i = 0; i < by.length; i++) {
    if (i < depth) row[`d${i}`] = folded && i === depth - 1 ? labelOf(i) : shownLabel(by[i], idOf(i), labelOf(i))
    else if (i === depth) row[`d${i}`] = depth === 0 ? 'Total' : 'Subtotal'
  }
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
    const labelOf = (i: number) => j[by[i]] as string | null
    const idOf = (i: number) => {
      const idField = DIM_ID_FIELDS[by[i]]
      return idField ? (j[idField] as string | null) : labelOf(i)
    }
    dimCells(row, by, depths[r], j.other !== undefined, idOf, labelOf)
    return row
  })
  return {title: cubeTitle(out, money), columns: humanColumns(by), rows}
}
