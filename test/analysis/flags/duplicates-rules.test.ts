import {describe, expect, it} from 'vitest'
import {canonicalNumber, sameDocument, similarNumbers} from '../../../src/analysis/flags/dup-numbers.js'
import {dayNumber} from '../../../src/analysis/flags/calendar.js'
import {recurringSchedule} from '../../../src/analysis/flags/dup-schedule.js'

describe('similar numbers', () => {
  it.each([
    ['INV1020', 'INV1020A'], ['102', 'I02'], ['102', '1020'], ['102', '0102'], ['INVO55', 'INV055'], ['ab12', 'AB12x'], ['S100', '5100'], ['l234', '1234'],
    ['INV1020', 'INV1002'], ['INV1020', 'INVX020'], ['12345', '1245'],
  ])('%s ~ %s', (a, b) => {
    expect(similarNumbers(a, b)).toBe(true)
    expect(similarNumbers(b, a)).toBe(true)
  })
  it.each([['INV1020', 'INV2051'], ['INV1020', 'INV1021'], ['5100482005', '5100482006'], ['102', '103'], ['102', '1025'], ['12', '21'], ['X', 'X'], ['46282689_13', '46282689_3'], ['INV100-2', 'INV100-12']])('%s !~ %s', (a, b) => {
    expect(similarNumbers(a, b)).toBe(false)
  })
  it('maps look-alike letters', () => expect(canonicalNumber('io s l')).toBe('1051'))
})

describe('recurring schedules', () => {
  const d = (iso: string) => dayNumber(iso)
  it('knows weekly, fortnightly, monthly (+-3 days) and quarterly series', () => {
    expect(recurringSchedule([0, 7, 14, 14], 3)).toBe('weekly')
    expect(recurringSchedule([0, 14, 28], 3)).toBe('fortnightly')
    expect(recurringSchedule(['2024-01-31', '2024-02-28', '2024-03-31', '2024-04-30'].map(d), 3)).toBe('monthly')
    expect(recurringSchedule(['2024-01-01', '2024-04-02', '2024-07-01'].map(d), 3)).toBe('quarterly')
  })
  it('needs the minimum of dates and regular gaps', () => {
    expect(recurringSchedule([0, 7], 3)).toBeNull()
    expect(recurringSchedule([0, 7, 9], 3)).toBeNull()
    expect(recurringSchedule([0, 30, 120], 3)).toBeNull()
  })
  it('reads dates as UTC day numbers', () => {
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2)
    expect(dayNumber('not a date')).toBeNaN()
  })
})

describe('sameDocument', () => {
  it('pairs lines of one document, not different documents', () => {
    expect(sameDocument('46282689_13', '46282689_3')).toBe(true)
    expect(sameDocument('46282689_3', '46282698_3')).toBe(false)
    expect(sameDocument('INV1020', 'INV1020A')).toBe(false)
  })
})
