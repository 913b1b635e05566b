import {describe, expect, it} from 'vitest'
import {SpendInputError} from '../../../src/errors.js'
import {parseSizeFile} from '../../../src/io/read/size-file.js'
import {parsePeerGroups} from '../../../src/io/read/peer-group.js'

/** The SpendInputError a call throws (fails the test when it throws none). */
function errorOf(fn: () => unknown): SpendInputError {
  try {
    fn()
  } catch (error) {
    if (error instanceof SpendInputError) return error
    throw error
  }
  throw new Error('no error thrown')
}

describe('parseSizeFile', () => {
  it('keeps every named column, each value as exact text and as a number; empty cells are unknown', () => {
    const f = parseSizeFile('\uFEFFBuyer,Year,population,budget\nLeeds City Council,2024,812000,1520.50\nGB-LAS-OXO,2023-24,,+99\n\n', 'size.csv')
    expect(f.columns).toEqual(['population', 'budget'])
    expect(f.rows).toEqual([
      {line: 2, buyer: 'Leeds City Council', year: '2024', values: {population: {text: '812000', value: 812000}, budget: {text: '1520.50', value: 1520.5}}},
      {line: 3, buyer: 'GB-LAS-OXO', year: '2023-24', values: {budget: {text: '99', value: 99}}},
    ])
  })

  it('names file:line and the fix for bad values, years, blank buyers and repeated lines (exit 1)', () => {
    const cases: [string, string, RegExp][] = [
      ['buyer,year,population\nLeeds,2024,8 120\n', 'size.csv:2', /population "8 120" is not a plain number/],
      ['buyer,year,population\nLeeds,2024,1\nLeeds,24,2\n', 'size.csv:3', /not a year/],
      ['buyer,year,population\n,2024,1\n', 'size.csv:2', /buyer cell is empty/],
      ['buyer,year,population\nLeeds,2024,1\nleeds,2024,2\n', 'size.csv:3', /given twice \(first on line 2\)/],
    ]
    for (const [text, where, message] of cases) {
      const e = errorOf(() => parseSizeFile(text, 'size.csv'))
      expect(e.where, text).toBe(where)
      expect(e.message).toMatch(message)
      expect(e.exit).toBe(1)
      expect(e.oneLine()).not.toContain('\n')
    }
  })

  it('needs a buyer column, a year column and at least one size column', () => {
    expect(errorOf(() => parseSizeFile('year,population\n2024,1\n', 'size.csv')).message).toMatch(/no buyer column/)
    expect(errorOf(() => parseSizeFile('buyer,population\nLeeds,1\n', 'size.csv')).message).toMatch(/no year column/)
    expect(errorOf(() => parseSizeFile('buyer,year\nLeeds,2024\n', 'size.csv')).code).toBe('NO_SIZE_COLUMNS')
    expect(errorOf(() => parseSizeFile('\n\n', 'size.csv')).code).toBe('EMPTY_FILE')
  })
})

describe('parsePeerGroups', () => {
  it('reads buyer and group per line', () => {
    expect(parsePeerGroups('Buyer,Group\nLeeds,core cities\n"Oxford, City of",districts\n', 'g.csv')).toEqual([
      {line: 2, buyer: 'Leeds', group: 'core cities'},
      {line: 3, buyer: 'Oxford, City of', group: 'districts'},
    ])
  })

  it('names file:line for a blank group or a buyer given twice', () => {
    const blank = errorOf(() => parsePeerGroups('buyer,group\nLeeds,\n', 'g.csv'))
    expect([blank.where, blank.code]).toEqual(['g.csv:2', 'BAD_PEER_GROUP_LINE'])
    const twice = errorOf(() => parsePeerGroups('buyer,group\nLeeds,a\nLEEDS,b\n', 'g.csv'))
    expect(twice.where).toBe('g.csv:3')
    expect(twice.message).toMatch(/first on line 2/)
    expect(errorOf(() => parsePeerGroups('buyer,name2\nLeeds,a\n', 'g.csv')).message).toMatch(/no group column/)
  })
})
