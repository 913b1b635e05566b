import {describe, expect, it} from 'vitest'
import {shareJson, shareText} from '../../src/analysis/json.js'

describe('shareText', () => {
  it('prints what String(shareJson(x)) prints, across magnitudes, signs and edges', () => {
    let seed = 12345
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const xs: number[] = [0, -0, 1, -1, 0.5, 1e-6, 9.999995e-7, 1.0000004e-6, 0.1, 0.3, 2 / 3, 1 / 3, 0.9999995, 0.99999949, 12.3456789, 99999.5,
      1e5, 123456.7, 1e-7, 5e-324, NaN, Infinity, -Infinity, 0.001, 0.0010000001, 1000, 999.9995]
    for (let i = 0; i < 200_000; i++) {
      const mag = 10 ** (Math.floor(rnd() * 16) - 9)
      const x = (rnd() < 0.2 ? -1 : 1) * rnd() * mag
      xs.push(x)
      // Ratios of integers, as shares are.
      const a = Math.floor(rnd() * 1e9)
      const b = 1 + Math.floor(rnd() * 1e9)
      xs.push(a / b)
    }
    for (const x of xs) expect(shareText(x), String(x)).toBe(String(shareJson(x)))
  })

  it('rounds to six significant digits and drops trailing zeros', () => {
    expect(shareText(0.1234567)).toBe('0.123457')
    expect(shareText(0.25)).toBe('0.25')
    expect(shareText(-0.0000123456789)).toBe('-0.0000123457')
    expect(shareText(1)).toBe('1')
    expect(shareText(1e-7)).toBe('1e-7')
  })
})
