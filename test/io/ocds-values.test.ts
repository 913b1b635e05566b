/** Exact money, date ordering, identifiers and OCDS merging used by the OCDS reader. */
import {describe, expect, it} from 'vitest'
import {compileReleases, recordRelease} from '../../src/io/read/ocds/compile.js'
import {splitMinor} from '../../src/io/read/ocds/emit.js'
import {categoryOf} from '../../src/io/read/ocds/extract.js'
import {Interner, orgId} from '../../src/io/read/ocds/ids.js'
import {slug} from '../../src/model/supplier.js'
import {parseLine} from '../../src/io/read/ocds/json-stream.js'
import {RawNumber, amountText, datePart, decimalToMinor, instant} from '../../src/io/read/ocds/values.js'

describe('decimalToMinor converts decimal text exactly, never rounding', () => {
  it.each([
    ['1234.5', 2, 123450], ['67885450.0', 0, 67885450], ['6.7885450e7', 0, 67885450], ['-0.05', 2, -5],
    ['1.5e3', 2, 150000], ['0.001', 3, 1], ['80000000000000.07', 2, 8000000000000007], ['-0', 2, 0],
  ] as const)('%s with %i decimals is %i', (text, exp, minor) => expect(decimalToMinor(text, exp)).toBe(minor))

  it.each([
    ['0.005', 2, 'too-many-decimals'], ['12.5', 0, 'too-many-decimals'], ['1,234.00', 2, 'not-a-number'],
    ['', 2, 'not-a-number'], ['.', 2, 'not-a-number'], ['1e400', 2, 'not-a-number'], ['90071992547409.92', 2, 'too-large'],
  ] as const)('%s with %i decimals is %s', (text, exp, problem) => expect(decimalToMinor(text, exp)).toBe(problem))

  it('reads amounts as written: raw numbers, doubles by their shortest string, trimmed strings', () => {
    expect(amountText(new RawNumber('1.10'))).toBe('1.10')
    expect(amountText(1047.29)).toBe('1047.29')
    expect(amountText(' 250.50 ')).toBe('250.50')
    expect(amountText(null)).toBeNull()
  })

  it('splitMinor parts add up to the whole, remainder to the first part', () => {
    expect(splitMinor(100, 3)).toEqual([34, 33, 33])
    expect(splitMinor(-5, 2)).toEqual([-3, -2])
    expect(splitMinor(7, 1)).toEqual([7])
    for (const [t, n] of [[1, 7], [999999999, 4], [-10, 3]]) expect(splitMinor(t, n).reduce((a, b) => a + b, 0)).toBe(t)
  })
})

describe('dates', () => {
  it('orders timestamps by instant, reading offset-less ones as UTC whatever the TZ', () => {
    expect(instant('2018-01-11T17:29:09+04:00')).toBe(Date.UTC(2018, 0, 11, 13, 29, 9))
    expect(instant('2024-02-01T01:00:00+05:00')).toBeLessThan(instant('2024-01-31T21:00:00Z'))
    expect(instant('2024-01-01T00:00:00')).toBe(Date.UTC(2024, 0, 1))
    expect(instant('2017-10-04T00:53:19.177Z')).toBe(Date.UTC(2017, 9, 4, 0, 53, 19, 177))
    expect(instant('not a date')).toBe(Number.NEGATIVE_INFINITY)
  })

  it('takes the date part as written, without time-zone conversion', () => {
    expect(datePart('2016-03-31T23:23:12-04:00')).toBe('2016-03-31')
    expect(datePart('2016-13-01')).toBeNull()
    expect(datePart(null)).toBeNull()
  })
})

describe('identifiers and categories', () => {
  it('builds org-id.guide identifiers and refuses to guess', () => {
    expect(orgId({scheme: 'AM-TIN', id: '02629081'})).toBe('AM-TIN-02629081')
    expect(orgId({scheme: 'gb-coh', id: '01234567'})).toBe('GB-COH-01234567')
    expect(orgId({scheme: 'GB-COH', id: 'GB-COH-01234567'})).toBe('GB-COH-01234567')
    expect(orgId({scheme: 'Registro Único de Contribuyente emitido por el Ministerio de Hacienda del Gobierno de Paraguay', id: '80002756-6'}))
      .toBe('PY-RUC-80002756-6')
    expect(orgId({scheme: 'MK-009KDH999', id: 'GACM'})).toBeNull()
    expect(orgId({scheme: '', id: ''})).toBeNull()
  })

  it('slugs keep non-Latin letters and drop accents', () => {
    expect(slug('Ministerio de Salud Pública (MSPBS)')).toBe('ministerio-de-salud-publica-mspbs')
    expect(slug('ՀՀ ֆինանսների նախարարություն')).toBe('հհ-ֆինանսների-նախարարություն')
  })

  it('takes the first classified item: cpv lower-cased without check digit, sentences as publisher', () => {
    const s = new Interner()
    expect(categoryOf([{id: '1'}, {classification: {scheme: 'CPV', id: '32420000-3', description: 'Network equipment'}}], s))
      .toEqual(['cpv', '32420000', 'Network equipment'])
    expect(categoryOf([{description: 'Edificio', classification: {scheme: 'EDIFICACION NO HABITACIONAL', id: '6220'}}], s))
      .toEqual(['publisher', '6220', 'Edificio'])
    expect(categoryOf([{classification: {scheme: 'UNSPSC', id: '43211503'}}], s)).toEqual(['unspsc', '43211503', null])
  })
})

describe('compiling records', () => {
  it('merges releases oldest first, arrays of objects by id, null removes a field', () => {
    const out = compileReleases([
      {ocid: 'o', date: '2020-02-01', awards: [{id: 'a', status: 'active', title: null}], tag: ['awardUpdate']},
      {ocid: 'o', date: '2020-01-01', awards: [{id: 'a', value: {amount: 1}, title: 'T'}, {id: 'b'}], tag: ['award']},
    ])
    expect(out).toEqual({ocid: 'o', date: '2020-02-01', tag: ['compiled'], awards: [{id: 'a', value: {amount: 1}, status: 'active'}, {id: 'b'}]})
  })

  it('prefers compiledRelease and says when only linked releases exist', () => {
    expect(recordRelease({ocid: 'o', compiledRelease: {id: 'c'}, releases: [{ocid: 'o', awards: []}]}))
      .toEqual({release: {id: 'c', ocid: 'o'}, how: 'compiledRelease'})
    expect(recordRelease({ocid: 'o', releases: [{url: 'https://x', date: '2020-01-01', tag: ['tender']}]}).how).toBe('linked-only')
  })
})

describe('parseLine', () => {
  it('uses the exact parser when a number is too long for a double', () => {
    expect((parseLine('{"v": {"amount": 80000000000000.07}}') as any).v.amount).toEqual(new RawNumber('80000000000000.07'))
    expect((parseLine('{"v": {"amount": 12.5}}') as any).v.amount).toBe(12.5)
  })
})
