import {describe, expect, it} from 'vitest'
import {filterRows} from '../../src/analysis/filter.js'
import {editDistance, nameWords, nearestNames} from '../../src/analysis/nearest.js'
import {profile} from '../../src/analysis/profile.js'
import {matchEntity, normaliseName, resolveEntity} from '../../src/analysis/resolve.js'
import {isSpendInputError} from '../../src/errors.js'
import {frameOf} from '../helpers/analysis-records.js'

const f = frameOf(
  {buyer: 'Oxford City Council', buyer_id: 'GB-OXO', supplier: 'J B LEADBITTER & CO LTD', supplier_key: 'j b leadbitter and'},
  {buyer: 'Oxford City Council', buyer_id: 'GB-OXO', supplier: 'Acme Ltd', supplier_key: 'acme', supplier_id: 'GB-COH-01234567'},
  {buyer: 'Trafford Council', buyer_id: 'GB-TRF', supplier: 'Acme Holdings', supplier_key: 'acme holdings'},
  {buyer: 'Oxfordshire County Council', buyer_id: 'GB-OXF', supplier: 'Beta Systems plc', supplier_key: 'beta systems'},
  {buyer: 'Trafford Council', buyer_id: 'GB-TRF', supplier: 'Acme Ltd', supplier_key: 'acme'},
)

const rowsOf = (opts: Parameters<typeof filterRows>[1]) => Array.from(filterRows(f, opts) ?? [])
/** The error a call throws, for its code and one line. */
const failure = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    if (isSpendInputError(error)) return {code: error.code, line: error.oneLine()}
    throw error
  }
  throw new Error('did not throw')
}

describe('one rule for names (matchEntity), in the filters and in profile', () => {
  it('tries an exact id, then an exact name (case and white space aside), then a unique substring', () => {
    const buyers = (q: string) => resolveEntity(f, 'buyer', q).id
    expect(buyers('GB-TRF')).toBe('GB-TRF')
    expect(buyers('gb-trf')).toBe('GB-TRF')
    expect(buyers('  OXFORD   city council ')).toBe('GB-OXO')
    // "Oxford City Council" is also a substring of no other buyer; "oxford city" is unique too.
    expect(buyers('oxford city')).toBe('GB-OXO')
    expect(buyers('trafford')).toBe('GB-TRF')
    // A substring in the middle, not only a prefix.
    expect(buyers('shire')).toBe('GB-OXF')
    expect(resolveEntity(f, 'supplier', 'leadbitter').id).toBe('j b leadbitter and')
    expect(resolveEntity(f, 'supplier', 'GB-COH-01234567').id).toBe('acme')
  })

  it('lets an exact name win over substrings of other names', () => {
    // "acme ltd" is a whole name; "acme" is the key of Acme Ltd and a substring of Acme Holdings.
    expect(resolveEntity(f, 'supplier', 'ACME LTD').id).toBe('acme')
    expect(resolveEntity(f, 'supplier', 'acme').id).toBe('acme')
  })

  it('gives the filters the same answers as profile', () => {
    for (const q of ['Oxford City', 'oxford city council', 'GB-OXO', 'shire', 'Trafford']) {
      const k = matchEntity(f, 'buyer', q)
      const byFilter = rowsOf({buyer: q})
      const byProfile = profile(f, {kind: 'buyer', query: q})
      expect(byFilter.length, q).toBe(byProfile.totals[0].count)
      expect(resolveEntity(f, 'buyer', q).key).toBe(k)
    }
    expect(rowsOf({buyer: 'Oxford City'})).toEqual([0, 1])
    expect(rowsOf({supplier: 'leadbitter'})).toEqual([0])
  })

  it('refuses an ambiguous name with one line listing candidates, in the filters as in profile', () => {
    const viaFilter = failure(() => filterRows(f, {buyer: 'Oxford'}))
    expect(viaFilter.code).toBe('AMBIGUOUS_NAME')
    expect(viaFilter.line).toBe('--buyer: "Oxford" matches 2 buyers: Oxford City Council (GB-OXO), Oxfordshire County Council (GB-OXF) (give the id or more of the name)')
    expect(failure(() => resolveEntity(f, 'buyer', 'Oxford')).line).toBe(viaFilter.line.replace('--buyer', 'buyer'))
    expect(failure(() => filterRows(f, {supplier: 'acme h', buyer: 'council'})).line).toMatch(/^--buyer: "council" matches 3 buyers/)
  })

  it('answers a name that matches nothing with the nearest names', () => {
    expect(failure(() => filterRows(f, {buyer: 'Oxfrd City Council'})).line).toBe(
      '--buyer: No buyer matches "Oxfrd City Council" (did you mean "Oxford City Council"?)',
    )
    expect(failure(() => filterRows(f, {supplier: 'Leadbiter Ltd'})).line).toBe(
      '--supplier: No supplier matches "Leadbiter Ltd" (did you mean "J B LEADBITTER & CO LTD"?)',
    )
    // An id with a typo is suggested from the ids.
    expect(failure(() => resolveEntity(f, 'supplier', 'GB-COH-0123457')).line).toMatch(/did you mean "GB-COH-01234567"\?/)
    const none = failure(() => filterRows(f, {supplier: 'Zzzyx'}))
    expect(none).toEqual({code: 'UNKNOWN_NAME', line: '--supplier: No supplier matches "Zzzyx" (check the spelling or the ID)'})
  })

  it('refuses a blank name', () => {
    expect(failure(() => resolveEntity(f, 'buyer', '  ')).code).toBe('EMPTY_NAME')
  })
})

describe('nearestNames', () => {
  const names = ['Trafford Council', 'Oxford City Council', 'Oxfordshire County Council', 'OXFORD CITY COUNCIL', 'Oxford Bus Company']

  it('ranks by distance, then whole-name distance, then code-unit order, each spelling once', () => {
    expect(nearestNames(names, 'Oxfrd City Council')).toEqual(['OXFORD CITY COUNCIL'])
    expect(nearestNames(names, 'oxfrd')).toEqual(['OXFORD CITY COUNCIL', 'Oxford Bus Company'])
    expect(nearestNames([...names].reverse(), 'oxfrd')).toEqual(nearestNames(names, 'oxfrd'))
    expect(nearestNames(names, 'oxfrd', 1)).toEqual(['OXFORD CITY COUNCIL'])
  })

  it('suggests nothing far away', () => {
    expect(nearestNames(names, 'Zzzyx')).toEqual([])
    expect(nearestNames(names, '  ')).toEqual([])
  })

  it('measures words and distances', () => {
    expect(nameWords('J B LEADBITTER & CO LTD')).toEqual(['j', 'b', 'leadbitter', 'co', 'ltd'])
    expect(editDistance('oxfrod', 'oxford')).toBe(1)
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('kitten', 'sitting', 1)).toBe(2)
    expect(editDistance('', 'abc')).toBe(3)
    expect(normaliseName('  Oxford \t CITY  Council ')).toBe('oxford city council')
  })
})
