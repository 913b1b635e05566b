/**
 * The font every chart is drawn in, shipped with spendkit (the npm package
 * `dejavu-fonts-ttf`) so that text renders, and renders the same, on every
 * machine: resvg with no font files drops all text silently, and a system
 * font differs from machine to machine.
 *
 * Vega lays out labels by their width. Without a canvas package it guesses
 * `0.8 x length x font size`, which pads short labels and lets long ones
 * collide, so charts measure text with the shipped font's own advance widths
 * (the `cmap` and `hmtx` tables of the TrueType file, read here: ~1 ms).
 * Kerning is left out: at chart sizes it moves a label by well under a pixel.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'

/** The family name charts ask for; it is the name inside the shipped files. */
export const CHART_FONT = 'DejaVu Sans'

/** Absolute paths of the shipped regular and bold faces. */
export function chartFontFiles(): {regular: string; bold: string} {
  const require = createRequire(import.meta.url)
  return {
    regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
    bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  }
}

/** Advance widths of one TrueType face, in em units (1 = the font size). */
export interface FontMetrics {
  /** Width of `text` at `size` pixels. */
  width(text: string, size: number): number
}

/**
 * Read a TrueType file's advance widths.
 * @example fontMetrics(readFileSync(chartFontFiles().regular)).width('Total', 11) // ~29.6
 */
export function fontMetrics(bytes: Uint8Array): FontMetrics {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tables = new Map<string, number>()
  const count = dv.getUint16(4)
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16
    const tag = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3])
    tables.set(tag, dv.getUint32(at + 8))
  }
  const need = (tag: string): number => {
    const at = tables.get(tag)
    if (at === undefined) throw new Error(`bug: the chart font has no ${tag} table`)
    return at
  }
  const unitsPerEm = dv.getUint16(need('head') + 18)
  const hMetrics = dv.getUint16(need('hhea') + 34)
  const hmtx = need('hmtx')
  const advance = (glyph: number): number => dv.getUint16(hmtx + 4 * Math.min(glyph, hMetrics - 1)) / unitsPerEm
  const glyphOf = cmapLookup(dv, need('cmap'))
  const cache = new Map<number, number>()
  const em = (cp: number): number => {
    let w = cache.get(cp)
    if (w === undefined) cache.set(cp, (w = advance(glyphOf(cp))))
    return w
  }
  return {
    width(text, size) {
      let total = 0
      for (const ch of text) total += em(ch.codePointAt(0)!)
      return total * size
    },
  }
}

/** Code point -> glyph id from the best Unicode subtable (format 12, else format 4). */
function cmapLookup(dv: DataView, cmap: number): (cp: number) => number {
  const n = dv.getUint16(cmap + 2)
  let f4 = -1
  let f12 = -1
  for (let i = 0; i < n; i++) {
    const rec = cmap + 4 + i * 8
    const platform = dv.getUint16(rec)
    const sub = cmap + dv.getUint32(rec + 4)
    const format = dv.getUint16(sub)
    if (format === 12 && (platform === 0 || platform === 3)) f12 = sub
    if (format === 4 && (platform === 0 || platform === 3) && f4 < 0) f4 = sub
  }
  if (f12 >= 0) {
    const groups = dv.getUint32(f12 + 12)
    return (cp) => {
      let lo = 0
      let hi = groups - 1
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1
        const g = f12 + 16 + mid * 12
        const start = dv.getUint32(g)
        if (cp < start) hi = mid - 1
        else if (cp > dv.getUint32(g + 4)) lo = mid + 1
        else return dv.getUint32(g + 8) + (cp - start)
      }
      return 0
    }
  }
  if (f4 < 0) throw new Error('bug: the chart font has no Unicode cmap')
  const segs = dv.getUint16(f4 + 6) / 2
  const ends = f4 + 14
  const starts = ends + 2 * segs + 2
  const deltas = starts + 2 * segs
  const ranges = deltas + 2 * segs
  return (cp) => {
    if (cp > 0xffff) return 0
    for (let s = 0; s < segs; s++) {
      if (cp > dv.getUint16(ends + 2 * s)) continue
      const start = dv.getUint16(starts + 2 * s)
      if (cp < start) return 0
      const delta = dv.getInt16(deltas + 2 * s)
      const range = dv.getUint16(ranges + 2 * s)
      if (range === 0) return (cp + delta) & 0xffff
      const glyph = dv.getUint16(ranges + 2 * s + range + 2 * (cp - start))
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff
    }
    return 0
  }
}

let faces: {regular: FontMetrics; bold: FontMetrics} | null = null

/** The shipped faces' metrics, read once per process. */
export function chartFontMetrics(): {regular: FontMetrics; bold: FontMetrics} {
  if (faces) return faces
  const files = chartFontFiles()
  return (faces = {regular: fontMetrics(readFileSync(files.regular)), bold: fontMetrics(readFileSync(files.bold))})
}

/**
 * Cut `text` to at most `maxPx` pixels at `size` in the chart font, between
 * grapheme clusters, ending with an ellipsis; unchanged when it fits.
 * @example cutToWidth('Grant & Young Building Contractors Ltd', 120, 11) // 'Grant & Young Buil…'
 */
export function cutToWidth(text: string, maxPx: number, size: number, metrics: FontMetrics = chartFontMetrics().regular): string {
  if (metrics.width(text, size) <= maxPx) return text
  const room = maxPx - metrics.width('…', size)
  const segments = [...new Intl.Segmenter('en', {granularity: 'grapheme'}).segment(text)].map((s) => s.segment)
  let out = ''
  let w = 0
  for (const g of segments) {
    const gw = metrics.width(g, size)
    if (w + gw > room) break
    out += g
    w += gw
  }
  return `${out.trimEnd()}…`
}
