import {describe, expect, it} from 'vitest'
import {IDENTICAL_RULE, summarise, SUMMARY_COLUMNS, SUPPLIER_RULE, type SummaryImport} from '../../src/analysis/summary.js'
import {frameFromRecords} from '../../src/model/frame.js'
import {type FrameColumn, isDerivedColumn, type RecordColumn, type SpendRecord} from '../../src/model/record.js'

function r(p: Partial<SpendRecord> = {}): SpendRecord {
  return {
    buyer_id: 'buyer-a', buyer: 'Buyer A', unit: null, supplier_id: null, supplier: 'ACME', supplier_key: 'acme',
    date: '2024-01-15', amount: 100, currency: 'GBP', category_scheme: null, category_code: null, category: null,
    expense_type: null, description: null, transaction_id: null, source: 'imp1', source_file: 'a.csv', source_line: 2,
    redacted: false, buyer_origin: 'column', ...p,
  }
}

const STORED = (SUMMARY_COLUMNS as readonly FrameColumn[]).filter((c): c is RecordColumn => !isDerivedColumn(c))
const frame = (...recs: SpendRecord[]) => frameFromRecords(recs, STORED)
const entry = (id: string, file: string, rejected = 0): SummaryImport => ({id, file, rows: {read: 0, imported: 0, rejected, skipped: 3}})

describe('summarise', () => {
  it('keeps the JSON contract: rows, buyers, suppliers, from, to, totals first', () => {
    const s = summarise(frame(r()), [entry('imp1', 'a.csv')])
    expect(Object.keys(s).slice(0, 6)).toEqual(['rows', 'buyers', 'suppliers', 'from', 'to', 'totals'])
    expect(s.totals).toEqual([{currency: 'GBP', amount: '1.00'}])
  })

  it('summarises an empty workspace as zeros, nulls and empty lists', () => {
    expect(summarise(frame(), [])).toEqual({
      rows: 0, buyers: 0, suppliers: 0, from: null, to: null, totals: [], supplier_names: 0, unidentified: [],
      quality: {with_supplier_id: 0, with_category: 0, redacted: 0, no_date: 0},
      shares: {with_supplier_id: null, with_category: null, redacted: null, no_date: null},
      identical_rows: 0, identical_groups: 0,
      supplier_rule: {suppliers: SUPPLIER_RULE.suppliers, supplier_names: SUPPLIER_RULE.supplier_names, unidentified: SUPPLIER_RULE.unidentified},
      identical_rule: IDENTICAL_RULE, imports: 0, by_buyer: [], per_import: [],
    })
  })

  it('never adds different currencies and sums exactly past 2^53', () => {
    const big = 9007199254740991
    const s = summarise(frame(r({amount: big}), r({amount: big}), r({amount: 5, currency: 'JPY'}), r({amount: -1, currency: 'EUR'}), r({amount: 1})), [])
    expect(s.totals).toEqual([
      {currency: 'EUR', amount: '-0.01'},
      {currency: 'GBP', amount: '180143985094819.83'},
      {currency: 'JPY', amount: '5'},
    ])
  })

  it('counts distinct buyers and suppliers, the date range, and quality; undated rows do not move from/to', () => {
    const s = summarise(frame(
      r({date: '2023-12-31', supplier_id: 'GB-COH-1', category_code: '72000000'}),
      r({date: null, supplier_key: 'bolt', buyer_id: 'buyer-b', buyer: 'Buyer B', buyer_origin: 'flag'}),
      r({date: '2024-03-01', supplier_key: 'bolt', redacted: true, category: 'IT'}),
      r({date: '2024-01-01'}),
    ), [entry('imp1', 'a.csv')])
    expect(s).toMatchObject({
      rows: 4, buyers: 2, suppliers: 2, from: '2023-12-31', to: '2024-03-01',
      quality: {with_supplier_id: 1, with_category: 2, redacted: 1, no_date: 1},
      shares: {with_supplier_id: 0.25, with_category: 0.5, redacted: 0.25, no_date: 0.25},
    })
  })

  it('says where each buyer came from and names it by its commonest name', () => {
    const s = summarise(frame(
      r({buyer_id: 'GB-GOR-X', buyer: 'Leeds CC', buyer_origin: 'column'}),
      r({buyer_id: 'GB-GOR-X', buyer: 'Leeds City Council', buyer_origin: 'title', source: 'imp2'}),
      r({buyer_id: 'GB-GOR-X', buyer: 'Leeds City Council', buyer_origin: 'title', source: 'imp2'}),
      r({buyer_id: 'b-york', buyer: 'York', buyer_origin: 'filename'}),
    ), [])
    expect(s.by_buyer).toEqual([
      {buyer_id: 'GB-GOR-X', buyer: 'Leeds City Council', origins: ['column', 'title'], rows: 3},
      {buyer_id: 'b-york', buyer: 'York', origins: ['filename'], rows: 1},
    ])
  })

  it('gives the same figures per import in file order, listing manifest imports with no rows and rows with no manifest entry (last)', () => {
    const s = summarise(frame(
      r({source: 'imp2', amount: 250, supplier_key: 's1', date: '2024-02-02'}),
      r({source: 'imp1', amount: 100}),
      r({source: 'imp2', amount: 1, currency: 'EUR', supplier_key: 's2', date: '2024-05-05'}),
      r({source: 'orphan', amount: 7}),
    ), [entry('imp2', 'b.csv', 4), entry('imp1', 'a.csv'), entry('empty', 'e.csv')])
    expect(s.imports).toBe(4)
    expect(s.per_import.map((p) => [p.id, p.file, p.rows, p.suppliers, p.from, p.to, p.totals, p.rejected])).toEqual([
      ['imp1', 'a.csv', 1, 1, '2024-01-15', '2024-01-15', [{currency: 'GBP', amount: '1.00'}], 0],
      ['imp2', 'b.csv', 2, 2, '2024-02-02', '2024-05-05', [{currency: 'EUR', amount: '0.01'}, {currency: 'GBP', amount: '2.50'}], 4],
      ['empty', 'e.csv', 0, 0, null, null, [], 0],
      ['orphan', null, 1, 1, '2024-01-15', '2024-01-15', [{currency: 'GBP', amount: '0.07'}], 0],
    ])
    expect(s.totals).toEqual([{currency: 'EUR', amount: '0.01'}, {currency: 'GBP', amount: '3.57'}])
  })

  it('counts entities (ids first, then normalised names) and case-folded names, both without redacted or blank suppliers', () => {
    const recs = [
      r({supplier: 'ACME Ltd', supplier_key: 'acme'}),
      r({supplier: 'Acme Limited', supplier_key: 'acme'}),
      r({supplier: 'acme ltd', supplier_key: 'acme'}),
      r({supplier: 'Bolt', supplier_key: 'GB-COH-1', supplier_id: 'GB-COH-1'}),
      r({supplier: 'Bolt Two', supplier_key: 'GB-COH-1', supplier_id: 'GB-COH-1'}),
      r({supplier: 'Redacted', supplier_key: 'redacted', redacted: true, amount: 300}),
      r({supplier: '', supplier_key: 'redacted', redacted: true, amount: 50, currency: 'EUR'}),
    ]
    const s = summarise(frame(...recs), [])
    const keys = new Set(recs.filter((x) => !x.redacted).map((x) => x.supplier_key))
    const names = new Set(recs.filter((x) => !x.redacted).map((x) => x.supplier.toLowerCase()))
    expect([s.suppliers, s.supplier_names]).toEqual([keys.size, names.size])
    expect(s.unidentified).toEqual([
      {currency: 'EUR', amount: '0.50', count: 1, share: 1},
      {currency: 'GBP', amount: '3.00', count: 1, share: 0.375},
    ])
    expect(s.supplier_rule.unidentified).toBe(SUPPLIER_RULE.unidentified)
    // Counted as one supplier (the rule before): the key "redacted" and the names "redacted" and "".
    const old = summarise(frame(...recs), [], {redactedAsSupplier: true})
    expect([old.suppliers, old.supplier_names]).toEqual([keys.size + 1, names.size + 2])
    expect(old.unidentified.map((u) => u.count)).toEqual([0, 0])
  })

  it('summarises only the selected rows (the analysis filters)', () => {
    const recs = [r({amount: 100, date: '2023-05-01'}), r({amount: 250, date: '2024-02-01', supplier_key: 'bolt', supplier: 'Bolt', source: 'imp2'})]
    const s = summarise(frame(...recs), [entry('imp1', 'a.csv'), entry('imp2', 'b.csv')], {selection: Uint32Array.of(1)})
    expect(s).toMatchObject({rows: 1, suppliers: 1, from: '2024-02-01', to: '2024-02-01', totals: [{currency: 'GBP', amount: '2.50'}]})
    expect(s.per_import.map((p) => [p.id, p.rows])).toEqual([['imp1', 0], ['imp2', 1]])
  })

  it('is the same whatever the row order', () => {
    const rows = [r({source: 'b', supplier_key: 'x'}), r({source: 'a', date: '2020-01-01'}), r({source: 'b', buyer_id: 'z', buyer: 'Z'})]
    expect(JSON.stringify(summarise(frame(...rows), []))).toBe(JSON.stringify(summarise(frame(...rows.reverse()), [])))
  })
})

describe('summarise: identical rows', () => {
  it('counts rows identical to an earlier one, overall and within each import, and names the rule', () => {
    const line = {invoice_number: 'INV7', transaction_id: 'T7', amount: 4200}
    const s = summarise(frame(
      r({...line, source_line: 2}), r({...line, source_line: 3}), r({...line, source_line: 4}),
      r({...line, source: 'imp2', source_file: 'b.csv'}), r({...line, amount: 4201}),
    ), [entry('imp1', 'a.csv'), entry('imp2', 'b.csv')])
    expect(s.identical_rows).toBe(3)
    expect(s.identical_groups).toBe(1)
    expect(s.per_import.map((i) => [i.id, i.identical_rows, i.identical_groups])).toEqual([['imp1', 2, 1], ['imp2', 0, 0]])
    expect(s.identical_rule).toBe(IDENTICAL_RULE)
    expect(IDENTICAL_RULE).toMatch(/^identical canonical fields: buyer, unit, supplier as published, ids, date, amount, currency, category, expense type, invoice and transaction numbers, description/)
  })
})
