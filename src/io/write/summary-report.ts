import type {SpendSummary, SummaryCore} from '../../analysis/summary.js'
import type {UnidentifiedMode} from '../../analysis/unidentified.js'
import type {MoneyNote} from '../../analysis/money-note.js'
import type {FilterOptions} from '../../analysis/filter.js'
import {basename} from 'node:path'
import {filterFields, filterText, moneyJson, type FilterFields} from './analysis-common.js'
import {groupThousands as groupMoney, humanCell, type View} from './view.js'
import {count, currency, money, req, share, type Output} from './output-fields.js'
import {UNIDENTIFIED_MODE_FIELD} from './unidentified-view.js'

/** `spend summary --json`, declared once: schemas/summary.json comes from it. */
export const SUMMARY_OUTPUT: Output = {
  name: 'summary',
  title: '`spend summary --json` (issue 2 contract; issue 8 adds supplier_names, unidentified, supplier_rule, unidentified_suppliers, filters; issue 12 adds identical_rows, identical_groups, identical_rule)',
  fields: [
    req(count('rows')),
    req(count('buyers')),
    req(count('suppliers', {description: 'Distinct supplier entities: the supplier id when the file gives one, else the normalised name (supplier_key); redacted and blank suppliers are not counted unless --redacted-as-supplier.'})),
    req({key: 'from', type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$'}),
    req({key: 'to', type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$'}),
    req({key: 'totals', type: 'array', fields: [
      req(currency()),
      req(money('amount')),
    ]}),
    req(count('supplier_names', {description: 'Distinct supplier names as published, ignoring case; redacted and blank names are not counted unless --redacted-as-supplier.'})),
    req({key: 'unidentified', type: 'array', items: {type: 'object', description: 'Per currency of totals: spend with a redacted or blank supplier (many unknown payees) left out of the supplier counts, ranks and shares; share is of the whole total. Zero when they are counted as one supplier (--redacted-as-supplier) or dropped (--exclude-redacted).', fields: [
      req(currency()),
      req(money('amount')),
      req(count('count')),
      req(share('share')),
    ]}}),
    req(count('identical_rows', {description: 'Rows identical to an earlier row on every canonical field (see identical_rule): a group of k identical rows counts k - 1. Per import (per_import[]), within that import.'})),
    req(count('identical_groups', {description: 'Groups of two or more identical rows (see identical_rule).'})),
    req({key: 'supplier_rule', type: 'object', description: 'The counting rules of suppliers and supplier_names, in words.', fields: [
      req({key: 'suppliers', type: 'string'}),
      req({key: 'supplier_names', type: 'string'}),
      req({key: 'unidentified', type: 'string'}),
    ]}),
    req({key: 'identical_rule', type: 'string', description: 'What identical_rows compares, in words.'}),
    req(UNIDENTIFIED_MODE_FIELD),
    req({key: 'filters', type: 'object', description: 'The analysis filters given (by flag name; --file as file); {} when none.', closed: true, fields: [
      {key: 'buyer', type: 'array', items: {type: 'string'}},
      {key: 'supplier', type: 'array', items: {type: 'string'}},
      {key: 'category', type: 'array', items: {type: 'string'}},
      {key: 'currency', type: 'array', items: {type: 'string'}},
      {key: 'file', type: 'array', items: {type: 'string'}},
      {key: 'from', type: 'string'},
      {key: 'to', type: 'string'},
      {key: 'exclude_redacted', type: 'boolean', enum: [true]},
    ]}),
  ],
}


/** `spend summary --json`: the summary, the filters that applied, how redacted suppliers were counted, and conversions. */
export type SummaryOutput = SpendSummary & {unidentified_suppliers: UnidentifiedMode; filters: FilterFields; [extra: string]: unknown}

/**
 * The `--json` result: the summary (contract fields first), then
 * `unidentified_suppliers` (left-out, as-supplier or excluded), `filters`
 * (the ones given, `{}` for none) and the conversion note.
 * @example summaryOutput(summarise(frame, imports), input, 'left-out', files).filters // {buyer: ['Oxford']}
 */
export function summaryOutput(s: SpendSummary, input: {filters: FilterOptions; money: MoneyNote}, mode: UnidentifiedMode, files?: readonly string[]): SummaryOutput {
  return {...s, unidentified_suppliers: mode, filters: filterFields(input.filters, files), ...moneyJson(input.money)}
}

/** One row per scope (all, then each import) and currency. */
function scopeRows(scope: string, file: string | null, s: SummaryCore, filters: string | null): Record<string, unknown>[] {
  const base = {
    scope, file, rows: s.rows, buyers: s.buyers, suppliers: s.suppliers, supplier_names: s.supplier_names, from: s.from, to: s.to,
    supplier_id: s.shares.with_supplier_id, category: s.shares.with_category, redacted: s.shares.redacted, no_date: s.shares.no_date, filters,
    identical_rows: s.identical_rows, identical_groups: s.identical_groups,
  }
  if (!s.totals.length) return [{...base, currency: null, amount: null}]
  return s.totals.map((t, i) => ({
    ...base, currency: t.currency, amount: t.amount,
    unidentified_amount: s.unidentified[i]?.amount ?? null, unidentified_share: s.unidentified[i]?.share ?? null,
  }))
}

/**
 * Views of `spend summary`. For people (table, md): an overview (with the
 * filters and notes naming how suppliers are counted), the imports and the
 * buyers with where each came from. For scripts (csv, tsv): one wide table,
 * a row per scope (all, each import) and currency.
 */
export function summaryViews(s: SummaryOutput, human: boolean): View[] {
  const filters = filterText(s.filters, !human)
  if (human) return humanViews(s, filters)
  return [
    {
      title: 'Summary',
      columns: [
        {key: 'scope', header: 'scope'},
        {key: 'file', header: 'file'},
        {key: 'rows', header: 'rows', kind: 'int'},
        {key: 'buyers', header: 'buyers', kind: 'int'},
        {key: 'suppliers', header: 'suppliers', kind: 'int'},
        {key: 'from', header: 'from'},
        {key: 'to', header: 'to'},
        {key: 'currency', header: 'currency'},
        {key: 'amount', header: 'total', kind: 'money'},
        {key: 'supplier_id', header: 'with id', kind: 'share'},
        {key: 'category', header: 'with category', kind: 'share'},
        {key: 'redacted', header: 'redacted', kind: 'share'},
        {key: 'no_date', header: 'no date', kind: 'share'},
        {key: 'supplier_names', header: 'supplier names', kind: 'int'},
        {key: 'unidentified_amount', header: 'unidentified', kind: 'money'},
        {key: 'unidentified_share', header: 'unidentified share', kind: 'share'},
        {key: 'filters', header: 'filters'},
        {key: 'identical_rows', header: 'identical rows', kind: 'int'},
        {key: 'identical_groups', header: 'identical groups', kind: 'int'},
      ],
      rows: [...scopeRows('all', null, s, filters), ...s.per_import.flatMap((i) => scopeRows(i.id, i.file, i, filters))],
    },
  ]
}

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`)

/** Footnote lines (short enough for an 80-column table) naming how suppliers are counted. */
function supplierNotes(s: SummaryOutput): Record<string, unknown>[] {
  const lines = [
    '* Suppliers: distinct entities: the supplier id when the file gives one,',
    '  else the name normalised (case, accents, punctuation and a trailing',
    '  Ltd, Limited, plc, AS... ignored).',
    '* Supplier names: distinct names as published, ignoring case.',
    ...{
      'as-supplier': ['* Redacted and blank names count as one supplier (--redacted-as-supplier).'],
      excluded: ['* Rows with redacted or blank names were dropped (--exclude-redacted).'],
      'left-out': ['* Neither counts redacted or blank names (many unknown payees): their', '  spend is "Unidentified" above, and in the totals.'],
    }[s.unidentified_suppliers],
    '* Identical rows: rows identical to an earlier one on every canonical',
    '  field: buyer, unit, supplier as published, ids, date, amount, currency,',
    '  category, expense type, invoice and transaction numbers, description',
    '  (a group of k counts k - 1; per import, within the import).',
  ]
  return lines.map((note) => ({note}))
}

/** `1,234 (in 567 groups)`, or `none`. */
function identicalText(rows: number, groups: number): string {
  if (rows === 0) return 'none'
  return `${rows.toLocaleString('en-GB')} (in ${groups.toLocaleString('en-GB')} ${groups === 1 ? 'group' : 'groups'})`
}

function humanViews(s: SummaryOutput, filters: string | null): View[] {
  const overview: Record<string, unknown>[] = [
    ...(filters ? [{item: 'Filters', value: filters}] : []),
    {item: 'Rows', value: s.rows.toLocaleString('en-GB')},
    {item: 'Imports', value: String(s.imports)},
    {item: 'Buyers', value: s.buyers.toLocaleString('en-GB')},
    {item: 'Suppliers *', value: s.suppliers.toLocaleString('en-GB')},
    {item: 'Supplier names *', value: s.supplier_names.toLocaleString('en-GB')},
    {item: 'Dates', value: s.from ? `${s.from} to ${s.to}` : 'none'},
    ...s.totals.map((t) => ({item: `Total ${t.currency}`, value: groupMoney(t.amount)})),
    ...s.unidentified.filter((u) => u.count > 0).map((u) => ({
      item: `Unidentified ${u.currency} *`, value: `${groupMoney(u.amount)} (${humanCell(u.share, 'share')} of spend)`,
    })),
    {item: 'With supplier id', value: pct(s.shares.with_supplier_id)},
    {item: 'With category', value: pct(s.shares.with_category)},
    {item: 'Redacted supplier', value: pct(s.shares.redacted)},
    {item: 'No date', value: pct(s.shares.no_date)},
    {item: 'Identical rows *', value: identicalText(s.identical_rows, s.identical_groups)},
  ]
  return [
    {title: 'Summary', columns: [{key: 'item', header: ''}, {key: 'value', header: ''}], rows: overview},
    {title: 'Notes', columns: [{key: 'note', header: ''}], rows: supplierNotes(s)},
    {
      title: 'Imports',
      columns: [
        {key: 'id', header: 'id'},
        {key: 'file', header: 'file'},
        {key: 'rows', header: 'rows', kind: 'int'},
        {key: 'rejected', header: 'rejected', kind: 'int'},
        {key: 'identical', header: 'identical', kind: 'int'},
        {key: 'currency', header: 'cur'},
        {key: 'amount', header: 'total', kind: 'money'},
      ],
      rows: s.per_import.flatMap((i) =>
        (i.totals.length ? i.totals : [null]).map((t) => ({
          id: i.id, file: i.file ? basename(i.file) : null, rows: i.rows, rejected: i.rejected, identical: i.identical_rows,
          currency: t?.currency ?? null, amount: t?.amount ?? null,
        })),
      ),
    },
    {
      title: 'Buyers',
      columns: [
        {key: 'buyer_id', header: 'buyer id'},
        {key: 'buyer', header: 'buyer'},
        {key: 'origins', header: 'from'},
        {key: 'rows', header: 'rows', kind: 'int'},
      ],
      rows: s.by_buyer.map((b) => ({...b, origins: b.origins.join(', ')})),
    },
  ]
}
