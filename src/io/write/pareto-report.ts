import type {DimName} from '../../analysis/dims.js'
import type {MoneyNote} from '../../analysis/money-note.js'
import {dimColumns, dimHeader, moneyJson, NONE, rowLabel, shownLabel, titled} from './analysis-common.js'
import type {View} from './view.js'
import {columnsOf, count, labelled, currency, DIMS, fieldOf, money, req, share, text, type Output} from './output-fields.js'
import {leftOutLine, leftOutNote, leftOutView, UNIDENTIFIED_FIELD, UNIDENTIFIED_MODE_FIELD, type LeftOutLine} from './unidentified-view.js'
import type {UnidentifiedMode} from '../../analysis/unidentified.js'

/** The supplier's class: A (80% of spend), B (to 95%), C (the rest); none for rows of no spend. */
const CLASS = req(text('class', {enum: ['A', 'B', 'C', 'none']}))

/** With --detail, each supplier of a group: the items of `suppliers_detail`. */
const DETAIL_FIELDS = [
  req(text('supplier', {type: ['string', 'null']})),
  req(text('supplier_key', {type: ['string', 'null']})),
  CLASS,
  req(money('amount')),
  req(count('count')),
  req(share('cumulative')),
]

/** `spend pareto --json`, declared once: the schema and the CSV columns come from it. */
export const PARETO_OUTPUT: Output = {
  name: 'pareto',
  title: '`spend pareto --json` (issue 3: ABC classes, suppliers making 80%, the tail)',
  fields: [
    req({key: 'rows', type: 'array', fields: [
      DIMS,
      req(currency()),
      CLASS,
      req(count('suppliers')),
      req(count('transactions')),
      req(money('amount')),
      req(share('share')),
    ]}),
    req({key: 'groups', type: 'array', fields: [
      DIMS,
      req(currency()),
      req(money('amount', {description: 'Net total of the group, unidentified spend included; the classes are of identified suppliers.'})),
      req(count('suppliers')),
      req(count('suppliers_80')),
      req(count('tail_suppliers')),
      req(count('tail_transactions')),
      req(money('tail_amount')),
      req(share('tail_share')),
      req(UNIDENTIFIED_FIELD),
      {key: 'suppliers_detail', type: 'array', description: 'With --detail: every supplier of the group, largest first, with its class and cumulative share.', fields: DETAIL_FIELDS},
    ]}),
    req(UNIDENTIFIED_MODE_FIELD),
  ],
}


export interface ParetoOutput {
  by: DimName | null
  rows: Record<string, unknown>[]
  groups: Record<string, unknown>[]
  [extra: string]: unknown
}

/**
 * The `--json` result: ABC class rows, per-group figures (with `unidentified`,
 * the spend of redacted and blank suppliers left out of the classes), the
 * conversion note, and `unidentified_suppliers` (left-out, as-supplier or excluded).
 * @example paretoOutput(paretoToJson(result), input.money).groups[0].suppliers_80
 */
export function paretoOutput(json: {by: DimName | null; rows: Record<string, unknown>[]; groups: Record<string, unknown>[]}, money: MoneyNote, mode: UnidentifiedMode = 'left-out'): ParetoOutput {
  return {by: json.by, ...moneyJson(money), unidentified_suppliers: mode, rows: json.rows, groups: json.groups}
}

function paretoLeftOut(out: ParetoOutput): LeftOutLine[] {
  return out.groups.map((g) => leftOutLine(g.unidentified, g.currency, out.by ? rowLabel(out.by, g) : undefined))
}

/**
 * The stderr line for scripts reading CSV/TSV: what the classes left out.
 * @example paretoNote(out) // 'left out of the classes: redacted or blank suppliers ...'
 */
export function paretoNote(out: ParetoOutput): string | null {
  return leftOutNote('classes', paretoLeftOut(out))
}

/**
 * Views of `spend pareto`. Scripts get the class rows (the JSON rows). People
 * get the classes, then per group how many suppliers make 80% of spend and
 * the tail (class C), then with --detail every supplier.
 * @example paretoViews(out, false, {})[0].title // 'ABC classes of suppliers ...'
 */
export function paretoViews(out: ParetoOutput, human: boolean, money: MoneyNote): View[] {
  const by = out.by ? [out.by] : []
  // Of identified spend by default: the view of what was left out says so (this title is long enough).
  const classTitle = titled(`ABC classes of suppliers${out.by ? ` per ${dimHeader(out.by)}` : ''} (A: 80% of spend, B: to 95%, C: the rest)`, money)
  if (!human) {
    const columns = columnsOf(fieldOf(PARETO_OUTPUT.fields, 'rows').fields!, dimColumns(by))
    return [detailTable(out) ?? {title: classTitle, columns, rows: out.rows}]
  }
  const group = out.by ? [{key: 'group', header: dimHeader(out.by)}] : []
  const label = (r: Record<string, unknown>) => (out.by ? rowLabel(out.by, r) : undefined)
  const views: View[] = [
    {
      title: classTitle,
      columns: [
        ...group,
        ...labelled(fieldOf(PARETO_OUTPUT.fields, 'rows').fields!, {currency: 'cur', class: 'class', suppliers: 'suppliers', transactions: 'payments', amount: 'amount', share: 'share'}),
      ],
      rows: out.rows.map((r) => ({...r, group: label(r)})),
    },
    {
      title: 'Suppliers making 80% of spend, and the tail (class C)',
      columns: [
        ...group,
        ...labelled(fieldOf(PARETO_OUTPUT.fields, 'groups').fields!, {currency: 'cur', suppliers: 'suppliers', suppliers_80: 'make 80%', tail_suppliers: 'tail', tail_transactions: 'tail pay.', tail_amount: 'tail amount'}),
      ],
      rows: out.groups.map((g) => ({...g, group: label(g)})),
    },
  ]
  const left = leftOutView('classes', out.by ? dimHeader(out.by) : null, paretoLeftOut(out))
  if (left) views.push(left)
  for (const g of out.groups) {
    const json = g.suppliers_detail as Record<string, unknown>[] | undefined
    if (!json) continue
    views.push({
      title: `Suppliers${out.by ? ` of ${(g[out.by] as string | null) ?? NONE}` : ''} in ${(g.currency as string | null) ?? NONE}`,
      columns: [
        {key: 'supplier', header: 'supplier'},
        ...labelled(DETAIL_FIELDS, {class: 'class', amount: 'amount', count: 'count', cumulative: 'cumul.'}),
      ],
      rows: json.map((s) => ({...s, supplier: shownLabel('supplier', s.supplier_key as string | null, s.supplier as string | null)})),
    })
  }
  return views
}

/** With --detail, scripts get every supplier (group, currency, class, cumulative share) as the one table. */
function detailTable(out: ParetoOutput): View | null {
  if (!out.groups.some((g) => g.suppliers_detail)) return null
  const by = out.by ? [out.by] : []
  const rows = out.groups.flatMap((g) => {
    const head: Record<string, unknown> = {currency: g.currency}
    for (const c of dimColumns(by)) head[c.key] = g[c.key]
    return (g.suppliers_detail as Record<string, unknown>[]).map((s) => ({...head, ...s}))
  })
  return {
    title: 'Suppliers',
    columns: columnsOf([DIMS, currency(), ...DETAIL_FIELDS], dimColumns(by)),
    rows,
  }
}
