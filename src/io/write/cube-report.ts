import {cubeRows, cubeToJson, type CubeJson, type CubeTable} from '../../analysis/cube.js'
import {cubeAmountText, cubeId, cubeLabel} from '../../analysis/cube-table.js'
import {shareJson} from '../../analysis/json.js'
import type {AnalysisInput} from '../../services/analysis-input.js'
import {dimColumns, dimHeader, moneyJson, shownLabel, titled} from './analysis-common.js'
import {cubeDelimitedBytes} from './cube-bytes.js'
import type {DelimitedSource} from './delimited.js'
import type {View, ViewColumn} from './view.js'

export type CubeOutput = CubeJson & {rollup: boolean; top: number | null; level: string | null; fiscal_year_start: number}

/**
 * The `spend cube --json` result: the analysis' `{by, rows}` plus the
 * parameters and what was done to amounts. `rows` is built on first read
 * (JSON output): CSV, TSV and tables are written from the columns.
 * @example cubeOutput(cubeTable(frame, opts), {rollup: false, top: null, level: null, fiscal_year_start: 1}, input.money)
 */
export function cubeOutput(table: CubeTable, params: Omit<CubeOutput, 'by' | 'rows'>, money: AnalysisInput['money']): CubeOutput {
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
export function cubeViews(out: CubeOutput, table: CubeTable, human: boolean, money: AnalysisInput['money']): View[] {
  const title = titled(`Spend by ${out.by.join(', ') || 'currency'}`, money)
  if (!human) {
    const columns: ViewColumn[] = [
      ...dimColumns(table.by),
      {key: 'currency', header: 'currency'},
      {key: 'amount', header: 'amount', kind: 'money'},
      {key: 'count', header: 'count', kind: 'int'},
      {key: 'share', header: 'share', kind: 'share'},
      {key: 'share_total', header: 'share_total', kind: 'share'},
      ...(out.rollup ? [{key: 'rollup', header: 'rollup', kind: 'bool' as const}] : []),
      ...(out.top !== null ? [{key: 'other', header: 'other', kind: 'int' as const}] : []),
    ]
    const view: View & DelimitedSource = {
      title, columns, rows: [],
      delimited: (delimiter) => cubeDelimitedBytes(table, columns, out.rollup, out.top !== null, delimiter),
    }
    // The JSON rows, only if a writer other than CSV/TSV asks for them.
    Object.defineProperty(view, 'rows', {enumerable: true, get: () => out.rows})
    return [view]
  }
  const columns: ViewColumn[] = [
    ...table.by.map((d, i) => ({key: `d${i}`, header: dimHeader(d)})),
    {key: 'currency', header: 'cur'},
    {key: 'amount', header: 'amount', kind: 'money'},
    {key: 'count', header: 'count', kind: 'int'},
    {key: 'share', header: table.by.length > 1 ? 'of parent' : 'share', kind: 'share'},
  ]
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
