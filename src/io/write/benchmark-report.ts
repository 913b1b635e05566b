import type {CategoryLevel} from '../../analysis/dims.js'
import type {BENCHMARK_METHODS} from '../../analysis/benchmark/stats.js'
import {benchmarkCmdMsg} from '../../messages.js'
import {columnsOf, count, currency, fieldOf, money, req, share, text, type Field, type Output} from './output-fields.js'
import type {View, ViewColumn} from './view.js'

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

export interface BenchmarkJson {
  buyer: string
  buyer_id: string
  currency: string
  peers: {buyer: string; buyer_id: string}[]
  peer_choice: 'named' | 'auto'
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
    req({key: 'peer_choice', type: 'string', enum: ['named', 'auto']}),
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
      req({key: 'unit', type: 'string', enum: ['money', 'share', 'count', 'hhi']}),
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
 * value, the peer median, P25-P75, the percentile, the flag and the sentence.
 * @example benchmarkViews(json, true)[0].columns.map((c) => c.header)[0] // 'measure'
 */
export function benchmarkViews(json: BenchmarkJson, human: boolean): View[] {
  const title = benchmarkCmdMsg.title(json.buyer, json.currency, json.period.label)
  if (!human) return [{title, columns: columnsOf(fieldOf(BENCHMARK_OUTPUT.fields, 'measures').fields!), rows: json.measures as unknown as Record<string, unknown>[]}]
  const columns: ViewColumn[] = [
    {key: 'measure', header: 'measure', fit: 'name'},
    {key: 'value', header: 'buyer', kind: 'text'},
    {key: 'median', header: 'peer median', kind: 'text'},
    {key: 'iqr', header: 'P25-P75', kind: 'text'},
    {key: 'percentile', header: 'pct', kind: 'number'},
    {key: 'flag', header: 'flag'},
    {key: 'sentence', header: 'sentence', fit: 'name'},
  ]
  const rows = json.measures.map((m: BenchmarkMeasureJson) => ({
    measure: m.label, value: FIG(m.value, m.unit), median: FIG(m.peer_median, m.unit),
    iqr: m.p25 === null ? null : `${FIG(m.p25, m.unit)} - ${FIG(m.p75, m.unit)}`,
    percentile: m.percentile, flag: m.flag, sentence: m.note && m.measure === 'total_spend' ? `${m.sentence} (${m.note})` : m.sentence,
  }))
  return [{title: `${title}: ${json.sentence}; ${benchmarkCmdMsg.peersLine(json.peers.map((p) => p.buyer))}`, columns, rows}]
}
