import {describe, expect, it} from 'vitest'
import {cube, cubeToJson} from '../../src/analysis/cube.js'
import {deflate} from '../../src/analysis/deflate.js'
import {filterRows} from '../../src/analysis/filter.js'
import {convertCurrency} from '../../src/analysis/fx.js'
import {divRoundHalfEven, parseDecimal} from '../../src/analysis/rational.js'
import type {SpendFrame} from '../../src/model/frame.js'
import {frameOf} from '../helpers/analysis-records.js'

const amountsOf = (f: SpendFrame) => Array.from(f.columns.amount!.type === 'num' ? f.columns.amount!.values : [])

describe('exact rationals', () => {
  it('parses plain decimals exactly and rejects anything else', () => {
    expect(parseDecimal('1.2345')).toEqual({num: 12345n, den: 10000n})
    expect(parseDecimal('-.5')).toEqual({num: -5n, den: 10n})
    expect(parseDecimal('7')).toEqual({num: 7n, den: 1n})
    expect(parseDecimal('1e3')).toBeNull()
    expect(parseDecimal('1,5')).toBeNull()
    expect(parseDecimal('.')).toBeNull()
  })

  it('rounds half to even, for negatives too', () => {
    expect([5n, 7n, -5n, -7n, 3n, -3n].map((n) => divRoundHalfEven(n, 2n))).toEqual([2n, 4n, -2n, -4n, 2n, -2n])
    expect(divRoundHalfEven(10n, 3n)).toBe(3n)
    expect(divRoundHalfEven(-11n, 3n)).toBe(-4n)
    expect(divRoundHalfEven(5n, -2n)).toBe(-2n)
  })
})

describe('convertCurrency', () => {
  const f = frameOf(
    {amount: 10000, currency: 'EUR', date: '2024-01-15'},
    {amount: 333, currency: 'EUR', date: '2024-01-31'},
    {amount: 250, currency: 'GBP', date: '2024-02-01'},
    {amount: 1000, currency: 'JPY', date: '2024-02-10'},
  )
  const rates = [
    {period: '2024-01', currency: 'EUR', rate: '0.85'},
    {period: '2024-01-31', currency: 'EUR', rate: '0.5'},
    {period: '2024-02', currency: 'JPY', rate: '0.0053'},
  ]

  it('uses the day rate before the month rate, rounds half to even, and respects minor-unit exponents', () => {
    const {frame, note} = convertCurrency(f, {rates, to: 'gbp'})
    // 100.00 EUR * 0.85 = 85.00; 3.33 * 0.5 = 1.665 -> 1.66 (half even); 1000 JPY * 0.0053 = 5.30 GBP.
    expect(amountsOf(frame)).toEqual([8500, 166, 250, 530])
    expect(note).toEqual({to: 'GBP', from: ['EUR', 'JPY']})
    expect(cubeToJson(cube(frame, {by: []})).rows).toEqual([{currency: 'GBP', amount: '94.46', count: 4, share: 1, share_total: 1}])
  })

  it('lists missing currency/month pairs instead of skipping rows', () => {
    expect(() => convertCurrency(f, {rates: rates.slice(0, 2), to: 'GBP'})).toThrow('No GBP rate for JPY 2024-02')
    expect(() => convertCurrency(frameOf({currency: 'EUR', date: null}), {rates, to: 'GBP'})).toThrow(/EUR \(no date\)/)
  })

  it('converts only the selected rows when given a selection', () => {
    const {frame} = convertCurrency(f, {rates: [], to: 'GBP', selection: filterRows(f, {currency: 'GBP'})})
    expect(frame.length).toBe(1)
    expect(amountsOf(frame)).toEqual([250])
  })

  it('rejects bad rates and target codes', () => {
    expect(() => convertCurrency(f, {rates: [{period: '2024-01', currency: 'EUR', rate: 'x'}], to: 'GBP'})).toThrow(/Bad rate/)
    expect(() => convertCurrency(f, {rates, to: 'pounds'})).toThrow(/Not a currency code/)
  })
})

describe('deflate', () => {
  const f = frameOf({amount: 10000, date: '2023-06-01'}, {amount: 10000, date: '2024-06-01'}, {amount: -999, date: '2022-01-01'})

  it('restates in base-year prices exactly, rounding half to even', () => {
    const index = [{period: '2022', value: '90'}, {period: '2023', value: '100'}, {period: '2024', value: '104'}]
    // 100.00 * 104/100 = 104.00; unchanged in the base year; -9.99 * 104/90 = -11.544 -> -11.54.
    expect(amountsOf(deflate(f, {index, base: 2024}))).toEqual([10400, 10000, -1154])
  })

  it('uses the mean of 12 months as a base year with a monthly index', () => {
    const index = Array.from({length: 12}, (_, m) => ({period: `2024-${String(m + 1).padStart(2, '0')}`, value: m < 6 ? '100' : '110'}))
    const g = frameOf({amount: 10000, date: '2024-03-05'}, {amount: 10000, date: '2024-12-05'})
    expect(amountsOf(deflate(g, {index, base: '2024'}))).toEqual([10500, 9545])
  })

  it('lists periods with no index value and rejects mixed granularity', () => {
    expect(() => deflate(f, {index: [{period: '2024', value: '100'}], base: 2024})).toThrow('No price index for 2022, 2023')
    expect(() => deflate(f, {index: [{period: '2024', value: '1'}, {period: '2024-01', value: '1'}], base: 2024})).toThrow(/mixes/)
    expect(() => deflate(f, {index: [{period: '2024', value: '1'}], base: 2020})).toThrow(/base 2020/)
  })
})
