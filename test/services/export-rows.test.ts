/**
 * exportBatches streams the workspace part by part, and the rows it gives
 * equal the frame the analyses load (overlays applied), column by column and
 * in the same order: across parts and a split import (small parts, small
 * batches), with filters, and with a stored crosswalk and rules.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {Workspace} from '../../src/io/workspace/index.js'
import {PartWriter} from '../../src/io/workspace/writer.js'
import {EXPORT_COLUMNS, type ExportBatch} from '../../src/io/write/export/types.js'
import type {SpendRecord} from '../../src/model/record.js'
import {exportBatches, exportMetadata, isoDays} from '../../src/services/export/rows.js'
import {loadWorkspaceFrame} from '../../src/services/frame-load.js'
import {filterRows} from '../../src/analysis/filter.js'
import {dim} from '../../src/analysis/dims.js'
import type {FrameColumn} from '../../src/model/record.js'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {meta, record, report} from '../io/workspace-fixtures.js'

type Row = Record<string, unknown>

async function collect(ws: Workspace, opts: Parameters<typeof exportBatches>[1] = {}): Promise<{rows: Row[]; batches: ExportBatch[]}> {
  const batches: ExportBatch[] = []
  for await (const b of exportBatches(ws, opts)) batches.push(b)
  const rows: Row[] = []
  for (const b of batches) {
    for (let i = 0; i < b.length; i++) rows.push(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.name, b.values[c.name][i]])))
  }
  return {rows, batches}
}

const FRAME: FrameColumn[] = ['source', 'source_file', 'source_line', 'buyer_id', 'buyer', 'unit', 'supplier_id', 'supplier_key', 'supplier',
  'published_supplier', 'redacted', 'supplier_scale', 'date', 'amount', 'currency', 'category_scheme', 'category_code', 'category',
  'classified_by', 'gpp_group', 'expense_type', 'description', 'transaction_id', 'invoice_number', 'buyer_origin']

/** The analyses' frame as export rows (the expected values), optionally through a selection. */
async function expected(ws: Workspace, select?: (f: Awaited<ReturnType<typeof loadWorkspaceFrame>>['frame']) => ArrayLike<number>): Promise<Row[]> {
  const {frame} = await loadWorkspaceFrame(ws, FRAME)
  const sd = dim(frame, 'supplier')
  const rows = select ? Array.from(select(frame)) : Array.from({length: frame.length}, (_, i) => i)
  const v = (name: FrameColumn, i: number) => {
    const col = frame.columns[name]!
    if (col.type === 'dict') return col.codes[i] >= 0 ? col.dict[col.codes[i]] : null
    return col.values[i]
  }
  return rows.map((i) => {
    const out: Row = {}
    for (const c of EXPORT_COLUMNS) {
      if (c.name === 'import_id') out[c.name] = v('source', i)
      else if (c.name === 'source_line') out[c.name] = BigInt(v('source_line', i) as number)
      else if (c.name === 'amount_minor') out[c.name] = BigInt(v('amount', i) as number)
      else if (c.name === 'redacted') out[c.name] = v('redacted', i) === 1
      else if (c.name === 'date') out[c.name] = v('date', i) === null ? null : isoDays(v('date', i) as string)
      else if (c.name === 'currency_exponent') out[c.name] = v('currency', i) === 'JPY' ? 0 : 2
      else if (c.name === 'supplier_unidentified') out[c.name] = sd.unidentified?.[sd.keys[i]] === 1
      else out[c.name] = v(c.name as FrameColumn, i)
    }
    return out
  })
}

function rows(tag: string, n: number): SpendRecord[] {
  return Array.from({length: n}, (_, i) => record({
    supplier: i === 3 ? 'REDACTED' : `${tag} ${i % 4}`, supplier_key: i === 3 ? 'redacted' : `${tag.toLowerCase()}${i % 4}`, redacted: i === 3,
    category: i % 2 ? 'Shared' : `Cat ${tag}`, source_line: i + 2,
    date: i % 5 === 0 ? null : `2024-03-${String(i + 1).padStart(2, '0')}`, amount: 1000 + i * 37 - (i === 7 ? 5000 : 0), currency: i % 6 === 0 ? 'JPY' : 'GBP',
  }))
}

let split: Workspace
beforeAll(async () => {
  const root = join(tempDir(), 'ws')
  split = new Workspace(root)
  // Two imports; the first split in two chains (a dictionary join), 4 rows a part.
  const w = await split.beginImport(meta('aaaaaaaaaaaa'), {partRows: 4})
  for (const r of rows('A', 6)) w.add(r)
  const s = w.split!
  mkdirSync(s.dir, {recursive: true})
  const half = new PartWriter(s.dir, s.partRows)
  for (const r of rows('B', 8)) half.add(r)
  half.finish()
  s.adopt(half.written())
  await w.commit({files: [report()]})
  const w2 = await split.beginImport(meta('bbbbbbbbbbbb', {file: 'second.csv', sha256: 'b'.repeat(64)}), {partRows: 3})
  for (const r of rows('C', 7)) w2.add(r)
  await w2.commit({files: [report()]})
})

describe('exportBatches over parts', () => {
  it('equals the analyses\' frame in every column and in order, whatever the batch size', async () => {
    const want = await expected(split)
    expect(want.length).toBe(21)
    for (const batchRows of [1, 2, 5, 1000]) {
      const {rows, batches} = await collect(split, {batchRows})
      expect(rows).toEqual(want)
      expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(batchRows)
    }
  })

  it('marks redacted suppliers unidentified and keeps nulls as null', async () => {
    const {rows} = await collect(split)
    expect(rows.filter((r) => r.supplier_unidentified).length).toBe(3)
    expect(rows.filter((r) => r.date === null).length).toBeGreaterThan(0)
    expect(rows[1].date).toBe(isoDays('2024-03-02'))
    expect(isoDays('1970-01-02')).toBe(1)
  })

  it('keeps the rows the analyses\' filters select, with the same filter resolution', async () => {
    const filters = {currency: ['GBP'], supplier: ['B 1'], from: '2024-03-02'}
    const want = await expected(split, (f) => filterRows(f, {currency: ['GBP'], supplier: ['B 1'], from: '2024-03-02'}) ?? [])
    expect(want.length).toBeGreaterThan(0)
    const {rows} = await collect(split, {filters, batchRows: 2})
    expect(rows).toEqual(want)
  })

  it('limits to chosen imports, and the metadata lists them with their SHA-256', async () => {
    const {rows} = await collect(split, {imports: ['bbbb']})
    expect(rows.length).toBe(7)
    expect(new Set(rows.map((r) => r.import_id))).toEqual(new Set(['bbbbbbbbbbbb']))
    const m = await exportMetadata(split)
    expect(m.tool).toMatch(/^spendkit \d/)
    expect(m.imports.map((i) => i.id)).toEqual(['aaaaaaaaaaaa', 'bbbbbbbbbbbb'])
  })
})

describe('exportBatches with a stored crosswalk and rules (built binary)', () => {
  it('gives the entity and classified values the analyses see', async () => {
    const dir = tempDir()
    const ws = join(dir, 'ws')
    const file = fixture('demo/uk-brackenridge-spend-over-500-2023.csv')
    expect((await runCli(['import', file, '--workspace', ws])).code).toBe(0)
    const rules = join(dir, 'rules.csv')
    writeFileSync(rules, 'buyer,field,scheme,match,pattern,cpv,note\n,expense_type,,exact,construction,45000000,works\n')
    const applied = await runCli(['classify', 'apply', '--rules', rules, '--workspace', ws])
    expect(applied.code, applied.stderr).toBe(0)
    const suggest = await runCli(['entities', 'suggest', '--workspace', ws, '--out', join(dir, 'cw.csv')], {cwd: dir})
    if (suggest.code === 0) expect((await runCli(['entities', 'apply', join(dir, 'cw.csv'), '--workspace', ws], {cwd: dir})).code).toBe(0)
    const w = await Workspace.open(ws)
    const want = await expected(w)
    const {rows} = await collect(w, {batchRows: 100})
    expect(rows).toEqual(want)
    expect(rows.some((r) => r.classified_by !== null && r.classified_by !== 'data')).toBe(true)
  })
})
