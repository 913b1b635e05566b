import {readFileSync, existsSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {crc32} from 'node:zlib'
import {join, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'
import {tableFromIPC} from '@uwdata/flechette'
import {isSpendInputError} from '../../src/errors.js'
import {RECORD_COLUMNS} from '../../src/model/record.js'
import {
  csvCell, importIdFor, optionsKey, resolveWorkspace, Workspace,
} from '../../src/io/workspace/index.js'
import {WRITTEN_COLUMNS} from '../../src/io/workspace/layout.js'
import {openPart} from '../../src/io/workspace/part-reader.js'
import {frameRows, meta, record, reject, report, tempWorkspace} from './workspace-fixtures.js'

const sample = [
  record({supplier: 'ACME', supplier_key: 'acme', amount: 12345, source_line: 2, description: 'Rent', transaction_id: 'T1'}),
  record({supplier: 'Bolt Ltd', supplier_key: 'bolt', supplier_id: 'GB-COH-01234567', amount: -500, date: null, source_line: 3, supplier_scale: 'sme'}),
  record({supplier: 'REDACTED', supplier_key: 'redacted', redacted: true, amount: 9007199254740991, currency: 'EUR', source_line: 4,
    category_scheme: 'cpv', category_code: '72000000', category: 'IT services', unit: 'Finance'}),
  record({supplier: 'ACME', supplier_key: 'acme', amount: 0, source_line: 5, description: 'Rent', buyer_origin: 'flag'}),
  record({supplier: 'Cafe Ø', supplier_key: 'cafe ø', amount: 1, source_line: 70000, expense_type: '=HYPERLINK("x")'}),
]

async function importRecords(ws: Workspace, records = sample, partRows = 1000, id = 'aaaaaaaaaaaa') {
  const w = await ws.beginImport(meta(id), {partRows})
  for (const r of records) w.add(r)
  return w.commit({files: [report()]})
}

describe('workspace round trip', () => {
  it('gives back every record, column for column, including nulls, unicode and the largest safe amount', async () => {
    const ws = new Workspace(tempWorkspace())
    await importRecords(ws)
    const frame = await ws.loadFrame([...RECORD_COLUMNS])
    expect(frame.length).toBe(sample.length)
    // A row's source is its import id (see PART_COLUMNS).
    expect(frameRows(frame)).toEqual(sample.map((r) => ({...r, source: 'aaaaaaaaaaaa'})))
  })

  it('loads only the columns asked for', async () => {
    const ws = new Workspace(tempWorkspace())
    await importRecords(ws)
    const frame = await ws.loadFrame(['supplier', 'amount'])
    expect(Object.keys(frame.columns).sort()).toEqual(['amount', 'supplier'])
    expect(frameRows(frame, ['supplier', 'amount'])[2]).toEqual({supplier: 'REDACTED', amount: 9007199254740991})
  })

  it('writes parts of at most partRows rows and reads them back in order', async () => {
    const ws = new Workspace(tempWorkspace())
    const entry = await importRecords(ws, sample, 2)
    expect(entry.parts).toMatchObject([
      {file: 'part-00000.arrow', rows: 2}, {file: 'part-00001.arrow', rows: 2}, {file: 'part-00002.arrow', rows: 1},
    ])
    // Each part records its size and a CRC-32 per column and for its metadata.
    for (const p of entry.parts) {
      expect(p.bytes).toBe(statSync(join(ws.dir, 'imports', entry.id, p.file)).size)
      expect(Object.keys(p.crc32!.columns).sort()).toEqual([...WRITTEN_COLUMNS].sort())
      expect(Number.isInteger(p.crc32!.metadata)).toBe(true)
    }
    expect(frameRows(await ws.loadFrame([...RECORD_COLUMNS]))).toEqual(sample.map((r) => ({...r, source: 'aaaaaaaaaaaa'})))
  })

  it('merges dictionaries across parts and imports into one code per value', async () => {
    const ws = new Workspace(tempWorkspace())
    await importRecords(ws, sample, 2, 'aaaaaaaaaaaa')
    await importRecords(ws, [record({supplier: 'Bolt Ltd'}), record({supplier: 'ACME'}), record({supplier: 'Zed'})], 1, 'bbbbbbbbbbbb')
    const frame = await ws.loadFrame(['supplier', 'description'])
    const col = frame.columns.supplier
    if (col?.type !== 'dict') throw new Error('expected a dictionary column')
    expect([...col.dict].sort()).toEqual(['ACME', 'Bolt Ltd', 'Cafe Ø', 'REDACTED', 'Zed'])
    const acme = col.dict.indexOf('ACME')
    expect([...col.codes].filter((c) => c === acme)).toHaveLength(3)
    expect(frameRows(frame, ['supplier']).map((r) => r.supplier)).toEqual(
      ['ACME', 'Bolt Ltd', 'REDACTED', 'ACME', 'Cafe Ø', 'Bolt Ltd', 'ACME', 'Zed'],
    )
    const desc = frame.columns.description
    if (desc?.type !== 'dict') throw new Error('expected a dictionary column')
    expect(desc.dict).toEqual(['Rent'])
  })

  it('stores string columns as int32-keyed utf8 dictionaries, amount as float64, line as int32, redacted as bool', async () => {
    const root = tempWorkspace()
    await importRecords(new Workspace(root))
    const table = tableFromIPC(readFileSync(join(root, 'imports/aaaaaaaaaaaa/part-00000.arrow')))
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, f.type]))
    expect(types.supplier).toMatchObject({typeId: -1, indices: {bitWidth: 32}})
    expect(types.amount).toMatchObject({typeId: 3, precision: 2})
    expect(types.source_line).toMatchObject({typeId: 2, bitWidth: 32})
    expect(types.redacted).toMatchObject({typeId: 6})
    expect(table.getChild('supplier')?.toArray()).toEqual(sample.map((r) => r.supplier))
  })

  it('reads a part whose bytes are not aligned in memory', async () => {
    const root = tempWorkspace()
    await importRecords(new Workspace(root))
    const bytes = readFileSync(join(root, 'imports/aaaaaaaaaaaa/part-00000.arrow'))
    const shifted = new Uint8Array(bytes.length + 1)
    shifted.set(bytes, 1)
    // A Buffer view, as fs gives: its slice() would not copy.
    const part = openPart(Buffer.from(shifted.buffer, 1, bytes.length))
    const amount = part.column('amount')
    const line = part.column('source_line')
    expect(amount?.kind === 'float64' && [...amount.values]).toEqual(sample.map((r) => r.amount))
    expect(line?.kind === 'int32' && [...line.values]).toEqual(sample.map((r) => r.source_line))
    expect(part.column('nope')).toBeNull()
  })

  it('loads an empty or missing workspace as an empty frame', async () => {
    const ws = new Workspace(tempWorkspace())
    expect(await ws.list()).toEqual([])
    const frame = await ws.loadFrame(['supplier', 'amount', 'redacted'])
    expect(frame.length).toBe(0)
    expect(frame.columns.supplier).toEqual({type: 'dict', codes: new Int32Array(0), dict: []})
  })

  it('loads a chosen subset of imports by id prefix', async () => {
    const ws = new Workspace(tempWorkspace())
    await importRecords(ws, sample, 10, 'aaaaaaaaaaaa')
    await importRecords(ws, [record({supplier: 'Only B'})], 10, 'bbbbbbbbbbbb')
    const frame = await ws.loadFrame(['supplier'], {imports: ['bbb']})
    expect(frameRows(frame, ['supplier'])).toEqual([{supplier: 'Only B'}])
  })
})

describe('workspace manifest', () => {
  it('records counts, exact totals per currency and the parts, with no timestamps', async () => {
    const root = tempWorkspace()
    const ws = new Workspace(root)
    const w = await ws.beginImport(meta())
    w.add(record({amount: 12345}))
    w.add(record({amount: 5, currency: 'JPY'}))
    w.reject(reject({amount: 50, currency: 'GBP'}))
    w.reject(reject({amount: null}))
    const entry = await w.commit({
      files: [report({totals: [{currency: 'GBP', source: 12395n, imported: 12345n, rejected: 50n}, {currency: 'JPY', source: 5n, imported: 5n, rejected: 0n}]})],
    })
    expect(entry.rows).toEqual({read: 4, imported: 2, rejected: 2, skipped: 1})
    expect(entry.totals).toEqual([
      {currency: 'GBP', source: '123.95', imported: '123.45', rejected: '0.50', source_minor: '12395', imported_minor: '12345', rejected_minor: '50'},
      {currency: 'JPY', source: '5', imported: '5', rejected: '0', source_minor: '5', imported_minor: '5', rejected_minor: '0'},
    ])
    expect(entry.files[0].totals[0].source).toBe('123.95')
    const rejects = readFileSync(join(root, 'imports', entry.id, 'rejects.csv'))
    expect(entry.rejects).toEqual({file: 'rejects.csv', rows: 2, bytes: rejects.length, crc32: crc32(rejects)})
    expect(entry.mapping).toEqual({supplier: 'Supplier', amount: 'Amount'})
    const text = readFileSync(join(root, 'manifest.json'), 'utf8')
    expect(JSON.parse(text)).toMatchObject({format: 'spendkit-workspace', format_version: 2, imports: [{id: 'aaaaaaaaaaaa'}]})
    expect(text).not.toMatch(/20\d\d-\d\d-\d\dT/)
  })

  it('reads a format 1 workspace and marks it format 2 on the next write', async () => {
    const root = tempWorkspace()
    const ws = new Workspace(root)
    await importRecords(ws, sample, 1000, 'aaaaaaaaaaaa')
    // Make it what version 1 wrote: the manifest says 1.
    const file = join(root, 'manifest.json')
    writeFileSync(file, readFileSync(file, 'utf8').replace('"format_version": 2', '"format_version": 1'))
    expect(frameRows(await ws.loadFrame([...RECORD_COLUMNS]))).toEqual(sample.map((r) => ({...r, source: 'aaaaaaaaaaaa'})))
    await importRecords(ws, [record({supplier: 'Later'})], 1000, 'bbbbbbbbbbbb')
    expect(JSON.parse(readFileSync(file, 'utf8')).format_version).toBe(2)
    // A newer format than this spend knows is refused with one clear message.
    writeFileSync(file, readFileSync(file, 'utf8').replace('"format_version": 2', '"format_version": 3'))
    await expect(ws.list()).rejects.toMatchObject({code: 'WORKSPACE_TOO_NEW'})
  })

  it('is byte-identical for the same import into two workspaces', async () => {
    const a = tempWorkspace()
    const b = tempWorkspace()
    await importRecords(new Workspace(a), sample, 2)
    await importRecords(new Workspace(b), sample, 2)
    expect(readFileSync(join(a, 'manifest.json'), 'utf8')).toBe(readFileSync(join(b, 'manifest.json'), 'utf8'))
    expect(readFileSync(join(a, 'imports/aaaaaaaaaaaa/part-00001.arrow'))).toEqual(readFileSync(join(b, 'imports/aaaaaaaaaaaa/part-00001.arrow')))
  })

  it('lists imports sorted by id', async () => {
    const ws = new Workspace(tempWorkspace())
    await importRecords(ws, sample, 10, 'cccccccccccc')
    await importRecords(ws, sample, 10, 'aaaaaaaaaaaa')
    expect((await ws.list()).map((e) => e.id)).toEqual(['aaaaaaaaaaaa', 'cccccccccccc'])
  })
})

describe('workspace rejects.csv', () => {
  it('writes exact amounts, quotes cells and neutralises formulas', async () => {
    const root = tempWorkspace()
    const w = await new Workspace(root).beginImport(meta())
    w.reject(reject({source_line: 7, reason: 'no date', amount: -123456, currency: 'GBP', raw: ['=cmd|calc', 'a,b', 'say "hi"']}))
    w.reject(reject({source_file: '@evil.csv', source_line: 8, reason: '+1', amount: 7, currency: 'JPY', raw: ['\tx']}))
    await w.commit({files: [report()]})
    const text = readFileSync(join(root, 'imports/aaaaaaaaaaaa/rejects.csv'), 'utf8')
    expect(text.split('\n')).toEqual([
      'file,line,reason,currency,amount,raw',
      'a.csv,7,no date,GBP,-1234.56,"\'=cmd|calc,""a,b"",""say """"hi"""""""',
      '\'@evil.csv,8,\'+1,JPY,7,\'\tx',
      '',
    ])
  })

  it('csvCell escapes every formula lead character but leaves plain numbers', () => {
    expect(['=1', '+1', '-1+cmd', '@a', '\tx', '\rx', 'ok'].map(csvCell)).toEqual(["'=1", "'+1", "'-1+cmd", "'@a", "'\tx", '"\'\rx"', 'ok'])
    expect(['-12.50', '-7', '12'].map(csvCell)).toEqual(['-12.50', '-7', '12'])
  })

  it('is absent when nothing was rejected', async () => {
    const root = tempWorkspace()
    const entry = await importRecords(new Workspace(root))
    expect(entry.rejects).toBeNull()
    expect(existsSync(join(root, 'imports/aaaaaaaaaaaa/rejects.csv'))).toBe(false)
  })
})

describe('workspace ids, re-import and remove', () => {
  it('derives a stable 12-hex id from content hash and options', () => {
    const sha = 'ab'.repeat(32)
    const id = importIdFor(sha, optionsKey({buyer: 'Leeds'}))
    expect(id).toMatch(/^[0-9a-f]{12}$/)
    expect(importIdFor(sha, optionsKey({buyer: 'Leeds', map: {}}))).toBe(id)
    expect(importIdFor(sha, optionsKey({buyer: 'York'}))).not.toBe(id)
    expect(optionsKey({map: {b: '1', a: '2'}})).toBe(optionsKey({map: {a: '2', b: '1'}}))
  })

  it('findBySha finds an import only with the same options', async () => {
    const ws = new Workspace(tempWorkspace())
    await importRecords(ws)
    expect((await ws.findBySha('ab'.repeat(32), optionsKey({})))?.id).toBe('aaaaaaaaaaaa')
    expect(await ws.findBySha('ab'.repeat(32), optionsKey({buyer: 'X'}))).toBeUndefined()
    expect(await ws.findBySha('cd'.repeat(32), optionsKey({}))).toBeUndefined()
  })

  it('refuses the same id twice unless replace is set, and replace swaps the data', async () => {
    const ws = new Workspace(tempWorkspace())
    await importRecords(ws)
    await expect(ws.beginImport(meta())).rejects.toMatchObject({code: 'ALREADY_IMPORTED'})
    const w = await ws.beginImport(meta(), {replace: true})
    w.add(record({supplier: 'New'}))
    await w.commit({files: [report()]})
    expect(await ws.list()).toHaveLength(1)
    expect(frameRows(await ws.loadFrame(['supplier']), ['supplier'])).toEqual([{supplier: 'New'}])
  })

  it('removes by unique prefix, and names the ids when the id is unknown or ambiguous', async () => {
    const root = tempWorkspace()
    const ws = new Workspace(root)
    await importRecords(ws, sample, 10, 'ab1111111111')
    await importRecords(ws, sample, 10, 'ab2222222222')
    await importRecords(ws, sample, 10, 'cd3333333333')
    const err = await ws.remove('zz').catch((e: unknown) => e)
    expect(isSpendInputError(err) && err.code).toBe('UNKNOWN_IMPORT')
    expect((err as Error).message).toBe('no import "zz"; imports: ab1111111111, ab2222222222, cd3333333333')
    await expect(ws.remove('ab')).rejects.toThrow(/ambiguous/)
    expect((await ws.remove('cd')).id).toBe('cd3333333333')
    expect((await ws.list()).map((e) => e.id)).toEqual(['ab1111111111', 'ab2222222222'])
    expect(readdirSync(join(root, 'imports')).sort()).toEqual(['ab1111111111', 'ab2222222222'])
  })

  it('remove in a folder with no workspace fails without creating one', async () => {
    const root = tempWorkspace()
    await expect(new Workspace(root).remove('abc')).rejects.toMatchObject({code: 'WORKSPACE_NOT_FOUND', message: 'no such workspace'})
    expect(existsSync(root)).toBe(false)
  })
})

describe('resolveWorkspace', () => {
  it('prefers the flag, then SPENDKIT_WORKSPACE, then ./.spendkit', () => {
    expect(resolveWorkspace('/x/ws', {SPENDKIT_WORKSPACE: '/y'})).toBe('/x/ws')
    expect(resolveWorkspace(undefined, {SPENDKIT_WORKSPACE: '/y'})).toBe('/y')
    expect(resolveWorkspace(undefined, {})).toBe(resolve('.spendkit'))
    expect(resolveWorkspace('', {SPENDKIT_WORKSPACE: ''})).toBe(resolve('.spendkit'))
  })
})
