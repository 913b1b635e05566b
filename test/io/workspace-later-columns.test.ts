/**
 * Columns added after the first workspaces (LATER_COLUMNS: supplier_scale):
 * parts written before them have no such column and must load it as all
 * null, with the checksums of the other columns still checked and
 * `spend check` still passing.
 */
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {tableFromIPC, tableToIPC} from '@uwdata/flechette'
import {describe, expect, it} from 'vitest'
import {type DictColumn} from '../../src/model/frame.js'
import {LATER_COLUMNS, RECORD_COLUMNS} from '../../src/model/record.js'
import {Workspace} from '../../src/io/workspace/index.js'
import {ENTRY_FILE, MANIFEST_FILE, PART_COLUMNS, WRITTEN_COLUMNS} from '../../src/io/workspace/layout.js'
import {partChecksums, WrittenCrcs} from '../../src/io/workspace/part-crc.js'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {frameRows, meta, record, report, tempWorkspace} from './workspace-fixtures.js'

const ID = 'aaaaaaaaaaaa'
const sample = [
  record({supplier: 'ACME', supplier_key: 'acme', amount: 12345, source_line: 2, supplier_scale: 'sme'}),
  record({supplier: 'Bolt Ltd', supplier_key: 'bolt', amount: 700, source_line: 3}),
  record({supplier: 'Cafe', supplier_key: 'cafe', amount: 900, source_line: 4, supplier_scale: 'large'}),
]

/** An import written now, then its part rewritten as an older version wrote it: no supplier_scale, checksums kept right. */
async function olderWorkspace(): Promise<string> {
  const root = tempWorkspace()
  const ws = new Workspace(root)
  const w = await ws.beginImport(meta(ID), {partRows: 1000})
  for (const r of sample) w.add(r)
  await w.commit({files: [report()]})
  const path = join(root, 'imports', ID, 'part-00000.arrow')
  const bytes = tableToIPC(tableFromIPC(readFileSync(path)).select([...PART_COLUMNS]), {format: 'file'})!
  writeFileSync(path, bytes)
  const crcs = new WrittenCrcs()
  crcs.add(bytes)
  const sums = partChecksums({size: bytes.length, read: (o, n) => bytes.subarray(o, o + n)}, crcs)
  const manifest = JSON.parse(readFileSync(join(root, MANIFEST_FILE), 'utf8')) as {imports: {id: string; parts: {bytes?: number; crc32?: unknown}[]}[]}
  for (const e of manifest.imports) {
    if (e.id !== ID) continue
    Object.assign(e.parts[0], {bytes: bytes.length, crc32: sums})
    writeFileSync(join(root, 'imports', ID, ENTRY_FILE), JSON.stringify(e))
  }
  writeFileSync(join(root, MANIFEST_FILE), JSON.stringify(manifest))
  return root
}

describe('columns added later (supplier_scale, invoice_number)', () => {
  it('are written by this version and are the last of the record columns', () => {
    expect(RECORD_COLUMNS.slice(-LATER_COLUMNS.size)).toEqual([...LATER_COLUMNS])
    for (const c of LATER_COLUMNS) expect(WRITTEN_COLUMNS).toContain(c)
    expect(PART_COLUMNS).toEqual(WRITTEN_COLUMNS.filter((c) => !LATER_COLUMNS.has(c)))
  })

  it('loads as all null from a checksummed part written without it, every other column as written', async () => {
    const root = await olderWorkspace()
    const frame = await new Workspace(root).loadFrame([...RECORD_COLUMNS])
    for (const c of LATER_COLUMNS) expect([...(frame.columns[c] as DictColumn).codes]).toEqual([-1, -1, -1])
    const others = RECORD_COLUMNS.filter((c) => !LATER_COLUMNS.has(c))
    expect(frameRows(frame, others)).toEqual(sample.map(({supplier_scale: _s, invoice_number: _i, ...r}) => ({...r, source: ID})))
  })

  it('passes spend check (verified, not damaged), and a wrong checksum of another column is still caught', async () => {
    const root = await olderWorkspace()
    const ok = await runCli(['check', '--workspace', root, '--json'])
    expect(ok.code, ok.stderr).toBe(0)
    expect((JSON.parse(ok.stdout) as {imports: {status: string}[]}).imports.map((i) => i.status)).toEqual(['ok'])
    const path = join(root, MANIFEST_FILE)
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as {imports: {parts: {crc32: {columns: Record<string, number>}}[]}[]}
    manifest.imports[0].parts[0].crc32.columns.amount ^= 1
    writeFileSync(path, JSON.stringify(manifest))
    const bad = await runCli(['check', '--workspace', root, '--json'])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/column amount does not match its checksum/)
    await expect(new Workspace(root).loadFrame(['amount', 'supplier_scale'])).rejects.toThrow(/amount/)
  })

  it('an older import beside a new one: its rows null, the new rows as imported', async () => {
    const root = join(tempDir('spendkit-later-'), 'ws')
    cpSync(fixture('workspace-v2'), root, {recursive: true})
    const old = await new Workspace(root).list()
    const r = await runCli(['import', fixture('presets/ted-can/ted-can-2018-sample.csv'), '--preset', 'ted-can', '--workspace', root])
    expect(r.code, r.stderr).toBe(0)
    const frame = await new Workspace(root).loadFrame(['source', 'supplier_scale'])
    const rows = frameRows(frame, ['source', 'supplier_scale'])
    const oldIds = new Set(old.map((e) => e.id))
    expect(rows.filter((x) => oldIds.has(x.source as string)).every((x) => x.supplier_scale === null)).toBe(true)
    expect(new Set(rows.filter((x) => !oldIds.has(x.source as string)).map((x) => x.supplier_scale))).toEqual(new Set(['Y', 'N']))
    const check = await runCli(['check', '--workspace', root])
    expect(check.code, check.stderr).toBe(0)
  })
})
