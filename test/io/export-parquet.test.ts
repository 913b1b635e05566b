import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {DuckDBInstance} from '@duckdb/node-api'
import {describe, expect, it} from 'vitest'
import {openParquetWriter} from '../../src/io/write/export/parquet.js'
import {EXPORT_COLUMNS, type ExportBatch, type ExportColumn, type ExportMetadata} from '../../src/io/write/export/types.js'
import {tempDir} from '../helpers/cli.js'

const COLUMNS: ExportColumn[] = [
  {name: 'buyer', type: 'string', nullable: false, description: 'Buyer.', dictionary: true},
  {name: 'unit', type: 'string', nullable: true, description: 'Unit.', dictionary: true},
  {name: 'description', type: 'string', nullable: true, description: 'Free text.'},
  {name: 'amount_minor', type: 'int64', nullable: false, description: 'Minor units.'},
  {name: 'maybe_long', type: 'int64', nullable: true, description: 'Nullable int64.'},
  {name: 'exponent', type: 'int32', nullable: false, description: 'Exponent.'},
  {name: 'date', type: 'date', nullable: true, description: 'Date.'},
  {name: 'redacted', type: 'bool', nullable: false, description: 'Flag.'},
  {name: 'maybe_bool', type: 'bool', nullable: true, description: 'Nullable flag.'},
]

const META: ExportMetadata = {tool: 'spendkit 0.1.0', imports: [{id: 'abc123def456', file: 'spend-2024.csv', sha256: 'a'.repeat(64)}, {id: '0123456789ab', file: 'Ærø.csv', sha256: 'b'.repeat(64)}]}

type Row = [string, string | null, string | null, bigint, bigint | null, number, number | null, boolean, boolean | null]

/** Row i of a deterministic table touching every type, nulls, non-ASCII text, extreme int64s and dates before 1970. */
function row(i: number): Row {
  const bigs = [0n, -1n, 2n ** 53n - 1n, 2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n, -123456789012345n]
  return [
    ['Leeds City Council', 'Kraków', 'Åre kommun', '東京都'][i % 4],
    i % 5 === 0 ? null : `unit ${i % 7}`,
    i % 3 === 0 ? null : `payment ${i} — naïve café ☕ ${'x'.repeat(i % 50)}`,
    bigs[i % bigs.length] >= 0n ? bigs[i % bigs.length] - BigInt(i) : bigs[i % bigs.length] + BigInt(i),
    i % 4 === 0 ? null : -BigInt(i) * 1000003n,
    i % 3,
    i % 6 === 0 ? null : -40000 + i * 7, // from 1860 on, across 1970
    i % 2 === 0,
    i % 3 === 0 ? null : i % 4 === 0,
  ]
}

function batch(from: number, to: number): ExportBatch {
  const values: Record<string, (string | bigint | number | boolean | null)[]> = {}
  for (const c of COLUMNS) values[c.name] = []
  for (let i = from; i < to; i++) row(i).forEach((v, k) => values[COLUMNS[k].name].push(v))
  return {length: to - from, values}
}

async function write(path: string, rows: number, batchRows: number, opts = {}): Promise<number> {
  const w = await openParquetWriter(path, COLUMNS, META, opts)
  for (let from = 0; from < rows; from += batchRows) await w.write(batch(from, Math.min(rows, from + batchRows)))
  return (await w.finish()).bytes
}

async function query(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:')
  const conn = await instance.connect()
  try {
    return (await conn.runAndReadAll(sql)).getRows() as unknown[][]
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}

const q = (p: string) => `'${p.replaceAll("'", "''")}'`
const DAY = 86_400_000
const isoDay = (d: number) => new Date(d * DAY).toISOString().slice(0, 10)

describe('the Parquet writer', () => {
  const ROWS = 5000

  it('writes every value back as DuckDB reads it, over several batches, pages and row groups', async () => {
    const path = join(tempDir(), 'out.parquet')
    const bytes = await write(path, ROWS, 777, {rowGroupBytes: 20_000, pageBytes: 4096})
    expect(bytes).toBe(readFileSync(path).length)
    const got = await query(`SELECT buyer, unit, description, amount_minor::VARCHAR, maybe_long::VARCHAR, exponent, date::VARCHAR, redacted, maybe_bool FROM read_parquet(${q(path)}) ORDER BY file_row_number`.replace('FROM read_parquet(' + q(path) + ')', `FROM read_parquet(${q(path)}, file_row_number = true)`))
    expect(got.length).toBe(ROWS)
    for (let i = 0; i < ROWS; i++) {
      const r = row(i)
      const want = [r[0], r[1], r[2], String(r[3]), r[4] === null ? null : String(r[4]), r[5], r[6] === null ? null : isoDay(r[6]), r[7], r[8]]
      expect(got[i], `row ${i}`).toEqual(want)
    }
  })

  it('declares the types, encodings, row groups, statistics and key-value metadata', async () => {
    const path = join(tempDir(), 'out.parquet')
    await write(path, ROWS, 1000, {rowGroupBytes: 20_000, pageBytes: 4096})
    const types = await query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${q(path)}))`)
    expect(Object.fromEntries(types)).toEqual({buyer: 'VARCHAR', unit: 'VARCHAR', description: 'VARCHAR', amount_minor: 'BIGINT', maybe_long: 'BIGINT', exponent: 'INTEGER', date: 'DATE', redacted: 'BOOLEAN', maybe_bool: 'BOOLEAN'})
    const groups = await query(`SELECT count(DISTINCT row_group_id), sum(row_group_num_rows) / ${COLUMNS.length} FROM parquet_metadata(${q(path)})`)
    expect(Number(groups[0][0])).toBeGreaterThan(2)
    expect(Number(groups[0][1])).toBe(ROWS)
    const enc = await query(`SELECT path_in_schema, string_agg(DISTINCT encodings, ';' ORDER BY encodings), string_agg(DISTINCT compression, ';') FROM parquet_metadata(${q(path)}) GROUP BY 1 ORDER BY 1`)
    const byCol = Object.fromEntries(enc.map(r => [r[0], [r[1], r[2]]]))
    expect(byCol.buyer[0]).toContain('RLE_DICTIONARY')
    expect(byCol.unit[0]).toContain('RLE_DICTIONARY')
    expect(byCol.description[0]).not.toContain('DICTIONARY')
    expect(byCol.buyer[1]).toBe('GZIP')
    // statistics of the first row group's numbers and dates, against the rows it holds
    const first = await query(`SELECT path_in_schema, stats_min_value, stats_max_value, stats_null_count, row_group_num_rows FROM parquet_metadata(${q(path)}) WHERE row_group_id = 0 AND path_in_schema IN ('exponent', 'date', 'maybe_long')`)
    const n = Number(first[0][4])
    const rows = Array.from({length: n}, (_, i) => row(i))
    const dates = rows.map(r => r[6]).filter((d): d is number => d !== null)
    const longs = rows.map(r => r[4]).filter((d): d is bigint => d !== null)
    const stats = Object.fromEntries(first.map(r => [r[0], r.slice(1, 4)]))
    expect(stats.date).toEqual([isoDay(Math.min(...dates)), isoDay(Math.max(...dates)), BigInt(n - dates.length)])
    expect(stats.exponent).toEqual(['0', '2', 0n])
    expect(stats.maybe_long).toEqual([String(longs.reduce((a, b) => (b < a ? b : a))), String(longs.reduce((a, b) => (b > a ? b : a))), BigInt(n - longs.length)])
    // dictionary strings carry min/max in byte order too (東京都 sorts after the Latin names)
    const buyer = await query(`SELECT stats_min_value, stats_max_value FROM parquet_metadata(${q(path)}) WHERE row_group_id = 0 AND path_in_schema = 'buyer'`)
    expect(buyer).toEqual([['Kraków', '東京都']])
    // DuckDB prunes on them: no row group holds a date before 1800
    expect(await query(`SELECT count(*) FROM read_parquet(${q(path)}) WHERE date < DATE '1800-01-01'`)).toEqual([[0n]])
    const kv = await query(`SELECT decode(key), decode(value) FROM parquet_kv_metadata(${q(path)})`)
    const map = Object.fromEntries(kv)
    expect(map['spendkit.tool']).toBe('spendkit 0.1.0')
    expect(JSON.parse(map['spendkit.imports'] as string)).toEqual(META.imports)
    expect(map['spendkit.import.abc123def456.sha256']).toBe('a'.repeat(64))
    expect(map['spendkit.import.0123456789ab.sha256']).toBe('b'.repeat(64))
    expect(JSON.parse(map['spendkit.columns'] as string).map((c: {name: string}) => c.name)).toEqual(COLUMNS.map(c => c.name))
    const createdBy = await query(`SELECT created_by FROM parquet_file_metadata(${q(path)})`)
    expect(createdBy).toEqual([['spendkit 0.1.0']])
  })

  it('falls back to PLAIN for a chunk whose dictionary grows too large, and still reads back', async () => {
    const path = join(tempDir(), 'out.parquet')
    const col: ExportColumn[] = [{name: 'id', type: 'string', nullable: true, description: 'Many distinct.', dictionary: true}]
    const w = await openParquetWriter(path, col, META, {pageBytes: 256, dictionaryBytes: 2000})
    const ids = Array.from({length: 3000}, (_, i) => (i % 10 === 0 ? null : `id-${i}`))
    await w.write({length: ids.length, values: {id: ids}})
    await w.finish()
    const enc = await query(`SELECT encodings FROM parquet_metadata(${q(path)})`)
    expect(enc[0][0]).toContain('RLE_DICTIONARY')
    expect(enc[0][0]).toContain('PLAIN')
    const got = await query(`SELECT id FROM read_parquet(${q(path)}, file_row_number = true) ORDER BY file_row_number`)
    expect(got.map(r => r[0])).toEqual(ids)
  })

  it('gives byte-identical files for the same batches', async () => {
    const dir = tempDir()
    await write(join(dir, 'a.parquet'), 3000, 500, {rowGroupBytes: 30_000})
    await write(join(dir, 'b.parquet'), 3000, 500, {rowGroupBytes: 30_000})
    expect(readFileSync(join(dir, 'a.parquet')).equals(readFileSync(join(dir, 'b.parquet')))).toBe(true)
  })

  it('writes a readable file with no rows, and the exported columns as declared', async () => {
    const path = join(tempDir(), 'empty.parquet')
    const w = await openParquetWriter(path, EXPORT_COLUMNS, {tool: 'spendkit 0.1.0', imports: []})
    await w.finish()
    expect(await query(`SELECT count(*) FROM read_parquet(${q(path)})`)).toEqual([[0n]])
    const types = await query(`SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(${q(path)}))`)
    expect(types.map(r => r[0])).toEqual(EXPORT_COLUMNS.map(c => c.name))
  })

  it('abort() leaves no file', async () => {
    const path = join(tempDir(), 'partial.parquet')
    const w = await openParquetWriter(path, COLUMNS, META, {rowGroupBytes: 5000})
    await w.write(batch(0, 2000))
    expect(existsSync(path)).toBe(true)
    await w.abort()
    expect(existsSync(path)).toBe(false)
  })

  it('refuses a null in a required column', async () => {
    const path = join(tempDir(), 'bad.parquet')
    const w = await openParquetWriter(path, COLUMNS, META)
    const b = batch(0, 3)
    ;(b.values.buyer as (string | null)[])[1] = null
    await expect(w.write(b)).rejects.toThrow(/required column buyer/)
    await w.abort()
  })

  it('refuses an int64 past the 64-bit range instead of wrapping it', async () => {
    const path = join(tempDir(), 'bad.parquet')
    const w = await openParquetWriter(path, COLUMNS, META)
    const b = batch(0, 3)
    ;(b.values.amount_minor as bigint[])[2] = 2n ** 63n
    await expect(w.write(b)).rejects.toThrow(/amount_minor.*64-bit/)
    await w.abort()
  })

  it('refuses a date or int32 that is not a 32-bit integer instead of truncating it', async () => {
    const path = join(tempDir(), 'bad.parquet')
    const w = await openParquetWriter(path, COLUMNS, META)
    const b = batch(0, 3)
    ;(b.values.date as number[])[1] = 1.5
    await expect(w.write(b)).rejects.toThrow(/date.*32-bit/)
    await w.abort()
    expect(existsSync(path)).toBe(false)
  })
})
