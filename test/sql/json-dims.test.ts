/**
 * A dimension's id and label in the JSON an engine's rows become
 * (src/sql/json-dims.ts): period numbers as the native labels, categories by
 * CPV label then modal text then code, buyers and suppliers by modal name.
 */
import {describe, expect, it} from 'vitest'
import {jsonDim, jsonDimId, jsonDimLabel} from '../../src/sql/json-dims.js'

const ctx = {categoryLabel: (code: string) => (code === '72000000' ? 'IT services' : null)}

describe('dimension ids and labels from engine rows', () => {
  it('gives period numbers their labels, fiscal years by both calendar years', () => {
    expect(jsonDimId('month', String(2024 * 12 + 2))).toBe('2024-03')
    expect(jsonDimId('year', '2024', 4)).toBe('2024-25')
    expect(jsonDimId('buyer', 'GB-X')).toBe('GB-X')
    expect(jsonDimId('quarter', null)).toBeNull()
  })

  it('labels categories by CPV label, else text, else code; names by modal text; others by id', () => {
    expect(jsonDimLabel('category', '72000000', 'Computer stuff', ctx)).toBe('IT services')
    expect(jsonDimLabel('category', '45000000', 'Works', ctx)).toBe('Works')
    expect(jsonDimLabel('category', 'Stationery', null, ctx)).toBe('Stationery')
    expect(jsonDimLabel('supplier', 'acme', 'ACME Ltd', ctx)).toBe('ACME Ltd')
    expect(jsonDimLabel('buyer', 'GB-X', null, ctx)).toBe('GB-X')
    expect(jsonDimLabel('unit', 'Parks', 'ignored', ctx)).toBe('Parks')
    expect(jsonDimLabel('supplier', null, 'ACME Ltd', ctx)).toBeNull()
  })

  it('reads both from a row\'s columns', () => {
    expect(jsonDim('supplier', {s: 'acme', sl: 'ACME Ltd'}, 's', 'sl', ctx)).toEqual({id: 'acme', label: 'ACME Ltd'})
  })
})
