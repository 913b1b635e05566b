/**
 * Text as a terminal shows it: display width, and cutting or wrapping to a
 * width without splitting a character. Widths follow the rules cli-table3
 * measures with (string-width 4): East Asian wide and fullwidth characters
 * count 2, an emoji shown as a picture counts 2, control characters and
 * U+0300-U+036F combining marks count 0, everything else 1. Text is cut
 * between grapheme clusters (a letter with its accents, an emoji sequence,
 * a surrogate pair), never inside one.
 */

const segmenter = new Intl.Segmenter('en', {granularity: 'grapheme'})

/** East Asian Wide (W) and Fullwidth (F), as is-fullwidth-code-point 3 lists them. */
function isWide(cp: number): boolean {
  return cp >= 0x1100 && (
    cp <= 0x115f || cp === 0x2329 || cp === 0x232a ||
    (cp >= 0x2e80 && cp <= 0x3247 && cp !== 0x303f) ||
    (cp >= 0x3250 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0xa4c6) ||
    (cp >= 0xa960 && cp <= 0xa97c) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6b) ||
    (cp >= 0xff01 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1b000 && cp <= 0x1b001) ||
    (cp >= 0x1f200 && cp <= 0x1f251) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
}

const PICTURE = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\p{Regional_Indicator}/u
const SIMPLE = /^[\x20-\x7e]*$/

/** Display width of one grapheme cluster. */
function clusterWidth(g: string): number {
  if (g.length === 1) {
    const c = g.charCodeAt(0)
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x300 && c <= 0x36f)) return 0
    return isWide(c) ? 2 : 1
  }
  if (PICTURE.test(g)) return 2
  let w = 0
  for (const ch of g) {
    const cp = ch.codePointAt(0)!
    if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x300 && cp <= 0x36f)) continue
    w += isWide(cp) ? 2 : 1
  }
  return w
}

/** The grapheme clusters of `text`, each with its display width. */
function clusters(text: string): {g: string; w: number}[] {
  if (SIMPLE.test(text)) return [...text].map((g) => ({g, w: 1}))
  return [...segmenter.segment(text)].map(({segment}) => ({g: segment, w: clusterWidth(segment)}))
}

/**
 * Display width of one line of text in a terminal.
 * @example textWidth('Café') // 4
 * @example textWidth('東京都') // 6
 */
export function textWidth(text: string): number {
  if (SIMPLE.test(text)) return text.length
  let w = 0
  for (const c of clusters(text)) w += c.w
  return w
}

const ELLIPSIS = '…'

/** The longest head of `cs` no wider than `max`, as text. */
function headOf(cs: {g: string; w: number}[], max: number): string {
  let out = ''
  let w = 0
  for (const c of cs) {
    if (w + c.w > max) break
    out += c.g
    w += c.w
  }
  return out
}

/** The longest tail of `cs` no wider than `max`, as text. */
function tailOf(cs: {g: string; w: number}[], max: number): string {
  let out = ''
  let w = 0
  for (let i = cs.length - 1; i >= 0; i--) {
    if (w + cs[i].w > max) break
    out = cs[i].g + out
    w += cs[i].w
  }
  return out
}

/**
 * Cut `text` at the end to `max` columns, ending with an ellipsis.
 * @example cutEnd('Greater Manchester Combined Authority', 12) // 'Greater Man…'
 */
export function cutEnd(text: string, max: number): string {
  if (textWidth(text) <= max) return text
  if (max <= 1) return ELLIPSIS.slice(0, max)
  return headOf(clusters(text), max - 1) + ELLIPSIS
}

/**
 * Cut `text` in the middle to `max` columns, keeping its start and its end
 * (the end a little more: a file name's date and extension tell files apart).
 * A path keeps whole folder names where it can: `../shared/…/oxford-2024-03.csv`.
 * @example cutMiddle('../shared/realdata/uk-oxford/oxford-2024-03.csv', 30) // '../shared/…/oxford-2024-03.csv'
 * @example cutMiddle('expenditure-over-500-apr-jun-2014.csv', 21) // 'expendit…jun-2014.csv'
 */
export function cutMiddle(text: string, max: number): string {
  if (textWidth(text) <= max) return text
  if (max <= 1) return ELLIPSIS.slice(0, max)
  const room = max - 1
  const slash = text.lastIndexOf('/')
  if (slash > 0) {
    // Whole trailing segments ("/name.csv", "/folder/name.csv"), the longest that fits...
    const tails: string[] = []
    for (let i = slash; i > 0; i = text.lastIndexOf('/', i - 1)) {
      const t = text.slice(i)
      if (textWidth(t) > room) break
      tails.unshift(t)
    }
    // ...beside whole leading segments ("../", "../shared/"), the longest that fits.
    for (const tail of tails) {
      const left = room - textWidth(tail)
      let head = ''
      for (let i = text.indexOf('/'); i >= 0 && i < text.length - tail.length; i = text.indexOf('/', i + 1)) {
        const h = text.slice(0, i + 1)
        if (textWidth(h) > left) break
        head = h
      }
      if (head !== '') return head + ELLIPSIS + tail
    }
  }
  const cs = clusters(text)
  const front = Math.floor(room * 0.4)
  const tail = tailOf(cs, room - front)
  return headOf(cs, room - textWidth(tail)) + ELLIPSIS + tail
}

/**
 * Break `text` into lines no wider than `max` (at spaces where it can, else
 * between characters), at most `maxLines` of them; the last is cut with an
 * ellipsis (at the end, or in the middle with `cut: 'middle'`) when the text
 * does not fit in them.
 * @example wrapText('Greater Manchester Combined Authority', 18) // ['Greater Manchester', 'Combined Authority']
 */
export function wrapText(text: string, max: number, maxLines = Infinity, cut: 'end' | 'middle' = 'end'): string[] {
  const width = Math.max(1, max)
  if (textWidth(text) <= width) return [text]
  const lines: string[] = []
  let line = ''
  let lineW = 0
  const words = text.split(/( +)/).filter((s) => s !== '')
  const flush = () => {
    lines.push(line.trimEnd())
    line = ''
    lineW = 0
  }
  for (const word of words) {
    const w = textWidth(word)
    if (/^ +$/.test(word)) {
      if (lineW > 0 && lineW + w < width) {
        line += word
        lineW += w
      } else if (lineW > 0) flush()
      continue
    }
    if (lineW + w <= width) {
      line += word
      lineW += w
      continue
    }
    if (lineW > 0 && w <= width) {
      flush()
      line = word
      lineW = w
      continue
    }
    // A word longer than a line: break it between characters.
    for (const c of clusters(word)) {
      if (lineW + c.w > width && lineW > 0) flush()
      line += c.g
      lineW += c.w
    }
  }
  if (line !== '') flush()
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines - 1)
  // The rest of the text goes into the last line, cut to fit.
  const rest = text.slice(kept.reduce((n, l) => text.indexOf(l, n) + l.length, 0)).trimStart()
  kept.push(cut === 'middle' ? cutMiddle(rest, width) : cutEnd(rest, width))
  return kept
}
