import type {CubeJson, CubeResult} from '../../analysis/cube.js'
import type {AnalysisInput} from '../analysis-input.js'
import {dimColumns, dimHeader, moneyJson, shownLabel, titled} from './analysis-common.js'
import type {View, ViewColumn} from './view.js'

export type CubeOutput = CubeJson & {rollup: boolean; top: number | null; level: string | null; fiscal_year_start: number}

/**
 * The `spend cube --json` result: the analysis' `{by, rows}` plus the
 * parameters and what was done to amounts.
 * @example cubeOutput(cubeToJson(r), {rollup: false, top: null, level: null, fiscal_year_start: 1}, input.money)
 */
export function cubeOutput(json: CubeJson, params: Omit<CubeOutput, 'by' | 'rows'>, money: AnalysisInput['money']): CubeOutput {
  return {by: json.by, ...params, ...moneyJson(money), rows: json.rows}
}

/**
 * Views of `spend cube`. For scripts: every field of the JSON rows. For
 * people: one column per dimension (subtotal rows say Subtotal / Total),
 * currency, amount, count and the share of the parent group.
 * @example await this.emit(out, (human) => cubeViews(out, result, human, input.money), flags.format)
 */
export function cubeViews(out: CubeOutput, result: CubeResult, human: boolean, money: AnalysisInput['money']): View[] {
  const title = titled(`Spend by ${out.by.join(', ') || 'currency'}`, money)
  if (!human) {
    const columns: ViewColumn[] = [
      ...dimColumns(out.by),
      {key: 'currency', header: 'currency'},
      {key: 'amount', header: 'amount', kind: 'money'},
      {key: 'count', header: 'count', kind: 'int'},
      {key: 'share', header: 'share', kind: 'share'},
      {key: 'share_total', header: 'share_total', kind: 'share'},
      ...(out.rollup ? [{key: 'rollup', header: 'rollup', kind: 'bool' as const}] : []),
      ...(out.top !== null ? [{key: 'other', header: 'other', kind: 'int' as const}] : []),
    ]
    return [{title, columns, rows: out.rows}]
  }
  const columns: ViewColumn[] = [
    ...out.by.map((d, i) => ({key: `d${i}`, header: dimHeader(d)})),
    {key: 'currency', header: 'cur'},
    {key: 'amount', header: 'amount', kind: 'money'},
    {key: 'count', header: 'count', kind: 'int'},
    {key: 'share', header: out.by.length > 1 ? 'of parent' : 'share', kind: 'share'},
  ]
  const rows = result.rows.map((r, j) => {
    const row: Record<string, unknown> = {currency: r.currency, amount: out.rows[j].amount, count: r.count, share: r.share}
    r.labels.forEach((label, i) => {
      if (i < r.depth) row[`d${i}`] = r.other !== null && i === r.depth - 1 ? label : shownLabel(out.by[i], r.ids[i], label)
      else if (i === r.depth) row[`d${i}`] = r.depth === 0 ? 'Total' : 'Subtotal'
    })
    return row
  })
  return [{title, columns, rows}]
}
