/**
 * The look every chart shares: the shipped font, a colour-blind-safe palette
 * (Okabe and Ito's eight colours, "Color Universal Design", 2008; black moved
 * last so it is the colour of "Other" only when eight series are drawn), and
 * plain white backgrounds so a PNG reads the same on any page.
 */
import {CHART_FONT} from './font.js'

/** Okabe-Ito, in the order series take them. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const

/** The grey of folded "Other" rows and of reference lines. */
export const OTHER_COLOUR = '#999999'

/** Sequential scheme for heat maps (vega's `blues`, light to dark: readable without hue). */
export const HEAT_SCHEME = 'blues'

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
