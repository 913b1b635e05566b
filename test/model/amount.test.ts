import {describe, expect, it} from 'vitest'
import {parseAmount, sniffDecimal} from '../../src/model/amount.js'

const dot = {decimal: '.' as const, exponent: 2}
const comma = {decimal: ',' as const, exponent: 2}
const ok = (value: number) => ({ok: true, value})

describe('parseAmount', () => {
  it.each([
    ['£1,234.50', 123450],
    ['"1,673,907.50"'.slice(1, -1), 167390750],
    ['(600.00)', -60000],
    ['(1,015.00)', -101500],
    ['-7,905.00', -790500],
    [' 61,310.33 ', 6131033],
    ['108,406', 10840600],
    ['100911.34', 10091134],
    ['25000', 2500000],
    ['123-', -12300],
    ['1234.5', 123450],
    ['1.2e3', 120000],
    ['1.5E-1', 15],
    ['£36,601.25', 3660125],
    ['-£12.00', -1200],
    ['£-12.00', -1200],
    ['$ 5,170.57', 517057],
    ['12.500', 1250],
    ['0', 0],
    ['-0.00', 0],
    ['−3.10', -310],
  ])('reads %j with "." decimals as %i', (text, minor) => {
    expect(parseAmount(text, dot)).toEqual(ok(minor))
  })

  it.each([
    ['1 234,50', 123450],
    ['1.234,50', 123450],
    ['kr 1 234,50', 123450],
    ['NOK 5 000', 500000],
    ['1\u00a0234,50', 123450],
    ['1\u2009234,50', 123450],
    ['1\u202f234,50 kr', 123450],
    ['(1 234,50)', -123450],
    ['kr. 99,9', 9990],
  ])('reads %j with "," decimals as %i', (text, minor) => {
    expect(parseAmount(text, comma)).toEqual(ok(minor))
  })

  it('reads (600.00) as -60000', () => {
    expect(parseAmount('(600.00)', dot)).toEqual(ok(-60000))
  })

  it('uses the currency exponent: PYG has no minor unit, KWD has three', () => {
    expect(parseAmount('67,885,450', {decimal: '.', exponent: 0})).toEqual(ok(67885450))
    expect(parseAmount('1.234', {decimal: '.', exponent: 3})).toEqual(ok(1234))
  })

  it('rejects more decimals than the currency allows unless the extra digits are zero', () => {
    expect(parseAmount('1.005', dot).ok).toBe(false)
    expect(parseAmount('1.000', dot)).toEqual(ok(100))
    const r = parseAmount('0.001', dot)
    expect(r.ok === false && r.reason).toMatch(/more decimals/)
  })

  it('rejects absurd amounts beyond 1e13 major units', () => {
    const r = parseAmount('99999999999999', dot)
    expect(r.ok === false && r.reason).toBe('amount too large')
    expect(parseAmount('1e20', dot).ok).toBe(false)
    expect(parseAmount('10000000000000', dot)).toEqual(ok(1e15))
  })

  it.each(['', '   ', 'NA', 'NIL', 'abc', '1,2,3', '12,34.5', '1.2.3', '--5', '(5', '1e', '£', 'twelve'])('rejects %j', (text) => {
    expect(parseAmount(text, dot).ok).toBe(false)
  })

  it('never goes through a float: 0.1 + 0.2 style values stay exact', () => {
    expect(parseAmount('0.10', dot)).toEqual(ok(10))
    expect(parseAmount('9007199254.74', dot)).toEqual(ok(900719925474))
  })
})

describe('sniffDecimal', () => {
  it('decides per column: 108,406 among 1,234.50 values is a thousands comma', () => {
    expect(sniffDecimal(['1,234.50', '108,406', '12.00'], ',').decimal).toBe('.')
  })
  it('sees decimal commas in Norwegian values', () => {
    expect(sniffDecimal(['1 234,50', '99,9', '5 000'], '.').decimal).toBe(',')
  })
  it('reads 1.234.567 as dot grouping', () => {
    expect(sniffDecimal(['1.234.567'], '.').decimal).toBe(',')
  })
  it('keeps the convention when every value is ambiguous', () => {
    const d = sniffDecimal(['108,406', '25000'], '.')
    expect(d.decimal).toBe('.')
    expect(d.reason).toMatch(/convention/)
  })
})
