/**
 * `spend check`'s logic (src/io/workspace/verify.ts) on small imports: each
 * kind of damage is found and named (file, what), an import written before
 * checksums is unverifiable, and what can still be checked there (row
 * counts, control totals, the dictionary join) still is.
 */
import {mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {formatMinor} from '../../src/model/money.js'
import type {SpendRecord} from '../../src/model/record.js'
import {openIpc} from '../../src/io/workspace/arrow-ipc.js'
import {readDictJoin, writeDictJoin} from '../../src/io/workspace/dict-join.js'
import {type ImportEntry, type Manifest, Workspace} from '../../src/io/workspace/index.js'
import {checkImport} from '../../src/io/workspace/verify.js'
import {PartWriter} from '../../src/io/workspace/writer.js'
import {meta, record, reject, report, tempWorkspace} from './workspace-fixtures.js'

const made: string[] = []
afterAll(() => {
  for (const d of made) rmSync(d, {recursive: true, force: true})
})

function rows(tag: string, n: number): SpendRecord[] {
  return Array.from({length: n}, (_, i) => record({
    supplier: `${tag} ${i % 4}`, supplier_key: `${tag.toLowerCase()}${i % 4}`, category: i % 2 ? 'Shared' : `Cat ${tag}`,
    date: i % 5 === 0 ? null : `2024-03-${String(i + 1).padStart(2, '0')}`, amount: 1000 + i * 37, currency: i % 6 === 0 ? 'EUR' : 'GBP',
  }))
}

/** A split import (dictionary join) of 14 rows in 4 parts, with 2 rejected rows. */
async function setup(): Promise<{root: string; entry: ImportEntry; dir: string}> {
  const root = tempWorkspace()
  made.push(dirname(root))
  const ws = new Workspace(root)
  const w = await ws.beginImport(meta(), {partRows: 4})
  for (const r of rows('A', 6)) w.add(r)
  w.reject(reject({amount: 250, currency: 'GBP'}))
  w.reject(reject({amount: -75, currency: null, raw: ['a,"b"', 'line\nbreak']}))
  const split = w.split!
  mkdirSync(split.dir, {recursive: true})
  const half = new PartWriter(split.dir, split.partRows)
  for (const r of rows('B', 8)) half.add(r)
  half.finish()
  split.adopt(half.written())
  const entry = await w.commit({files: [report()]})
  return {root, entry, dir: join(root, 'imports', entry.id)}
}

/** Rewrite the import's manifest entry (as damage to the manifest, or an older spend, would leave it). */
function editEntry(root: string, edit: (e: ImportEntry) => void): ImportEntry {
  const file = join(root, 'manifest.json')
  const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest
  edit(m.imports[0])
  writeFileSync(file, JSON.stringify(m, null, 2))
  return m.imports[0]
}

/** The file range of a column's values (keys for a dictionary column) in a part. */
function valuesRange(path: string, column: string): {offset: number; length: number} {
  const bytes = readFileSync(path)
  const ipc = openIpc({size: bytes.length, read: (o, n) => bytes.subarray(o, o + n)})
  return ipc.buffers(ipc.fields.findIndex((f) => f.name === column))[1]
}

function flip(path: string, offset: number, mask = 0x01): void {
  const bytes = readFileSync(path)
  bytes[offset] ^= mask
  writeFileSync(path, bytes)
}

describe('spend check (verify.ts)', () => {
  it('calls a fresh import ok: every checksum, the row counts, the control totals, the rejects and the join match', async () => {
    const {root, entry} = await setup()
    expect(entry.parts.length).toBe(4)
    expect(entry.dict_join).toBeDefined()
    expect(await checkImport(root, entry)).toMatchObject({status: 'ok', problems: []})
  })

  it('names the part and the column whose bytes changed, and nothing else', async () => {
    const {root, entry, dir} = await setup()
    const path = join(dir, entry.parts[2].file)
    flip(path, valuesRange(path, 'date').offset)
    const check = await checkImport(root, entry)
    expect(check.status).toBe('damaged')
    expect(check.problems).toEqual([{file: `imports/${entry.id}/${entry.parts[2].file}`, problem: 'column date does not match its checksum'}])
  })

  it('finds a missing part, a truncated one, a missing rejects file and a changed join', async () => {
    const {root, entry, dir} = await setup()
    rmSync(join(dir, entry.parts[0].file))
    truncateSync(join(dir, entry.parts[1].file), 100)
    rmSync(join(dir, 'rejects.csv'))
    flip(join(dir, 'dict-join.json'), 20)
    const check = await checkImport(root, entry)
    const at = (f: string) => `imports/${entry.id}/${f}`
    expect(check.problems).toEqual([
      {file: at(entry.parts[0].file), problem: 'is missing'},
      {file: at(entry.parts[1].file), problem: `is 100 bytes, the manifest says ${entry.parts[1].bytes}`},
      {file: at('dict-join.json'), problem: 'does not match its checksum'},
      {file: at('rejects.csv'), problem: 'is missing'},
    ])
  })

  it('checks the control totals and counts against the manifest', async () => {
    const {root, entry} = await setup()
    const gbp = entry.totals.find((t) => t.currency === 'GBP')!
    const edited = editEntry(root, (e) => {
      const t = e.totals.find((x) => x.currency === 'GBP')!
      t.imported_minor = String(BigInt(t.imported_minor) + 1n)
      t.source_minor = String(BigInt(t.source_minor) + 1n)
      e.rows.rejected = 3
    })
    const check = await checkImport(root, edited)
    const found = formatMinor(BigInt(gbp.imported_minor), 'GBP')
    const said = formatMinor(BigInt(gbp.imported_minor) + 1n, 'GBP')
    expect(check.problems).toEqual([
      {file: null, problem: `imported GBP total is ${found}, the manifest says ${said}`},
      {file: `imports/${entry.id}/rejects.csv`, problem: 'holds 2 rejected rows, the manifest says 3'},
    ])
  })

  it('adds up the rejects file by currency (no currency counts as XXX)', async () => {
    const {root, entry} = await setup()
    expect(entry.totals.find((t) => t.currency === 'XXX')?.rejected_minor).toBe('-75')
    const edited = editEntry(root, (e) => {
      const t = e.totals.find((x) => x.currency === 'XXX')!
      t.rejected_minor = '-76'
      t.source_minor = '-76'
    })
    expect((await checkImport(root, edited)).problems).toEqual([{file: `imports/${entry.id}/rejects.csv`, problem: 'rejected XXX total is -0.75, the manifest says -0.76'}])
  })

  it('without stored checksums (an older spend) is unverifiable, yet still finds changed amounts and a wrong join', async () => {
    const {root, entry, dir} = await setup()
    const old = editEntry(root, (e) => {
      e.parts = e.parts.map(({file, rows}) => ({file, rows}))
      e.rejects = {file: e.rejects!.file, rows: e.rejects!.rows}
      e.dict_join = {part: e.dict_join!.part, file: e.dict_join!.file}
    })
    expect(await checkImport(root, old)).toMatchObject({status: 'unverifiable', problems: []})
    // The first row's amount 1 more: a whole number still, but not the total the manifest holds.
    const path = join(dir, entry.parts[0].file)
    const original = readFileSync(path)
    const changed = Buffer.from(original)
    const at = valuesRange(path, 'amount').offset
    changed.writeDoubleLE(changed.readDoubleLE(at) + 1, at)
    writeFileSync(path, changed)
    const euro = entry.totals.find((t) => t.currency === 'EUR')!
    expect((await checkImport(root, old)).problems).toEqual([{
      file: null,
      problem: `imported EUR total is ${formatMinor(BigInt(euro.imported_minor) + 1n, 'EUR')}, the manifest says ${euro.imported}`,
    }])
    // A fraction of a minor unit is no amount at all.
    changed.writeDoubleLE(changed.readDoubleLE(at) + 0.5, at)
    writeFileSync(path, changed)
    expect((await checkImport(root, old)).problems).toEqual([{file: null, problem: 'row 1 has amount 1001.5, not a whole number of minor units'}])
    writeFileSync(path, original)
    // A join that swaps two categories (readable, so the loader would use it).
    const {base, codes} = readDictJoin(join(dir, 'dict-join.json'))!.category!
    expect(codes[0]).not.toBe(codes[1])
    writeDictJoin(join(dir, 'dict-join.json'), {category: {base, codes: codes.map((c, k) => (k === 0 ? codes[1] : k === 1 ? codes[0] : c))}})
    expect((await checkImport(root, old)).problems).toEqual([{file: `imports/${entry.id}/dict-join.json`, problem: 'maps column category to other values than the parts hold'}])
  })
})
