import {describe, expect, it} from 'vitest'
import {SpendInputError} from '../../src/errors.js'
import {parseIndexCsv, parseRatesCsv} from '../../src/io/read/rates.js'

function errorOf(fn: () => unknown): SpendInputError {
  try {
    fn()
  } catch (e) {
    if (e instanceof SpendInputError) return e
    throw e
  }
  throw new Error('expected a SpendInputError')
}

describe('parseRatesCsv', () => {
  it('reads date or month, currency and rate as exact text', () => {
    const text = '\uFEFFMonth,Currency,Rate\r\n2024-01,eur,0.8612\r\n\r\n2024-02-15,USD,0.79\r\n'
    expect(parseRatesCsv(text, 'fx.csv')).toEqual([
      {period: '2024-01', currency: 'EUR', rate: '0.8612'},
      {period: '2024-02-15', currency: 'USD', rate: '0.79'},
    ])
  })

  it('names the file and line of a bad value, and a missing column', () => {
    expect(() => parseRatesCsv('date,currency,rate\n2024-01,EUR,0,86\n', 'fx.csv')).toThrow(/Bad rate/)
    const err = errorOf(() => parseRatesCsv('date,currency,rate\n2024-01,EUR,1\n24/01/2024,EUR,1\n', 'fx.csv'))
    expect(err.oneLine()).toBe('fx.csv:3: Bad date "24/01/2024" (use YYYY-MM-DD or YYYY-MM)')
    expect(() => parseRatesCsv('when,currency,rate\n', 'fx.csv')).toThrow(/No date or month column/)
    expect(() => parseRatesCsv('', 'fx.csv')).toThrow(/empty/)
  })
})

describe('parseIndexCsv', () => {
  it('reads years or months with index values', () => {
    expect(parseIndexCsv('year,index\n2023,100\n2024,104.2\n')).toEqual([{period: '2023', value: '100'}, {period: '2024', value: '104.2'}])
    expect(parseIndexCsv('month,cpi\n2024-03,130.1\n')).toEqual([{period: '2024-03', value: '130.1'}])
    expect(() => parseIndexCsv('year,index\n2024,-1\n', 'cpi.csv')).toThrow(/Bad index/)
  })
})
