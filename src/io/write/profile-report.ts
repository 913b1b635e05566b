import {shareJson} from '../../analysis/json.js'
import type {ProfileLine, ProfileResult} from '../../analysis/profile.js'
import {formatMinor} from '../../model/money.js'
import type {MoneyNote} from '../../analysis/money-note.js'
import {moneyJson, shownLabel, titled, UNDATED} from './analysis-common.js'
import {ratio} from '../../analysis/kernel.js'
import {unidentifiedMsg} from '../../messages.js'
import {groupThousands, type View} from './view.js'
import {columnsOf, count, currency, fieldOf, money, req, share, type Output} from './output-fields.js'

const DATE = '^\\d{4}-\\d{2}-\\d{2}$'

/**
 * `spend profile buyer|supplier --json`, declared once: the schema and the CSV columns come from it.
 * @example profileDeclaration('buyer').name // 'profile-buyer'
 */
export function profileDeclaration(kind: 'buyer' | 'supplier'): Output {
  const counter = kind === 'buyer' ? 'supplier' : 'buyer'
  return {
    name: `profile-${kind}`,
    title: `\`spend profile ${kind} ID|NAME --json\` (issue 3: totals by year, ${counter}s and categories, first and last payment, share, rank)`,
    fields: [
      req({key: 'kind', type: 'string', enum: [kind]}),
      req({key: 'id', type: 'string'}),
      req({key: 'name', type: 'string'}),
      req({key: 'totals', type: 'array', fields: [
        req(currency()),
        req(money('amount')),
        req(count('count')),
        req({key: 'first', type: ['string', 'null'], pattern: DATE, kind: 'date'}),
        req({key: 'last', type: ['string', 'null'], pattern: DATE, kind: 'date'}),
        req({key: 'rank', type: ['integer', 'null'], description: 'Rank among identified suppliers (or buyers) in this currency; null when the profile is of the redacted and blank suppliers (unidentified: true).', minimum: 1}),
        req(count('of', {description: 'How many suppliers (or buyers) are ranked in this currency (redacted and blank ones not counted unless --redacted-as-supplier).'})),
      ]}),
      req({key: 'years', type: 'array', fields: [
        req({key: 'year', type: ['string', 'null'], description: 'The (fiscal) year; null for rows with no date.'}),
        req(currency()),
        req(money('amount')),
        req(count('count')),
        req(share('share')),
      ]}),
      req({key: 'counterparts', type: 'array', fields: [
        req({key: counter, type: ['string', 'null']}),
        req(currency()),
        req(money('amount')),
        req(count('count')),
        req(share('share')),
        req(share('share_of_counterpart')),
      ]}),
      req({key: 'categories', type: 'array', fields: [
        req({key: 'category', type: ['string', 'null']}),
        req(currency()),
        req(money('amount')),
        req(count('count')),
        req(share('share')),
      ]}),
      req({key: 'rows', type: 'array', fields: [
        req({key: 'section', type: 'string', enum: ['year', counter, 'category']}),
        req({key: 'key', type: ['string', 'null']}),
        req({key: 'name', type: ['string', 'null']}),
        req(currency()),
        req(money('amount')),
        req(count('count')),
        req(share('share')),
        share('share_of_counterpart', {description: 'Counterpart lines: the share of the counterpart\'s own total in this currency; null on the other lines.'}),
      ]}),
      req({key: 'unidentified', type: 'boolean', description: 'The profile is of the redacted and blank supplier names (many unknown payees), not of one supplier.'}),
    ],
  }
}

export const PROFILE_OUTPUTS = {buyer: profileDeclaration('buyer'), supplier: profileDeclaration('supplier')}

export type ProfileOutput = Record<string, unknown> & {rows: Record<string, unknown>[]}

/** Lines shown to people per list and currency; scripts get them all. */
const SHOWN = 10

/**
 * The `--json` result: the analysis' JSON, the conversion note, and `rows`,
 * every list as one long table (section year / buyer or supplier / category).
 * @example profileOutput(profileToJson(result), result, input.money).rows[0].section // 'year'
 */
export function profileOutput(json: Record<string, unknown>, result: ProfileResult, money: MoneyNote): ProfileOutput {
  return {...json, ...moneyJson(money), rows: longRows(result)}
}

function longRows(p: ProfileResult): Record<string, unknown>[] {
  const counter = p.kind === 'supplier' ? 'buyer' : 'supplier'
  const line = (section: string) => (l: ProfileLine) => ({
    section, key: l.id, name: l.label, currency: l.currency, amount: formatMinor(l.amount, l.currency ?? ''), count: l.count,
    share: shareJson(l.share), share_of_counterpart: shareJson(l.shareOfCounterpart ?? null),
  })
  return [
    ...p.years.map((y) => ({...line('year')(y), key: y.year, name: y.year})),
    ...p.counterparts.map(line(counter)),
    ...p.categories.map(line('category')),
  ]
}

/**
 * Views of `spend profile supplier|buyer`. People get one page: who it is,
 * totals and rank per currency, then years, counterparts and categories (the
 * largest few of each). Scripts get the long table of `rows`.
 * @example profileViews(out, result, true, {})[0].title // 'Supplier: ACME Ltd'
 */
export function profileViews(out: ProfileOutput, p: ProfileResult, human: boolean, money: MoneyNote): View[] {
  const counter = p.kind === 'supplier' ? 'buyer' : 'supplier'
  if (!human) {
    const columns = columnsOf(fieldOf(PROFILE_OUTPUTS[p.kind].fields, 'rows').fields!)
    return [{title: `Profile of ${p.name}`, columns, rows: out.rows}]
  }
  const overview = [
    {item: 'Id', value: p.id},
    ...(p.unidentified ? [{item: 'What', value: unidentifiedMsg.profileNote()}] : []),
    ...(p.names.length > 1 ? [{item: 'Names', value: p.names.join('; ')}] : []),
    ...(p.ids.length > 1 ? [{item: 'Ids', value: p.ids.join('; ')}] : []),
    ...p.totals.flatMap((t) => [
      {item: `Total ${t.currency ?? ''}`.trim(), value: groupThousands(formatMinor(t.amount, t.currency ?? ''))},
      {item: 'Payments', value: groupThousands(String(t.count))},
      {item: 'First, last', value: t.first ? `${t.first} to ${t.last}` : 'no dates'},
      {item: 'Rank', value: rankText(p, t)},
    ]),
  ]
  const totalOf = new Map(p.totals.map((t) => [t.currency, t.amount]))
  const cap = (lines: ProfileLine[], d: 'year' | 'buyer' | 'supplier' | 'category') => {
    const rows: Record<string, unknown>[] = []
    // Per currency: lines shown, and the exact amount and payments of the rest.
    const perCurrency = new Map<string | null, {n: number; amount: bigint; count: number}>()
    for (const l of lines) {
      let acc = perCurrency.get(l.currency)
      if (!acc) perCurrency.set(l.currency, (acc = {n: 0, amount: 0n, count: 0}))
      acc.n++
      if (acc.n <= SHOWN) {
        const label = d === 'year' ? (l.label ?? UNDATED) : shownLabel(d, l.id, l.label)
        rows.push({...l, label, amount: formatMinor(l.amount, l.currency ?? ''), share: shareJson(l.share), counterpart: shareJson(l.shareOfCounterpart ?? null)})
      } else {
        acc.amount += l.amount
        acc.count += l.count
      }
    }
    for (const [currency, acc] of perCurrency) {
      if (acc.n <= SHOWN) continue
      rows.push({
        label: `(${groupThousands(String(acc.n - SHOWN))} more)`, currency, amount: formatMinor(acc.amount, currency ?? ''), count: acc.count,
        share: shareJson(ratio(acc.amount, totalOf.get(currency) ?? 0n)),
      })
    }
    return rows
  }
  const list = (title: string, header: 'year' | 'buyer' | 'supplier' | 'category', lines: ProfileLine[], extra = false): View => ({
    title,
    columns: [
      {key: 'label', header},
      {key: 'currency', header: 'cur'},
      {key: 'amount', header: 'amount', kind: 'money'},
      {key: 'count', header: 'count', kind: 'int'},
      {key: 'share', header: 'share', kind: 'share'},
      ...(extra ? [{key: 'counterpart', header: `of ${counter}`, kind: 'share' as const}] : []),
    ],
    rows: cap(lines, header),
  })
  return [
    {title: titled(`${p.kind === 'supplier' ? 'Supplier' : 'Buyer'}: ${p.name}`, money), columns: [{key: 'item', header: ''}, {key: 'value', header: ''}], rows: overview},
    list('By year', 'year', p.years.map((y) => ({...y, label: y.year}))),
    list(counter === 'buyer' ? 'Buyers (share: of this supplier; of buyer: of the buyer\'s spend)' : 'Suppliers (share: of this buyer; of supplier: of the supplier\'s income)', counter, p.counterparts, true),
    list('Categories', 'category', p.categories),
  ]
}

/**
 * The rank line: ranks are per currency (`11 of 5,957 GBP suppliers`); the
 * group of redacted and blank suppliers is many payees and has no rank.
 * @example rankText(p, {rank: 11, of: 5957, currency: 'GBP', ...}) // '11 of 5,957 GBP suppliers'
 */
export function rankText(p: ProfileResult, t: ProfileResult['totals'][number]): string {
  const of = `${groupThousands(String(t.of))} ${t.currency ? `${t.currency} ` : ''}${p.kind}s`
  if (t.rank === null) return unidentifiedMsg.notRanked(of)
  return `${t.rank} of ${of}`
}
