import {TOP_SUBJECTS, type TopResult, type TopSubject} from '../../analysis/top.js'
import type {DimName} from '../../analysis/dims.js'
import type {AnalysisInput} from '../../services/analysis-input.js'
import {dimColumns, dimHeader, moneyJson, shownLabel, titled} from './analysis-common.js'
import type {View, ViewColumn} from './view.js'

export interface TopOutput {
  what: TopSubject
  by: DimName | null
  top: number
  rows: Record<string, unknown>[]
  [extra: string]: unknown
}

/**
 * Views of `spend top`: for scripts every JSON field; for people rank, the
 * group (with --by), name, currency, amount, count and share.
 * @example topViews(out, result, true, {})[0].columns.map((c) => c.header) // ['#', 'supplier', 'cur', ...]
 */
export function topViews(out: TopOutput, result: TopResult, human: boolean, money: AnalysisInput['money']): View[] {
  const subject = TOP_SUBJECTS[out.what]
  const title = titled(`Top ${out.top} ${out.what}${out.by ? ` per ${dimHeader(out.by)}` : ''}`, money)
  if (!human) {
    const columns: ViewColumn[] = [
      {key: 'rank', header: 'rank', kind: 'int'},
      ...dimColumns(out.by ? [out.by, subject] : [subject]),
      {key: 'currency', header: 'currency'},
      {key: 'amount', header: 'amount', kind: 'money'},
      {key: 'count', header: 'count', kind: 'int'},
      {key: 'share', header: 'share', kind: 'share'},
      {key: 'other', header: 'other', kind: 'int'},
    ]
    return [{title, columns, rows: out.rows}]
  }
  const columns: ViewColumn[] = [
    {key: 'rank', header: '#', kind: 'int'},
    ...(out.by ? [{key: 'group', header: dimHeader(out.by)}] : []),
    {key: 'name', header: dimHeader(subject)},
    {key: 'currency', header: 'cur'},
    {key: 'amount', header: 'amount', kind: 'money'},
    {key: 'count', header: 'count', kind: 'int'},
    {key: 'share', header: 'share', kind: 'share'},
  ]
  const rows = result.rows.map((r, j) => ({
    rank: r.rank, group: r.group && out.by ? shownLabel(out.by, r.group.id, r.group.label) : undefined,
    name: r.other !== null ? r.label : shownLabel(subject, r.id, r.label),
    currency: r.currency, amount: out.rows[j].amount, count: r.count, share: out.rows[j].share,
  }))
  return [{title, columns, rows}]
}

/**
 * The `--json` result: the analysis' JSON plus the conversion note.
 * @example topOutput(topToJson(result), input.money).rows[0].rank // 1
 */
export function topOutput(json: {what: TopSubject; by: DimName | null; top: number; rows: Record<string, unknown>[]}, money: AnalysisInput['money']): TopOutput {
  return {what: json.what, by: json.by, top: json.top, ...moneyJson(money), rows: json.rows}
}
