/**
 * fixtures/workspace-v2 was written by spendkit before the part reader
 * stopped using flechette's private modules and before checksums (see its
 * README): workspaces people already have must stay readable, and read the
 * same, through the reader of the Arrow IPC format in src/io/workspace.
 */
import {cpSync, readFileSync, rmSync} from 'node:fs'
import {basename, join} from 'node:path'
import {tableFromIPC} from '@uwdata/flechette'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type DictColumn, type NumColumn} from '../../src/model/frame.js'
import {RECORD_COLUMNS} from '../../src/model/record.js'
import {type ImportEntry, Workspace} from '../../src/io/workspace/index.js'
import {PART_COLUMNS} from '../../src/io/workspace/layout.js'
import {openPartFile} from '../../src/io/workspace/part-reader.js'
import {fixture, ROOT, runCli, tempDir} from '../helpers/cli.js'
import {frameRows} from './workspace-fixtures.js'

const FIXTURE = fixture('workspace-v2')
const made: string[] = []
let copy = ''
let entries: ImportEntry[] = []

beforeAll(async () => {
  // A copy, so nothing a command does can change the committed files.
  copy = join(tempDir('spendkit-v2-'), 'ws')
  made.push(copy, join(copy, '..'))
  cpSync(FIXTURE, copy, {recursive: true})
  entries = await new Workspace(copy).list()
})

afterAll(() => {
  for (const d of made) rmSync(d, {recursive: true, force: true})
})

describe('a format-2 workspace written before checksums', () => {
  it('is what its README says: format 2, no checksums, one split import with a dictionary join, one with rejects', () => {
    const manifest = JSON.parse(readFileSync(join(FIXTURE, 'manifest.json'), 'utf8')) as {format_version: number}
    expect(manifest.format_version).toBe(2)
    expect(entries.flatMap((e) => e.parts).every((p) => p.crc32 === undefined)).toBe(true)
    expect(entries.filter((e) => e.dict_join).length).toBe(1)
    expect(entries.filter((e) => e.rejects).length).toBe(1)
  })

  it('reads every column of every part as flechette\'s public tableFromIPC does', () => {
    for (const e of entries) {
      for (const p of e.parts) {
        const path = join(copy, 'imports', e.id, p.file)
        const table = tableFromIPC(readFileSync(path))
        const part = openPartFile(path)
        try {
          expect(part.rows).toBe(p.rows)
          for (const name of PART_COLUMNS) {
            const expected = table.getChild(name)!.toArray() as ArrayLike<unknown>
            const col = part.column(name)!
            const got: unknown[] = []
            for (let i = 0; i < p.rows; i++) {
              if (col.kind === 'dict') got.push(col.validity && !((col.validity[i >> 3] >> (i & 7)) & 1) ? null : col.entry(col.keys[i]))
              else if (col.kind === 'text') got.push(col.validity && !((col.validity[i >> 3] >> (i & 7)) & 1) ? null : new TextDecoder().decode(col.bytes.subarray(col.offsets[i], col.offsets[i + 1])))
              else if (col.kind === 'bool') got.push(((col.bits[i >> 3] >> (i & 7)) & 1) === 1)
              else got.push(col.values[i])
            }
            expect(got, `${e.id}/${p.file} ${name}`).toEqual(Array.from(expected))
          }
        } finally {
          part.close()
        }
      }
    }
  })

  it('loads totals per currency equal to the manifest\'s control totals, and each import\'s row count', async () => {
    const ws = new Workspace(copy)
    for (const e of entries) {
      const frame = await ws.loadFrame(['amount', 'currency'], {imports: [e.id]})
      expect(frame.length).toBe(e.rows.imported)
      const amount = (frame.columns.amount as NumColumn).values
      const currency = frame.columns.currency as DictColumn
      const sums = new Map<string, bigint>()
      for (let i = 0; i < frame.length; i++) {
        const c = currency.dict[currency.codes[i]]
        sums.set(c, (sums.get(c) ?? 0n) + BigInt(amount[i]))
      }
      const expected = new Map(e.totals.filter((t) => t.imported_minor !== '0').map((t) => [t.currency, BigInt(t.imported_minor)]))
      expect(sums, e.file).toEqual(expected)
    }
  })

  /** Every `file` as its name, and lists of imports in id order. */
  const sameFiles = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(sameFiles)
      return items.every((x) => x !== null && typeof x === 'object' && 'id' in x) ? [...items].sort((x, y) => String((x as {id: string}).id).localeCompare(String((y as {id: string}).id))) : items
    }
    if (v === null || typeof v !== 'object') return v
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'file' && typeof x === 'string' ? basename(x) : sameFiles(x)]))
  }

  it('gives the same analyses as a fresh import of the same source files', async () => {
    const fresh = join(tempDir('spendkit-v2-fresh-'), 'ws')
    made.push(join(fresh, '..'))
    // The source paths are stored as typed from the project root.
    for (const e of entries) {
      const r = await runCli(['import', e.file, '--workspace', fresh], {cwd: ROOT})
      expect(r.code, r.stderr).toBe(0)
    }
    expect((await new Workspace(fresh).list()).map((e) => e.id)).toEqual(entries.map((e) => e.id))
    const queries = [
      ['summary'], ['cube', '--by', 'buyer,category', '--rollup'], ['top', 'suppliers', '--top', '20'],
      ['concentration', '--by', 'buyer'], ['trend', '--every', 'month'], ['pareto', '--by', 'buyer'],
    ]
    for (const q of queries) {
      const [old, now] = await Promise.all([copy, fresh].map((w) => runCli([...q, '--workspace', w, '--json'])))
      expect(old.code, old.stderr).toBe(0)
      // Entries written before `path` keep the typed path in `file`; newer ones the name (and a list by file then follows it).
      const a = sameFiles(JSON.parse(old.stdout))
      const b = sameFiles(JSON.parse(now.stdout))
      expect(a, q.join(' ')).toEqual(b)
    }
  })

  it('loads every record column in one frame, and spend check calls every import unverifiable, exit 0', async () => {
    const frame = await new Workspace(copy).loadFrame([...RECORD_COLUMNS])
    expect(frame.length).toBe(entries.reduce((n, e) => n + e.rows.imported, 0))
    expect(new Set(frameRows(frame, ['source']).map((r) => r.source))).toEqual(new Set(entries.map((e) => e.id)))
    const r = await runCli(['check', '--workspace', copy, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as {ok: boolean; imports: {id: string; status: string; fix: string}[]}
    expect(out.ok).toBe(true)
    expect(out.imports.map((i) => [i.id, i.status])).toEqual(entries.map((e) => [e.id, 'unverifiable']))
    for (const i of out.imports) expect(i.fix).toMatch(/^spend import \S+ --replace --workspace /)
  })
})
