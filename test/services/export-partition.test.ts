/**
 * Partition values made safe for paths the way Hive escapes them, and the
 * partitioned writer: with more partitions than writers open at once, every
 * partition is still one file holding all its rows in export order, written
 * in passes of at most MAX_OPEN open writers.
 */
import {rmSync, writeFileSync} from 'node:fs'
import {afterAll, describe, expect, it} from 'vitest'
import {hiveEscape, HIVE_NULL, MAX_OPEN, PartitionedWriter} from '../../src/services/export/partition.js'
import {EXPORT_COLUMNS, type ExportBatch, type RecordWriter} from '../../src/io/write/export/types.js'
import {tempDir} from '../helpers/temp.js'

describe('hiveEscape', () => {
  it('keeps [A-Za-z0-9._-] and percent-encodes everything else as UTF-8 bytes', () => {
    expect(hiveEscape('GB-GOV-1.a_b')).toBe('GB-GOV-1.a_b')
    expect(hiveEscape('a/b c=d')).toBe('a%2Fb%20c%3Dd')
    expect(hiveEscape('Bærum')).toBe('B%C3%A6rum')
    expect(HIVE_NULL).toBe('__HIVE_DEFAULT_PARTITION__')
  })
})

const dir = tempDir()
afterAll(() => rmSync(dir, {recursive: true, force: true}))

/** A batch whose row i has buyer `b<i % buyers>` and source_line = its global row number. */
function batch(start: number, length: number, buyers: number): ExportBatch {
  const values: ExportBatch['values'] = {}
  for (const c of EXPORT_COLUMNS) values[c.name] = new Array(length).fill(null)
  const at = (i: number) => start + i
  values.buyer_id = Array.from({length}, (_, i) => `b${at(i) % buyers}`)
  values.date = Array.from({length}, (_, i) => (at(i) % 7 === 0 ? null : 19_723))
  values.source_line = Array.from({length}, (_, i) => at(i))
  return {length, values}
}

describe('PartitionedWriter', () => {
  it('writes each of 3x MAX_OPEN partitions as one file with all its rows, never more than MAX_OPEN open', async () => {
    const buyers = MAX_OPEN * 3
    const written = new Map<string, number[]>()
    let open = 0
    let most = 0
    const w = new PartitionedWriter(dir, ['year', 'buyer'], 'csv', async (path): Promise<RecordWriter> => {
      open++
      most = Math.max(most, open)
      const lines: number[] = []
      written.set(path, lines)
      return {
        write: async (b) => void lines.push(...(b.values.source_line as number[])),
        finish: async () => {
          open--
          writeFileSync(path, lines.join('\n'))
          return {bytes: lines.length}
        },
        abort: async () => void open--,
      }
    })
    const total = 5000
    const batches = [batch(0, 2000, buyers), batch(2000, 3000, buyers)]
    for (const b of batches) await w.write(b)
    let passes = 1
    // Each later pass is given only the rows it keeps, as exportBatches gives them.
    for (let keep = await w.nextPass(); keep; keep = await w.nextPass()) {
      passes++
      expect(keep).toHaveLength(total)
      const rows = [...keep.keys()].filter((i) => keep[i] === 1)
      expect(rows.length).toBeLessThan(total)
      const b = batch(0, total, buyers)
      const picked: ExportBatch = {length: rows.length, values: Object.fromEntries(Object.entries(b.values).map(([k, v]) => [k, rows.map((i) => v[i])]))}
      await w.write(picked)
    }
    const files = await w.finish()
    expect(most).toBeLessThanOrEqual(MAX_OPEN)
    expect(passes).toBeGreaterThan(1)
    // Two years (one of them undated) per buyer, each one part-0 file.
    expect(files).toHaveLength(buyers * 2)
    expect(files.every((f) => f.path.endsWith('/part-0.csv'))).toBe(true)
    expect(files.reduce((n, f) => n + f.rows, 0)).toBe(total)
    const all = [...written.values()].flat().sort((a, b) => a - b)
    expect(all).toEqual(Array.from({length: total}, (_, i) => i))
    for (const lines of written.values()) expect(lines).toEqual([...lines].sort((a, b) => a - b))
    expect(files.some((f) => f.path.startsWith(`year=${HIVE_NULL}/`))).toBe(true)
  })
})
