import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {flat, RowBatch, sendBatch, ValueDict} from '../../src/io/workspace/batch.js'
import {PartBuilder} from '../../src/io/workspace/columns.js'
import {PartWriter} from '../../src/io/workspace/writer.js'
import {readTable} from '../../src/io/read/table/table.js'
import type {CellRow, TableSource} from '../../src/io/read/types.js'
import type {SpendRecord} from '../../src/model/record.js'
import {isRedacted, supplierFacts, supplierKey} from '../../src/model/supplier.js'
import {tempDir as registeredTempDir} from '../helpers/temp.js'
import {record} from './workspace-fixtures.js'

const tempDir = () => registeredTempDir('spendkit-batch-')

/** Varied records: nulls, repeats, non-ASCII, long names. */
function records(n: number, distinct = 50): SpendRecord[] {
  const out: SpendRecord[] = []
  for (let i = 0; i < n; i++) {
    const s = i % distinct
    out.push(record({
      supplier: s % 7 === 0 ? `Café Nørd ${s} A/S` : `Supplier number ${s} Limited`,
      supplier_key: `supplier number ${s}`,
      supplier_id: s % 3 === 0 ? null : `GB-COH-${String(s).padStart(8, '0')}`,
      unit: i % 4 === 0 ? null : `Unit ${i % 5}`,
      date: i % 9 === 0 ? null : `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
      amount: (i % 2 === 0 ? 1 : -1) * (i * 37 + 1),
      description: i % 5 === 0 ? null : `Payment ${i} für Dienst`,
      transaction_id: `T${i}`,
      source_line: i + 2,
      redacted: i % 11 === 0,
    }))
  }
  return out
}

function partFiles(dir: string): Buffer[] {
  return readdirSync(dir).filter((f) => f.endsWith('.arrow')).sort().map((f) => readFileSync(join(dir, f)))
}

describe('ValueDict and flat', () => {
  it('numbers values in order of arrival, the same value always the same number', () => {
    const d = new ValueDict()
    const long = 'x,Supplier number 12 Limited,y'.split(',')[1] as string
    expect([d.code('GBP'), d.code('NOK'), d.code('GBP'), d.code(long), d.code('NOK'), d.code(`Supplier number ${12} Limited`)]).toEqual([0, 1, 0, 2, 1, 2])
    expect(d.values).toEqual(['GBP', 'NOK', 'Supplier number 12 Limited'])
  })

  it('flat keeps the text of any string, lone surrogates included', () => {
    for (const s of ['', 'abc', 'Supplier number 12 Limited', 'Ærlig Næring AS og Sønner', 'a\ud800b and some more text', '😀 emoji supplier name']) {
      expect(flat(s)).toBe(s)
    }
  })
})

describe('RowBatch', () => {
  it('gives back the records pushed, and plain sinks get records', () => {
    const rs = records(30)
    const b = new RowBatch(64)
    for (const r of rs) b.push(r)
    const got: SpendRecord[] = []
    sendBatch(b, {add: (r) => got.push(r), reject: () => {}})
    expect(got).toEqual(rs)
  })

  it('hands the whole batch to a sink that takes batches', () => {
    const b = new RowBatch(8)
    b.push(record())
    let seen = 0
    sendBatch(b, {add: () => expect.unreachable(), reject: () => {}, addBatch: (x: RowBatch) => (seen = x.length)} as never)
    expect(seen).toBe(1)
  })

  it('starts new dictionaries (new gen) once one grows past its limit', () => {
    const b = new RowBatch(8, 4)
    for (let i = 0; i < 6; i++) b.push(record({supplier: `S${i}`}))
    const before = b.dicts
    b.clear()
    expect(b.gen).toBe(1)
    expect(b.dicts).not.toBe(before)
    expect(b.dicts.supplier.values).toEqual([])
  })
})

describe('PartWriter.addBatch', () => {
  it('writes the same part files as adding the records one by one, across part and dictionary boundaries', () => {
    const rs = records(700, 90)
    const one = tempDir()
    const w1 = new PartWriter(one, 97)
    for (const r of rs) w1.add(r)
    w1.finish()
    const two = tempDir()
    const w2 = new PartWriter(two, 97)
    // Batches of 64 with dictionaries replaced every few batches: the writer must drop its code mapping.
    const b = new RowBatch(64, 40)
    for (const r of rs) {
      b.push(r)
      if (b.length === b.capacity) {
        w2.addBatch(b)
        b.clear()
      }
    }
    w2.addBatch(b)
    w2.finish()
    expect(b.gen).toBeGreaterThan(0)
    expect(w2.imported).toBe(700)
    expect(w2.parts).toEqual(w1.parts)
    const a = partFiles(one)
    expect(a.length).toBe(8)
    expect(partFiles(two)).toEqual(a)
  })

  it('mixes records and batches in one import without duplicating dictionary entries', () => {
    const rs = records(300, 40)
    const one = tempDir()
    const w1 = new PartWriter(one, 128)
    for (const r of rs) w1.add(r)
    w1.finish()
    const two = tempDir()
    const w2 = new PartWriter(two, 128)
    const b = new RowBatch(50)
    rs.forEach((r, i) => {
      // Rows 100-199 as records between batches: the builders must then index what batches added.
      if (i >= 100 && i < 200) {
        w2.addBatch(b)
        b.clear()
        w2.add(r)
        return
      }
      b.push(r)
      if (b.length === b.capacity) {
        w2.addBatch(b)
        b.clear()
      }
    })
    w2.addBatch(b)
    w2.finish()
    expect(partFiles(two)).toEqual(partFiles(one))
  })

  it('streams a part with large dictionary buffers to the same bytes as encoding it in memory', () => {
    // 20,000 distinct names make dictionary buffers larger than the file sink's staging threshold.
    const rs = records(20_000, 20_000)
    const dir = tempDir()
    const w = new PartWriter(dir, 30_000)
    const b = new RowBatch()
    for (const r of rs) {
      b.push(r)
      if (b.length === b.capacity) {
        w.addBatch(b)
        b.clear()
      }
    }
    w.addBatch(b)
    w.finish()
    const mem = new PartBuilder(30_000)
    for (const r of rs) mem.add(r)
    const [file] = partFiles(dir)
    expect(Buffer.from(mem.flush() as Uint8Array).equals(file as Buffer)).toBe(true)
  })
})

describe('readTable through the batch path', () => {
  it('gives a record sink the rows in file order, rejects in between', async () => {
    const lines = ['Supplier,Date,Amount', 'ACME Ltd,01/02/2024,1.00', 'Beta,31/02/2024,2.00', 'ACME Ltd,01/02/2024,3.00', 'Gamma,,x', 'Beta,02/02/2024,4.00']
    const rows: CellRow[] = lines.map((l, i) => ({line: i + 1, cells: l.split(',')}))
    const source: TableSource = {
      kind: 'table', name: 'a.csv', format: 'csv', container: [], encoding: 'utf-8', delimiter: ',', typedCells: false,
      rows: (async function* () {
        yield rows
      })(),
    }
    const events: string[] = []
    const report = await readTable(source, {importId: 'imp', label: 'a.csv', currency: 'GBP'}, {
      add: (r) => events.push(`add ${r.source_line} ${r.supplier} ${r.date} ${r.amount} ${r.supplier_key}`),
      reject: (r) => events.push(`reject ${r.source_line}`),
    })
    expect(events).toEqual([
      'add 2 ACME Ltd 2024-02-01 100 acme',
      'reject 3',
      'add 4 ACME Ltd 2024-02-01 300 acme',
      'reject 5',
      'add 6 Beta 2024-02-02 400 beta',
    ])
    expect(report.rows).toEqual({read: 5, imported: 3, rejected: 2, skipped: 1})
  })
})

describe('supplierFacts', () => {
  it('agrees with isRedacted and supplierKey, with and without & and accents', () => {
    const names = ['ACME  Services Ltd.', 'Smith & Sons Ltd', 'Redacted & data', 'Redacted, personal data', 'Café Nørd A/S', 'Ｂ＆Ｑ', 'x＆y ltd', '', 'S.A.', 'Personal Expense, Name Witheld']
    for (const n of names) expect(supplierFacts(n)).toEqual({redacted: isRedacted(n), key: supplierKey(n)})
    expect(supplierFacts('Smith & Sons Ltd').key).toBe('smith and sons')
    expect(supplierFacts('Redacted & data')).toEqual({redacted: true, key: 'redacted'})
    expect(supplierFacts('Café Nørd A/S').key).toBe('cafe nørd')
    expect(supplierFacts('Ｂ＆Ｑ').key).toBe('b q')
  })
})
