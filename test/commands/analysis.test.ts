/**
 * The analysis commands through the real binary: JSON contracts, exit codes
 * and one-line errors, CSV/Markdown/table output, --file (in memory), --fx,
 * and byte-identical output in any time zone and locale.
 */
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

const CPV = fixture('analysis/cpv-two-currencies.csv')
const RATES = fixture('analysis/rates.csv')
 
type Row = Record<string, any>
let ws = ''

const json = async (args: string[]) => {
  const r = await runCli([...args, '--workspace', ws, '--json'])
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout)
}

beforeAll(async () => {
  ws = tempDir()
  const r = await runCli(['import', CPV, '--workspace', ws])
  expect(r.code).toBe(0)
})

describe('spend cube', () => {
  it('returns {by, rows} with exact amounts per currency, counts and shares of the parent', async () => {
    const out = await json(['cube', '--by', 'buyer,supplier'])
    expect(out.by).toEqual(['buyer', 'supplier'])
    expect(Object.keys(out.rows[0])).toEqual(['buyer', 'buyer_id', 'supplier', 'supplier_key', 'currency', 'amount', 'count', 'share', 'share_total'])
    const gbp = out.rows.filter((r: Row) => r.currency === 'GBP')
    expect(gbp.map((r: Row) => [r.buyer, r.supplier, r.amount, r.count])).toEqual([
      ['Alpha Council', 'ACME Ltd', '1500.00', 2],
      ['Alpha Council', 'Beta Systems plc', '300.00', 1],
      ['Alpha Council', 'Gamma Works Ltd', '200.00', 1],
      ['Bravo Council', 'ACME Ltd', '250.00', 1],
      ['Bravo Council', 'Gamma Works Ltd', '-50.00', 1],
    ])
    expect(gbp[0].share).toBe(0.75)
    expect(out.rows.filter((r: Row) => r.currency === 'EUR')).toEqual([
      expect.objectContaining({buyer: 'Bravo Council', supplier: 'Delta GmbH', amount: '500.00', count: 2, share: 1}),
    ])
  })

  it('marks ROLLUP subtotals with rollup: true, ending each currency with its grand total', async () => {
    const out = await json(['cube', '--by', 'buyer,supplier', '--rollup'])
    const sub = out.rows.filter((r: Row) => r.rollup)
    expect(sub.map((r: Row) => [r.buyer, r.currency, r.amount])).toEqual([
      ['Bravo Council', 'EUR', '500.00'], [null, 'EUR', '500.00'],
      ['Alpha Council', 'GBP', '2000.00'], ['Bravo Council', 'GBP', '200.00'], [null, 'GBP', '2200.00'],
    ])
  })

  it('folds all but the --top N per group into one exact "Other" row', async () => {
    const out = await json(['cube', '--by', 'buyer,supplier', '--top', '1', '--currency', 'GBP'])
    expect(out.rows.map((r: Row) => [r.supplier, r.amount, r.other ?? null])).toEqual([
      ['ACME Ltd', '1500.00', null], ['Other (2 suppliers)', '500.00', 2], ['ACME Ltd', '250.00', null], ['Other (1 supplier)', '-50.00', 1],
    ])
  })

  it('labels CPV categories at a --level from the CPV list, codes in JSON', async () => {
    const out = await json(['cube', '--by', 'category', '--level', 'division', '--currency', 'GBP'])
    expect(out.level).toBe('division')
    expect(out.rows).toEqual([
      expect.objectContaining({category_code: '72000000', category: 'IT services: consulting, software development, Internet and support', amount: '2050.00'}),
      expect.objectContaining({category_code: '45000000', category: 'Construction work', amount: '150.00'}),
    ])
    const table = await runCli(['cube', '--by', 'category', '--level', 'group', '--workspace', ws, '--format', 'table'])
    expect(table.stdout).toContain('│ 72200000 Software programming and consult')
  })

  it('rejects a bad --by with one line on stderr and exit 2, nothing on stdout', async () => {
    const r = await runCli(['cube', '--by', 'buyer,colour', '--workspace', ws])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/--by: Unknown dimension "colour" \(use one of buyer, unit, supplier/)
    const j = await runCli(['cube', '--by', 'buyer,buyer', '--workspace', ws, '--json'])
    expect(j.code).toBe(2)
    expect(JSON.parse(j.stdout).error).toMatchObject({code: 'BAD_DIMENSION', exit: 2})
    const from = await runCli(['cube', '--by', 'month', '--from', '2024-13', '--workspace', ws])
    expect(from.code).toBe(2)
    expect(from.stderr).toBe('spend: error: --from: Not a date or period: "2024-13" (use YYYY-MM-DD, YYYY-MM, YYYY-Q1 or YYYY)\n')
    const nobody = await runCli(['cube', '--by', 'buyer', '--supplier', 'Nobody', '--workspace', ws])
    expect(nobody.code).toBe(1)
    expect(nobody.stderr).toBe('spend: error: --supplier: No supplier matches "Nobody" (check the spelling or the ID)\n')
  })

  it('gives empty results on an empty workspace and says how to fill it', async () => {
    const r = await runCli(['cube', '--by', 'buyer', '--workspace', tempDir()])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('buyer,buyer_id,currency,amount,count,share,share_total\n')
    expect(r.stderr).toMatch(/has no imports yet \(run: spend import FILE\)/)
  })

  it('prints CSV with a header when piped, and Markdown on request', async () => {
    const csv = await runCli(['cube', '--by', 'buyer', '--workspace', ws])
    expect(csv.stdout.split('\n')[0]).toBe('buyer,buyer_id,currency,amount,count,share,share_total')
    expect(csv.stdout).toContain('Alpha Council,alpha-council,GBP,2000.00,4,0.909091,0.909091')
    expect(csv.stdout).not.toMatch(/\u001B\[/)
    const md = await runCli(['cube', '--by', 'buyer', '--workspace', ws, '--format', 'md'])
    expect(md.stdout).toContain('| Alpha Council | GBP | 2,000.00 | 4 | 90.9% |')
  })
})

describe('spend top', () => {
  it('ranks suppliers per currency with exact totals and shares', async () => {
    const out = await json(['top', 'suppliers'])
    expect(out).toMatchObject({what: 'suppliers', by: null, top: 10})
    expect(out.rows.map((r: Row) => [r.rank, r.supplier, r.currency, r.amount])).toEqual([
      [1, 'Delta GmbH', 'EUR', '500.00'], [1, 'ACME Ltd', 'GBP', '1750.00'], [2, 'Beta Systems plc', 'GBP', '300.00'], [3, 'Gamma Works Ltd', 'GBP', '150.00'],
    ])
  })

  it('ranks within each --by group, and refuses an unknown subject with exit 2', async () => {
    const out = await json(['top', 'buyers', '--by', 'supplier', '--top', '1', '--currency', 'GBP'])
    expect(out.rows[0]).toMatchObject({rank: 1, supplier: 'ACME Ltd', buyer: 'Alpha Council', amount: '1500.00', share: 0.857143})
    const bad = await runCli(['top', 'vendors', '--workspace', ws])
    expect(bad.code).toBe(2)
    expect(bad.stdout).toBe('')
    const self = await runCli(['top', 'suppliers', '--by', 'supplier', '--workspace', ws])
    expect(self.code).toBe(2)
    expect(self.stderr).toBe('spend: error: --by: Cannot rank suppliers by supplier\n')
  })

  it('converts with --fx and names the conversion in JSON and in the table title', async () => {
    const out = await json(['top', 'suppliers', '--fx', RATES, '--to', 'GBP'])
    expect(out.note).toBe(`amounts in GBP converted with ${RATES}`)
    expect(out.fx).toEqual({to: 'GBP', from: ['EUR'], rates: RATES})
    expect(out.rows.map((r: Row) => [r.supplier, r.currency, r.amount])).toEqual([
      ['ACME Ltd', 'GBP', '1750.00'], ['Delta GmbH', 'GBP', '426.00'], ['Beta Systems plc', 'GBP', '300.00'], ['Gamma Works Ltd', 'GBP', '150.00'],
    ])
    const table = await runCli(['top', 'suppliers', '--fx', RATES, '--to', 'GBP', '--workspace', ws, '--format', 'table'])
    expect(table.stdout.split('\n')[0]).toContain('(amounts in GBP converted with')
  })

  it('restates in constant prices with --deflate and says so', async () => {
    const cpi = fixture('analysis/cpi.csv')
    const out = await json(['top', 'suppliers', '--currency', 'EUR', '--deflate', cpi, '--base', '2024'])
    expect(out.deflate).toEqual({base: '2024', index: cpi})
    expect(out.note).toBe(`constant 2024 prices deflated with ${cpi}`)
    expect(out.rows[0]).toMatchObject({supplier: 'Delta GmbH', amount: '504.00'})
    const md = await runCli(['cube', '--by', 'year', '--deflate', cpi, '--base', '2024', '--workspace', ws, '--format', 'md'])
    expect(md.stdout).toContain('constant 2024 prices')
    const bad = await runCli(['top', 'suppliers', '--deflate', cpi, '--workspace', ws])
    expect(bad.code).toBe(2)
  })

  it('analyses files given with --file in memory, writing no workspace', async () => {
    const cwd = tempDir()
    const r = await runCli(['top', 'suppliers', '--file', CPV, '--json'], {cwd})
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual(await json(['top', 'suppliers']))
    expect(existsSync(join(cwd, '.spendkit'))).toBe(false)
  })
})

describe('spend pareto and concentration', () => {
  it('pareto gives ABC rows, the suppliers making 80% and the tail', async () => {
    const out = await json(['pareto', '--currency', 'GBP'])
    expect(out.rows).toEqual([
      // Beta Systems crosses 80% (79.5% before it), so it is in A: A is "the suppliers making 80%".
      {currency: 'GBP', class: 'A', suppliers: 2, transactions: 4, amount: '2050.00', share: 0.931818},
      {currency: 'GBP', class: 'B', suppliers: 1, transactions: 2, amount: '150.00', share: 0.0681818},
    ])
    expect(out.groups[0]).toMatchObject({currency: 'GBP', amount: '2200.00', suppliers: 3, suppliers_80: 2, tail_suppliers: 0, tail_amount: '0.00'})
  })

  it('concentration returns the contract fields with CRn, HHI and the named band', async () => {
    const out = await json(['concentration', '--by', 'category', '--level', 'division', '--currency', 'GBP'])
    expect(out.bands).toEqual({name: 'DOJ/FTC 2010', moderate: 1500, high: 2500})
    expect(Object.keys(out.rows[0])).toEqual(expect.arrayContaining(['category', 'currency', 'amount', 'suppliers', 'cr1', 'cr3', 'cr5', 'hhi', 'effective_suppliers', 'band']))
    // 1750 and 300 of 2050: HHI = 10,000 * (1750² + 300²) / 2050² = 7501.49
    expect(out.rows[0]).toMatchObject({category_code: '72000000', amount: '2050.00', suppliers: 2, cr1: 0.853659, cr3: 1, hhi: 7501.49, effective_suppliers: 1.33, band: 'highly concentrated'})
    const bad = await runCli(['concentration', '--by', 'supplier', '--workspace', ws])
    expect(bad.code).toBe(2)
  })
})

describe('spend trend', () => {
  it('shows empty periods as zero and compares with the previous period and a year earlier', async () => {
    const out = await json(['trend', '--every', 'quarter', '--currency', 'EUR'])
    expect(out).toMatchObject({every: 'quarter', by: null, fiscal_year_start: 1, from: '2023-Q2', to: '2024-Q2'})
    expect(out.rows.map((r: Row) => [r.period, r.amount, r.count])).toEqual([
      ['2023-Q2', '100.00', 1], ['2023-Q3', '0.00', 0], ['2023-Q4', '0.00', 0], ['2024-Q1', '0.00', 0], ['2024-Q2', '400.00', 1],
    ])
    expect(out.rows[4]).toMatchObject({change: '400.00', change_pct: null, yoy: '300.00', yoy_pct: 3})
  })

  it('labels fiscal years by both calendar years', async () => {
    const out = await json(['trend', '--every', 'year', '--fiscal-year-start', '4', '--currency', 'GBP'])
    expect(out.rows.map((r: Row) => [r.period, r.amount])).toEqual([['2023-24', '1800.00'], ['2024-25', '400.00']])
    const bad = await runCli(['trend', '--fiscal-year-start', '13', '--workspace', ws])
    expect(bad.code).toBe(2)
  })
})

describe('spend profile', () => {
  it('profiles a supplier by a case-insensitive name: totals, rank, buyers with their share', async () => {
    const out = await json(['profile', 'supplier', 'acme'])
    expect(out).toMatchObject({kind: 'supplier', name: 'ACME Ltd'})
    expect(out.totals).toEqual([{currency: 'GBP', amount: '1750.00', count: 3, first: '2024-01-15', last: '2024-05-01', rank: 1, of: 3}])
    expect(out.counterparts).toEqual([
      expect.objectContaining({buyer: 'Alpha Council', amount: '1500.00', share: 0.857143, share_of_counterpart: 0.75}),
      expect.objectContaining({buyer: 'Bravo Council', amount: '250.00', share: 0.142857, share_of_counterpart: 1.25}),
    ])
    expect(out.rows.map((r: Row) => r.section)).toEqual(['year', 'buyer', 'buyer', 'category'])
  })

  it('profiles a buyer on one page for people', async () => {
    const r = await runCli(['profile', 'buyer', 'Bravo Council', '--workspace', ws, '--format', 'table'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Buyer: Bravo Council/)
    expect(r.stdout).toMatch(/Rank +│ 2 of 2 GBP buyers/)
    expect(r.stdout).toMatch(/Suppliers \(share/)
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80)
  })

  it('fails with one line for an unknown or ambiguous name', async () => {
    const r = await runCli(['profile', 'supplier', 'Omega', '--workspace', ws])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('spend: error: supplier: No supplier matches "Omega" (check the spelling or the ID)\n')
    const amb = await runCli(['profile', 'buyer', '', '--workspace', ws])
    expect(amb.code).toBe(1)
    const two = await runCli(['profile', 'supplier', 'ac', '--file', CPV, '--file', fixture('cli/uk-25k-small.csv')])
    expect(two.code).toBe(1)
    // A substring anywhere in a name or id: "ac" is also in the key of the redacted placeholder.
    expect(two.stderr).toMatch(/^spend: error: supplier: "ac" matches 3 suppliers: ACME Consulting Ltd \(.*\), ACME Ltd \(.*\), REDACTED PERSONAL DATA \(redacted\)/)
    expect(two.stderr.trim().split('\n')).toHaveLength(1)
  })
})
