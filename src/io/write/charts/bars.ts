/**
 * What the bar charts (top, a one-dimension cube, profiles) share: money as
 * drawn (a float in major units, never summed), money as text with
 * thousands separators (no locale: the same bytes everywhere), and the spec
 * of horizontal bars on a money axis from zero labelled with the currency.
 */
import {currencyExponent} from '../../../model/currency.js'
import {formatMinor} from '../../../model/money.js'
import type {VegaLiteSpec} from './chart.js'
import {subtitleLines, type ChartContext} from './context.js'
import {chartConfig, PALETTE, seriesColours} from './theme.js'

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json'

/**
 * An amount in minor units as a number of major units, for drawing only.
 * @example drawnAmount(123450n, 'GBP') // 1234.5
 */
export function drawnAmount(minor: bigint, currency: string | null): number {
  return Number(formatMinor(minor, currency ?? 'XXX'))
}

/**
 * Whole major units with thousands separators, rounded half away from zero.
 * @example moneyText(29170559234n, 'GBP') // 'GBP 291,705,592'
 */
export function moneyText(minor: bigint, currency: string | null): string {
  const scale = 10n ** BigInt(currencyExponent(currency ?? 'XXX'))
  const neg = minor < 0n
  const abs = neg ? -minor : minor
  const whole = (abs + scale / 2n) / scale
  const digits = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${currency ?? 'unknown currency'} ${neg && whole > 0n ? '-' : ''}${digits}`
}

/**
 * A share as a percentage with one decimal.
 * @example percentText(0.61634) // '61.6%'
 */
export function percentText(share: number | null): string {
  return share === null || !Number.isFinite(share) ? 'n/a' : `${(share * 100).toFixed(1)}%`
}

export interface Bar {
  /** The label drawn (already cut). */
  name: string
  /** Major units, for drawing. */
  amount: number
}

/**
 * Horizontal bars, largest first as given, each with its amount beside it,
 * on a money axis from zero labelled with the currency.
 * @example barSpec('Top 10 suppliers', ctx, 'GBP', bars, []).encoding
 */
export function barSpec(title: string, ctx: ChartContext, currency: string, bars: Bar[], extraLines: string[]): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    config: chartConfig(),
    title: {text: title, subtitle: [...subtitleLines(ctx, currency), ...extraLines]},
    width: 420,
    height: {step: 22},
    // A negative bar's amount is written right of zero, on its own row: at the bar's end it sat on the bar (or the axis labels).
    data: {values: bars.map((b, i) => ({...b, order: i, at: Math.max(b.amount, 0)}))},
    layer: [
      {mark: {type: 'bar', color: PALETTE[0]}},
      {
        mark: {type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#222222'},
        encoding: {
          x: {field: 'at', type: 'quantitative', title: `Amount (${currency})`},
          text: {field: 'amount', type: 'quantitative', format: ',.0f'},
        },
      },
    ],
    encoding: {
      y: {field: 'name', type: 'nominal', sort: {field: 'order', op: 'min', order: 'ascending'}, title: null, axis: {labelLimit: 0}},
      x: {field: 'amount', type: 'quantitative', title: `Amount (${currency})`, scale: {zero: true, nice: true}, axis: {format: ',.0f', tickCount: 5}},
    },
  }
}

/** What a stacked bar per buyer shows: one segment per series value, drawn in `series` order. */
export interface BuyerStack {
  title: string
  subtitle: string[]
  values: Record<string, unknown>[]
  /** The buyers' axis labels, in drawing order. */
  buyers: string[]
  /** The quantitative encoding of the segments (amounts or shares). */
  x: Record<string, unknown>
  /** The series field, its legend title, its values in order, and whether the last is the grey "other". */
  series: {field: string; title: string; values: string[]; other: boolean}
}

/**
 * The Vega-Lite spec of horizontal bars per buyer stacked by a series (the
 * category mix, the GPP groups): buyers on y in the given order, segments
 * ordered by their series index `s`, the legend below.
 * @example buyerStackSpec({title: 'Category mix per buyer', subtitle: [], values, buyers, x, series: {field: 'category', title: 'Category', values: ['ICT'], other: false}})
 */
export function buyerStackSpec(s: BuyerStack): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    config: chartConfig(),
    title: {text: s.title, subtitle: s.subtitle},
    width: 420,
    height: {step: 22},
    data: {values: s.values},
    mark: {type: 'bar'},
    encoding: {
      y: {field: 'buyer', type: 'nominal', sort: s.buyers, title: null, axis: {labelLimit: 0}},
      x: s.x,
      color: {field: s.series.field, type: 'nominal', title: s.series.title, sort: s.series.values, scale: {domain: s.series.values, range: seriesColours(s.series.values.length, s.series.other)}, legend: {orient: 'bottom', columns: 2, labelLimit: 0}},
      order: {field: 's', type: 'quantitative', sort: 'ascending'},
    },
  }
}
