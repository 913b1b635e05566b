import {describe, expect, it} from 'vitest'
import {formatMinor} from '../../src/model/money.js'

describe('formatMinor', () => {
  it('gives numbers the same exact text as bigints, in every exponent', () => {
    const values = [0, -0, 1, -1, 5, -5, 99, 100, -100, 123450, -123450, 2 ** 53 - 1, -(2 ** 53 - 1), 4e15, 987654321]
    for (let k = 0; k < 200; k++) values.push(Math.round((k * 7919.123) ** 2) * (k % 2 ? -1 : 1))
    for (const currency of ['GBP', 'JPY', 'KWD', 'PYG', 'NOK']) {
      for (const v of values) expect(formatMinor(v, currency), `${v} ${currency}`).toBe(formatMinor(BigInt(v), currency))
    }
    expect(formatMinor(-5, 'GBP')).toBe('-0.05')
    expect(formatMinor(123450, 'GBP')).toBe('1234.50')
  })
})
