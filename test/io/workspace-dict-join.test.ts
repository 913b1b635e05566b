import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {crc32} from 'node:zlib'
import {isSpendInputError} from '../../src/errors.js'
import {describe, expect, it} from 'vitest'
import type {DictColumn} from '../../src/model/frame.js'
import type {SpendRecord} from '../../src/model/record.js'
import {readDictJoin, writeDictJoin} from '../../src/io/workspace/dict-join.js'
import {type Manifest, Workspace} from '../../src/io/workspace/index.js'
import {PartWriter} from '../../src/io/workspace/writer.js'
import {frameRows, meta, record, report, tempWorkspace} from './workspace-fixtures.js'

// A split read writes two chains of parts (two threads, two dictionaries);
// at commit the second chain's codes are mapped into the first's (dict-join.ts)
// so loading needs no hashing. These build such an import by hand.

/** Rows that share some values across the two halves and each have values of their own. */
function rows(tag: string, n: number): SpendRecord[] {
  return Array.from({length: n}, (_, i) => record({
    supplier: i % 3 === 0 ? `Shared ${i % 4}` : `${tag} only ${i % 5}`, supplier_key: `k${i % 6}${tag}`,
    unit: i % 4 === 3 ? null : `U${i % 2}`, category: i % 2 ? 'Shared' : `Cat ${tag}`, amount: i * 3 - 7, source_line: i + 2,
  }))
}

/** One import from two halves written by two PartWriters, like a split read. */
async function splitImport(ws: Workspace, first: SpendRecord[], second: SpendRecord[], partRows: number) {
  const w = await ws.beginImport(meta(), {partRows})
  for (const r of first) w.add(r)
  const split = w.split!
  mkdirSync(split.dir, {recursive: true})
  const half = new PartWriter(split.dir, split.partRows)
  for (const r of second) half.add(r)
  half.finish()
  split.adopt(half.written())
  return w.commit({files: [report()]})
}

/** Store new size and checksum for an import's join in the manifest (none: as an older spend wrote it). */
function restamp(root: string, id: string, stored: {bytes?: number; crc32?: number}): void {
  const file = join(root, 'manifest.json')
  const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest
  const e = m.imports.find((x) => x.id === id)!
  const {bytes: _b, crc32: _c, ...rest} = e.dict_join!
  e.dict_join = {...rest, ...stored}
  writeFileSync(file, JSON.stringify(m, null, 2))
}

const COLS = ['supplier', 'supplier_key', 'unit', 'category', 'amount', 'source_line'] as const

function expected(records: SpendRecord[]) {
  return records.map((r) => Object.fromEntries(COLS.map((c) => [c, r[c]])))
}

describe('dictionary join of a split import', () => {
  it('loads both chains back exactly, with distinct dictionaries and the first chain\'s codes for shared values', async () => {
    const root = tempWorkspace()
    const ws = new Workspace(root)
    const a = rows('A', 10)
    const b = rows('B', 9)
    const entry = await splitImport(ws, a, b, 4)
    // 3 parts of the first half, 3 of the second.
    const joinBytes = readFileSync(join(root, 'imports', entry.id, 'dict-join.json'))
    expect(entry.dict_join).toEqual({part: 3, file: 'dict-join.json', bytes: joinBytes.length, crc32: crc32(joinBytes)})
    const frame = await ws.loadFrame(COLS)
    expect(frameRows(frame, COLS)).toEqual(expected([...a, ...b]))
    const supplier = frame.columns.supplier as DictColumn
    expect(new Set(supplier.dict).size).toBe(supplier.dict.length)
    // Values of the first half first, then the second half's new ones, each in order of first appearance.
    expect(supplier.dict).toEqual([...new Set([...a, ...b].map((r) => r.supplier))])
    expect(supplier.dict.filter((s) => s.startsWith('Shared')).length).toBe(4)
  })

  it('is what the loader uses: a map that swaps two values swaps them in the frame', async () => {
    const root = tempWorkspace()
    const ws = new Workspace(root)
    const a = [record({category: 'X'}), record({category: 'Y'})]
    const b = [record({category: 'X'}), record({category: 'Y'}), record({category: 'Z'})]
    const entry = await splitImport(ws, a, b, 10)
    const path = join(root, 'imports', entry.id, 'dict-join.json')
    const j = readDictJoin(path)!
    expect([...j.category!.codes]).toEqual([0, 1, 2])
    // A join the manifest vouches for (its checksum stored again), not damage.
    restamp(root, entry.id, writeDictJoin(path, {...j, category: {base: 2, codes: Int32Array.of(1, 0, 2)}}))
    const cats = frameRows(await ws.loadFrame(['category']), ['category']).map((r) => r.category)
    expect(cats).toEqual(['X', 'Y', 'Y', 'X', 'Z'])
  })

  it('falls back to matching values when a join without a stored checksum (an older workspace) is missing, damaged or does not fit', async () => {
    for (const damage of ['remove', 'garbage', 'misfit'] as const) {
      const root = tempWorkspace()
      const ws = new Workspace(root)
      const a = rows('A', 7)
      const b = rows('B', 8)
      const entry = await splitImport(ws, a, b, 3)
      restamp(root, entry.id, {})
      const path = join(root, 'imports', entry.id, 'dict-join.json')
      if (damage === 'remove') rmSync(path)
      else if (damage === 'garbage') writeFileSync(path, '{not json')
      else writeDictJoin(path, {supplier: {base: 99, codes: Int32Array.of(5)}})
      expect(frameRows(await ws.loadFrame(COLS), COLS)).toEqual(expected([...a, ...b]))
    }
  })

  it('with a stored checksum, a missing or changed join is damage (WORKSPACE_DAMAGED), one that does not fit falls back', async () => {
    for (const damage of ['remove', 'garbage', 'misfit'] as const) {
      const root = tempWorkspace()
      const ws = new Workspace(root)
      const a = rows('A', 7)
      const b = rows('B', 8)
      const entry = await splitImport(ws, a, b, 3)
      const path = join(root, 'imports', entry.id, 'dict-join.json')
      if (damage === 'remove') rmSync(path)
      else if (damage === 'garbage') writeFileSync(path, '{not json')
      else restamp(root, entry.id, writeDictJoin(path, {supplier: {base: 99, codes: Int32Array.of(5)}}))
      const loaded = ws.loadFrame(COLS)
      if (damage === 'misfit') {
        expect(frameRows(await loaded, COLS)).toEqual(expected([...a, ...b]))
        continue
      }
      const error = await loaded.catch((e: unknown) => e)
      expect(isSpendInputError(error) && error.code).toBe('WORKSPACE_DAMAGED')
      expect(isSpendInputError(error) && error.where).toBe(path)
      expect(String((error as Error).message)).toMatch(damage === 'remove' ? /^is missing/ : /^does not match its checksum/)
    }
  })

  it('joins only the import loaded first; a second import is matched by value as before', async () => {
    const root = tempWorkspace()
    const ws = new Workspace(root)
    const a = rows('A', 6)
    const b = rows('B', 6)
    const first = await splitImport(ws, a, b, 4)
    const w = await ws.beginImport(meta('000000000000'), {partRows: 4})
    const c = rows('C', 5)
    for (const r of c) w.add(r)
    await w.commit({files: [report()]})
    expect(existsSync(join(root, 'imports', first.id, 'dict-join.json'))).toBe(true)
    // Imports load in id order: the plain one first, then the split one through the general path.
    expect(frameRows(await ws.loadFrame(COLS), COLS)).toEqual(expected([...c, ...a, ...b]))
  })

  it('writes no join when one half wrote no parts', async () => {
    const ws = new Workspace(tempWorkspace())
    const entry = await splitImport(ws, [], rows('B', 5), 4)
    expect(entry.dict_join).toBeUndefined()
    expect(frameRows(await ws.loadFrame(COLS), COLS)).toEqual(expected(rows('B', 5)))
  })
})
