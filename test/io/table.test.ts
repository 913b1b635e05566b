import {describe, expect, it} from 'vitest'
import {SpendInputError} from '../../src/errors.js'
import {readTable} from '../../src/io/read/table/table.js'
import type {ImportOptions} from '../../src/io/read/types.js'
import {CollectSink, tableSourceFromRows, tableSourceFromText} from '../helpers/table-source.js'

const OPTS: ImportOptions = {importId: 'imp-1', label: 'test.csv'}

async function read(name: string, text: string, opts: Partial<ImportOptions> = {}, delimiter = ',') {
  const sink = new CollectSink()
  const report = await readTable(tableSourceFromText(name, text, delimiter), {...OPTS, ...opts}, sink)
  return {report, records: sink.records, rejects: sink.rejects}
}

const GLA = [
  ',Report of all payments made by GLA for value equal to or greater than £ 500.00 Excl. VAT,,,,',
  ',Reporting Period : ,13,,,',
  ',Start Date:,"4th March, 2012",,,',
  ',,,,,',
  ',Vendor ID,Vendor Name,Document No,Amount,Clearing Date',
  ',10016643,AMAS LTD,1900013779,"1,673,907.50",21 Mar  2012',
  ',10006522,LONDON BOROUGH OF RICHMOND,5107545443,"(11,058.00)",27 Mar  2012',
  ',,,,,',
  ',,,,"1,662,849.50",',
  ',Please Note:,,,,',
  ',"From Period 1 2011-12 onwards amounts are ""Excluding VAT"".",,,,',
].join('\r\n')

describe('readTable: layout around the data', () => {
  it('skips title lines, blank rows, a total row and notes, and counts each kind', async () => {
    const {report, records} = await read('gla.csv', GLA)
    expect(records.map((r) => [r.source_line, r.supplier, r.amount, r.date])).toEqual([
      [6, 'AMAS LTD', 167390750, '2012-03-21'],
      [7, 'LONDON BOROUGH OF RICHMOND', -1105800, '2012-03-27'],
    ])
    expect(report.header_line).toBe(5)
    expect(report.skipped_detail).toEqual({blank: 2, title: 3, header: 1, repeated_header: 0, total: 1, nil: 0, note: 2})
    expect(report.rows).toEqual({read: 2, imported: 2, rejected: 0, skipped: 9})
  })

  it('takes the buyer from the title line when the file has no buyer column', async () => {
    const {report, records} = await read('gla.csv', GLA)
    expect(records[0]).toMatchObject({buyer: 'GLA', buyer_id: 'gla', buyer_origin: 'title'})
    expect(report.buyer_origin).toBe('title')
    expect(report.totals).toEqual([{currency: 'GBP', source: 166284950n, imported: 166284950n, rejected: 0n}])
  })

  it('skips a repeated header and a Total label row', async () => {
    const text = 'Entity,Supplier,Date,Amount\nX,A,01/02/2020,1.00\nEntity,Supplier,Date,Amount\nX,B,01/02/2020,2.00\nTotal,,,3.00\n'
    const {report, records} = await read('r.csv', text, {currency: 'GBP'})
    expect(records.map((r) => r.supplier)).toEqual(['A', 'B'])
    expect(report.skipped_detail).toMatchObject({header: 1, repeated_header: 1, total: 1})
  })

  it('skips a NIL return and imports nothing', async () => {
    const text = 'Department family,Entity,Date,Expense type,Expense area,Supplier,Transaction number,Amount\nNIL,NIL,NIL,NIL,NIL,NIL,NIL,NIL\n'
    const {report, records} = await read('nil.csv', text)
    expect(records).toEqual([])
    expect(report.skipped_detail.nil).toBe(1)
    expect(report.preset).toBe('uk-25k')
    expect(report.totals).toEqual([{currency: 'GBP', source: 0n, imported: 0n, rejected: 0n}])
  })

  it('keeps a supplier called TOTAL GAS & POWER as data', async () => {
    const {records} = await read('t.csv', 'Supplier,Date,Amount\nTOTAL GAS & POWER LTD,01/02/2020,5.00\n', {currency: 'GBP'})
    expect(records).toHaveLength(1)
  })

  it('handles a header with leading empty columns and padded names', async () => {
    const {records, report} = await read('p.csv', ',, Supplier Name , Amount \n,,ACME ,12\n', {currency: 'GBP'})
    expect(records[0]).toMatchObject({supplier: 'ACME', amount: 1200})
    expect(report.mapping.supplier).toBe(' Supplier Name ')
  })
})

describe('readTable: rejected rows', () => {
  it('rejects an impossible date with file, line and reason, and keeps its amount in the control total', async () => {
    const text = 'Supplier,Date,Amount\nA,31/02/2024,10.00\nB,01/03/2024,5.00\n'
    const {report, rejects, records} = await read('d.csv', text, {currency: 'GBP'})
    expect(records).toHaveLength(1)
    expect(rejects).toEqual([
      {source_file: 'd.csv', source_line: 2, reason: 'impossible date "31/02/2024"', amount: 1000, currency: 'GBP', raw: ['A', '31/02/2024', '10.00']},
    ])
    expect(report.totals).toEqual([{currency: 'GBP', source: 1500n, imported: 500n, rejected: 1000n}])
    expect(report.rows).toMatchObject({read: 2, imported: 1, rejected: 1})
  })

  it('rejects sub-penny amounts and blank amounts with a reason', async () => {
    const text = 'Supplier,Date,Amount\nA,01/03/2024,1.005\nB,01/03/2024,\nC,01/03/2024,1.000\n'
    const {rejects, records} = await read('a.csv', text, {currency: 'GBP'})
    expect(rejects.map((r) => [r.source_line, r.reason, r.amount])).toEqual([
      [2, 'amount more decimals than the currency allows (2): "1.005"', null],
      [3, 'no amount', null],
    ])
    expect(records.map((r) => r.amount)).toEqual([100])
  })

  it('imports a blank date or a time alone with date null', async () => {
    const {records, report} = await read('n.csv', 'Supplier,Paid Date,Amount\nA,00:00:00,1\nB,,2\n', {currency: 'GBP'})
    expect(records.map((r) => r.date)).toEqual([null, null])
    expect(report.quality.no_date).toBe(2)
  })
})

describe('readTable: amounts, dates and ids per column', () => {
  it('reads a Norwegian ledger: semicolons, decimal comma, dd.mm.yyyy, org numbers', async () => {
    const text = [
      'Leverandørreskontro 2023',
      'Virksomhet;Leverandør;Org.nr;Beløp;Bilagsdato;Konto/Art;Kontonavn;KOSTRA funksjon',
      'Oslo kommune;Firma AS;974760673;1 234,50;15.03.2023;6700;Konsulenttjenester;120',
      'Oslo kommune;Annen Leverandør;974760674;-99,90;16.03.2023;6700;Konsulenttjenester;120',
      'Sum;;;1 134,60;;;;',
    ].join('\n')
    const {report, records} = await read('ledger.csv', text, {}, ';')
    expect(report.preset).toBe('no-ledger')
    // The account of the standard chart of accounts is the classification (scheme no-kontoplan).
    expect(records.map((r) => [r.supplier, r.supplier_id, r.supplier_key, r.amount, r.currency, r.date, r.category_scheme, r.category_code, r.category])).toEqual([
      ['Firma AS', 'NO-BRC-974760673', 'NO-BRC-974760673', 123450, 'NOK', '2023-03-15', 'no-kontoplan', '6700', 'Konsulenttjenester'],
      ['Annen Leverandør', null, 'annen leverandør', -9990, 'NOK', '2023-03-16', 'no-kontoplan', '6700', 'Konsulenttjenester'],
    ])
    expect(records[0]).toMatchObject({buyer: 'Oslo kommune', buyer_id: 'oslo-kommune', buyer_origin: 'column'})
    expect(report.skipped_detail).toMatchObject({title: 1, header: 1, total: 1})
    expect(report.warnings.some((w) => w.includes('1 supplier id failed the NO-BRC check'))).toBe(true)
  })

  it('decides the decimal separator per column: 108,406 is 108406.00 next to 1,234.50', async () => {
    const {records} = await read('c.csv', 'Supplier,Amount\nA,"1,234.50"\nB,"108,406"\n', {currency: 'GBP'})
    expect(records.map((r) => r.amount)).toEqual([123450, 10840600])
  })

  it('decides month-first for a US checkbook and says why', async () => {
    const text = 'Check/Payment Date,Dept. Descrptn,Vendor Name,Commitmt Item Name,Invoice Net Amt\n9/4/2018,Parks,ACME,Supplies,"5,170.57"\n9/21/2018,Water,BETA,Supplies,-1.00\n'
    const {report, records} = await read('september-2018.csv', text)
    expect(report.preset).toBe('us-checkbook')
    expect(report.date_order).toBe('mdy')
    expect(report.date_order_reason).toBe('a second part above 12 (9/21/2018) means month-first')
    expect(records.map((r) => [r.date, r.unit, r.currency, r.expense_type])).toEqual([
      ['2018-09-04', 'Parks', 'USD', 'Supplies'],
      ['2018-09-21', 'Water', 'USD', 'Supplies'],
    ])
  })

  it('uses the convention for ambiguous dates and records it', async () => {
    const {report, records} = await read('u.csv', 'Entity,Supplier,Date,Amount\nX,A,01/02/2020,£1.00\n')
    expect(records[0]?.date).toBe('2020-02-01')
    expect(report.date_order_reason).toBe('no part above 12 in 1 sample dates; day-first, the UK convention')
  })

  it('reads Excel serial dates only when the whole column is serials', async () => {
    const {records, report} = await read('s.csv', 'Supplier,Date,Amount\nA,41274,£1\nB,41250,£2\n')
    expect(report.date_order).toBe('serial')
    expect(records.map((r) => r.date)).toEqual(['2012-12-31', '2012-12-07'])
  })

  it('keeps a transaction number like 2.60201E+13 as text', async () => {
    const {records} = await read('e.csv', 'Supplier,Transaction No,Amount\nA,2.60201E+13,£5\n')
    expect(records[0]?.transaction_id).toBe('2.60201E+13')
  })

  it('takes a UK company number column as GB-COH and a valid VAT number as GB-VAT', async () => {
    const text = 'Supplier,Company Number,VAT Registration Number,Amount\nA,1234567,,£1\nB,,GB812311285,£2\nC,,GB000000000X,£3\n'
    const {records} = await read('ids.csv', text)
    expect(records.map((r) => r.supplier_id)).toEqual(['GB-COH-01234567', 'GB-VAT-812311285', null])
  })

  it('does not take a publisher vendor number as a supplier id', async () => {
    const {records, report} = await read('v.csv', 'Vendor ID,Vendor Name,Amount\n10016643,AMAS LTD,£5\n')
    expect(records[0]).toMatchObject({supplier_id: null, supplier_key: 'amas'})
    expect(report.warnings).toContain('"Vendor ID" holds the publisher\'s own numbers: not used as supplier_id')
  })

  it('reads a USAspending file: UEI ids, NAICS categories, USD', async () => {
    const text = [
      'contract_transaction_unique_key,federal_action_obligation,action_date,awarding_agency_name,awarding_sub_agency_name,recipient_uei,recipient_name,naics_code,naics_description,product_or_service_code',
      'K1,1500.25,2023-10-02,Department of Defense,Department of the Army,ZQGGHJH74DW7,ACME CORP,541512,COMPUTER SYSTEMS DESIGN SERVICES,D399',
    ].join('\n')
    const {records, report} = await read('usa.csv', text)
    expect(report.preset).toBe('usaspending')
    expect(records[0]).toMatchObject({
      supplier_id: 'US-UEI-ZQGGHJH74DW7', amount: 150025, currency: 'USD', category_scheme: 'naics', category_code: '541512',
      buyer: 'Department of Defense', unit: 'Department of the Army', transaction_id: 'K1', date: '2023-10-02',
    })
  })

  it('reads a TED award file: EUR, CPV codes, no date', async () => {
    const text = 'ID_NOTICE_CAN,CAE_NAME,CAE_NATIONALID,WIN_NAME,WIN_NATIONALID,CPV,AWARD_VALUE_EURO_FIN_1,B_CONTRACTOR_SME\n2019123,Oslo kommune,974760673,Firma AS,123,72000000,1000000.5,Y\n'
    const {records, report} = await read('ted.csv', text)
    expect(report.preset).toBe('ted-can')
    expect(records[0]).toMatchObject({currency: 'EUR', amount: 100000050, category_scheme: 'cpv', category_code: '72000000', buyer_id: 'NO-BRC-974760673', date: null})
  })

  it('takes the currency of each row from a currency column', async () => {
    const {report, records} = await read('cur.csv', 'Supplier,Amount,Currency\nA,1.50,EUR\nB,2,GBP\nC,3,JPY\n')
    expect(records.map((r) => [r.currency, r.amount])).toEqual([['EUR', 150], ['GBP', 200], ['JPY', 3]])
    expect(report.totals.map((t) => t.currency)).toEqual(['EUR', 'GBP', 'JPY'])
  })

  it('infers the currency from symbols in the amounts and says so', async () => {
    const {records, report} = await read('eur.csv', 'Supplier,Amount\nA,€1.50\n')
    expect(records[0]?.currency).toBe('EUR')
    expect(report.warnings).toContain('currency EUR: from "€" in the amounts')
    expect(report.currency_evidence).toEqual({code: 'EUR', from: 'symbols', evidence: '"€" in the amounts', suggestion: null})
  })

  it('marks redacted suppliers and keeps them', async () => {
    const {records, report} = await read('r.csv', 'Supplier,Date,Amount\nRedacted personal data,01/01/2020,£1\n,01/01/2020,£2\nREDACTIVE MEDIA,01/01/2020,£3\n')
    expect(records.map((r) => [r.supplier, r.redacted, r.supplier_key])).toEqual([
      ['Redacted personal data', true, 'redacted'],
      ['', true, 'redacted'],
      ['REDACTIVE MEDIA', false, 'redactive media'],
    ])
    expect(report.quality.redacted).toBe(2)
  })
})

describe('readTable: buyer', () => {
  it('lets --buyer fill a buyer column that is blank throughout', async () => {
    const {records, report} = await read('b.csv', 'Entity,Supplier,Amount\n,A,£1\n,B,£2\n', {buyer: 'Research Council'})
    expect(records.map((r) => [r.buyer, r.buyer_origin])).toEqual([['Research Council', 'flag'], ['Research Council', 'flag']])
    expect(report.buyer_origin).toBe('column (blank cells: flag)')
  })

  it('falls back to the file name, slugged for the id', async () => {
    const {records, report} = await read('archive.zip!leeds-city-council.csv', 'Supplier,Amount\nA,£1\n')
    expect(records[0]).toMatchObject({buyer: 'leeds city council', buyer_id: 'leeds-city-council', buyer_origin: 'filename'})
    expect(report.mapping_how.buyer).toBe('filename')
  })
})

describe('readTable: errors and report', () => {
  it('asks for --currency when nothing in the file names one', async () => {
    await expect(read('x.csv', 'Supplier,Amount\nA,1\n')).rejects.toThrow(SpendInputError)
    await expect(read('x.csv', 'Supplier,Amount\nA,1\n')).rejects.toMatchObject({code: 'NO_CURRENCY'})
  })

  it('imports nothing from a header-only file, with no currency and no totals', async () => {
    const {report, records} = await read('h.csv', 'Supplier,Amount\n')
    expect(records).toEqual([])
    expect(report.totals).toEqual([])
    expect(report.rows).toEqual({read: 0, imported: 0, rejected: 0, skipped: 1})
  })

  it('throws NO_AMOUNT_COLUMN for a file with no amount', async () => {
    await expect(read('x.csv', 'Supplier,Date\nA,01/01/2020\n', {currency: 'GBP'})).rejects.toMatchObject({code: 'NO_AMOUNT_COLUMN'})
  })

  it('throws EMPTY_FILE for a table with no rows', async () => {
    await expect(read('x.csv', '\n\n')).rejects.toMatchObject({code: 'EMPTY_FILE'})
  })

  it('rejects an unknown --preset listing the valid names', async () => {
    await expect(read('x.csv', 'Supplier,Amount\nA,1\n', {preset: 'nope'})).rejects.toMatchObject({code: 'UNKNOWN_PRESET'})
  })

  it('fills every report field', async () => {
    const {report} = await read('gla.csv', GLA)
    expect(report).toMatchObject({
      file: 'gla.csv', format: 'csv', container: [], encoding: 'utf-8', delimiter: ',', header_line: 5, preset: null,
      date_order: 'dmy', buyer_origin: 'title',
      quality: {no_date: 0, redacted: 0, with_supplier_id: 0, with_category: 0},
    })
    expect(report.header).toEqual(['', 'Vendor ID', 'Vendor Name', 'Document No', 'Amount', 'Clearing Date'])
    expect(report.mapping).toMatchObject({supplier: 'Vendor Name', amount: 'Amount', date: 'Clearing Date', transaction_id: 'Document No', buyer: null})
    expect(report.mapping_how).toMatchObject({supplier: 'synonym', amount: 'exact', buyer: 'title'})
  })

  it('streams past the sample buffer in batches', async () => {
    const rows = [['Supplier', 'Date', 'Amount']]
    for (let i = 0; i < 5000; i++) rows.push([`S${i % 7}`, '13/01/2020', '1.01'])
    const sink = new CollectSink()
    const report = await readTable(tableSourceFromRows('big.csv', rows), {...OPTS, currency: 'GBP'}, sink)
    expect(report.rows.imported).toBe(5000)
    expect(report.totals[0]?.imported).toBe(505000n)
    expect(sink.records[4999]?.source_line).toBe(5001)
  })

  it('accepts float noise from spreadsheet cells, but not from text', async () => {
    const sink = new CollectSink()
    const src = tableSourceFromRows('s.xlsx', [['Supplier', 'Amount'], ['A', '0.30000000000000004']], {typedCells: true, format: 'xlsx'})
    await readTable(src, {...OPTS, currency: 'GBP'}, sink)
    expect(sink.records[0]?.amount).toBe(30)
    const {rejects} = await read('t.csv', 'Supplier,Amount\nA,0.30000000000000004\n', {currency: 'GBP'})
    expect(rejects).toHaveLength(1)
  })
})
