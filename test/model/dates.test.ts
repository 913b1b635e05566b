import {describe, expect, it} from 'vitest'
import {DateColumn, decideDateOrder, serialToIso, toIsoDate} from '../../src/model/dates.js'

const uk = {order: 'dmy' as const, why: 'UK convention'}
const us = {order: 'mdy' as const, why: 'US convention'}

describe('toIsoDate', () => {
  it.each([
    ['01/11/2010', 'dmy', '2010-11-01'],
    ['03-NOV-2010', 'dmy', '2010-11-03'],
    ['26-May-10', 'dmy', '2010-05-26'],
    ['03-Oct-13', 'dmy', '2013-10-03'],
    ['21 Mar  2012', 'dmy', '2012-03-21'],
    ['Mar 21, 2012', 'dmy', '2012-03-21'],
    ['9/21/2018', 'mdy', '2018-09-21'],
    ['9/4/2018 0:00', 'mdy', '2018-09-04'],
    ['9/4/2018 12:30 PM', 'mdy', '2018-09-04'],
    ['24.12.2023', 'mdy', '2023-12-24'],
    ['2024-04-02', 'dmy', '2024-04-02'],
    ['2024-04-02T10:11:12Z', 'dmy', '2024-04-02'],
    ['2024-04-02 00:00:00', 'mdy', '2024-04-02'],
    ['20240402', 'dmy', '2024-04-02'],
    ['15. mai 2023', 'dmy', '2023-05-15'],
    ['1 des 2023', 'dmy', '2023-12-01'],
    ['29/02/2024', 'dmy', '2024-02-29'],
    ['01/01/70', 'dmy', '1970-01-01'],
    ['01/01/69', 'dmy', '2069-01-01'],
    ['41274', 'serial', '2012-12-31'],
  ] as const)('reads %j (%s) as %s', (text, order, iso) => {
    expect(toIsoDate(text, order)).toBe(iso)
  })

  it('rejects 31/02/2024 as an impossible date, never rolling into March', () => {
    expect(toIsoDate('31/02/2024', 'dmy')).toBe(false)
    expect(toIsoDate('29/02/2023', 'dmy')).toBe(false)
    expect(toIsoDate('13/13/2024', 'dmy')).toBe(false)
  })

  it('gives no date (null) for a blank cell or a time alone', () => {
    expect(toIsoDate('', 'dmy')).toBeNull()
    expect(toIsoDate('  ', 'dmy')).toBeNull()
    expect(toIsoDate('00:00:00', 'dmy')).toBeNull()
  })

  it('rejects text that is not a date', () => {
    expect(toIsoDate('soon', 'dmy')).toBe(false)
    expect(toIsoDate('4th March, 2012', 'dmy')).toBe(false)
    expect(toIsoDate('41274', 'dmy')).toBe(false)
  })
})

describe('serialToIso', () => {
  it('maps Excel 1900-system serials without the 1900 leap-year bug', () => {
    expect(serialToIso(61)).toBe('1900-03-01')
    expect(serialToIso(25569)).toBe('1970-01-01')
    expect(serialToIso(45383)).toBe('2024-04-01')
    expect(serialToIso(60)).toBeNull()
  })
})

describe('decideDateOrder', () => {
  it('any first part > 12 means day-first', () => {
    const d = decideDateOrder(['01/11/2010', '30/11/2010'], us)
    expect(d.order).toBe('dmy')
    expect(d.reason).toMatch(/30\/11\/2010/)
  })
  it('any second part > 12 means month-first', () => {
    expect(decideDateOrder(['9/4/2018', '9/21/2018'], uk).order).toBe('mdy')
  })
  it('falls back to the convention and says so', () => {
    const d = decideDateOrder(['01/02/2020', '03/04/2020'], us)
    expect(d).toEqual({order: 'mdy', reason: 'no part above 12 in 2 sample dates; US convention', mixed: false})
  })
  it('names both when the sample contradicts itself', () => {
    const d = decideDateOrder(['13/01/2020', '01/13/2020'], uk)
    expect(d.mixed).toBe(true)
  })
  it('reads a whole column of integers as Excel serials', () => {
    expect(decideDateOrder(['41274', '41250', ''], uk).order).toBe('serial')
    expect(decideDateOrder(['41274', '01/01/2012'], uk).order).not.toBe('serial')
    expect(decideDateOrder(['2012', '2013'], uk).order).not.toBe('serial')
  })
  it('ISO and named months need no convention', () => {
    expect(decideDateOrder(['2024-04-02'], us).order).toBe('ymd')
    expect(decideDateOrder(['21 Mar  2012'], us).order).toBe('dmy')
  })
  it('quotes a value of the column that decided it, never a fixed example', () => {
    const named = decideDateOrder(['', ' 26-May-10 ', '03-NOV-2010'], uk)
    expect(named.reason).toBe('dates name the month (e.g. 26-May-10), so the order is not in doubt')
    expect(decideDateOrder(['2024-04-02T10:00:00', '2024-04-03'], us).reason).toBe('dates are year-first (ISO, e.g. 2024-04-02T10:00:00)')
    expect(decideDateOrder(['01.02.2023', '03.04.2023'], us).reason).toBe('dotted dates (DD.MM.YYYY, e.g. 01.02.2023) are day-first')
  })
})

describe('DateColumn', () => {
  it('caches results and keeps the error reason per value', () => {
    const col = new DateColumn('dmy')
    expect(col.parse('31/02/2024')).toBe(false)
    expect(col.parse('01/02/2024')).toBe('2024-02-01')
    expect(col.parse('31/02/2024')).toBe(false)
    expect(col.error).toBe('impossible date "31/02/2024"')
  })
})
