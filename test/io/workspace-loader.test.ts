import {readFileSync, readdirSync, rmSync, truncateSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {isSpendInputError, type SpendInputError} from '../../src/errors.js'
import type {DictColumn} from '../../src/model/frame.js'
import {Workspace} from '../../src/io/workspace/index.js'
import {PART_COLUMNS} from '../../src/io/workspace/layout.js'
import {openPart, openPartFile, Scratch} from '../../src/io/workspace/part-reader.js'
import {frameRows, meta, record, report, tempWorkspace} from './workspace-fixtures.js'

/** Rows whose string values repeat across parts and imports, with nulls and non-ASCII text. */
function rows(tag: string, n: number) {
  return Array.from({length: n}, (_, i) => record({
    supplier: `S${i % 5}${i % 7 === 0 ? ' Ø' : ''}`, supplier_key: i % 4 === 3 ? 'x' : `s${i % 5}`,
    unit: i % 4 === 3 ? null : `U${i % 2}`,
    buyer: `${tag}-${i % 3}`, category: i % 2 ? 'Shared' : null, amount: i * 7 - 20, source_line: i + 2,
    description: i % 3 ? `d${i % 4}` : null,
  }))
}

async function importRows(ws: Workspace, id: string, records: ReturnType<typeof rows>, partRows: number) {
  const w = await ws.beginImport(meta(id), {partRows})
  for (const r of records) w.add(r)
  return w.commit({files: [report()]})
}

describe('workspace loader (range reads, merged dictionaries)', () => {
  it('loads several multi-part imports back exactly, with one distinct dictionary per column', async () => {
    const ws = new Workspace(tempWorkspace())
    const a = rows('A', 23)
    const b = rows('B', 11)
    await importRows(ws, 'aaaaaaaaaaaa', a, 4)
    await importRows(ws, 'bbbbbbbbbbbb', b, 3)
    const cols = ['supplier', 'supplier_key', 'unit', 'buyer', 'category', 'description', 'amount', 'source_line'] as const
    const frame = await ws.loadFrame(cols)
    const expected = [...a, ...b].map((r) => Object.fromEntries(cols.map((c) => [c, r[c]])))
    expect(frameRows(frame, cols)).toEqual(expected)
    for (const c of ['supplier', 'supplier_key', 'unit', 'buyer', 'category', 'description'] as const) {
      const dict = (frame.columns[c] as DictColumn).dict
      expect(new Set(dict).size).toBe(dict.length)
    }
    // The second import shares values with the first: they get the first's codes.
    expect((frame.columns.supplier_key as DictColumn).dict).toEqual(['s0', 's1', 's2', 'x', 's4', 's3'])
  })

  it('fills each row\'s source with its import id, from the manifest', async () => {
    const ws = new Workspace(tempWorkspace())
    await importRows(ws, 'bbbbbbbbbbbb', rows('B', 5), 2)
    await importRows(ws, 'aaaaaaaaaaaa', rows('A', 3), 2)
    const frame = await ws.loadFrame(['source', 'supplier'])
    const sources = frameRows(frame, ['source']).map((r) => r.source)
    // Imports load in id order.
    expect(sources).toEqual([...Array(3).fill('aaaaaaaaaaaa'), ...Array(5).fill('bbbbbbbbbbbb')])
    expect((frame.columns.source as DictColumn).dict).toEqual(['aaaaaaaaaaaa', 'bbbbbbbbbbbb'])
    const only = await ws.loadFrame(['source'], {imports: ['bbbb']})
    expect(frameRows(only, ['source'])).toEqual(Array(5).fill({source: 'bbbbbbbbbbbb'}))
  })

  it('reads a part file by ranges the same as from memory, reusing one scratch buffer', async () => {
    const root = tempWorkspace()
    await importRows(new Workspace(root), 'aaaaaaaaaaaa', rows('A', 9), 1000)
    const path = join(root, 'imports/aaaaaaaaaaaa/part-00000.arrow')
    const memory = openPart(readFileSync(path))
    const file = openPartFile(path, new Scratch())
    try {
      expect(file.rows).toBe(9)
      for (const name of PART_COLUMNS) {
        const m = memory.column(name)!
        const f = file.column(name)!
        expect(f.kind).toBe(m.kind)
        if (m.kind === 'dict' && f.kind === 'dict') {
          expect([...f.keys]).toEqual([...m.keys])
          expect(f.entries()).toEqual(Array.from({length: m.size}, (_, k) => m.entry(k)))
        }
        if (m.kind === 'float64' && f.kind === 'float64') expect([...f.values]).toEqual([...m.values])
      }
      expect(file.column('nope')).toBeNull()
      // The source column is the import id, filled in by the loader: parts do not store it.
      expect(file.column('source')).toBeNull()
    } finally {
      file.close()
    }
  })

  it('says which part is damaged: truncated, not Arrow, or missing', async () => {
    for (const damage of ['truncate', 'garbage', 'empty', 'remove'] as const) {
      const root = tempWorkspace()
      const ws = new Workspace(root)
      await importRows(ws, 'aaaaaaaaaaaa', rows('A', 9), 4)
      const dir = join(root, 'imports/aaaaaaaaaaaa')
      const part = join(dir, readdirSync(dir).filter((f) => f.endsWith('.arrow'))[1])
      if (damage === 'truncate') truncateSync(part, 100)
      else if (damage === 'garbage') writeFileSync(part, 'not an arrow file at all, just text')
      else if (damage === 'empty') writeFileSync(part, '')
      else rmSync(part)
      const error = await ws.loadFrame(['supplier', 'amount']).catch((e: unknown) => e)
      expect(isSpendInputError(error) && error.code).toBe('WORKSPACE_DAMAGED')
      expect(String((error as Error).message)).toMatch(damage === 'remove' ? /is missing/ : /cannot be read/)
      expect(isSpendInputError(error) && error.where).toBe(part)
      // One line naming the import and its source file, with the command that rebuilds it.
      expect((error as SpendInputError).oneLine()).toMatch(/: import aaaaaaaaaaaa \(a\.csv\) is damaged \(re-import it: spend import (\S*\/)?a\.csv --replace; or run spend check/)
    }
  })
})
