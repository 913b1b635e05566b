import {TOP_SUBJECTS, type TopResult, type TopSubject} from '../../analysis/top.js'
import type {DimName} from '../../analysis/dims.js'
import type {MoneyNote} from '../../analysis/money-note.js'
import type {UnidentifiedMode} from '../../analysis/unidentified.js'
import {dimColumns, dimHeader, moneyJson, rowLabel, shownLabel, titled} from './analysis-common.js'
import type {View, ViewColumn} from './view.js'
import {leftOutLine, leftOutNote, leftOutView, UNIDENTIFIED_MODE_FIELD, type LeftOutLine} from './unidentified-view.js'
import {columnsOf, count, labelled, currency, DIMS, fieldOf, money, req, share, type Output} from './output-fields.js'
import {unidentifiedMsg} from '../../messages.js'

/** `spend top --json`, declared once: the schema and the CSV columns come from it. */
export const TOP_OUTPUT: Output = {
  name: 'top',
  title: '`spend top suppliers|buyers|categories --json` (issue 3: {rows} plus parameters)',
  fields: [
    req({key: 'what', type: 'string', enum: ['suppliers', 'buyers', 'categories']}),
    {key: 'top', type: ['integer', 'null']},
    req({key: 'rows', type: 'array', fields: [
      req({key: 'rank', type: ['integer', 'null'], description: '1-based rank; null for the folded "Other" row.', minimum: 1, kind: 'int'}),
      DIMS,
      req(currency()),
      req(money('amount')),
      req(count('count')),
      req(share('share')),
      count('other', {description: 'Only on the folded "Other (k ...)" row: k, how many were folded into it.'}),
    ]}),
    {key: 'unidentified', type: 'array', items: {type: 'object', description: 'Suppliers only, per --by group and currency: the spend left out of the ranking (redacted or blank suppliers, many unknown payees); share is of the group\'s whole total; the rows\' shares are of the rest.', fields: [
      req(currency()),
      req(money('amount')),
      req(count('count')),
      req(share('share')),
    ]}},
    UNIDENTIFIED_MODE_FIELD,
  ],
}

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
export function topViews(out: TopOutput, result: TopResult, human: boolean, money: MoneyNote): View[] {
  const subject = TOP_SUBJECTS[out.what]
  const leaving = out.unidentified_suppliers === 'left-out'
  const title = titled(`Top ${out.top} ${out.what}${out.by ? ` per ${dimHeader(out.by)}` : ''}${leaving ? ` (${unidentifiedMsg.sharesOfIdentified()})` : ''}`, money)
  if (!human) {
    const columns = columnsOf(fieldOf(TOP_OUTPUT.fields, 'rows').fields!, dimColumns(out.by ? [out.by, subject] : [subject]))
    return [{title, columns, rows: out.rows}]
  }
  const columns: ViewColumn[] = [
    {key: 'rank', header: '#', kind: 'int'},
    ...(out.by ? [{key: 'group', header: dimHeader(out.by)}] : []),
    {key: 'name', header: dimHeader(subject)},
    ...labelled(fieldOf(TOP_OUTPUT.fields, 'rows').fields!, {currency: 'cur', amount: 'amount', count: 'count', share: 'share'}),
  ]
  const rows = result.rows.map((r, j) => ({
    rank: r.rank, group: r.group && out.by ? shownLabel(out.by, r.group.id, r.group.label) : undefined,
    name: r.other !== null ? r.label : shownLabel(subject, r.id, r.label),
    currency: r.currency, amount: out.rows[j].amount, count: r.count, share: out.rows[j].share,
  }))
  const left = leftOutView('ranking', out.by ? dimHeader(out.by) : null, topLeftOut(out))
  return left ? [{title, columns, rows}, left] : [{title, columns, rows}]
}

/** The spend left out of a supplier ranking, per group and currency. */
function topLeftOut(out: TopOutput): LeftOutLine[] {
  const list = (out.unidentified ?? []) as Record<string, unknown>[]
  return list.map((u) => leftOutLine(u, u.currency, out.by ? rowLabel(out.by, u) : undefined))
}

/**
 * The stderr line for scripts reading CSV/TSV (people see the table): what the ranking left out.
 * @example topNote(out) // 'left out of the ranking: redacted or blank suppliers ...: GBP 92,857,600.08 in 34,612 payments (16.4% of GBP spend); ...'
 */
export function topNote(out: TopOutput): string | null {
  return leftOutNote('ranking', topLeftOut(out))
}

/**
 * The `--json` result: the analysis' JSON plus the conversion note; for
 * suppliers also `unidentified_suppliers` (left-out, as-supplier or excluded:
 * how redacted and blank suppliers were treated) and `unidentified` (what the
 * ranking left out, per group and currency).
 * @example topOutput(topToJson(result), input.money).rows[0].rank // 1
 */
export function topOutput(
  json: {what: TopSubject; by: DimName | null; top: number; rows: Record<string, unknown>[]; unidentified?: Record<string, unknown>[]},
  money: MoneyNote, mode?: UnidentifiedMode,
): TopOutput {
  // Suppliers only: how redacted and blank suppliers were treated, and what the ranking left out.
  const extra = json.what === 'suppliers' ? {unidentified_suppliers: mode ?? 'left-out', unidentified: json.unidentified ?? []} : {}
  return {what: json.what, by: json.by, top: json.top, ...moneyJson(money), rows: json.rows, ...extra}
}
