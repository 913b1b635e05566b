import type {TrendResult} from '../../analysis/trend.js'
import type {MoneyNote} from '../../analysis/money-note.js'
import {dimColumns, dimHeader, moneyJson, rowLabel, titled} from './analysis-common.js'
import type {View, ViewColumn} from './view.js'
import {columnsOf, count, labelled, currency, DIMS, fieldOf, money, req, share, type Output} from './output-fields.js'

/** A period: 2024, 2024-Q1 or 2024-03. */
const PERIOD = '^\\d{4}(-\\d{2})?(-(Q[1-4]|\\d{2}))?$'

/** `spend trend --json`, declared once: the schema and the CSV columns come from it. */
export const TREND_OUTPUT: Output = {
  name: 'trend',
  title: '`spend trend --every month|quarter|year --json` (issue 3: totals per period, change on the previous period and a year earlier)',
  fields: [
    req({key: 'every', type: 'string', enum: ['month', 'quarter', 'year']}),
    req({key: 'from', type: ['string', 'null'], pattern: PERIOD}),
    req({key: 'to', type: ['string', 'null'], pattern: PERIOD}),
    req({key: 'rows', type: 'array', fields: [
      DIMS,
      req(currency()),
      req({key: 'period', type: 'string', pattern: PERIOD}),
      req(money('amount')),
      req(count('count')),
      req(money('change', {type: ['string', 'null']})),
      req(share('change_pct')),
      req(money('yoy', {type: ['string', 'null']})),
      req(share('yoy_pct')),
    ]}),
    {key: 'undated', type: 'array', description: 'Rows without a usable date: one line per series (group with --by, and currency) that has any; in no period and in no change', fields: [
      DIMS,
      req(currency()),
      req({key: 'period', type: 'null'}),
      req(money('amount')),
      req(count('count', {minimum: 1})),
    ]},
  ],
}

export type TrendOutput = Record<string, unknown> & {rows: Record<string, unknown>[]; undated: Record<string, unknown>[]}

/**
 * The `--json` result: the analysis' JSON plus the conversion note.
 * @example trendOutput(trendToJson(result) as TrendOutput, input.money).rows[0].period
 */
export function trendOutput(json: TrendOutput, money: MoneyNote): TrendOutput {
  const {rows, undated, ...params} = json
  return {...params, ...moneyJson(money), rows, undated}
}

/**
 * The rows of the one table: each series' periods, then its undated line
 * (period null: "undated" for people), where `at` puts it.
 */
function withUndated(out: TrendOutput, result: TrendResult, label: string | null): Record<string, unknown>[] {
  const lines = result.undated.map((u, i) => ({...out.undated[i], period: label, at: u.at}))
  const merged: Record<string, unknown>[] = []
  let next = 0
  out.rows.forEach((row, i) => {
    while (next < lines.length && lines[next].at === i) merged.push(lines[next++])
    merged.push(row)
  })
  while (next < lines.length) merged.push(lines[next++])
  return merged
}

/**
 * Views of `spend trend`. Scripts get every JSON field (absolute and relative
 * changes). People get period, amount, count and the relative changes against
 * the previous period and a year earlier. Each series' rows without a date
 * follow its periods as one line (empty period for scripts, "undated" for
 * people), with no change figures.
 * @example trendViews(out, result, true, {})[0].title // 'Spend per quarter'
 */
export function trendViews(out: TrendOutput, result: TrendResult, human: boolean, money: MoneyNote): View[] {
  const by = result.by ? [result.by] : []
  const fiscal = result.fiscalYearStart > 1 ? `, fiscal years from month ${result.fiscalYearStart}` : ''
  const title = titled(`Spend per ${result.every}${result.by ? ` by ${dimHeader(result.by)}` : ''}${fiscal}`, money)
  if (!human) {
    const columns = columnsOf(fieldOf(TREND_OUTPUT.fields, 'rows').fields!, dimColumns(by))
    return [{title, columns, rows: withUndated(out, result, null)}]
  }
  const columns: ViewColumn[] = [
    ...(result.by ? [{key: 'group', header: dimHeader(result.by)}] : []),
    ...labelled(fieldOf(TREND_OUTPUT.fields, 'rows').fields!, {currency: 'cur', period: 'period', amount: 'amount', count: 'count', change_pct: 'vs prev.', yoy_pct: 'vs year'}),
  ]
  const rows = withUndated(out, result, UNDATED).map((r) => ({...r, group: result.by ? rowLabel(result.by, r) : undefined}))
  return [{title, columns, rows}]
}

/** The period shown to people for rows without a date. */
export const UNDATED = 'undated'
