import type {GppBuyerRow} from '../../analysis/gpp-shares.js'
import {shareJson} from '../../analysis/json.js'
import type {MoneyNote} from '../../analysis/money-note.js'
import {formatMinor} from '../../model/money.js'
import {moneyJson, NONE, titled} from './analysis-common.js'
import {columnsOf, count, currency, fieldOf, labelled, money, req, share, text, type Output} from './output-fields.js'
import type {View} from './view.js'

/** Groups named per buyer in the people's table (the JSON lists them all). */
export const SHOWN_GROUPS = 3

/** `spend classify gpp --json`, declared once: the schema and the CSV columns come from it. */
export const CLASSIFY_GPP_OUTPUT: Output = {
  name: 'classify-gpp',
  title: '`spend classify gpp --json` (issue 11): per buyer and currency, spend in the EU GPP product groups (data/gpp-groups.csv)',
  fields: [
    req({key: 'rows', type: 'array', fields: [
      req(text('buyer', {type: ['string', 'null']})),
      req(text('buyer_id', {type: ['string', 'null']})),
      req(currency()),
      req(count('rows', {description: 'Rows of the buyer in the currency.'})),
      req(money('amount', {description: 'All spend of the buyer in the currency.'})),
      req(money('amount_classified', {description: 'Spend of rows with a CPV code (as published or by a classification rule).'})),
      req(money('amount_gpp', {description: 'Spend of rows whose CPV code is in a GPP product group.'})),
      req(share('share_gpp', {description: 'amount_gpp / amount (null when amount is zero).'})),
      req(share('share_gpp_classified', {description: 'amount_gpp / amount_classified (null when amount_classified is zero).'})),
      req(share('share_classified', {description: 'amount_classified / amount (null when amount is zero).'})),
      req(text('largest_group', {type: ['string', 'null'], description: 'The GPP group with the most spend (ties by name); null when none.'})),
      req({key: 'groups', type: 'array', description: 'The GPP groups of the buyer, largest first (ties by name); share is of amount.', items: {type: 'object', fields: [
        req(text('group')),
        req(money('amount')),
        req(share('share')),
      ]}}),
    ]}),
  ],
}

export interface ClassifyGppOutput {
  rows: Record<string, unknown>[]
  [extra: string]: unknown
}

const ratio = (a: bigint, b: bigint) => (b === 0n ? null : shareJson(Number(a) / Number(b)))

/**
 * The `--json` result of `spend classify gpp` (exact money strings).
 * @example classifyGppOutput(gppShares(frame, null), {}).rows[0].amount_gpp // '1500.00'
 */
export function classifyGppOutput(rows: readonly GppBuyerRow[], money: MoneyNote): ClassifyGppOutput {
  return {
    ...moneyJson(money),
    rows: rows.map((r) => {
      const cur = r.currency ?? ''
      return {
        buyer: r.buyer, buyer_id: r.buyerId, currency: r.currency, rows: r.rows,
        amount: formatMinor(r.amount, cur), amount_classified: formatMinor(r.amountClassified, cur), amount_gpp: formatMinor(r.amountGpp, cur),
        share_gpp: ratio(r.amountGpp, r.amount), share_gpp_classified: ratio(r.amountGpp, r.amountClassified), share_classified: ratio(r.amountClassified, r.amount),
        largest_group: r.groups[0]?.group ?? null,
        groups: r.groups.map((g) => ({group: g.group, amount: formatMinor(g.amount, cur), share: g.share === null ? null : shareJson(g.share)})),
      }
    }),
  }
}

/**
 * Views of `spend classify gpp`: for scripts every flat JSON field; for people
 * the buyer, currency, amounts, shares and the largest groups with their shares.
 * @example classifyGppViews(out, true, {})[0].columns.map((c) => c.header) // ['buyer', 'cur', 'amount', ...]
 */
export function classifyGppViews(out: ClassifyGppOutput, human: boolean, moneyNote: MoneyNote): View[] {
  const title = titled('Spend in EU GPP product groups per buyer', moneyNote)
  const fields = fieldOf(CLASSIFY_GPP_OUTPUT.fields, 'rows').fields!
  if (!human) return [{title, columns: columnsOf(fields), rows: out.rows}]
  const columns = [
    {key: 'buyer', header: 'buyer'},
    ...labelled(fields, {currency: 'cur', amount: 'amount', amount_gpp: 'GPP', share_gpp: 'GPP share'}),
    // Narrow terminals drop the classified figures first, then the groups.
    {key: 'share_gpp_classified', header: 'of classified', kind: 'share' as const, drop: 2},
    {key: 'amount_classified', header: 'classified', kind: 'money' as const, drop: 3},
    {key: 'largest', header: 'largest groups', drop: 1},
  ]
  const rows = out.rows.map((r) => ({
    ...r,
    buyer: r.buyer ?? r.buyer_id ?? NONE,
    largest: (r.groups as {group: string; share: number | null}[]).slice(0, SHOWN_GROUPS)
      .map((g) => `${g.group}${g.share === null ? '' : ` ${(g.share * 100).toFixed(1)}%`}`).join('; '),
  }))
  return [{title, columns, rows}]
}
