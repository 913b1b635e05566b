import type {Coverage, CoverageRow} from '../../analysis/classify/coverage.js'
import type {SuggestRow} from '../../analysis/classify/suggest.js'
import {shareJson} from '../../analysis/json.js'
import {formatMinor} from '../../model/money.js'
import type {OverlayEntry} from '../workspace/manifest.js'
import {columnsOf, count, currency, fieldOf, labelled, money, req, share, text, type Field, type Output} from './output-fields.js'
import type {View} from './view.js'

const COVERAGE_FIELDS: readonly Field[] = [
  req({key: 'buyer', type: ['string', 'null']}),
  {key: 'buyer_id', type: ['string', 'null']},
  req(currency()),
  req(count('rows')),
  req(count('rows_classified', {description: 'Rows with a CPV code: from the data, or from a rule.'})),
  req(money('amount')),
  req(money('amount_classified')),
  share('share_rows', {description: 'rows_classified / rows.'}),
  share('share_amount', {description: 'amount_classified / amount (net spend); null when amount is zero.'}),
]

/** `spend classify --json`, declared once: the schema and the CSV columns come from it. */
export const CLASSIFY_OUTPUT: Output = {
  name: 'classify',
  title: '`spend classify --json`: classification coverage per buyer and currency (issue 11)',
  fields: [
    req({key: 'rows', type: 'array', fields: COVERAGE_FIELDS}),
    {key: 'totals', type: 'array', description: 'Per currency, over every selected buyer.', fields: COVERAGE_FIELDS.filter((f) => f.key !== 'buyer' && f.key !== 'buyer_id')},
    {key: 'rules', type: ['object', 'null'], description: 'The rules set used (null: none; only codes that came with the data count).', fields: [
      req(text('source')),
      req({key: 'sha256', type: 'string', pattern: '^[0-9a-f]{64}$'}),
      req(count('rules')),
      req({key: 'stored', type: 'boolean', description: 'false: a --rules preview, not stored'}),
    ]},
  ],
}

/** `spend classify suggest --json`. */
export const CLASSIFY_SUGGEST_OUTPUT: Output = {
  name: 'classify-suggest',
  title: '`spend classify suggest --json`: unclassified texts by spend, largest first per currency (issue 11)',
  fields: [
    req({key: 'rows', type: 'array', fields: [
      req({key: 'field', type: ['string', 'null'], enum: ['expense_type', 'category_code', 'category', null], description: 'The field a rule would test; null: the rows have no expense type or category.'}),
      req({key: 'scheme', type: ['string', 'null'], description: 'The code\'s scheme as published (category_code only).'}),
      req({key: 'value', type: ['string', 'null']}),
      req(currency()),
      req(money('amount', {description: 'Net unclassified spend.'})),
      req(count('rows')),
      req(count('buyers')),
    ]}),
  ],
}

/** `spend classify apply --json`. */
export const CLASSIFY_APPLY_OUTPUT: Output = {
  name: 'classify-apply',
  title: '`spend classify apply --rules FILE|default --json` (or --clear)',
  fields: [
    req({key: 'stored', type: ['object', 'null'], description: 'The stored rules set (null with --clear).', fields: overlayFields()}),
    req({key: 'removed', type: ['object', 'null'], description: 'With --clear: the removed set (null when none was stored).', fields: overlayFields()}),
  ],
}

function overlayFields(): Field[] {
  return [req(text('source')), req({key: 'sha256', type: 'string', pattern: '^[0-9a-f]{64}$'}), req(count('rules')), req(text('file'))]
}

export interface ClassifyOutput {
  rows: Record<string, unknown>[]
  totals: Record<string, unknown>[]
  rules: {source: string; sha256: string; rules: number; stored: boolean} | null
}

function coverageJson(r: CoverageRow, buyer: boolean): Record<string, unknown> {
  return {
    ...(buyer ? {buyer: r.buyer, buyer_id: r.buyer_id} : {}), currency: r.currency, rows: r.rows, rows_classified: r.rows_classified,
    amount: formatMinor(r.amount, r.currency), amount_classified: formatMinor(r.amount_classified, r.currency),
    share_rows: shareJson(r.share_rows), share_amount: shareJson(r.share_amount),
  }
}

/**
 * The `spend classify --json` result.
 * @example classifyOutput(cov, null).rows[0].amount // '1234.50'
 */
export function classifyOutput(cov: Coverage, rules: {entry: OverlayEntry; rules: number; stored: boolean} | null): ClassifyOutput {
  return {
    rows: cov.rows.map((r) => coverageJson(r, true)),
    totals: cov.totals.map((r) => coverageJson(r, false)),
    rules: rules ? {source: rules.entry.source, sha256: rules.entry.sha256, rules: rules.rules, stored: rules.stored} : null,
  }
}

/**
 * Views of `spend classify`: per buyer and currency, then the totals per currency.
 * @example classifyViews(out, true)[0].columns[0].header // 'buyer'
 */
export function classifyViews(out: ClassifyOutput, human: boolean): View[] {
  const fields = fieldOf(CLASSIFY_OUTPUT.fields, 'rows').fields!
  if (!human) return [{columns: columnsOf(fields), rows: out.rows}]
  // The shares say it at 80 columns; the classified counts and amounts come back when there is room.
  const optional: Record<string, number> = {rows_classified: 2, amount_classified: 1}
  const cols = labelled(fields, {currency: 'cur', rows: 'rows', rows_classified: 'classified', share_rows: '% rows', amount: 'amount', amount_classified: 'classified amount', share_amount: '% spend'})
    .map((c) => (optional[c.key] ? {...c, drop: optional[c.key]} : c))
  return [
    {title: 'Classification coverage per buyer', columns: [...labelled(fields, {buyer: 'buyer'}), ...cols], rows: out.rows},
    {title: 'All buyers', columns: cols, rows: out.totals},
  ]
}

export interface SuggestOutput {
  rows: Record<string, unknown>[]
}

/**
 * The `spend classify suggest --json` result.
 * @example suggestOutput(rows).rows[0].field // 'expense_type'
 */
export function suggestOutput(rows: readonly SuggestRow[]): SuggestOutput {
  return {rows: rows.map((r) => ({field: r.field, scheme: r.scheme, value: r.value, currency: r.currency, amount: formatMinor(r.amount, r.currency), rows: r.rows, buyers: r.buyers}))}
}

/**
 * Views of `spend classify suggest`.
 * @example suggestViews(out, true)[0].columns[0].header // 'field'
 */
export function suggestViews(out: SuggestOutput, human: boolean): View[] {
  const fields = fieldOf(CLASSIFY_SUGGEST_OUTPUT.fields, 'rows').fields!
  if (!human) return [{columns: columnsOf(fields), rows: out.rows}]
  return [{
    title: 'Unclassified, largest spend first (write rules for these)',
    // The value first: it is what a rule would match (the field is optional at 80 columns).
    columns: labelled(fields, {value: 'value', field: 'field', scheme: 'scheme', currency: 'cur', amount: 'amount', rows: 'rows', buyers: 'buyers'})
      .map((c) => (c.key === 'field' ? {...c, drop: 1} : c)),
    rows: out.rows,
  }]
}

/**
 * The `spend classify apply --json` result.
 * @example applyOutput(entry, null).stored.rules // 42
 */
export function applyOutput(stored: OverlayEntry | null, removed: OverlayEntry | null) {
  const one = (e: OverlayEntry | null) => (e ? {source: e.source, sha256: e.sha256, rules: e.rows, file: e.file} : null)
  return {stored: one(stored), removed: one(removed)}
}
