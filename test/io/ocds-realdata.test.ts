/**
 * Every published OCDS file under shared/realdata/ocds imports with the award
 * counts and per-currency totals of EXPECTED.json (computed independently).
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {REALDATA as REAL} from '../helpers/cli.js'
import {readFixture, totalsByCurrency} from './ocds-helpers.js'

const expected = JSON.parse(readFileSync(join(REAL, 'EXPECTED.json'), 'utf8')) as Record<string, any>
const files = Object.keys(expected).filter((k) => k.startsWith('ocds/'))

function expectedTotals(section: any): Record<string, bigint> {
  return Object.fromEntries(Object.entries(section.totals_by_currency).map(([c, t]: [string, any]) => [c, BigInt(t.total_minor_units)]))
}

describe('OCDS real files match EXPECTED.json', () => {
  it('covers all four published files', () => expect(files).toHaveLength(4))

  for (const file of files) {
    const exp = expected[file]
    it(`${file}: awards counted once, totals exact per currency`, async () => {
      const {report, records, rejects} = await readFixture(join(REAL, file))
      expect(report.ocds.distinct).toBe(exp.awards.distinct_awards)
      expect(report.ocds.with_value).toBe(exp.awards.awards_with_value)
      expect(totalsByCurrency(records)).toEqual(expectedTotals(exp.awards))
      // Awards without a usable value are rejected with a reason, never summed.
      expect(rejects).toHaveLength(exp.awards.skipped_awards.length)
      for (const t of report.totals) expect(t.source).toBe(t.imported + t.rejected)
      // Each distinct award is one transaction_id, whatever the number of suppliers.
      expect(new Set(records.map((r) => r.transaction_id)).size).toBe(exp.awards.awards_with_value)
    })

    it(`${file}: contract totals at --ocds-level contracts`, async () => {
      const {report, records} = await readFixture(join(REAL, file), {ocdsLevel: 'contracts'})
      expect(report.ocds.distinct).toBe(exp.contracts.distinct_contracts)
      expect(report.ocds.with_value).toBe(exp.contracts.contracts_with_value)
      expect(totalsByCurrency(records)).toEqual(expectedTotals(exp.contracts))
    })
  }

  it('Paraguay: one award, two suppliers, split exactly with PY-RUC ids', async () => {
    const {records, report} = await readFixture(join(REAL, 'ocds/paraguay-dncp-record-package-284182.json'))
    expect(records.map((r) => [r.supplier, r.supplier_id, r.amount])).toEqual([
      ['EMPORIO FERRETERIA S.R.L.', 'PY-RUC-80002756-6', 33942725],
      ['JUAN RODRIGUEZ', 'PY-RUC-2514872-9', 33942725],
    ])
    expect(records[0].description).toMatch(/\[share 1\/2\]$/)
    expect(records[0].buyer).toBe('Ministerio de Salud Pública y Bienestar Social (MSPBS)')
    expect(records[0].date).toBe('2016-03-31')
    expect(report.ocds.shape).toBe('record package')
  })

  it('Armenia: AM-TIN ids from parties, CPV without check digit, buyer id from buyer', async () => {
    const {records} = await readFixture(join(REAL, 'ocds/armenia-release-package-6.json'))
    const r = records.find((x) => x.supplier === 'PI-SI ELEKTRVoNIKS SPY')!
    expect(r).toMatchObject({supplier_id: 'AM-TIN-01849148', buyer_id: 'AM-TIN-02629081', currency: 'AMD', amount: 698988000,
      category_scheme: 'cpv', category_code: '32420000', category: 'Network equipment', date: '2016-07-28', buyer_origin: 'ocds'})
  })

  it('UK tender-only release: 0 rows and a warning that says why', async () => {
    const {report, records} = await readFixture(join(REAL, 'ocds/uk-contracts-finder-tender-release.json'))
    expect(records).toHaveLength(0)
    expect(report.ocds.nothing_to_import).toBe(true)
    expect(report.warnings[0]).toBe('uk-contracts-finder-tender-release.json: OCDS release has no awards (tags: tender); ' +
      'nothing to import at --ocds-level awards; it holds no awards, contracts or transactions')
  })
})
