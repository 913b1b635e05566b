import {afterEach, describe, expect, it, vi} from 'vitest'
import {applyRules, exactText, ruleColumns} from '../../../src/analysis/classify/apply.js'
import {coverage} from '../../../src/analysis/classify/coverage.js'
import {suggestRules} from '../../../src/analysis/classify/suggest.js'
import {dictValue, type DictColumn, type SpendFrame} from '../../../src/model/frame.js'
import type {Rule} from '../../../src/model/rules.js'
import {frameOf} from '../../helpers/analysis-records.js'

const labels = new Map([['30192700', 'Stationery'], ['45000000', 'Construction work'], ['90500000', 'Refuse services'], ['72000000', 'IT services']])

let line = 1
function rule(partial: Partial<Rule>): Rule {
  line++
  return {at: `r.csv:${line}`, buyer: null, field: 'expense_type', scheme: null, match: 'exact', pattern: 'x', cpv: '30192700', note: '', ...partial}
}

/** The four classified cells of every row. */
function cells(frame: SpendFrame): (string | null)[][] {
  const col = (k: 'category_scheme' | 'category_code' | 'category' | 'classified_by') => frame.columns[k] as DictColumn
  return Array.from({length: frame.length}, (_, i) => (['category_scheme', 'category_code', 'category', 'classified_by'] as const).map((k) => dictValue(col(k), i)))
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('applyRules', () => {
  it('keeps CPV codes from the data, classifies by the first matching rule, and leaves the rest null in all four', () => {
    const f = frameOf(
      {category_scheme: 'CPV', category_code: '72000000-5', category: 'own text', expense_type: 'Stationery'},
      {expense_type: '  STATIONERY  '},
      {expense_type: 'Building works'},
      {category_scheme: 'ProClass', category_code: '150000', category: 'Waste'},
      {expense_type: 'Unknown', category_scheme: 'ProClass', category_code: '999', category: 'Other'},
    )
    const a = rule({pattern: 'stationery'})
    const b = rule({match: 'regex', pattern: 'build|works', cpv: '45000000'})
    const c = rule({match: 'regex', pattern: 'work', cpv: '72000000'})
    const d = rule({field: 'category_code', scheme: 'proclass', pattern: '150000', cpv: '90500000'})
    expect(cells(applyRules(f, {rules: [a, b, c, d]}, labels))).toEqual([
      ['CPV', '72000000', 'IT services', 'data'],
      ['CPV', '30192700', 'Stationery', a.at],
      ['CPV', '45000000', 'Construction work', b.at],
      ['CPV', '90500000', 'Refuse services', d.at],
      [null, null, null, null],
    ])
  })

  it("tries a buyer's own rules first (by id or name), then the global ones, each in file order", () => {
    const f = frameOf({buyer: 'Oxford City Council', expense_type: 'Fees'}, {buyer: 'Leeds', expense_type: 'Fees'}, {buyer: 'Bath', buyer_id: 'GB-BATH', expense_type: 'Fees'})
    const global = rule({pattern: 'fees', cpv: '30192700'})
    const oxford = rule({buyer: 'oxford  city council', pattern: 'fees', cpv: '45000000'})
    const bath = rule({buyer: 'GB-BATH', pattern: 'fees', cpv: '90500000'})
    expect(cells(applyRules(f, {rules: [global, oxford, bath]}, labels)).map((c) => c[3])).toEqual([oxford.at, global.at, bath.at])
  })

  it('compares exact rules case-folded with white space collapsed, accents kept; regexes case-insensitive and Unicode', () => {
    expect(exactText('  Café\tCRÈME ')).toBe('café crème')
    const f = frameOf({expense_type: 'CAFÉ  Crème'}, {expense_type: 'Cafe Creme'}, {expense_type: 'ÆRØ reise'})
    const exact = rule({pattern: 'café crème'})
    const re = rule({match: 'regex', pattern: '^ærø\\s', cpv: '45000000'})
    expect(cells(applyRules(f, {rules: [exact, re]}, labels)).map((c) => c[3])).toEqual([exact.at, null, re.at])
  })

  it('checks a code rule\'s scheme, and tests unit and description when rules name them', () => {
    const f = frameOf(
      {category_scheme: 'NAICS', category_code: '150000'},
      {unit: 'Highways'},
      {description: 'Printer paper A4'},
    )
    const code = rule({field: 'category_code', scheme: 'ProClass', pattern: '150000'})
    const unit = rule({field: 'unit', pattern: 'highways', cpv: '45000000'})
    const desc = rule({field: 'description', match: 'regex', pattern: 'paper', cpv: '30192700'})
    expect(cells(applyRules(f, {rules: [code, unit, desc]}, labels)).map((c) => c[3])).toEqual([null, unit.at, desc.at])
    expect(ruleColumns({rules: [code]})).not.toContain('description')
    expect(ruleColumns({rules: [unit, desc]})).toEqual(expect.arrayContaining(['unit', 'description']))
  })

  it('keeps a data code missing from the label list with its own text', () => {
    const f = frameOf({category_scheme: 'CPV', category_code: '12345678', category: 'As published'})
    expect(cells(applyRules(f, {rules: []}, labels))).toEqual([['CPV', '12345678', 'As published', 'data']])
  })

  it('runs each rule once per dictionary entry, never once per row', () => {
    const types = ['Stationery', 'Building works', 'Fees', 'Travel']
    const n = 20_000
    const f = frameOf(...Array.from({length: n}, (_, i) => ({expense_type: types[i % types.length], unit: `U${i % 7}`, buyer: `B${i % 3}`})))
    const rules = [rule({match: 'regex', pattern: 'works', cpv: '45000000'}), rule({match: 'regex', field: 'unit', pattern: 'U[12]'}), rule({buyer: 'B1', match: 'regex', pattern: 'fee'})]
    const test = vi.spyOn(RegExp.prototype, 'test')
    const out = applyRules(f, {rules}, labels)
    const dictionaryEntries = types.length + 7 + 3
    expect(test.mock.calls.length).toBeLessThanOrEqual(dictionaryEntries * rules.length)
    // The result per row equals what the rules say row by row.
    const by = out.columns.classified_by as DictColumn
    for (let i = 0; i < 50; i++) {
      const t = types[i % types.length]
      const want = /works/i.test(t) ? rules[0].at : i % 3 === 1 && /fee/i.test(t) ? rules[2].at : /U[12]/.test(`U${i % 7}`) ? rules[1].at : null
      expect(dictValue(by, i)).toBe(want)
    }
  })
})

describe('coverage and suggestRules', () => {
  const f = applyRules(frameOf(
    {buyer: 'A', expense_type: 'Stationery', amount: 300},
    {buyer: 'A', expense_type: 'Fees', amount: 100},
    {buyer: 'B', expense_type: 'Fees', amount: 50},
    {buyer: 'B', category_scheme: 'ProClass', category_code: '77', amount: 70},
    {buyer: 'B', expense_type: 'Fees', amount: 25, currency: 'EUR'},
  ), {rules: [rule({pattern: 'stationery'})]}, labels)

  it('counts rows and spend classified per buyer and currency, with totals per currency', () => {
    const cov = coverage(f, null)
    expect(cov.rows.map((r) => [r.buyer, r.currency, r.rows, r.rows_classified, r.amount, r.amount_classified, r.share_rows])).toEqual([
      ['A', 'GBP', 2, 1, 400n, 300n, 0.5],
      ['B', 'EUR', 1, 0, 25n, 0n, 0],
      ['B', 'GBP', 2, 0, 120n, 0n, 0],
    ])
    const gbp = cov.totals.find((t) => t.currency === 'GBP')!
    expect([gbp.rows, gbp.amount, gbp.amount_classified]).toEqual([4, 520n, 300n])
    expect(gbp.share_amount).toBeCloseTo(300 / 520, 10)
  })

  it('lists the unclassified texts by spend per currency, a code where there is no expense type', () => {
    const published = frameOf(
      {buyer: 'A', expense_type: 'Stationery', amount: 300},
      {buyer: 'A', expense_type: 'Fees', amount: 100},
      {buyer: 'B', expense_type: 'Fees', amount: 50},
      {buyer: 'B', category_scheme: 'ProClass', category_code: '77', amount: 70},
      {buyer: 'B', expense_type: 'Fees', amount: 25, currency: 'EUR'},
    )
    const rows = suggestRules(published, f.columns.classified_by as DictColumn, null, 10)
    expect(rows.map((r) => [r.currency, r.field, r.scheme, r.value, r.amount, r.rows, r.buyers])).toEqual([
      ['EUR', 'expense_type', null, 'Fees', 25n, 1, 1],
      ['GBP', 'expense_type', null, 'Fees', 150n, 2, 2],
      ['GBP', 'category_code', 'ProClass', '77', 70n, 1, 1],
    ])
    expect(suggestRules(published, f.columns.classified_by as DictColumn, null, 1).map((r) => r.value)).toEqual(['Fees', 'Fees'])
  })
})
