/**
 * The look every chart shares: the shipped font, a colour-blind-safe palette
 * (Okabe and Ito's eight colours, "Color Universal Design", 2008; black moved
 * last so it is the colour of "Other" only when eight series are drawn), and
 * plain white backgrounds so a PNG reads the same on any page.
 */
import {CHART_FONT} from './font.js'

/** Okabe-Ito, in the order series take them. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const

/**
 * Two more series colours for charts that need ten (the category mix): 50%
 * tints (each channel halfway to white) of Okabe-Ito's vermillion and
 * bluish green. A tint keeps its hue and differs from its neighbours in
 * lightness, which every kind of colour blindness keeps, so the ten stay
 * apart. They come after the first seven colours, before black.
 */
export const PALETTE_TINTS = ['#EAAF80', '#80CFB9'] as const

/** The grey of folded "Other" rows and of reference lines. */
export const OTHER_COLOUR = '#999999'

/** Sequential scheme for heat maps (vega's `blues`, light to dark: readable without hue). */
export const HEAT_SCHEME = 'blues'

/**
 * Colours for `n` series: the palette's first seven, the tints, black; with `lastIsOther`
 * the last series is the grey of Other. More than ten named series repeat.
 * @example seriesColours(3, true) // ['#0072B2', '#E69F00', '#999999']
 */
export function seriesColours(n: number, lastIsOther = false): string[] {
  const all: string[] = [...PALETTE.slice(0, 7), ...PALETTE_TINTS, PALETTE[7]]
  const named = lastIsOther ? n - 1 : n
  const out = Array.from({length: Math.max(0, named)}, (_, i) => all[i % all.length])
  if (lastIsOther && n > 0) out.push(OTHER_COLOUR)
  return out
}

/** Vega-Lite `config` for every chart. */
export function chartConfig(): Record<string, unknown> {
  return {
    font: CHART_FONT,
    background: '#ffffff',
    padding: 8,
    view: {stroke: null},
    title: {anchor: 'start', fontSize: 14, subtitleFontSize: 11, subtitleColor: '#444444', offset: 10},
    axis: {labelFontSize: 11, titleFontSize: 11, labelColor: '#222222', titleColor: '#222222', gridColor: '#e6e6e6'},
    legend: {labelFontSize: 11, titleFontSize: 11},
    range: {category: [...PALETTE]},
    numberFormat: ',.0f',
  }
}
