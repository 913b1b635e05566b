/** The OCDS reader on tiny edge-case fixtures (fixtures/ocds/README.md lists them). */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'
import {read, readFixture, textSource, totalsByCurrency} from './ocds-helpers.js'

const FX = join(import.meta.dirname, '../../fixtures/ocds')
const fx = (name: string) => join(FX, name)

describe('readOcds counts every award once', () => {
  it('keeps the last copy of an award repeated inside one release', async () => {
    const {records, report} = await readFixture(fx('repeated-award-in-release.json'))
    expect(records.map((r) => [r.transaction_id, r.amount])).toEqual([['ocds-fx-1/a1', 15000], ['ocds-fx-1/a2', 4050]])
    expect(report.ocds).toMatchObject({distinct: 2, superseded: 1})
    expect(report.skipped_detail).toEqual({'repeated awards version': 1})
  })

  it('keeps the latest version by release date across releases, whatever the file order and UTC offset', async () => {
    const {records} = await readFixture(fx('repeated-award-across-releases.json'))
    expect(records.map((r) => [r.transaction_id, r.amount, r.date])).toEqual([
      ['ocds-fx-2/a1', 12000, '2024-02-28'],
      ['ocds-fx-3/b1', 7500, '2024-01-15'],
    ])
  })

  it('splits a multi-supplier award exactly: remainder to the first supplier, total unchanged', async () => {
    const {records, report} = await readFixture(fx('multi-supplier-split.json'))
    expect(records.map((r) => [r.supplier, r.supplier_id, r.amount, r.description])).toEqual([
      ['Alpha Ltd', 'GB-COH-01234567', 3334, '[share 1/3]'],
      ['Beta plc', 'GB-COH-07654321', 3333, '[share 2/3]'],
      ['Gamma LLP', null, 3333, '[share 3/3]'],
    ])
    expect(totalsByCurrency(records)).toEqual({GBP: 10000n})
    expect(report.ocds.split).toBe(1)
    expect(records[0]).toMatchObject({category_scheme: 'cpv', category_code: '50000000', category: 'Repair and maintenance services',
      buyer_id: 'GB-GOV-1', buyer: 'Met Office'})
    // details.scale is reported as an SME share of the value whose scale is known: 33.34 of 66.67.
    expect(report.ocds.sme_share).toEqual({GBP: '50.0%'})
  })
})

describe('readOcds reads every OCDS shape', () => {
  it('compiles a record without compiledRelease from its embedded releases', async () => {
    const {records, report} = await readFixture(fx('record-package-no-compiled.json'))
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({amount: 90025, currency: 'EUR', supplier: 'Société Générale de Travaux',
      supplier_id: 'FR-RCS-552120222', buyer: 'Ville de Lyon', buyer_id: 'ville-de-lyon', date: '2024-02-01', source_line: 1})
    expect(report.warnings.some((w) => w.includes('1 record had no compiledRelease: compiled from its releases'))).toBe(true)
  })

  it('reads JSON Lines of releases and rejects a broken line with its line number', async () => {
    const {records, rejects} = await readFixture(fx('releases.jsonl'))
    expect(records.map((r) => [r.transaction_id, r.amount, r.source_line])).toEqual([['ocds-fx-6/a1', 1111, 5], ['ocds-fx-7/a1', 2020, 3]])
    expect(rejects).toHaveLength(1)
    expect(rejects[0]).toMatchObject({source_line: 4, source_file: 'releases.jsonl'})
    expect(rejects[0].reason).toMatch(/^not valid JSON/)
  })

  it('reads JSON Lines of release packages', async () => {
    const {records, report} = await readFixture(fx('packages.jsonl'))
    expect(records.map((r) => [r.transaction_id, r.amount, r.source_line])).toEqual([['ocds-fx-9/a1', 300, 2], ['ocds-fx-10/a1', 200, 1]])
    expect(report.ocds).toMatchObject({shape: 'release package', releases: 3, superseded: 1})
  })

  it('reads Latin-1 bytes once decoded (the bytes layer decodes; here we do)', async () => {
    const text = iconv.decode(readFileSync(fx('latin1-release.json')), 'latin1')
    const {records} = await read(textSource('latin1-release.json', text))
    expect(records[0]).toMatchObject({supplier: 'Ñandutí Señoría S.A.', supplier_id: 'PY-RUC-80012345-1', buyer: 'Municipalidad de Asunción',
      amount: 1500000, currency: 'PYG', date: '2024-01-03'})
  })

  it('keeps 16-digit amounts exact in JSON documents and in JSON Lines', async () => {
    for (const f of ['long-amount.json', 'long-amount.jsonl']) {
      const {records} = await readFixture(fx(f))
      expect(records.map((r) => r.amount)).toEqual([8000000000000007, 150000])
    }
  })

  it('reads a top-level JSON array of releases', async () => {
    const text = `[${readFileSync(fx('long-amount.jsonl'), 'utf8').trim().split('\n').join(',')}]`
    const {records} = await read(textSource('array.json', text, 'json', 7))
    expect(records.map((r) => r.source_line)).toEqual([1, 2])
  })
})

describe('readOcds levels', () => {
  it('reads contracts[].implementation.transactions at --ocds-level transactions', async () => {
    const {records, rejects, report} = await readFixture(fx('transactions.json'), {ocdsLevel: 'transactions'})
    expect(records.map((r) => [r.transaction_id, r.date, r.amount, r.currency, r.supplier, r.buyer])).toEqual([
      ['ocds-fx-12/c1/t1', '2024-03-01', 40000, 'GBP', 'Alpha Ltd', 'Met Office'],
      ['ocds-fx-12/c1/t2', '2024-04-01', 35075, 'GBP', 'Alpha Ltd', 'Met Office'],
    ])
    expect(rejects.map((r) => r.reason)).toEqual(['transaction t3 of contract c1 has a zero value'])
    expect(report.warnings).toContain('1 transaction has no currency: used its contract\'s currency')
  })

  it('reads contract value and dateSigned at --ocds-level contracts, suppliers from the award', async () => {
    const {records} = await readFixture(fx('transactions.json'), {ocdsLevel: 'contracts'})
    expect(records.map((r) => [r.transaction_id, r.date, r.amount, r.supplier_id])).toEqual([['ocds-fx-12/c1', '2024-02-01', 100000, 'GB-COH-01234567']])
  })

  it('says which level has data when the chosen one has none', async () => {
    const {records, report} = await readFixture(fx('contracts-no-awards.json'))
    expect(records).toHaveLength(0)
    expect(report.warnings[0]).toBe('contracts-no-awards.json: OCDS release has no awards (tags: contract); ' +
      'nothing to import at --ocds-level awards; try --ocds-level contracts')
  })
})

describe('readOcds reports awards without a usable value', () => {
  it('rejects no value, zero, no currency and unreadable amounts, each with a reason', async () => {
    const {records, rejects, report} = await readFixture(fx('no-value-awards.json'))
    expect(records.map((r) => [r.amount, r.currency])).toEqual([[25050, 'GBP'], [67885450, 'PYG']])
    expect(rejects.map((r) => [r.reason, r.amount])).toEqual([
      ['award n1 has no value', null],
      ['award n2 has no value', null],
      ['award z1 has a zero value', 0],
      ['award c1 has no currency', null],
      ['award b1 amount "1,234.00" is not a number', null],
      ['award d1 amount 0.005 has more decimals than GBP allows', null],
    ])
    expect(report.ocds).toMatchObject({distinct: 8, with_value: 2, no_value: 2, zero_value: 1, no_currency: 1, bad_amount: 2})
    expect(report.rows).toEqual({read: 8, imported: 2, rejected: 6, skipped: 0})
    expect(report.totals).toEqual([
      {currency: 'GBP', source: 25050n, imported: 25050n, rejected: 0n},
      {currency: 'PYG', source: 67885450n, imported: 67885450n, rejected: 0n},
    ])
  })

  it('fails with one clear line on JSON that is not OCDS or not JSON', async () => {
    await expect(read(textSource('x.json', '{"foo": 1}'))).rejects.toThrow('a JSON object with keys foo: not an OCDS release or record package')
    await expect(read(textSource('x.json', '{"releases": [{"ocid": "a",}]}'))).rejects.toThrow(/^not valid JSON near line 1/)
    await expect(read(textSource('x.json', '{"releases": [{"ocid": "a"}'))).rejects.toThrow(/^not valid JSON/)
    await expect(read(textSource('x.json', 'ocid,amount\n'))).rejects.toMatchObject({code: 'NOT_OCDS'})
  })
})

describe('readOcds small cases', () => {
  it('an empty release package gives 0 rows and says so', async () => {
    const {records, report} = await read(textSource('empty.json', '{"uri": "x", "releases": []}'))
    expect(records).toHaveLength(0)
    expect(report.warnings[0]).toBe('empty.json: OCDS release package has no awards (tags: none); nothing to import at --ocds-level awards; ' +
      'it holds no awards, contracts or transactions')
  })

  it('fills a missing currency only from an explicit --currency', async () => {
    const {records, report} = await readFixture(fx('no-value-awards.json'), {currency: 'GBP'})
    expect(records.find((r) => r.transaction_id === 'ocds-fx-13/c1')).toMatchObject({amount: 1250, currency: 'GBP'})
    expect(report.warnings).toContain('1 award has no currency: used --currency')
  })

  it('falls back to tender.procuringEntity for the buyer, and to --buyer when there is none', async () => {
    const rel = (extra: object) => JSON.stringify({ocid: 'o', date: '2024-01-01', ...extra,
      awards: [{id: 'a', value: {amount: 1, currency: 'EUR'}, suppliers: [{name: 'S'}]}]})
    const a = await read(textSource('a.json', rel({tender: {procuringEntity: {name: 'Comune di Roma'}}})))
    expect(a.records[0]).toMatchObject({buyer: 'Comune di Roma', buyer_id: 'comune-di-roma', buyer_origin: 'ocds'})
    const b = await read(textSource('b.json', rel({})), {buyer: 'Given Buyer'})
    expect(b.records[0]).toMatchObject({buyer: 'Given Buyer', buyer_origin: 'flag'})
  })
})

describe('readOcds top-level arrays', () => {
  it('rejects array items that are not objects, with their index', async () => {
    const {rejects} = await read(textSource('arr.json', '[1, {"ocid": "o", "date": "2024-01-01"}]'))
    expect(rejects).toMatchObject([{source_line: 1, reason: 'not an OCDS release, record or package'}])
  })
})
