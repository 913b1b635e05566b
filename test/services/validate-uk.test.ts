/**
 * The UK validators on one small fixture per problem kind: each problem found
 * at its physical line and 1-based column, with its severity; the clean file
 * of each standard passes with no errors and no warnings.
 */
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {checkAmount, dateFormat, isTotalLabel, supplierIdScheme} from '../../src/services/validate/uk/cells.js'
import {validateUk} from '../../src/services/validate/uk/index.js'
import {ROOT} from '../helpers/cli.js'

const UK = (name: string) => join(ROOT, 'test', 'fixtures', 'validate', 'uk', name)

/** Each problem as [line, column, severity, code]. */
async function found(name: string, standard: 'uk-25k' | 'uk-lga'): Promise<[number | null, number | null, string, string][]> {
  const out = await validateUk(UK(name), standard)
  return out.problems.map((p) => [p.line, p.column, p.severity, p.code])
}

describe('validateUk: clean files', () => {
  it.each([['clean-25k.csv', 'uk-25k', 3], ['clean-lga.csv', 'uk-lga', 4]] as const)('%s passes %s with no problems', async (name, standard, rows) => {
    const out = await validateUk(UK(name), standard)
    expect(out.problems).toEqual([])
    expect(out.rows).toBe(rows)
    expect(out.guidance.version).not.toBe('')
  })
})

describe('validateUk: one problem kind per fixture', () => {
  it.each([
    ['missing-column.csv', 'uk-25k', [[1, null, 'error', 'missing-column']]],
    ['mixed-dates.csv', 'uk-25k', [[4, 3, 'warning', 'mixed-date-formats']]],
    ['bad-date.csv', 'uk-25k', [[3, 3, 'error', 'date-unparseable']]],
    ['amount-text.csv', 'uk-25k', [[2, 8, 'warning', 'amount-not-plain'], [3, 8, 'error', 'amount-unparseable']]],
    ['total-label.csv', 'uk-25k', [[5, 1, 'error', 'total-row']]],
    ['total-sum.csv', 'uk-25k', [[5, 8, 'error', 'total-row']]],
    ['blank-rows.csv', 'uk-25k', [[3, null, 'warning', 'blank-row']]],
    ['below-threshold.csv', 'uk-25k', [[3, 8, 'warning', 'below-threshold']]],
    ['below-threshold-lga.csv', 'uk-lga', [[3, 7, 'warning', 'below-threshold']]],
    ['vat-invalid.csv', 'uk-25k', [[2, 10, 'warning', 'supplier-id-unknown-scheme']]],
    ['title-rows.csv', 'uk-25k', [[3, null, 'warning', 'header-not-first']]],
    ['supplier-id.csv', 'uk-lga', [[3, 5, 'warning', 'supplier-id-unknown-scheme']]],
    ['redaction.csv', 'uk-lga', [[4, 4, 'warning', 'redaction-inconsistent'], [5, 4, 'warning', 'redaction-inconsistent']]],
  ] as const)('%s against %s', async (name, standard, expected) => {
    expect(await found(name, standard)).toEqual(expected)
  })

  it('a required column missing under the other standard is an error too; recommended ones are warnings', async () => {
    const got = await found('clean-lga.csv', 'uk-25k')
    expect(got.filter((p) => p[2] === 'error').map((p) => p[3])).toContain('missing-column')
    const lga = await validateUk(UK('clean-25k.csv'), 'uk-lga')
    const missing = lga.problems.filter((p) => p.code.startsWith('missing-')).map((p) => [p.severity, p.field])
    expect(missing).toContainEqual(['error', 'Irrecoverable VAT amount'])
    expect(missing.every(([s, f]) => (f === 'Irrecoverable VAT amount' ? s === 'error' : true))).toBe(true)
  })

  it('messages say what to fix, and the blank-row run counts its lines', async () => {
    const out = await validateUk(UK('blank-rows.csv'), 'uk-25k')
    expect(out.problems[0]?.message).toMatch(/2 blank rows \(lines 3 to 4\)/)
    const red = await validateUk(UK('redaction.csv'), 'uk-lga')
    expect(red.problems.map((p) => p.fix)).toEqual(['mark every redaction the same way: "REDACTED"', 'mark every redaction the same way: "REDACTED"'])
    for (const p of [...out.problems, ...red.problems]) expect(p.fix.length).toBeGreaterThan(5)
  })

  it('JSON is refused with one error naming --standard ocds', async () => {
    await expect(validateUk(join(ROOT, 'test', 'fixtures', 'validate', 'ocds', 'clean.json'), 'uk-25k')).rejects.toThrow(/JSON/)
  })
})

describe('the cell checks', () => {
  it('amounts: plain, with stray characters, unreadable', () => {
    expect(checkAmount('25000.10')).toEqual({kind: 'ok', minor: 2500010, plain: true})
    expect(checkAmount('£1,234.50')).toEqual({kind: 'ok', minor: 123450, plain: false})
    expect(checkAmount('abc').kind).toBe('bad')
    expect(checkAmount(' ').kind).toBe('missing')
  })
  it('date formats, total labels and supplier id schemes', () => {
    expect(dateFormat('03-NOV-2010')).toBe('99-Mon-9999')
    expect(dateFormat('01/11/2010')).toBe('99/99/9999')
    expect(isTotalLabel('Grand Total')).toBe(true)
    expect(isTotalLabel('Total Gas & Power Ltd')).toBe(false)
    expect(supplierIdScheme('GB-COH-01234567')).not.toBeNull()
    expect(supplierIdScheme('812311285')).toBe('VAT number')
    expect(supplierIdScheme('SC038262')).not.toBeNull()
    expect(supplierIdScheme('V0042')).toBeNull()
    expect(supplierIdScheme('NA')).toBeNull()
  })
})
