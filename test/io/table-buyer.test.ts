/**
 * Who the buyer is: the publishing body, never a department of it. A
 * department column is the unit; --buyer names the buyer of a file with no
 * buyer column and is refused where the file has one; a file name that
 * names only a period is never taken as a buyer.
 */
import {describe, expect, it} from 'vitest'
import {readTable} from '../../src/io/read/table/table.js'
import {mapColumns} from '../../src/io/read/table/mapping.js'
import {PRESETS} from '../../src/io/read/table/presets.js'
import {buyerFromFileName, UNKNOWN_BUYER} from '../../src/io/read/table/tableplan.js'
import type {ImportOptions} from '../../src/io/read/types.js'
import {CollectSink, tableSourceFromText} from '../helpers/table-source.js'

async function read(name: string, text: string, opts: Partial<ImportOptions> = {}) {
  const sink = new CollectSink()
  const report = await readTable(tableSourceFromText(name, text), {importId: 'imp-1', label: name, ...opts}, sink)
  return {report, records: sink.records}
}

const CHECKBOOK = [
  'Check/Payment Date,Dept. Descrptn,Vendor Name,Commitmt Item Name,Invoice Net Amt',
  '9/4/2018,Police,ACME,Supplies,"5,170.57"',
  '9/21/2018,Water Services,BETA,Supplies,-1.00',
  '9/22/2018,,GAMMA,Supplies,3.00',
].join('\n')

describe('a US checkbook: departments are units of the publishing body', () => {
  it('names every row\'s buyer with --buyer and keeps the department as the unit', async () => {
    const {records, report} = await read('september-2018.csv', CHECKBOOK, {buyer: 'City of Phoenix'})
    expect(report.preset).toBe('us-checkbook')
    expect(report.mapping).toMatchObject({unit: 'Dept. Descrptn', buyer: null})
    expect(records.map((r) => [r.buyer, r.buyer_id, r.buyer_origin, r.unit])).toEqual([
      ['City of Phoenix', 'city-of-phoenix', 'flag', 'Police'],
      ['City of Phoenix', 'city-of-phoenix', 'flag', 'Water Services'],
      ['City of Phoenix', 'city-of-phoenix', 'flag', null],
    ])
    expect(report.buyer_origin).toBe('flag')
  })

  it('never takes a month for a buyer: a clear placeholder, and a note that says so', async () => {
    const {records, report} = await read('september-2018.csv', CHECKBOOK)
    expect(new Set(records.map((r) => r.buyer))).toEqual(new Set([UNKNOWN_BUYER]))
    expect(records.every((r) => r.buyer_origin === 'unknown')).toBe(true)
    expect(report.buyer_origin).toBe('unknown')
    const note = report.warnings.find((w) => w.includes(UNKNOWN_BUYER))
    expect(note).toContain('"september-2018.csv"')
    expect(note).toContain('--buyer')
  })
})

describe('a file with a real buyer column', () => {
  const UK = 'Department Family,Entity,Date,Expense Type,Expense Area,Supplier,Transaction Number,Amount\nMoJ,Youth Justice Board,13/05/2010,Grants,Ops,A,1,£1.00\n'

  it('refuses --buyer with a one-line reason naming the column (exit 1, like a --map column the file lacks)', async () => {
    const err = await read('yjb.csv', UK, {buyer: 'Ministry of Justice'}).catch((e: unknown) => e)
    expect(err).toMatchObject({code: 'BUYER_HAS_COLUMN', exit: 1, where: 'yjb.csv'})
    const line = (err as {oneLine(): string}).oneLine()
    expect(line).toContain('--buyer "Ministry of Justice"')
    expect(line).toContain('"Entity"')
    expect(line).not.toMatch(/\n/)
  })

  it('takes the buyer from that column, and the department family is not a unit', async () => {
    const {records, report} = await read('yjb.csv', UK)
    expect(report.preset).toBe('uk-25k')
    expect(records[0]).toMatchObject({buyer: 'Youth Justice Board', buyer_origin: 'column', unit: 'Ops'})
    expect(report.mapping).toMatchObject({buyer: 'Entity', unit: 'Expense Area', family: 'Department Family'})
  })
})

describe('department, directorate and service columns in every layout', () => {
  it('maps a department column to the unit, never to the buyer (no layout)', () => {
    for (const h of ['Department', 'Dept', 'Department Name', 'Dept. Descrptn', 'Directorate', 'Service Area', 'Cost Centre']) {
      const {index} = mapColumns(['Supplier', 'Amount', h], {})
      expect([h, index.unit, index.buyer]).toEqual([h, 2, undefined])
    }
  })

  it('no preset takes a department, directorate or service column as the buyer', () => {
    const unitish = /^(dept|department|directorate|division|service|costcent|expense ?area|expenditure ?area|awardingsubagency)/i
    for (const preset of PRESETS) {
      for (const name of preset.fields.buyer ?? []) expect(`${preset.name}: ${name}`).not.toMatch(new RegExp(`: ${unitish.source}`, 'i'))
    }
    const us = PRESETS.find((p) => p.name === 'us-checkbook')!
    expect(us.fields.buyer).toBeUndefined()
    expect(us.fields.unit).toContain('deptdescrptn')
  })

  it('keeps the US federal agency as the buyer and its sub-agency as the unit', () => {
    const usa = PRESETS.find((p) => p.name === 'usaspending')!
    expect(usa.fields).toMatchObject({buyer: ['awardingagencyname'], unit: ['awardingsubagencyname']})
  })
})

describe('buyerFromFileName', () => {
  it('is null for a name that holds only a period or the kind of data', () => {
    for (const name of [
      'september-2018.csv', 'zip.zip!Sept2018.csv', '2024-03.csv', 'Q1 2024.xlsx', 'fy2023-24_P07.csv', 'spend-over-25k-2024-03.csv',
      'expenditure-over-500-apr-jun-2014.csv', 'payments.csv', 'oktober 2023.csv', '<stdin>',
    ]) expect([name, buyerFromFileName(name)]).toEqual([name, null])
  })

  it('keeps a name that names a body', () => {
    expect(buyerFromFileName('leeds-city-council-2024-03.csv')).toBe('leeds city council 2024 03')
    expect(buyerFromFileName('a.zip!GLA_spend_March.csv')).toBe('GLA spend March')
  })
})
