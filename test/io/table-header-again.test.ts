import {describe, expect, it} from 'vitest'
import {readTable} from '../../src/io/read/table/table.js'
import type {ImportOptions} from '../../src/io/read/types.js'
import {CollectSink, tableSourceFromText} from '../helpers/table-source.js'

const OPTS: ImportOptions = {importId: 'imp-1', label: 'test.csv', currency: 'GBP'}

async function read(text: string) {
  const sink = new CollectSink()
  const report = await readTable(tableSourceFromText('h.csv', text), OPTS, sink)
  return {report, records: sink.records, rejects: sink.rejects}
}

describe('readTable: a header row again below the header', () => {
  it('skips a second header naming the same columns in other words, and counts it', async () => {
    // Each cell of line 3 is a synonym the mapper knows for its column's field.
    const text = 'Supplier,Amount,Date,Expense Area\nA,1.00,01/02/2020,Police\nVendor Name,Payment Amount,Payment Date,Directorate\nB,2.00,03/02/2020,Fire\n'
    const {report, records, rejects} = await read(text)
    expect(rejects).toEqual([])
    expect(records.map((r) => [r.source_line, r.supplier])).toEqual([[2, 'A'], [4, 'B']])
    expect(report.skipped_detail).toMatchObject({header: 1, repeated_header: 1})
    expect(report.rows).toEqual({read: 2, imported: 2, rejected: 0, skipped: 2})
  })

  it('skips an exact repeat of the header in another case or spacing (files concatenated)', async () => {
    const text = 'Supplier,Amount,Date\nA,1.00,01/02/2020\n SUPPLIER , AMOUNT ,DATE\nB,2.00,03/02/2020\nSupplier,Amount,Date\nC,3.00,04/02/2020\n'
    const {report, records, rejects} = await read(text)
    expect(rejects).toEqual([])
    expect(records.map((r) => r.supplier)).toEqual(['A', 'B', 'C'])
    expect(report.skipped_detail.repeated_header).toBe(2)
  })

  it('still rejects data rows that only look a little like a header', async () => {
    const text = [
      'Supplier,Amount,Date,Description',
      // A supplier really named "Vendor" with an amount that is not one: data, rejected.
      'Vendor,n/a,01/02/2020,Amount',
      // Header words in the amount and supplier cells, but a real date: data, rejected.
      'Supplier,Amount,05/02/2020,x',
      // Only the amount cell names a field: data, rejected.
      'Acme Ltd,Amount,,Repairs',
      'B,2.00,03/02/2020,ok',
    ].join('\n')
    const {report, records, rejects} = await read(text)
    expect(records.map((r) => r.supplier)).toEqual(['B'])
    expect(rejects.map((r) => r.source_line)).toEqual([2, 3, 4])
    expect(report.skipped_detail.repeated_header).toBe(0)
  })
})
