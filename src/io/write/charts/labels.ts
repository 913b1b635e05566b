/**
 * Names drawn on a chart axis: cut to a width in the chart font, each cut
 * name unique (so a hover `<title>` can name the one it stands for), with the
 * map from cut label to full name that the drawn SVG carries.
 */
import {cutToWidth} from './font.js'

export interface AxisLabels {
  /** The label to draw, per input name, in order. */
  labels: string[]
  /** Cut label -> full name, for the labels that were cut. */
  fullNames: Record<string, string>
}

/**
 * Cut each name to `maxPx` at `size` pixels; two names that cut alike get
 * ` (2)`, ` (3)`... so every drawn label is one name's.
 * @example axisLabels(['A very long supplier name Ltd', 'B'], 80).labels // ['A very long s…', 'B']
 */
export function axisLabels(names: readonly string[], maxPx = 180, size = 11): AxisLabels {
  const seen = new Map<string, number>()
  const fullNames: Record<string, string> = {}
  const labels = names.map((name) => {
    let label = cutToWidth(name, maxPx, size)
    const n = (seen.get(label) ?? 0) + 1
    seen.set(label, n)
    if (n > 1) label = `${cutToWidth(name, maxPx - 30, size)} (${n})`
    if (label !== name) fullNames[label] = name
    return label
  })
  return {labels, fullNames}
}
