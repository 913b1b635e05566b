/**
 * What a chart is before it is drawn: a Vega-Lite spec with its data inline,
 * plus what the drawn SVG needs and vega cannot say (the full names of labels
 * cut short, a title and description for screen readers).
 */

/** A Vega-Lite spec, as plain JSON (data inline). */
export type VegaLiteSpec = Record<string, unknown>

export interface Chart {
  /** Stable name, safe in file names and SVG ids: `top-suppliers-gbp`. */
  name: string
  /** The chart's title (also the SVG `<title>`). */
  title: string
  /** One sentence for screen readers (the SVG `<desc>`): what is drawn, filters and period. */
  description: string
  spec: VegaLiteSpec
  /** Cut label -> full name, for every label drawn shorter than the name (an SVG `<title>` on hover). */
  fullNames?: Record<string, string>
  /** Give every mark drawn with a `description` its text as a hover `<title>` too (the dots of a dot plot, named on hover). */
  markTitles?: boolean
}

/** The files `--chart FILE` writes, chosen by the extension. */
export const CHART_FORMATS = ['svg', 'png', 'vl.json', 'html'] as const
export type ChartFormat = (typeof CHART_FORMATS)[number]

/**
 * The chart format a file name asks for, or null.
 * @example chartFormatOf('out/top.vl.json') // 'vl.json'
 */
export function chartFormatOf(file: string): ChartFormat | null {
  const lower = file.toLowerCase()
  if (lower.endsWith('.vl.json')) return 'vl.json'
  for (const f of ['svg', 'png', 'html'] as const) if (lower.endsWith(`.${f}`)) return f
  return null
}
