/**
 * One measure of `spend benchmark` as a dot plot: a horizontal strip on the
 * measure's own axis, each peer a dot (stacked where dots would overlap),
 * the peers' P25-P75 band shaded, their median a solid rule, the Tukey
 * fences dashed rules, and the buyer a larger vermillion diamond named
 * beside it. Values are drawn as numbers; the JSON's exact money strings are
 * converted here, for drawing only.
 */
import {currencyExponent} from '../../../model/currency.js'
import type {BenchmarkMeasureJson} from '../benchmark-report.js'
import {moneyText, percentText} from './bars.js'
import type {VegaLiteSpec} from './chart.js'
import {chartFontMetrics, cutToWidth} from './font.js'
import {OTHER_COLOUR, PALETTE} from './theme.js'

/** Width of a panel's plot area, in pixels. */
export const PANEL_WIDTH = 600
/** Pixels per stacked row of dots. */
const ROW_PX = 11
/** Dots closer than this many pixels stack rather than overlap. */
const DOT_PX = 9

/** The buyer's mark: Okabe-Ito vermillion and a diamond, so it differs in shape as well as colour. */
export const BUYER_COLOUR = PALETTE[5]
export const BUYER_SHAPE = 'diamond'
/** The peers' dots: Okabe-Ito blue circles. */
export const PEER_COLOUR = PALETTE[0]

/**
 * A figure of the JSON as a number, for drawing only (money is an exact decimal string).
 * @example drawnValue('1234.50') // 1234.5
 */
export function drawnValue(v: string | number | null): number | null {
  if (v === null) return null
  const n = typeof v === 'number' ? v : Number(v)
  return Number.isFinite(n) ? n : null
}

/**
 * An exact decimal money string as minor units, rounded half away from zero.
 * @example decimalMinor('10.005', 'GBP') // 1001n
 */
export function decimalMinor(text: string, currency: string): bigint {
  const exp = currencyExponent(currency)
  const neg = text.startsWith('-')
  const [whole, frac = ''] = (neg ? text.slice(1) : text).split('.')
  let minor = BigInt((whole || '0') + frac.slice(0, exp).padEnd(exp, '0'))
  if (frac.length > exp && Number(frac[exp]) >= 5) minor += 1n
  return neg ? -minor : minor
}

/**
 * A figure as people read it: money with its currency in whole units, shares
 * as percentages, counts and HHI with thousands separators (never the locale).
 * @example figureText(0.3816, 'share', 'GBP') // '38.2%'
 */
export function figureText(v: string | number | null, unit: string, currency: string): string {
  if (v === null) return 'n/a'
  if (unit === 'money') return moneyText(decimalMinor(String(v), currency), currency)
  if (unit === 'share') return percentText(Number(v))
  return grouped(Number(v))
}

function grouped(n: number): string {
  const whole = Math.round(n)
  const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${whole < 0 ? '-' : ''}${digits}`
}

/** The range a unit's values can take; a fence outside it can never be crossed and is not drawn. */
function natural(unit: string): [number, number] {
  if (unit === 'share') return [0, 1]
  if (unit === 'hhi') return [0, 10_000]
  return [0, Number.POSITIVE_INFINITY]
}

/** The axis of a unit: its title (money: the currency) and number format. */
function axisOf(unit: string, label: string, currency: string, span: number): Record<string, unknown> {
  if (unit === 'money') return {title: currency, format: ',.0f', tickCount: 5}
  if (unit === 'share') return {title: 'share of spend (%)', format: span < 0.005 ? '.2%' : span < 0.05 ? '.1%' : '.0%', tickCount: 5}
  if (unit === 'hhi') return {title: 'HHI (0-10,000)', format: ',.0f', tickCount: 5}
  return {title: label.toLowerCase(), format: ',.0f', tickCount: 5, tickMinStep: 1}
}

export interface StackedDot {
  peer: string
  value: number
  text: string
  row: number
}

/**
 * Dots stacked where they would overlap: peers sorted by value (ties by id),
 * each put in the lowest row where it is at least DOT_PX from the last dot.
 * @example stackDots([{peer: 'a', id: 'a', value: 1, text: '1'}, {peer: 'b', id: 'b', value: 1, text: '1'}], [0, 2]).map((d) => d.row) // [0, 1]
 */
export function stackDots(dots: {peer: string; id: string; value: number; text: string}[], domain: [number, number]): StackedDot[] {
  const px = (v: number) => ((v - domain[0]) / (domain[1] - domain[0])) * PANEL_WIDTH
  const sorted = [...dots].sort((a, b) => a.value - b.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const lastIn: number[] = []
  return sorted.map((d) => {
    const x = px(d.value)
    let row = lastIn.findIndex((end) => x - end >= DOT_PX)
    if (row < 0) row = lastIn.length
    lastIn[row] = x
    return {peer: d.peer, value: d.value, text: d.text, row}
  })
}

/**
 * The drawn domain of a measure: every value, quartile and drawn fence, with
 * 6% padding (a measure where all agree gets a band around the value).
 * @example paddedDomain([10, 20]) // [9.4, 20.6]
 */
export function paddedDomain(values: number[]): [number, number] {
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const pad = hi > lo ? (hi - lo) * 0.06 : Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1
  return [lo - pad, hi + pad]
}

export interface PanelInput {
  measure: BenchmarkMeasureJson
  /** The title line, flag included ("Share of the top 5 suppliers: high"). */
  title: string
  buyer: string
  currency: string
  /** Whether the fences are drawn (not for measures never flagged). */
  fences: boolean
}

/**
 * The Vega-Lite spec of one measure's panel (no config: it sits in a vconcat).
 * @example panelSpec({measure, title: 'Suppliers', buyer: 'Leeds', currency: 'GBP', fences: true}).layer.length // 5
 */
export function panelSpec(p: PanelInput): VegaLiteSpec & {layer: unknown[]} {
  const m = p.measure
  const text = (v: string | number | null) => figureText(v, m.unit, p.currency)
  const value = drawnValue(m.value)
  const peers = m.peer_values.flatMap((v) => {
    const n = drawnValue(v.value)
    return n === null ? [] : [{peer: v.buyer, id: v.buyer_id, value: n, text: text(v.value)}]
  })
  const [lo, hi] = natural(m.unit)
  const fences = p.fences
    ? ([['lower fence', m.lower_fence], ['upper fence', m.upper_fence]] as const).flatMap(([which, f]) => {
      const n = drawnValue(f)
      return n !== null && n >= lo && n <= hi ? [{at: n, hover: `${which}: ${text(f)}`}] : []
    })
    : []
  const quartiles = [m.p25, m.peer_median, m.p75].map(drawnValue).filter((n): n is number => n !== null)
  const all = [...peers.map((d) => d.value), ...quartiles, ...fences.map((f) => f.at), ...(value === null ? [] : [value])]
  const domain = paddedDomain(all)
  const dots = stackDots(peers, domain)
  const rows = Math.max(1, ...dots.map((d) => d.row + 1))
  // The buyer sits on its own row above the peers, named on the side with more room.
  const buyerRow = rows + 0.6
  const right = value !== null && value > (domain[0] + domain[1]) / 2
  const x = {type: 'quantitative', scale: {domain, nice: false, zero: false}, axis: {...axisOf(m.unit, m.label, p.currency, domain[1] - domain[0]), grid: false}}
  const y = {field: 'row', type: 'quantitative', scale: {domain: [-0.8, buyerRow + 0.8], nice: false, zero: false}, axis: null}
  const layer: unknown[] = []
  // The band and the rules span the peers' rows only, so none runs through the buyer's mark or name above them.
  const span = {y: {datum: -0.8, type: 'quantitative', scale: y.scale, axis: null}, y2: {datum: rows - 0.3}}
  // What a mark says on hover (a `<title>`) and to screen readers (its `aria-label`).
  const hover = {tooltip: {field: 'hover', type: 'nominal'}, description: {field: 'hover', type: 'nominal'}}
  const p25 = drawnValue(m.p25)
  const p75 = drawnValue(m.p75)
  if (p25 !== null && p75 !== null) {
    layer.push({data: {values: [{p25, p75, hover: `peers' P25-P75: ${text(m.p25)} to ${text(m.p75)}`}]}, mark: {type: 'rect', color: OTHER_COLOUR, opacity: 0.25}, encoding: {x: {...x, field: 'p25'}, x2: {field: 'p75'}, ...span, ...hover}})
  }
  if (fences.length > 0) {
    layer.push({data: {values: fences}, mark: {type: 'rule', color: '#555555', strokeDash: [4, 3]}, encoding: {x: {...x, field: 'at'}, ...span, ...hover}})
  }
  const median = drawnValue(m.peer_median)
  if (median !== null) {
    layer.push({data: {values: [{median, hover: `peer median: ${text(m.peer_median)}`}]}, mark: {type: 'rule', color: '#222222', strokeWidth: 2}, encoding: {x: {...x, field: 'median'}, ...span, ...hover}})
  }
  layer.push({
    data: {values: dots.map((d) => ({value: d.value, row: d.row, hover: `${d.peer}: ${d.text}`}))},
    mark: {type: 'point', shape: 'circle', filled: true, size: 60, color: PEER_COLOUR, opacity: 0.85},
    encoding: {x: {...x, field: 'value'}, y, ...hover},
  })
  if (value !== null) {
    const buyer = [{row: buyerRow, value, name: `${cutToWidth(p.buyer, 260, 11, chartFontMetrics().bold)} ${text(m.value)}`, hover: `${p.buyer} (the buyer): ${text(m.value)}`}]
    layer.push({
      data: {values: buyer},
      mark: {type: 'point', shape: BUYER_SHAPE, filled: true, size: 150, color: BUYER_COLOUR, opacity: 1, stroke: '#000000', strokeWidth: 0.8},
      encoding: {x: {...x, field: 'value'}, y, ...hover},
    })
    layer.push({
      data: {values: buyer},
      mark: {type: 'text', align: right ? 'right' : 'left', dx: right ? -9 : 9, fontSize: 11, fontWeight: 'bold', color: '#222222', aria: false},
      encoding: {x: {...x, field: 'value'}, y, text: {field: 'name', type: 'nominal'}},
    })
  }
  return {
    title: {text: p.title, subtitle: panelLines(m, p.buyer, text, peers.length, p.fences), fontSize: 12, subtitleFontSize: 10, anchor: 'start', offset: 6},
    width: PANEL_WIDTH,
    height: Math.round((buyerRow + 1.6) * ROW_PX),
    layer,
  }
}

/** The panel's subtitle: the sentence, then the figures drawn (so the marks can be read without hovering). */
function panelLines(m: BenchmarkMeasureJson, buyer: string, text: (v: string | number | null) => string, drawn: number, fences: boolean): string[] {
  const lines = [m.sentence]
  const figures = [
    `${buyer}: ${text(m.value)}`,
    `median ${text(m.peer_median)}`,
    `P25-P75 ${text(m.p25)} to ${text(m.p75)}`,
  ]
  if (fences) figures.push(`fences ${text(m.lower_fence)} and ${text(m.upper_fence)}`)
  if (m.percentile !== null) figures.push(`percentile ${grouped(m.percentile)}`)
  const missing = m.peer_values.length - drawn
  if (missing > 0) figures.push(`${missing} ${missing === 1 ? 'peer' : 'peers'} not computed`)
  lines.push(figures.join(' · '))
  if (m.note) lines.push(m.note)
  return lines
}
