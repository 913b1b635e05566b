import {describe, expect, it} from 'vitest'
import {cube, cubeTable, cubeToJson, type CubeOptions} from '../../src/analysis/cube.js'
import {cubeOutput, cubeViews} from '../../src/io/write/cube-report.js'
import {renderDelimited} from '../../src/io/write/delimited.js'
import {frameOf} from '../helpers/analysis-records.js'

// Awkward cells (quotes, delimiters, line breaks, formula starts), missing
// values, refunds (negative shares in exponent form), a zero-decimal currency
// and totals past 2^53 (BigInt amounts).
const f = frameOf(
  {buyer: '=HYPERLINK("x")', supplier: 'Comma, Ltd', amount: 100_000_000_000, category_code: '45000000', category: 'Works'},
  {buyer: 'Refund', supplier: 'Tab\there', amount: -1, category_code: null},
  {buyer: '-Minus', buyer_id: '+id', supplier: 'Line\nbreak', amount: 250, category_code: '72000000', category: 'IT "services"'},
  {buyer: '@At', supplier: 'Quote "q"', amount: 7, currency: 'JPY'},
  {buyer: '@At', supplier: 'Other', amount: -7, currency: 'JPY'},
  {buyer: 'Big', supplier: 'B1', amount: 2 ** 52, currency: 'EUR'},
  {buyer: 'Big', supplier: 'B1', amount: 2 ** 52 + 1, currency: 'EUR'},
  {buyer: 'Big', supplier: 'B2', amount: 2 ** 52 - 3, currency: 'EUR'},
  {buyer: 'Big', supplier: 'B3', amount: 3, currency: 'EUR'},
  {buyer: 'Small', supplier: 'B3', amount: 5, currency: 'EUR'},
  {buyer: 'Café Ø', supplier: 'Zürich €', amount: 12, currency: 'EUR'},
)

const cases: CubeOptions[] = [
  {by: ['buyer', 'supplier']},
  {by: ['buyer', 'supplier'], rollup: true},
  {by: ['buyer', 'supplier'], rollup: true, top: 1},
  {by: ['supplier'], top: 2},
  {by: ['category', 'buyer'], rollup: true},
  {by: []},
  {by: ['currency']},
  {by: ['buyer', 'currency'], rollup: true},
  {by: ['currency', 'supplier'], rollup: true, top: 1},
]

const text = (x: string | Uint8Array): string => (typeof x === 'string' ? x : Buffer.from(x).toString('utf8'))

describe('cube report', () => {
  for (const opts of cases) {
    it(`writes CSV/TSV from the columns exactly as from the JSON rows (${JSON.stringify(opts)})`, () => {
      const params = {rollup: !!opts.rollup, top: opts.top ?? null, level: null, fiscal_year_start: 1}
      const out = cubeOutput(cubeTable(f, opts), params, {})
      const expected = cubeToJson(cube(f, opts)).rows
      expect(expected.length).toBeGreaterThan(2)
      expect(out.rows).toEqual(expected)
      const view = cubeViews(out, cubeTable(f, opts), false, {})[0]
      for (const d of [',', '\t'] as const) {
        // The cube writes bytes; the generic writer, text from the JSON rows.
        const direct = text(renderDelimited(view, d))
        expect(direct).toBe(renderDelimited({columns: view.columns, rows: expected}, d))
        expect(direct.startsWith(`${view.columns.map((c) => c.key).join(d)}\n`)).toBe(true)
      }
    })
  }

  it('shows exact amounts past 2^53, neutralised formulas and negative exponent shares', () => {
    const out = cubeOutput(cubeTable(f, {by: ['buyer']}), {rollup: false, top: null, level: null, fiscal_year_start: 1}, {})
    const csv = text(renderDelimited(cubeViews(out, cubeTable(f, {by: ['buyer']}), false, {})[0], ','))
    expect(csv).toContain(',EUR,135107988821114.89,4,')
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
    expect(csv).toContain(',-1e-11,')
    expect(csv).toContain(',JPY,0,2,,\n')
  })

  it('writes the currency column once when --by names currency, and no duplicate subtotals', () => {
    const params = {rollup: true, top: null, level: null, fiscal_year_start: 1}
    for (const by of [['currency'], ['buyer', 'currency'], ['currency', 'buyer'], ['currency', 'buyer', 'currency']] as const) {
      if (new Set(by).size !== by.length) {
        expect(() => cubeTable(f, {by})).toThrow(/repeated/)
        continue
      }
      const table = cubeTable(f, {by, rollup: true})
      const out = cubeOutput(table, params, {})
      expect(out.by).toEqual(by)
      const view = cubeViews(out, table, false, {})[0]
      for (const d of [',', '\t'] as const) {
        const [header, ...lines] = text(renderDelimited(view, d)).trimEnd().split('\n')
        expect(header.split(d).filter((c) => c === 'currency'), `${by} ${JSON.stringify(d)}`).toEqual(['currency'])
        expect(new Set(lines).size, `${by}: a row repeated`).toBe(lines.length)
      }
      // The same rows as without currency in --by: currency blocks are always there.
      const plain = by.filter((x) => x !== 'currency')
      expect(out.rows).toEqual(cubeOutput(cubeTable(f, {by: plain, rollup: true}), params, {}).rows)
      const human = cubeViews(out, table, true, {})[0]
      expect(human.columns.map((c) => c.header).filter((h) => h === 'cur' || h === 'currency')).toEqual(['cur'])
    }
  })

  it('prints rows last in JSON and gives people the same amounts', () => {
    const opts: CubeOptions = {by: ['buyer', 'supplier'], rollup: true, top: 1}
    const table = cubeTable(f, opts)
    const out = cubeOutput(table, {rollup: true, top: 1, level: null, fiscal_year_start: 1}, {})
    expect(Object.keys(JSON.parse(JSON.stringify(out)))).toEqual(['by', 'rollup', 'top', 'level', 'fiscal_year_start', 'rows'])
    const human = cubeViews(out, table, true, {})[0].rows
    expect(human.map((r) => r.amount)).toEqual(out.rows.map((r) => r.amount))
    expect(human.filter((r) => r.d1 === 'Subtotal').length).toBeGreaterThan(0)
  })
})
