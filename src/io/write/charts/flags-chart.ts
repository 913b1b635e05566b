/**
 * Charts of the flags' tests. Benford: one bar per digit (1-9, or 10-99 for
 * the first two digits, a wider chart) of the observed proportion, with the
 * expected proportion drawn as a tick on each bar; the title names the
 * buyer, currency, n, the mean absolute deviation and Nigrini's conformity
 * band. Bunching: the histogram of payments around a procurement threshold
 * (bins below it in one colour, above in another) with a dashed rule at the
 * threshold, the counts just below and above and the test's p-value in the
 * title. At most FLAGS_MAX_CHARTS of each: the Benford tests furthest from
 * conformity first (MAD over the digits' nonconformity bound), the bunching
 * tests with the smallest p first; each chart's description says how many
 * were left out.
 */
import type {BenfordTest, BunchingTest, CheckTest} from '../../../analysis/flags/types.js'
import {formatMinor} from '../../../model/money.js'
import type {Chart} from './chart.js'
import {contextSentence, slug, subtitleLines, type ChartContext} from './context.js'
import {chartConfig, PALETTE} from './theme.js'
import {groupThousands} from '../view.js'

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json'

/** At most this many Benford charts, and as many bunching charts. */
export const FLAGS_MAX_CHARTS = 6

/** Nigrini's MAD bounds of nonconformity: first digit 0.015, first two digits 0.0022. */
const NONCONFORMITY = {1: 0.015, 2: 0.0022} as const
const BANDS = {1: 'close < 0.006, acceptable < 0.012, marginal < 0.015', 2: 'close < 0.0012, acceptable < 0.0018, marginal < 0.0022'} as const

/**
 * The charts of a flags run's tests: Benford charts first, then bunching charts, each capped and ordered.
 * @example flagsCharts(outcome.tests, chartContext(input)).length
 */
export function flagsCharts(tests: readonly CheckTest[], ctx: ChartContext): Chart[] {
  const benford = tests.filter((t): t is BenfordTest => t.type === 'benford')
    .sort((a, b) => b.mad / NONCONFORMITY[b.digits] - a.mad / NONCONFORMITY[a.digits] || cmp(a.buyer_id, b.buyer_id) || cmp(a.currency, b.currency) || a.digits - b.digits)
  const bunching = tests.filter((t): t is BunchingTest => t.type === 'bunching')
    .sort((a, b) => a.p_value - b.p_value || cmp(a.buyer_id, b.buyer_id) || cmp(a.currency, b.currency) || a.threshold.minor - b.threshold.minor || cmp(a.threshold.name, b.threshold.name))
  const leftB = Math.max(0, benford.length - FLAGS_MAX_CHARTS)
  const leftH = Math.max(0, bunching.length - FLAGS_MAX_CHARTS)
  const charts = [
    ...benford.slice(0, FLAGS_MAX_CHARTS).map((t) => benfordChart(t, ctx, leftB)),
    ...bunching.slice(0, FLAGS_MAX_CHARTS).map((t) => bunchingChart(t, ctx, leftH)),
  ]
  // Names are SVG id prefixes: two thresholds of one name in force at different dates get `-2`, `-3`...
  const seen = new Map<string, number>()
  return charts.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1
    seen.set(c.name, n)
    return n === 1 ? c : {...c, name: `${c.name}-${n}`}
  })
}

/** The Benford chart of one test. */
export function benfordChart(t: BenfordTest, ctx: ChartContext, leftOut = 0): Chart {
  const first = t.digits === 1 ? 1 : 10
  const values = t.expected.map((e, i) => ({
    digit: String(first + i),
    observed: round(t.n > 0 ? (t.observed[i] ?? 0) / t.n : 0),
    expected: round(e),
    count: t.observed[i] ?? 0,
  }))
  const what = t.digits === 1 ? 'first digit' : 'first two digits'
  const title = `Benford ${what}, ${t.buyer} (${t.currency}): n = ${thousands(t.n)}, MAD ${t.mad.toFixed(t.digits === 1 ? 4 : 5)}, ${t.conformity}`
  const left = leftOut > 0 ? ` ${leftOut} more Benford ${leftOut === 1 ? 'test is' : 'tests are'} not drawn (at most ${FLAGS_MAX_CHARTS}, furthest from conformity first).` : ''
  const notes = `bars: observed share of amounts; ticks: expected share · Nigrini's ${what} bands: ${BANDS[t.digits]}`
  const x = {
    field: 'digit', type: 'ordinal', sort: values.map((v) => v.digit), title: what,
    axis: {labelAngle: 0, ...(t.digits === 2 ? {values: values.map((v) => v.digit).filter((d) => d.endsWith('0'))} : {})},
  }
  const y = {type: 'quantitative', title: 'share of amounts', axis: {format: '.0%'}, scale: {zero: true}}
  return {
    name: slug('flags', 'benford', t.digits === 1 ? 'first' : 'two', t.buyer_id, t.currency),
    title,
    description: `Bar chart of the observed share of each ${t.digits === 1 ? 'first digit (1 to 9)' : 'first-two-digit pair (10 to 99)'} of ${thousands(t.n)} amounts of ${t.buyer} in ${t.currency}, with the expected share as a tick on each bar; mean absolute deviation ${t.mad.toFixed(t.digits === 1 ? 4 : 5)}, ${t.conformity} (${BANDS[t.digits]}).${left} ${contextSentence(ctx, t.currency)}`,
    spec: {
      $schema: SCHEMA,
      config: chartConfig(),
      title: {text: title, subtitle: [...subtitleLines(ctx, t.currency), notes]},
      width: t.digits === 1 ? 360 : 900,
      height: 220,
      data: {values},
      layer: [
        {mark: {type: 'bar', color: PALETTE[0]}, encoding: {x, y: {...y, field: 'observed'}}},
        {mark: {type: 'tick', color: PALETTE[5], thickness: 2, opacity: 1}, encoding: {x, y: {...y, field: 'expected'}}},
      ],
    },
  }
}

/** The bunching histogram of one test. */
export function bunchingChart(t: BunchingTest, ctx: ChartContext, leftOut = 0): Chart {
  const c = t.currency
  const th = t.threshold
  const major = (minor: number) => Number(formatMinor(minor, c))
  const values = t.bins.map((b) => ({
    from: major(b.from), to: major(b.to), count: b.count,
    side: b.to <= th.minor ? 'below the threshold' : 'at or above the threshold',
    label: `${money(b.from, c)} to ${money(b.to, c)}`,
  }))
  const p = pText(t.p_value)
  const title = `Payments around the ${th.name} threshold of ${c} ${money(th.minor, c)}, ${t.buyer}: ${thousands(t.below)} just below, ${thousands(t.above)} just above, ${p}`
  const left = leftOut > 0 ? ` ${leftOut} more bunching ${leftOut === 1 ? 'test is' : 'tests are'} not drawn (at most ${FLAGS_MAX_CHARTS}, smallest p first).` : ''
  const width = t.bins.length > 0 ? t.bins[0].to - t.bins[0].from : 0
  const notes = `threshold: ${th.source} · bins of ${c} ${money(width, c)} · dashed: the threshold`
  const domain = values.length > 0 ? [values[0].from, values[values.length - 1].to] : [0, 1]
  // Labels at every other bin edge counted from the threshold (the threshold always labelled), at most about 8 of them.
  const step = Math.max(1, Math.ceil(t.bins.length / 8)) * 2 * width
  const edges = [...new Set(t.bins.flatMap((b) => [b.from, b.to]))].filter((e) => step === 0 || (e - th.minor) % step === 0).map(major)
  const xq = {type: 'quantitative', title: `payment amount (${c})`, scale: {domain, nice: false, zero: false}, axis: {format: ',.0f', values: edges, labelFlush: false}}
  return {
    name: slug('flags', 'bunching', t.buyer_id, c, th.name),
    title,
    description: `Histogram of ${t.buyer}'s payments in ${c} in ${t.bins.length} bins of ${c} ${money(width, c)} around the ${th.name} threshold of ${c} ${money(th.minor, c)} (${th.source}), a dashed rule at the threshold: ${thousands(t.below)} payments in the band just below it, ${thousands(t.above)} in the band of the same width just above, ${p}.${left} ${contextSentence(ctx, c)}`,
    spec: {
      $schema: SCHEMA,
      config: chartConfig(),
      title: {text: title, subtitle: [...subtitleLines(ctx, c), notes]},
      width: 480,
      height: 220,
      layer: [
        {
          data: {values},
          mark: {type: 'bar', stroke: '#ffffff', strokeWidth: 0.5},
          encoding: {
            x: {...xq, field: 'from'},
            x2: {field: 'to'},
            y2: {datum: 0},
            y: {field: 'count', type: 'quantitative', title: 'payments', axis: {format: ',.0f', tickMinStep: 1}},
            color: {field: 'side', type: 'nominal', scale: {domain: ['below the threshold', 'at or above the threshold'], range: [PALETTE[1], PALETTE[0]]}, title: null, legend: {orient: 'bottom', direction: 'horizontal'}},
            tooltip: [{field: 'label', type: 'nominal', title: 'bin'}, {field: 'count', type: 'quantitative', title: 'payments'}],
          },
        },
        {
          data: {values: [{at: major(th.minor)}]},
          mark: {type: 'rule', color: '#333333', strokeDash: [5, 4], strokeWidth: 1.5},
          encoding: {x: {...xq, field: 'at'}},
        },
      ],
    },
  }
}

/** A p-value as text: four decimals, or `p < 0.0001`. */
export function pText(p: number): string {
  return p < 0.0001 ? 'p < 0.0001' : `p = ${p.toFixed(4)}`
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Exact major units with thousands separators: `500000` -> `5,000.00`. */
function money(minor: number, currency: string): string {
  return groupThousands(formatMinor(minor, currency))
}

/** A count with thousands separators, without the locale (outputs are locale-free). */
function thousands(n: number): string {
  return groupThousands(String(n))
}
