/**
 * A damaged byte never changes a result silently. Every byte of every file
 * a query reads (the parts and the dictionary join of a small split import)
 * is changed in turn, one bit (XOR 0x01) and the whole byte (XOR 0xFF), and
 * the frame is loaded through the loader the commands use: each load must
 * either fail with WORKSPACE_DAMAGED or give exactly the undamaged result
 * (bytes no query reads: padding, the schema message at the start). The
 * rejects file, which no query reads, must have every flip found by
 * `spend check`'s checks.
 */
import {closeSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {isSpendInputError} from '../../src/errors.js'
import {RECORD_COLUMNS, type RecordColumn, type SpendRecord} from '../../src/model/record.js'
import {type ImportEntry, Workspace} from '../../src/io/workspace/index.js'
import {loadFrameFrom} from '../../src/io/workspace/loader.js'
import {checkImport} from '../../src/io/workspace/verify.js'
import {PartWriter} from '../../src/io/workspace/writer.js'
import {frameRows, meta, record, reject, report, tempWorkspace} from './workspace-fixtures.js'

const made: string[] = []
afterAll(() => {
  for (const d of made) rmSync(d, {recursive: true, force: true})
})

/** 67 varied rows: nulls, non-ASCII names, redacted suppliers, two currencies, free text, undated rows. */
function rows(tag: string, n: number, from = 0): SpendRecord[] {
  return Array.from({length: n}, (_, k) => {
    const i = k + from
    return record({
      buyer: `Council ${i % 3}`, buyer_id: i % 5 === 0 ? '' : `GB-${i % 3}`, unit: i % 4 === 3 ? null : `Unit ${i % 2}`,
      supplier: i % 9 === 0 ? 'REDACTED' : `Supplier ${tag}${i % 11} Ø`, supplier_key: i % 9 === 0 ? 'redacted' : `s${tag}${i % 11}`,
      supplier_id: i % 6 === 0 ? `GB-COH-${1000 + i}` : null, redacted: i % 9 === 0,
      date: i % 7 === 0 ? null : `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      amount: (i % 2 ? 1 : -1) * (i * 12_345 + 7), currency: i % 10 === 0 ? 'EUR' : 'GBP',
      category_scheme: i % 3 === 0 ? 'cpv' : null, category_code: i % 3 === 0 ? `7200000${i % 10}` : null, category: i % 2 ? 'IT' : 'Care',
      expense_type: i % 5 === 1 ? 'Fees' : null, description: i % 4 ? `Payment ${i}, "quoted"` : null,
      transaction_id: i % 3 ? `T${i}` : null, source_file: `${tag}.csv`, source_line: i + 2, buyer_origin: i % 2 ? 'column' : 'flag',
    })
  })
}

/** A split import (two dictionary chains, so a dictionary join) of 67 rows in 2 parts, with 2 rejected rows. */
async function smallImport(): Promise<{ws: Workspace; entry: ImportEntry}> {
  const root = tempWorkspace()
  made.push(dirname(root))
  const ws = new Workspace(root)
  const w = await ws.beginImport(meta(), {partRows: 40})
  for (const r of rows('A', 40)) w.add(r)
  w.reject(reject({amount: 1250, currency: 'GBP', raw: ['Bad, "row"', '12.50']}))
  const split = w.split!
  mkdirSync(split.dir, {recursive: true})
  const half = new PartWriter(split.dir, split.partRows)
  for (const r of rows('B', 27, 40)) half.add(r)
  half.reject(reject({amount: null, raw: ['x']}))
  half.finish()
  split.adopt(half.written())
  const entry = await w.commit({files: [report()]})
  return {ws, entry}
}

/** The frame's rows as one string (fast to compare tens of thousands of times), loaded as the commands load them. */
async function load(root: string, entry: ImportEntry, columns: readonly RecordColumn[]): Promise<string> {
  return JSON.stringify(frameRows(await loadFrameFrom(root, [entry], columns), columns))
}

const SOME: RecordColumn[] = ['date', 'amount', 'currency', 'supplier_key']

describe('a damaged byte never changes a result silently', () => {
  it('flips each byte of each part and of the dictionary join: the loader fails with WORKSPACE_DAMAGED or gives the same rows', async () => {
    const {ws, entry} = await smallImport()
    expect(entry.parts.length).toBe(2)
    expect(entry.dict_join).toBeDefined()
    const dir = join(ws.dir, 'imports', entry.id)
    const files = [...entry.parts.map((p) => p.file), entry.dict_join!.file]
    const all = await load(ws.dir, entry, RECORD_COLUMNS)
    const some = await load(ws.dir, entry, SOME)
    const silent: string[] = []
    let detected = 0
    let unchanged = 0
    let flips = 0
    for (const file of files) {
      const path = join(dir, file)
      const original = readFileSync(path)
      const fd = openSync(path, 'r+')
      try {
        for (let i = 0; i < original.length; i++) {
          // One bit of every byte; the whole byte for every 4th.
          for (const mask of i % 4 === 0 ? [0x01, 0xff] : [0x01]) {
            writeSync(fd, Uint8Array.of(original[i] ^ mask), 0, 1, i)
            flips++
            // Every column, and for a sample of flips also the few a summary reads.
            for (const [columns, expected] of i % 8 === 0 ? [[RECORD_COLUMNS, all], [SOME, some]] as const : [[RECORD_COLUMNS, all]] as const) {
              let got: string
              try {
                got = await load(ws.dir, entry, columns)
              } catch (error) {
                if (!isSpendInputError(error) || error.code !== 'WORKSPACE_DAMAGED') throw error
                if (columns === RECORD_COLUMNS) detected++
                continue
              }
              if (got !== expected) silent.push(`${file} byte ${i} ^ 0x${mask.toString(16)} (${columns.length} columns)`)
              else if (columns === RECORD_COLUMNS) unchanged++
            }
          }
          writeSync(fd, original, i, 1, i)
        }
      } finally {
        closeSync(fd)
      }
      expect(readFileSync(path).equals(original)).toBe(true)
    }
    expect(silent).toEqual([])
    // Most bytes are read by some query; the rest (padding, the leading schema message) change nothing.
    expect(detected + unchanged).toBe(flips)
    expect(detected).toBeGreaterThan(flips / 2)
    expect(await load(ws.dir, entry, RECORD_COLUMNS)).toBe(all)
  }, 300_000)

  it('spend check finds every flip of the rejects file, and flips in the parts that the loader finds', async () => {
    const {ws, entry} = await smallImport()
    expect((await checkImport(ws.dir, entry)).status).toBe('ok')
    const dir = join(ws.dir, 'imports', entry.id)
    const missed: string[] = []
    const targets = [{file: entry.rejects!.file, step: 1}, ...entry.parts.map((p) => ({file: p.file, step: 97}))]
    for (const {file, step} of targets) {
      const path = join(dir, file)
      const original = readFileSync(path)
      for (let i = 0; i < original.length; i += step) {
        const damaged = Buffer.from(original)
        damaged[i] ^= 0x01
        writeFileSync(path, damaged)
        const loaderFinds = file === entry.rejects!.file || (await ws.loadFrame(RECORD_COLUMNS).then(() => false, () => true))
        const check = await checkImport(ws.dir, entry)
        if (loaderFinds && (check.status !== 'damaged' || !check.problems.some((p) => p.file === `imports/${entry.id}/${file}`))) {
          missed.push(`${file} byte ${i}`)
        }
      }
      writeFileSync(path, original)
    }
    expect(missed).toEqual([])
    expect(readdirSync(dir).sort()).toEqual(['dict-join.json', 'entry.json', 'part-00000.arrow', 'part-00001.arrow', 'rejects.csv'])
  })
})
