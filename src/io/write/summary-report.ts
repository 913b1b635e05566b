import type {SpendSummary, SummaryCore} from '../../analysis/summary.js'
import {basename} from 'node:path'
import {groupThousands as groupMoney, type View} from './view.js'

/** One row per scope (all, then each import) and currency. */
function scopeRows(scope: string, file: string | null, s: SummaryCore): Record<string, unknown>[] {
  const base = {
    scope, file, rows: s.rows, buyers: s.buyers, suppliers: s.suppliers, from: s.from, to: s.to,
    supplier_id: s.shares.with_supplier_id, category: s.shares.with_category, redacted: s.shares.redacted, no_date: s.shares.no_date,
  }
  return s.totals.length ? s.totals.map((t) => ({...base, currency: t.currency, amount: t.amount})) : [{...base, currency: null, amount: null}]
}

/**
 * Views of `spend summary`. For people (table, md): an overview, the imports
 * and the buyers with where each came from. For scripts (csv, tsv): one wide
 * table, a row per scope (all, each import) and currency.
 */
export function summaryViews(s: SpendSummary, human: boolean): View[] {
  if (human) return humanViews(s)
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
      ],
      rows: [...scopeRows('all', null, s), ...s.per_import.flatMap((i) => scopeRows(i.id, i.file, i))],
    },
  ]
}

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`)

function humanViews(s: SpendSummary): View[] {
  const overview: Record<string, unknown>[] = [
    {item: 'Rows', value: s.rows.toLocaleString('en-GB')},
    {item: 'Imports', value: String(s.imports)},
    {item: 'Buyers', value: s.buyers.toLocaleString('en-GB')},
    {item: 'Suppliers', value: s.suppliers.toLocaleString('en-GB')},
    {item: 'Dates', value: s.from ? `${s.from} to ${s.to}` : 'none'},
    ...s.totals.map((t) => ({item: `Total ${t.currency}`, value: groupMoney(t.amount)})),
    {item: 'With supplier id', value: pct(s.shares.with_supplier_id)},
    {item: 'With category', value: pct(s.shares.with_category)},
    {item: 'Redacted supplier', value: pct(s.shares.redacted)},
    {item: 'No date', value: pct(s.shares.no_date)},
  ]
  return [
    {title: 'Summary', columns: [{key: 'item', header: ''}, {key: 'value', header: ''}], rows: overview},
    {
      title: 'Imports',
      columns: [
        {key: 'id', header: 'id'},
        {key: 'file', header: 'file'},
        {key: 'rows', header: 'rows', kind: 'int'},
        {key: 'rejected', header: 'rejected', kind: 'int'},
        {key: 'currency', header: 'cur'},
        {key: 'amount', header: 'total', kind: 'money'},
      ],
      rows: s.per_import.flatMap((i) =>
        (i.totals.length ? i.totals : [null]).map((t) => ({
          id: i.id, file: i.file ? basename(i.file) : null, rows: i.rows, rejected: i.rejected,
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
