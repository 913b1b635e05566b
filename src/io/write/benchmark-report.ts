import type {CategoryLevel} from '../../analysis/dims.js'
import type {BENCHMARK_METHODS} from '../../analysis/benchmark/stats.js'
import type {SharedSupplierRow} from '../../analysis/benchmark/shared-suppliers.js'
import {benchmarkCmdMsg, benchSharedMsg} from '../../messages.js'
import type {MoneyNote} from '../../analysis/money-note.js'
import {titled} from './analysis-common.js'
import {roundDecimal, shownFigure} from './benchmark-figures.js'
import {currencyExponent} from '../../model/currency.js'
import {columnsOf, count, currency, fieldOf, money, req, share, text, type Field, type Output} from './output-fields.js'
import {groupThousands, ShownCell, type View, type ViewColumn} from './view.js'

/** A buyer left out of the comparison, and why. */
export interface BenchmarkLeftOut {
  buyer: string
  buyer_id: string
  reason: 'currency' | 'period'
  message: string
  covers: string[]
}

export interface BenchmarkMeasureJson {
  measure: string
  unit: string
  label: string
  basis: string
  category_code: string | null
  category: string | null
  value: string | number | null
  peer_median: string | number | null
  p25: string | number | null
  p75: string | number | null
  lower_fence: string | number | null
  upper_fence: string | number | null
  percentile: number | null
  flag: 'high' | 'low' | null
  weak: boolean
  sentence: string
  note: string | null
  peer_values: {buyer: string; buyer_id: string; value: string | number | null}[]
}

/** The `shared_suppliers` field of `spend benchmark --json`: a starting point for price comparison. */
export interface SharedSuppliersJson {
  note: string
  /** Suppliers the buyer shares with a peer; null: not compared (--any-period). */
  total: number | null
  shown: number
  top: number
  rows: SharedSupplierRow[]
}

/** Which categories have a measure of their own, and the rule. */
export interface BenchmarkCategoriesJson {
  /** Categories any buyer of the group spends in. */
  total: number
  /** With a category_mix measure each. */
  compared: number
  /** Folded into the one category_mix_other measure. */
  folded: number
  rule: string
}

export interface BenchmarkJson extends Partial<BenchmarkInputsJson> {
  buyer: string
  buyer_id: string
  currency: string
  peers: {buyer: string; buyer_id: string}[]
  peer_choice: 'named' | 'auto' | 'group'
  period: {from: string; to: string; label: string}
  any_period: boolean
  periods: {buyer: string; buyer_id: string; from: string; to: string; label: string}[]
  floor: {amount: string | null; currency: string; source: string | null; sentence: string; set_by: string[]}
  sentence: string
  level: CategoryLevel | null
  weak: boolean
  left_out: BenchmarkLeftOut[]
  methods: typeof BENCHMARK_METHODS
  measures: BenchmarkMeasureJson[]
  shared_suppliers: SharedSuppliersJson
  categories: BenchmarkCategoriesJson
}

/** The added fields of `spend benchmark --json` for its side inputs and conversions. */
export interface BenchmarkInputsJson {
  size: {file: string; column: string; year: string; year_source: 'given' | 'period' | 'latest'; unmatched: string[]} | null
  per: {column: string; measure: string; unit: string; year: string; decimals: number; rounding: string; no_size: {buyer: string; buyer_id: string}[]} | null
  peer_group: {file: string; group: string; members: {buyer: string; buyer_id: string}[]; unmatched: string[]} | null
  fx?: MoneyNote['fx']
  deflate?: MoneyNote['deflate']
  note?: string
}

const figure = (key: string, description: string): Field => req({key, type: ['string', 'number', 'null'], kind: 'text', description})
const buyerRef = (): Field[] => [req(text('buyer')), req(text('buyer_id'))]

/** `spend benchmark BUYER --json`, declared once: the schema and the CSV columns come from it. */
export const BENCHMARK_OUTPUT: Output = {
  name: 'benchmark',
  title: '`spend benchmark BUYER --json` (issue 10: the buyer beside its peers, every figure recomputable)',
  fields: [
    req(text('buyer')),
    req(text('buyer_id')),
    req(currency()),
    req({key: 'peers', type: 'array', items: {type: 'object', fields: buyerRef()}}),
    req({key: 'peer_choice', type: 'string', enum: ['named', 'auto', 'group'], description: 'named: --peers; auto: --auto N (within --peer-group when given); group: the --peer-group.'}),
    req({key: 'period', type: 'object', fields: [req(text('from')), req(text('to')), req(text('label'))]}),
    req({key: 'any_period', type: 'boolean', description: 'No common period: each buyer on its own (periods[]), share measures only.'}),
    req({key: 'periods', type: 'array', items: {type: 'object', fields: [...buyerRef(), req(text('from')), req(text('to')), req(text('label'))]}}),
    req({key: 'floor', type: 'object', fields: [
      req(money('amount', {type: ['string', 'null'], description: 'Transaction and supplier measures use payments of at least this; null: no known floor, all payments.'})),
      req(currency()),
      req(text('source', {type: ['string', 'null']})),
      req(text('sentence')),
      req({key: 'set_by', type: 'array', items: {type: 'string'}, csv: false}),
    ]}),
    req(text('sentence', {description: 'The floor sentence.'})),
    req({key: 'level', type: ['string', 'null']}),
    req({key: 'weak', type: 'boolean', description: 'Fewer than 3 peers: no measure is flagged.'}),
    req({key: 'left_out', type: 'array', items: {type: 'object', fields: [
      ...buyerRef(), req({key: 'reason', type: 'string', enum: ['currency', 'period']}), req(text('message')), req({key: 'covers', type: 'array', items: {type: 'string'}}),
    ]}}),
    req({key: 'methods', type: 'object', csv: false, fields: [req(text('quantile')), req(text('percentile')), req(text('fences')), req(count('min_peers'))]}),
    req({key: 'measures', type: 'array', fields: [
      req(text('measure')),
      req({key: 'unit', type: 'string', enum: ['money', 'share', 'count', 'hhi', 'money_per_unit'], description: 'money_per_unit: money per unit of the --per size column (per.unit names it, e.g. GBP per population).'}),
      req(text('label')),
      req({key: 'basis', type: 'string', enum: ['all', 'floor']}),
      req(text('category_code', {type: ['string', 'null']})),
      req(text('category', {type: ['string', 'null']})),
      figure('value', 'The buyer\'s value: money an exact decimal string, other units numbers.'),
      figure('peer_median', 'Of the peers (the buyer not among them).'),
      figure('p25', 'Type-7 quantile of the peers.'),
      figure('p75', 'Type-7 quantile of the peers.'),
      figure('lower_fence', 'P25 - 1.5 IQR.'),
      figure('upper_fence', 'P75 + 1.5 IQR.'),
      req(share('percentile', {kind: 'number', description: 'Mid-rank percentile of the buyer among the peers, 0-100.'})),
      req({key: 'flag', type: ['string', 'null'], enum: ['high', 'low', null]}),
      req({key: 'weak', type: 'boolean', kind: 'bool'}),
      req(text('sentence')),
      req(text('note', {type: ['string', 'null'], description: 'Why the value is null, or why the measure is never flagged.'})),
      req({key: 'peer_values', type: 'array', items: {type: 'object', fields: [...buyerRef(), figure('value', 'The peer\'s value.')]}}),
    ]}),
    req({key: 'shared_suppliers', type: 'object', csv: false, description: 'Suppliers the buyer shares with its peers (payments at or above the floor; redacted and blank never matched): a starting point for price comparison, not a price benchmark.', fields: [
      req(text('note')),
      req(count('total', {type: ['integer', 'null'], description: 'Suppliers shared with at least one peer; null: not compared (--any-period, the note says why).'})),
      req(count('shown')),
      req(count('top', {description: 'The --shared-top cap.'})),
      req({key: 'rows', type: 'array', description: 'The buyer\'s spend largest first, ties by supplier key.', fields: [
        req(text('supplier', {type: ['string', 'null']})),
        req(text('supplier_id', {description: 'The supplier key, as the analyses group suppliers.'})),
        req(money('spend', {description: 'The buyer\'s payments to the supplier, exact.'})),
        req(count('count', {description: 'The buyer\'s payments to the supplier.'})),
        req(money('mean', {description: 'spend / count, rounded half to even to two more decimals than the currency has.'})),
        req(count('peers_paying')),
        req(money('peer_median_spend', {description: 'Median (type 7) of the paying peers\' spend, exact.'})),
        req(money('peer_median_mean', {description: 'Median (type 7) of the paying peers\' mean payments, exact.'})),
        req({key: 'peers', type: 'array', items: {type: 'object', fields: [
          req(text('buyer', {type: ['string', 'null']})), req(text('buyer_id')), req(money('spend')), req(count('count')), req(money('mean')),
        ]}}),
      ]}),
    ]}),
    req({key: 'categories', type: 'object', csv: false, description: 'Which categories have a category_mix measure of their own; the rest are one category_mix_other measure.', fields: [
      req(count('total', {description: 'Categories any buyer of the group spends in.'})), req(count('compared')), req(count('folded')), req(text('rule')),
    ]}),
    {key: 'size', type: ['object', 'null'], csv: false, description: 'The --size file used (null without it): the column --auto uses as its size feature, and the year.', fields: [
      req(text('file')), req(text('column')), req(text('year')),
      req({key: 'year_source', type: 'string', enum: ['given', 'period', 'latest'], description: 'given: --year; period: the period\'s calendar year; latest: the latest year in the file.'}),
      req({key: 'unmatched', type: 'array', items: {type: 'string'}, description: 'Buyers as written in the size file naming no buyer in the data: left out.'}),
    ]},
    {key: 'per', type: ['object', 'null'], csv: false, description: 'With --per: total spend per unit of a size column (the measure named here), compared and flagged.', fields: [
      req(text('column')), req(text('measure')), req(text('unit')), req(text('year')),
      req(count('decimals', {description: 'The per-unit values are rounded half to even to this many decimals (the currency\'s plus 4) and written as the other exact money figures: the currency\'s decimals, then only the digits needed.'})),
      req(text('rounding')),
      req({key: 'no_size', type: 'array', items: {type: 'object', fields: buyerRef()}, description: 'The buyer or peers with no size for the year: left out of the per-unit measure only.'}),
    ]},
    {key: 'peer_group', type: ['object', 'null'], csv: false, description: 'With --peer-group: the buyer\'s group, its members in the data (the buyer included) and lines naming no buyer.', fields: [
      req(text('file')), req(text('group')),
      req({key: 'members', type: 'array', items: {type: 'object', fields: buyerRef()}}),
      req({key: 'unmatched', type: 'array', items: {type: 'string'}}),
    ]},
    {key: 'fx', type: 'object', csv: false, description: 'With --fx: the target currency, the converted ones and the rates file.'},
    {key: 'deflate', type: 'object', csv: false, description: 'With --deflate: money measures in constant prices of base, by the index file.', fields: [req(text('base')), req(text('index'))]},
    text('note', {description: 'What was done to amounts (--fx, --deflate), when anything was.'}),
  ],
}

/** A figure for people: money as the exact decimal, a share as a percent (the JSON keeps the share). */
export const FIG = (v: unknown, unit: string): string | number | null => (v === null || v === undefined ? null : unit === 'share' && typeof v === 'number' ? `${shareWords(v)}` : (v as string | number))

/** A share as a percent for people (the JSON keeps the share). */
function shareWords(v: number): string {
  return `${Number((v * 100).toPrecision(4))}%`
}

/**
 * Views of `spend benchmark`: for scripts one row per measure with every
 * figure (the peer values in --json); for people the measure, the buyer's
 * value, the peer median, P25-P75, the percentile, the flag and the sentence,
 * then the shared suppliers. With `shared`, the shared-suppliers table alone
 * (CSV and TSV write one table: this one instead of the measures).
 * @example benchmarkViews(json, true)[0].columns.map((c) => c.header)[0] // 'measure'
 */
export function benchmarkViews(json: BenchmarkJson, human: boolean, opts: {shared?: boolean} = {}): View[] {
  const shared = sharedView(json.shared_suppliers, human, json.currency)
  if (opts.shared) return shared ? [shared] : []
  return [measuresView(json, human), ...(human && shared ? [shared] : [])]
}

/**
 * What CSV and TSV say on stderr, which their one table cannot carry: with
 * the shared-suppliers table, its note.
 * @example benchmarkMachineNote(json, true) // 'A starting point for price comparison, ...'
 */
export function benchmarkMachineNote(json: BenchmarkJson, shared: boolean): string | null {
  return shared && json.shared_suppliers.total !== null ? json.shared_suppliers.note : null
}

function measuresView(json: BenchmarkJson, human: boolean): View {
  const title = titled(benchmarkCmdMsg.title(json.buyer, json.currency, json.period.label), {fx: json.fx, deflate: json.deflate})
  if (!human) return {title, columns: columnsOf(fieldOf(BENCHMARK_OUTPUT.fields, 'measures').fields!), rows: json.measures as unknown as Record<string, unknown>[]}
  // On a narrow terminal the sentence is left out first, then P25-P75 (a note says so; --format md keeps all).
  const columns: ViewColumn[] = [
    {key: 'measure', header: 'measure', fit: 'name'},
    {key: 'value', header: 'buyer', kind: 'text'},
    {key: 'median', header: 'peer median', kind: 'text'},
    {key: 'iqr', header: 'P25-P75', kind: 'text', drop: 1},
    {key: 'percentile', header: 'pct', kind: 'number'},
    {key: 'flag', header: 'flag'},
    {key: 'sentence', header: 'sentence', fit: 'name', drop: 2},
  ]
  // People see rounded, grouped figures; CSV and XLSX get the exact ones (FIG).
  const fig = (v: unknown, unit: string) => {
    const raw = FIG(v, unit)
    return raw === null ? null : new ShownCell(String(shownFigure(v, unit, json.currency)), raw)
  }
  const rows = json.measures.map((m: BenchmarkMeasureJson) => ({
    measure: m.label, value: fig(m.value, m.unit), median: fig(m.peer_median, m.unit),
    iqr: m.p25 === null ? null : new ShownCell(`${shownFigure(m.p25, m.unit, json.currency)} - ${shownFigure(m.p75, m.unit, json.currency)}`, `${FIG(m.p25, m.unit)} - ${FIG(m.p75, m.unit)}`),
    percentile: m.percentile, flag: m.flag, sentence: m.note && m.measure === 'total_spend' ? `${m.sentence} (${m.note})` : m.sentence,
  }))
  return {title: `${title}: ${json.sentence}; ${benchmarkCmdMsg.peersLine(json.peers.map((p) => p.buyer))}`, columns, rows}
}

const SHARED_ROWS = () => fieldOf(fieldOf(BENCHMARK_OUTPUT.fields, 'shared_suppliers').fields!, 'rows').fields!

/**
 * The shared suppliers: for scripts every scalar field of a row (the per-peer
 * figures in --json); for people the supplier, the buyer's spend and mean,
 * the peers paying and their median mean, the note in the title. None for
 * people when there is nothing to show (the stderr note says why).
 */
function sharedView(s: SharedSuppliersJson, human: boolean, currency: string): View | null {
  const rows = s.rows as unknown as Record<string, unknown>[]
  if (!human) return {title: benchSharedMsg.title(s.shown, s.total ?? 0), columns: columnsOf(SHARED_ROWS()), rows}
  if (s.total === null || s.shown === 0) return null
  const columns: ViewColumn[] = [
    {key: 'supplier', header: 'supplier', fit: 'name'},
    {key: 'spend', header: 'buyer spend', kind: 'money'},
    {key: 'mean', header: 'buyer mean', kind: 'money'},
    {key: 'peers_paying', header: 'peers paying', kind: 'int'},
    {key: 'peer_median_mean', header: 'peers\' median mean', kind: 'money'},
  ]
  // Means to the currency's decimals for people (the JSON keeps them exact).
  const cents = (v: unknown) => (typeof v === 'string' ? new ShownCell(groupThousands(roundDecimal(v, currencyExponent(currency))), v) : v)
  const shown = rows.map((r) => ({...r, mean: cents(r.mean), peer_median_mean: cents(r.peer_median_mean)}))
  return {title: `${benchSharedMsg.title(s.shown, s.total)}: ${s.note}`, columns, rows: shown}
}
