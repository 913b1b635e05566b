/**
 * The exported records of a workspace loaded into DuckDB and PostgreSQL as
 * the table `spend_records` (EXPORT_COLUMNS), for the tests that compare the
 * SQL of `spend sql` with the native analyses. The rows come from the frame
 * the analyses load (overlays applied), so the table is what they see.
 */
import {DIMS_SUPPLIER_UNIDENTIFIED, exportRecordRows} from './engine-rows.js'
import {EXPORT_COLUMNS, type ExportColumn} from '../../src/io/write/export/types.js'
import {join} from 'node:path'
import {pgClient, runDuckdb} from '../../src/sql/engines.js'
import {tempDir} from './temp.js'

export {DIMS_SUPPLIER_UNIDENTIFIED}

type Cell = string | bigint | number | boolean | null

function sqlType(c: ExportColumn, pg: boolean): string {
  switch (c.type) {
    case 'string': return pg ? 'TEXT' : 'VARCHAR'
    case 'int64': return 'BIGINT'
    case 'int32': return 'INTEGER'
    case 'date': return 'DATE'
    case 'bool': return 'BOOLEAN'
  }
}

function literal(c: ExportColumn, v: Cell): string {
  if (v === null) return 'NULL'
  if (c.type === 'date') return `DATE '${new Date(Number(v) * 86_400_000).toISOString().slice(0, 10)}'`
  if (c.type === 'string') return `'${String(v).replaceAll("'", "''")}'`
  return String(v)
}

function statements(rows: readonly Cell[][], pg: boolean): string[] {
  const cols = EXPORT_COLUMNS.map((c) => `${c.name} ${sqlType(c, pg)}${c.nullable ? '' : ' NOT NULL'}`).join(', ')
  const out = [`CREATE TABLE spend_records (${cols})`]
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map((r) => `(${r.map((v, j) => literal(EXPORT_COLUMNS[j], v)).join(', ')})`)
    out.push(`INSERT INTO spend_records VALUES ${values.join(', ')}`)
  }
  return out
}

/**
 * DuckDB setup statements (for runDuckdb) that give spend_records from the
 * workspace: the table is filled once and written to a Parquet file in a temp
 * folder, and the setup is one view over that file (so each query does not
 * insert the rows again).
 */
export async function duckdbSetup(workspace: string): Promise<string[]> {
  const file = join(tempDir('spendkit-duck-'), 'spend_records.parquet')
  await runDuckdb(`COPY spend_records TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`, statements(await exportRecordRows(workspace), false))
  return [`CREATE VIEW spend_records AS SELECT * FROM read_parquet('${file.replaceAll("'", "''")}')`]
}

/** Create and fill spend_records in the PostgreSQL database at `url`. */
export async function loadPostgres(workspace: string, url: string): Promise<void> {
  const client = await pgClient(url)
  try {
    for (const s of statements(await exportRecordRows(workspace), true)) await client.query(s)
  } finally {
    await client.end()
  }
}
