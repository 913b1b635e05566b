/** Singular and plural in every form of the standing sentence: '1 of 1 peer has', '2 of 3 peers have'. */
import {describe, expect, it} from 'vitest'
import {compareMeasure, singularVerb, standingSentence, type MeasureWords} from '../../../src/analysis/benchmark/stats.js'
import {compareMinor} from '../../../src/analysis/benchmark/stats-minor.js'
import {measureWords} from '../../../src/services/benchmark-compare.js'

const IT: MeasureWords = {label: 'IT services share', lower: 'spend a smaller share on IT services', higher: 'spend a larger share on IT services'}

describe('standing sentences agree in number', () => {
  it('one peer on the told side takes a singular verb, any other count a plural one', () => {
    expect(standingSentence({below: 1, equal: 0, above: 0}, IT)).toBe('1 of 1 peer spends a smaller share on IT services')
    expect(standingSentence({below: 0, equal: 0, above: 1}, IT)).toBe('1 of 1 peer spends a larger share on IT services')
    expect(standingSentence({below: 1, equal: 0, above: 2}, IT)).toBe('2 of 3 peers spend a larger share on IT services')
    expect(standingSentence({below: 2, equal: 1, above: 0}, IT)).toBe('2 of 3 peers spend a smaller share on IT services, 1 the same')
    expect(standingSentence({below: 1, equal: 1, above: 1}, IT)).toBe('1 of 3 peers spends a smaller share on IT services, 1 the same')
    expect(standingSentence({below: 0, equal: 2, above: 0}, IT)).toBe('0 of 2 peers spend a smaller share on IT services, 2 the same')
  })
  it('every measure\'s words: counts (fewer/more), other measures (lower/higher)', () => {
    const count = measureWords('Suppliers', 'count')
    const money = measureWords('Mean payment', 'money')
    expect(standingSentence({below: 1, equal: 0, above: 0}, count)).toBe('1 of 1 peer has fewer suppliers')
    expect(standingSentence({below: 0, equal: 0, above: 1}, count)).toBe('1 of 1 peer has more suppliers')
    expect(standingSentence({below: 2, equal: 0, above: 1}, count)).toBe('2 of 3 peers have fewer suppliers')
    expect(standingSentence({below: 1, equal: 0, above: 0}, money)).toBe('1 of 1 peer has a lower mean payment')
    expect(standingSentence({below: 0, equal: 0, above: 3}, money)).toBe('3 of 3 peers have a higher mean payment')
  })
  it('through compareMeasure and compareMinor', () => {
    expect(compareMeasure(0.5, [{buyer: 'A', value: 0.1}], IT).sentence).toBe('1 of 1 peer spends a smaller share on IT services')
    const words = measureWords('Total spend', 'money')
    expect(compareMinor(100n, [{buyer: 'A', value: 200n}], 'GBP', words).sentence).toBe('1 of 1 peer has a higher total spend')
    expect(compareMinor(100n, [{buyer: 'A', value: 200n}, {buyer: 'B', value: 300n}, {buyer: 'C', value: 50n}], 'GBP', words).sentence).toBe('2 of 3 peers have a higher total spend')
  })
  it('singularVerb', () => {
    expect(singularVerb('have fewer suppliers')).toBe('has fewer suppliers')
    expect(singularVerb('spend a larger share on works')).toBe('spends a larger share on works')
    expect(singularVerb('pay more')).toBe('pays more')
    expect(singularVerb('push')).toBe('pushes')
  })
})
