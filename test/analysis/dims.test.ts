import {describe, expect, it} from 'vitest'
import {columnsFor} from '../../src/analysis/columns.js'
import {checkLevel, cpvAtLevel, cpvCode, dim, parseDims} from '../../src/analysis/dims.js'
import {periodBounds, periodLabel, periodOfMonth} from '../../src/analysis/period.js'
import {frameOf} from '../helpers/analysis-records.js'

describe('dimensions', () => {
  it('gives every row a key; rows with no value share the null key, last', () => {
    const d = dim(frameOf({unit: 'IT'}, {unit: null}, {unit: 'HR'}), 'unit')
    expect(Array.from(d.keys).map((k) => d.ids[k])).toEqual(['IT', null, 'HR'])
    expect(d.ids[d.size - 1]).toBeNull()
  })

  it('keys a supplier by supplier_key, else by its name', () => {
    const d = dim(frameOf({supplier: 'A Ltd', supplier_key: 'a'}, {supplier: 'A Ltd', supplier_key: ''}), 'supplier')
    expect(Array.from(d.keys).map((k) => d.ids[k])).toEqual(['a', 'A Ltd'])
  })

  it('labels a buyer id with its most frequent name', () => {
    const d = dim(frameOf({buyer_id: 'x', buyer: 'B'}, {buyer_id: 'x', buyer: 'A'}, {buyer_id: 'x', buyer: 'B'}), 'buyer')
    expect(d.labels[d.keys[0]]).toBe('B')
  })

  it('orders period keys chronologically and puts undated rows under the null key', () => {
    const d = dim(frameOf({date: '2024-11-01'}, {date: '2023-02-01'}, {date: null}), 'month')
    expect(d.ids).toEqual(['2023-02', '2024-11', null])
  })

  it('numbers fiscal years by their start year and labels them with both years', () => {
    const apr = 4
    expect(periodLabel(periodOfMonth(2024 * 12 + 2, 'year', apr), 'year', apr)).toBe('2023-24')
    expect(periodLabel(periodOfMonth(2024 * 12 + 3, 'quarter', apr), 'quarter', apr)).toBe('2024-25-Q1')
    expect(periodLabel(periodOfMonth(2023 * 12 + 9, 'quarter', 10), 'quarter', 10)).toBe('2023-24-Q1')
    expect(periodLabel(periodOfMonth(2024 * 12 + 8, 'quarter', 10), 'quarter', 10)).toBe('2023-24-Q4')
    expect(() => dim(frameOf({}), 'year', {fiscalYearStart: 13})).toThrow(/month 1-12/)
  })

  it('reads periods on the command line as first/last day', () => {
    expect(periodBounds('2024', 'x')).toEqual(['2024-01-01', '2024-12-31'])
    expect(periodBounds('2024-Q4', 'x')).toEqual(['2024-10-01', '2024-12-31'])
    expect(periodBounds('2024-02', 'x')).toEqual(['2024-02-01', '2024-02-29'])
    expect(periodBounds('2023-02', 'x')).toEqual(['2023-02-01', '2023-02-28'])
  })

  it('cuts CPV codes by level and ignores non-CPV codes', () => {
    expect(cpvCode('72212000-4')).toBe('72212000')
    expect(cpvCode('PC123')).toBeNull()
    expect(cpvAtLevel('72212000', 'group')).toBe('72200000')
    expect(cpvAtLevel('72212000', 'category')).toBe('72212000')
    const d = dim(frameOf({category_code: '72212000'}, {category_code: 'PC123'}), 'category', {level: 'class'})
    expect(d.ids).toEqual(['72210000', 'PC123', null])
  })
})

describe('flag helpers', () => {
  it('parses --by lists and --level, naming the bad value', () => {
    expect(parseDims('buyer, category')).toEqual(['buyer', 'category'])
    expect(() => parseDims('buyer,vendor')).toThrow(/Unknown dimension "vendor"/)
    expect(checkLevel('group')).toBe('group')
    expect(() => checkLevel('family')).toThrow(/Unknown category level/)
  })

  it('lists the columns a query needs', () => {
    expect(columnsFor(['supplier', 'month'], {buyer: 'x', excludeRedacted: true})).toEqual([
      'amount', 'currency', 'supplier_key', 'supplier', 'date', 'buyer_id', 'buyer', 'redacted',
    ])
  })
})

describe('dimension options', () => {
  it('rejects a bad level even when the caller did not validate it', () => {
    expect(() => dim(frameOf({}), 'category', {level: 'family' as never})).toThrow(/Unknown category level/)
  })
})
