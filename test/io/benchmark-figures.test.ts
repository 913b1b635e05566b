import {describe, expect, it} from 'vitest'
import {roundDecimal, shownFigure} from '../../src/io/write/benchmark-figures.js'

describe('roundDecimal', () => {
  it('rounds half to even and pads', () => {
    expect(roundDecimal('10.005', 2)).toBe('10.00')
    expect(roundDecimal('10.015', 2)).toBe('10.02')
    expect(roundDecimal('10.0051', 2)).toBe('10.01')
    expect(roundDecimal('7', 2)).toBe('7.00')
    expect(roundDecimal('-2.5', 0)).toBe('-2')
    expect(roundDecimal('-3.5', 0)).toBe('-4')
    expect(roundDecimal('-0.004', 2)).toBe('0.00')
    expect(roundDecimal('0.125', 2)).toBe('0.12')
  })

  it('agrees with exact integer rounding on many values', () => {
    for (let n = -2000; n <= 2000; n += 7) {
      // n thousandths to hundredths, by hand: ties to the even hundredth.
      const text = `${n < 0 ? '-' : ''}${Math.floor(Math.abs(n) / 1000)}.${String(Math.abs(n) % 1000).padStart(3, '0')}`
      const a = Math.abs(n)
      let q = Math.floor(a / 10)
      const r = a % 10
      if (r > 5 || (r === 5 && q % 2 === 1)) q += 1
      const want = `${n < 0 && q !== 0 ? '-' : ''}${Math.floor(q / 100)}.${String(q % 100).padStart(2, '0')}`
      expect(roundDecimal(text, 2)).toBe(want)
    }
  })
})

describe('shownFigure', () => {
  it('shows money to the currency decimals in thousands, HHI whole, shares as percentages', () => {
    expect(shownFigure('45431.32195', 'money', 'GBP')).toBe('45,431.32')
    expect(shownFigure('1234567', 'money', 'JPY')).toBe('1,234,567')
    expect(shownFigure('21.045678', 'money_per_unit', 'GBP')).toBe('21.0457')
    expect(shownFigure(514.958, 'hhi', 'GBP')).toBe('515')
    expect(shownFigure(0.3775, 'share', 'GBP')).toBe('37.75%')
    expect(shownFigure(1234, 'count', 'GBP')).toBe('1,234')
    expect(shownFigure(24.5, 'count', 'GBP')).toBe(24.5)
    expect(shownFigure(null, 'money', 'GBP')).toBeNull()
  })
})

describe('ShownCell', () => {
  it('shows people one text and writes files the exact figure', async () => {
    const {ShownCell, humanCell, rawCell} = await import('../../src/io/write/view.js')
    const {renderDelimited} = await import('../../src/io/write/delimited.js')
    const cell = new ShownCell('1,234.57', '1234.5650')
    expect(humanCell(cell, 'text')).toBe('1,234.57')
    expect(rawCell(cell)).toBe('1234.5650')
    expect(renderDelimited({columns: [{key: 'v', header: 'v'}], rows: [{v: cell}]}, ',')).toBe('v\n1234.5650\n')
  })
})
