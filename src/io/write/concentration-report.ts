import type {HhiBands} from '../../analysis/concentration.js'
import type {DimName} from '../../analysis/dims.js'
import type {MoneyNote} from '../../analysis/money-note.js'
import {dimColumns, dimHeader, moneyJson, rowLabel, titled} from './analysis-common.js'
import type {View, ViewColumn} from './view.js'
import {leftOutLine, leftOutNote, leftOutView, UNIDENTIFIED_FIELD, UNIDENTIFIED_MODE_FIELD, type LeftOutLine} from './unidentified-view.js'
import {columnsOf, count, labelled, currency, DIMS, fieldOf, money, req, share, type Output} from './output-fields.js'
import {unidentifiedMsg} from '../../messages.js'
import type {UnidentifiedMode} from '../../analysis/unidentified.js'

/** `spend concentration --json`, declared once: the schema and the CSV columns (`unidentified` flattened) come from it. */
export const CONCENTRATION_OUTPUT: Output = {
  name: 'concentration',
  title: '`spend concentration --by category|buyer|gpp_group --json` (issue 3 contract); measures are null for a market with no supplier of positive spend',
  fields: [
    req({key: 'by', type: 'string', enum: ['category', 'buyer', 'gpp_group']}),
    req({key: 'rows', type: 'array', fields: [
      DIMS,
      req(currency()),
      req(money('amount')),
      req(count('suppliers', {description: 'Identified suppliers with a positive total (the shares\' base).'})),
      count('suppliers_nonpositive', {description: 'Identified suppliers whose total is zero or negative (not in the shares).'}),
      req(share('cr1')),
      req(share('cr3')),
      req(share('cr5')),
      req(share('hhi', {kind: 'number'})),
      req(share('effective_suppliers', {kind: 'number'})),
      req({key: 'band', type: ['string', 'null'], enum: ['unconcentrated', 'moderately concentrated', 'highly concentrated', null]}),
      req(UNIDENTIFIED_FIELD),
    ]}),
    req(UNIDENTIFIED_MODE_FIELD),
  ],
}

export interface ConcentrationOutput {
  by: DimName | null
  bands: HhiBands
  rows: Record<string, unknown>[]
  [extra: string]: unknown
}

/**
 * The `--json` result: the analysis' JSON (rows with `unidentified`, the
 * spend of redacted and blank suppliers left out of the shares), the
 * conversion note, and `unidentified_suppliers` (left-out, as-supplier or excluded).
 * @example concentrationOutput(concentrationToJson(result), input.money).rows[0].band
 */
export function concentrationOutput(
  json: {by: DimName | null; bands: HhiBands; rows: Record<string, unknown>[]}, money: MoneyNote, mode: UnidentifiedMode = 'left-out',
): ConcentrationOutput {
  return {by: json.by, bands: json.bands, ...moneyJson(money), unidentified_suppliers: mode, rows: json.rows}
}

function concentrationLeftOut(out: ConcentrationOutput): LeftOutLine[] {
  return out.rows.map((r) => leftOutLine(r.unidentified, r.currency, out.by ? rowLabel(out.by, r) : undefined))
}

/**
 * The stderr line for scripts reading CSV/TSV: what the shares left out.
 * @example concentrationNote(out) // 'left out of the shares: redacted or blank suppliers ...'
 */
export function concentrationNote(out: ConcentrationOutput): string | null {
  return leftOutNote('shares', concentrationLeftOut(out))
}

/** Short band names for 80-column tables; the legend view spells them out. */
const SHORT: Record<string, string> = {
  unconcentrated: 'low',
  'moderately concentrated': 'moderate',
  'highly concentrated': 'high',
}

const fmt = (n: number) => n.toLocaleString('en-US')

/**
 * Views of `spend concentration`. Scripts get every JSON field. People get
 * group, currency, amount, suppliers, CR1, CR3, HHI and a short band name,
 * then a legend naming the bands and their thresholds.
 * @example concentrationViews(out, true, {})[1].title // 'Bands (DOJ/FTC 2010, HHI on 0-10,000)'
 */
export function concentrationViews(out: ConcentrationOutput, human: boolean, money: MoneyNote): View[] {
  const by = out.by ? [out.by] : []
  const identified = out.unidentified_suppliers === 'left-out' ? ` (${unidentifiedMsg.sharesOfIdentified()})` : ''
  const title = titled(`Supplier concentration${out.by ? ` by ${dimHeader(out.by)}` : ''}${identified}`, money)
  if (!human) {
    const columns = columnsOf(fieldOf(CONCENTRATION_OUTPUT.fields, 'rows').fields!, dimColumns(by))
    const flat = out.rows.map((r) => {
      const u = r.unidentified as {amount: string; count: number; share: number | null}
      return {...r, unidentified_amount: u.amount, unidentified_count: u.count, unidentified_share: u.share}
    })
    return [{title, columns, rows: flat}]
  }
  const b = out.bands
  const columns: ViewColumn[] = [
    ...(out.by ? [{key: 'group', header: dimHeader(out.by)}] : []),
    ...labelled(fieldOf(CONCENTRATION_OUTPUT.fields, 'rows').fields!, {currency: 'cur', amount: 'amount', suppliers: 'supp.', cr1: 'CR1', cr3: 'CR3', hhi: ['HHI', 'int'], band: 'band'}),
  ]
  const rows = out.rows.map((r) => ({
    ...r, group: out.by ? rowLabel(out.by, r) : undefined, hhi: typeof r.hhi === 'number' ? Math.round(r.hhi) : null,
    band: typeof r.band === 'string' ? SHORT[r.band] ?? r.band : null,
  }))
  const legend: View = {
    title: `Bands (${b.name}, HHI on 0-10,000)`,
    columns: [{key: 'band', header: 'band'}, {key: 'name', header: 'meaning'}, {key: 'range', header: 'HHI'}],
    rows: [
      {band: 'low', name: 'unconcentrated', range: `below ${fmt(b.moderate)}`},
      {band: 'moderate', name: 'moderately concentrated', range: `${fmt(b.moderate)} to ${fmt(b.high)}`},
      {band: 'high', name: 'highly concentrated', range: `above ${fmt(b.high)}`},
    ],
  }
  const left = leftOutView('shares', out.by ? dimHeader(out.by) : null, concentrationLeftOut(out))
  return left ? [{title, columns, rows}, left, legend] : [{title, columns, rows}, legend]
}
