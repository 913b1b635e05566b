/**
 * Helpers for the chart tests: specs with their floats rounded (so a
 * snapshot does not break on the last bit of a share), vega-lite's warnings
 * on a spec collected, and a tiny PNG decoder (8-bit RGB/RGBA, no interlace)
 * to look at drawn pixels.
 */
import {unzlibSync} from 'fflate'
import * as vl from 'vega-lite'

/**
 * A copy of `value` with every non-integer number rounded to 4 significant digits.
 * @example roundFloats({a: 0.123456, b: 7}) // {a: 0.1235, b: 7}
 */
export function roundFloats<T>(value: T): T {
  if (typeof value === 'number') return (Number.isInteger(value) ? value : Number(value.toPrecision(4))) as T
  if (Array.isArray(value)) return value.map(roundFloats) as T
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundFloats(v)])) as T
  return value
}

/** The warnings (and errors) vega-lite logs compiling `spec`. */
export function compileWarnings(spec: object): string[] {
  const messages: string[] = []
  const logger = {
    level: () => logger,
    error: (...m: unknown[]) => { messages.push(`error: ${m.join(' ')}`); return logger },
    warn: (...m: unknown[]) => { messages.push(`warn: ${m.join(' ')}`); return logger },
    info: () => logger,
    debug: () => logger,
  }
  vl.compile(spec as vl.TopLevelSpec, {logger: logger as never})
  return messages
}

export interface Image {
  width: number
  height: number
  /** RGBA, 4 bytes a pixel, row by row. */
  rgba: Uint8Array
}

/** Decode an 8-bit RGB or RGBA, non-interlaced PNG (what resvg writes). */
export function decodePng(png: Uint8Array): Image {
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength)
  let at = 8
  let width = 0
  let height = 0
  let colour = 0
  const idat: Uint8Array[] = []
  while (at < png.length) {
    const len = dv.getUint32(at)
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8))
    const data = png.subarray(at + 8, at + 8 + len)
    if (type === 'IHDR') {
      width = dv.getUint32(at + 8)
      height = dv.getUint32(at + 12)
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs')
      colour = data[9]
    } else if (type === 'IDAT') idat.push(data)
    at += 12 + len
  }
  const bpp = colour === 6 ? 4 : colour === 2 ? 3 : 0
  if (!bpp) throw new Error(`PNG colour type ${colour} not handled`)
  const joined = new Uint8Array(idat.reduce((a, d) => a + d.length, 0))
  let o = 0
  for (const d of idat) joined.set(d, (o += d.length) - d.length)
  const raw = unzlibSync(joined)
  const stride = width * bpp
  const rows = new Uint8Array(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? rows[y * stride + x - bpp] : 0
      const b = y > 0 ? rows[(y - 1) * stride + x] : 0
      const c = x >= bpp && y > 0 ? rows[(y - 1) * stride + x - bpp] : 0
      const pred = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c)
      rows[y * stride + x] = (line[x] + pred) & 0xff
    }
  }
  const rgba = new Uint8Array(width * height * 4)
  for (let p = 0; p < width * height; p++) {
    rgba[p * 4] = rows[p * bpp]
    rgba[p * 4 + 1] = rows[p * bpp + 1]
    rgba[p * 4 + 2] = rows[p * bpp + 2]
    rgba[p * 4 + 3] = bpp === 4 ? rows[p * bpp + 3] : 255
  }
  return {width, height, rgba}
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

/** How many pixels in the box are dark (each of R, G, B below 100). */
export function darkPixels(img: Image, box: {x: number; y: number; w: number; h: number}): number {
  let n = 0
  for (let y = box.y; y < Math.min(img.height, box.y + box.h); y++) {
    for (let x = box.x; x < Math.min(img.width, box.x + box.w); x++) {
      const i = (y * img.width + x) * 4
      if (img.rgba[i] < 100 && img.rgba[i + 1] < 100 && img.rgba[i + 2] < 100) n++
    }
  }
  return n
}
