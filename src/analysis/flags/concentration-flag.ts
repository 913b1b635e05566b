/**
 * The `concentration` check: categories whose HHI is in the highly
 * concentrated band.
 *
 * The numbers are the concentration analysis's, `concentration(frame, {by:
 * 'category'})`, so they equal `spend concentration --by category` (same
 * selection): per category (`category_code` as the frame holds it, all
 * buyers) and currency, the HHI of the shares of suppliers with a positive
 * total, redacted and blank suppliers left out; the band from the DOJ/FTC
 * Horizontal Merger Guidelines (`bands`: 2010, above 2,500, the default of
 * `spend concentration`; or 2023, above 1,800). A category flags when its
 * band is `highly concentrated` and it has at least `min_payments` rows and
 * `min_spend` (major units) of spend with identified suppliers; smaller
 * categories are counted in a note. A category with one supplier has HHI
 * 10,000 and flags once it is big enough: a sole supplier is what the test
 * is for.
 *
 * The flag names the category and its largest supplier (`supplier`), the
 * amount is the category's net total (as `spend concentration` shows it),
 * and the evidence is the largest supplier's rows in the category (not all
 * the category's rows: `spend rows --category CODE` lists those). Score: the
 * HHI (0-10,000). Rows with no category are no market and not tested.
 */
import {SpendInputError} from '../../errors.js'
import {formatMinor} from '../../model/money.js'
import {analysisMsg, flagsSupplierMsg as msg} from '../../messages.js'
import {concentration, HHI_BANDS} from '../concentration.js'
import {dim} from '../dims.js'
import {minorOf, shareGroups} from './share-groups.js'
import {buyerOf, labelOf, rowsOf} from './share-rows.js'
import {countText, percentText} from './share-text.js'
import type {CheckContext, CheckDef, CheckNote, CheckResult, Flag} from './types.js'

const NAME = 'concentration'
const HIGH = 'highly concentrated'

export const concentrationCheck: CheckDef = {
  name: NAME,
  summary: 'Categories whose HHI is in the highly concentrated band.',
  columns: ['category_code', 'category'],
  params: {
    bands: {kind: 'enum', default: '2010', values: ['2010', '2023'], doc: 'DOJ/FTC Horizontal Merger Guidelines bands: 2010 (highly concentrated above 2,500, as spend concentration) or 2023 (above 1,800)'},
    min_payments: {kind: 'int', default: 30, min: 0, doc: 'rows a category needs to be tested'},
    min_spend: {kind: 'number', default: 25000, min: 0, doc: 'spend with identified suppliers a category needs to be tested, in major units of its currency'},
  },
  run: runConcentration,
}

function runConcentration(ctx: CheckContext): CheckResult {
  const bandsName = String(ctx.params.bands) as '2010' | '2023'
  const bands = HHI_BANDS[bandsName] as (typeof HHI_BANDS)['2010'] | undefined
  if (!bands) throw new SpendInputError('BAD_BANDS', analysisMsg.badBands(bandsName), {where: 'concentration.bands', hint: analysisMsg.badBandsHint()})
  const min = {minSuppliers: 1, minPayments: Number(ctx.params.min_payments), minSpend: Number(ctx.params.min_spend)}
  const notes: CheckNote[] = []
  const groups = shareGroups(ctx.frame, 'category', ctx.selection, min)
  const code = ctx.frame.columns.category_code
  const text = ctx.frame.columns.category
  const hasCategory = (code?.type === 'dict' && code.dict.length > 0) || (text?.type === 'dict' && text.dict.length > 0)
  if (!hasCategory) notes.push({check: NAME, buyer: null, currency: null, text: msg.noCategories()})
  const measured = new Map<string, ReturnType<typeof concentration>['rows'][number]>()
  if (groups.tested.length > 0) {
    for (const r of concentration(ctx.frame, {by: 'category', bands: bandsName, selection: ctx.selection}).rows) {
      measured.set(`${r.currency}\u0000${r.group?.id}`, r)
    }
  }
  const hits = groups.tested.flatMap((t) => {
    const r = measured.get(`${t.g.currency}\u0000${t.g.group?.id}`)
    return r && r.band === HIGH && r.hhi !== null ? [{t, r, top: t.g.sorted[0]}] : []
  })
  const sup = groups.supplier
  const rows = rowsOf(ctx.selection, ctx.frame.length, groups.groupDim.keys, sup.keys, groups.cur.keys,
    hits.map((h) => [h.t.groupKey, h.t.g.members.child[h.top], h.t.currencyKey] as const))
  const buyer = dim(ctx.frame, 'buyer')
  const flags: Flag[] = hits.map(({t, r, top}, j) => {
    const s = t.g.members.child[top]
    const currency = t.g.currency ?? ''
    const name = sup.labels[s] ?? sup.ids[s] ?? ''
    const hhi = r.hhi!
    return {
      check: NAME, kind: 'highly-concentrated', ...buyerOf(rows[j], buyer),
      supplier: name, supplier_key: sup.ids[s], category: t.g.group!.id,
      amount: r.amount, currency, score: hhi,
      explanation: msg.concentrated(labelOf(t.g.group!), countText(Math.round(hhi)), HIGH, bands.name, countText(bands.high),
        countText(r.suppliers), countText(t.payments), name, percentText(r.cr1 ?? 0)),
      rows: rows[j],
    }
  })
  for (const [currency, n] of [...groups.untested].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    notes.push({check: NAME, buyer: null, currency, text: msg.untested(n, n === 1 ? 'category' : 'categories', null, min.minPayments,
      `${currency} ${formatMinor(minorOf(min.minSpend, currency), currency)}`)})
  }
  return {flags, notes, echo: {score: msg.concentrationScore(), bands_used: bands, categories_tested: groups.tested.length}}
}
