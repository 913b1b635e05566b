import {describe, expect, it} from 'vitest'
import {cutEnd, cutMiddle, textWidth, wrapText} from '../../src/io/write/text-width.js'

/** A UTF-16 string with a surrogate half on its own. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const SAMPLES = [
  'Greater Manchester Combined Authority',
  'Løn og Bilag — Ærø Kommune',
  '東京都港区役所 調達課',
  'Café de l\u0065\u0301glise 😀 👨‍👩‍👧 🇬🇧 ok',
  '𝒜𝒷𝒸𝒹ℯ𝒻ℊ𝒽𝒾𝒿𝓀𝓁𝓂𝓃ℴ𝓅',
  '../shared/realdata/uk-oxford-city-council-over500/expenditure-over-500-apr-jun-2014.csv',
]

describe('textWidth', () => {
  it('counts columns as a terminal shows them', () => {
    expect(textWidth('Oxford City Council')).toBe(19)
    expect(textWidth('東京')).toBe(4) // East Asian wide
    expect(textWidth('ｱｲ')).toBe(2) // halfwidth katakana
    expect(textWidth('e\u0301')).toBe(1) // a combining accent takes no column
    expect(textWidth('😀')).toBe(2)
    expect(textWidth('👨‍👩‍👧')).toBe(2) // one emoji sequence
    expect(textWidth('𝒜')).toBe(1) // one character in two UTF-16 units
    expect(textWidth('')).toBe(0)
  })
})

describe('cutting text to a width', () => {
  it('cuts names at the end with an ellipsis, never wider than asked, never inside a character', () => {
    expect(cutEnd('Greater Manchester Combined Authority', 12)).toBe('Greater Man…')
    expect(cutEnd('Short', 12)).toBe('Short')
    for (const s of SAMPLES) {
      for (let w = 1; w <= textWidth(s) + 1; w++) {
        const cut = cutEnd(s, w)
        expect(textWidth(cut), `${s} @${w}`).toBeLessThanOrEqual(w)
        expect(cut).not.toMatch(LONE_SURROGATE)
        if (cut !== s) {
          expect(cut.endsWith('…')).toBe(true)
          expect(s.startsWith(cut.slice(0, -1))).toBe(true)
        }
      }
    }
  })

  it('cuts paths in the middle, keeping whole folder names and the file name', () => {
    expect(cutMiddle('../shared/realdata/uk-oxford/oxford-2024-03.csv', 30)).toBe('../shared/…/oxford-2024-03.csv')
    const name = 'expenditure-over-500-apr-jun-2014.csv'
    const cut = cutMiddle(name, 21)
    expect(textWidth(cut)).toBe(21)
    expect(cut.endsWith('jun-2014.csv')).toBe(true)
    expect(name.startsWith(cut.slice(0, cut.indexOf('…')))).toBe(true)
    for (const s of SAMPLES) {
      for (let w = 1; w <= textWidth(s) + 1; w++) {
        const c = cutMiddle(s, w)
        expect(textWidth(c), `${s} @${w}`).toBeLessThanOrEqual(w)
        expect(c).not.toMatch(LONE_SURROGATE)
        if (c === s) continue
        const [head, tail] = c.split('…')
        expect(s.startsWith(head) && s.endsWith(tail)).toBe(true)
      }
    }
  })

  it('wraps at spaces into lines no wider than asked, losing nothing but spaces', () => {
    expect(wrapText('Greater Manchester Combined Authority', 18)).toEqual(['Greater Manchester', 'Combined Authority'])
    for (const s of SAMPLES) {
      for (let w = 2; w <= textWidth(s) + 1; w++) {
        const lines = wrapText(s, w)
        for (const l of lines) {
          expect(textWidth(l), `${s} @${w}: ${l}`).toBeLessThanOrEqual(w)
          expect(l).not.toMatch(LONE_SURROGATE)
        }
        expect(lines.join('').replace(/ /g, '')).toBe(s.replace(/ /g, ''))
      }
    }
  })

  it('cuts the last of at most maxLines lines when the text needs more', () => {
    const lines = wrapText('one two three four five six seven', 9, 2)
    expect(lines).toEqual(['one two', 'three fo…'])
    const path = wrapText('../shared/realdata/uk-oxford/oxford-2024-03.csv', 12, 2, 'middle')
    expect(path).toHaveLength(2)
    expect(path[1].endsWith('.csv')).toBe(true)
  })
})
