import {frameFromRecords, type SpendFrame} from '../../src/model/frame.js'
import type {SpendRecord} from '../../src/model/record.js'

/** A SpendRecord with defaults: one GBP 1.00 payment by Buyer A to ACME on 2024-01-15. */
export function rec(partial: Partial<SpendRecord> = {}): SpendRecord {
  const supplier = partial.supplier ?? 'ACME'
  const buyer = partial.buyer ?? 'Buyer A'
  return {
    buyer_id: partial.buyer_id ?? buyer.toLowerCase().replace(/\s+/g, '-'),
    buyer,
    unit: null,
    supplier_id: null,
    supplier,
    supplier_key: partial.supplier_key ?? supplier.toLowerCase(),
    date: '2024-01-15',
    amount: 100,
    currency: 'GBP',
    category_scheme: null,
    category_code: null,
    category: null,
    expense_type: null,
    description: null,
    transaction_id: null,
    source: 'test',
    source_file: 'test.csv',
    source_line: 2,
    redacted: false,
    buyer_origin: 'column',
    ...partial,
  }
}

/** A frame of records built with `rec` defaults. */
export function frameOf(...partials: Partial<SpendRecord>[]): SpendFrame {
  return frameFromRecords(partials.map(rec))
}

/** An empty frame with every column. */
export function emptyFrame(): SpendFrame {
  return frameFromRecords([], Object.keys(rec()) as (keyof SpendRecord)[])
}
