import {Readable} from 'node:stream'
import {pipeline} from 'node:stream/promises'
import {SpendInputError} from '../../errors.js'
import {EXPORT_COLUMNS, type ExportBatch, type ExportColumn} from '../../io/write/export/types.js'
import {sqlMsg} from '../../messages.js'
import {pgClient} from '../../sql/engines.js'
import type {AnalysisFlagValues} from '../analysis-input.js'
import type {Workspace} from '../../io/workspace/index.js'

/**
 * `spend export --db URL`: the exported records loaded into a PostgreSQL
 * table (default spend_records). The table is EXPORT_COLUMNS (TEXT, BIGINT,
 * INTEGER, DATE, BOOLEAN) plus `amount`, a generated NUMERIC column holding
 * amount_minor / 10^currency_exponent exactly. No primary key: a source line
 * can hold several records (an OCDS release with several awards), so rows are
 * identified by import_id (indexed), source_file and source_line, and a load
 * replaces whole imports: in one transaction the rows of the imports being
 * loaded are deleted and the new ones COPYed in (CSV, every text quoted, so
 * tabs, newlines, backslashes and quotes travel as they are and NULL stays
 * distinct from ''). Re-running is idempotent per import id; any error rolls
 * everything back.
 */

export interface PostgresLoad {
  table: string
  /** Rows COPYed in. */
  rows: number
  /** Rows of the same imports that were replaced. */
  replaced: number
}

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/
const quoteIdent = (name: string) => name.split('.').map((p) => `"${p}"`).join('.')

function pgType(c: ExportColumn): string {
  return {string: 'TEXT', int64: 'BIGINT', int32: 'INTEGER', date: 'DATE', bool: 'BOOLEAN'}[c.type]
}

/** The CREATE TABLE statement (also the README's schema). */
export function createTableSql(table = 'spend_records'): string {
  const cols = EXPORT_COLUMNS.map((c) => `  ${c.name} ${pgType(c)}${c.nullable ? '' : ' NOT NULL'}`)
  cols.push('  amount NUMERIC GENERATED ALWAYS AS (round(amount_minor::numeric / power(10::numeric, currency_exponent), currency_exponent)) STORED')
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(table)} (\n${cols.join(',\n')}\n)`
}

const DAY_MS = 86_400_000

/** One CSV cell for COPY: NULL unquoted and empty, text always quoted. */
function cell(c: ExportColumn, v: string | bigint | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return ''
  switch (c.type) {
    case 'string': return `"${String(v).replaceAll('"', '""')}"`
    case 'date': return new Date(Number(v) * DAY_MS).toISOString().slice(0, 10)
    case 'bool': return v ? 't' : 'f'
    default: return String(v)
  }
}

/** The batches as CSV text for COPY, one chunk per batch. */
export async function* copyCsv(batches: AsyncIterable<ExportBatch>, counter: {rows: number}): AsyncGenerator<string> {
  for await (const b of batches) {
    const cols = EXPORT_COLUMNS.map((c) => b.values[c.name])
    const lines: string[] = new Array(b.length)
    for (let i = 0; i < b.length; i++) lines[i] = EXPORT_COLUMNS.map((c, j) => cell(c, cols[j]?.[i])).join(',')
    counter.rows += b.length
    if (b.length > 0) yield `${lines.join('\n')}\n`
  }
}

/** Load the batches into the table, replacing the rows of `imports` (see the module comment). */
export async function exportToPostgres(url: string, batches: AsyncIterable<ExportBatch>, imports: readonly {id: string}[], opts: {table?: string} = {}): Promise<PostgresLoad> {
  const table = opts.table ?? 'spend_records'
  if (!TABLE_NAME.test(table)) throw new SpendInputError('BAD_FLAG', sqlMsg.badTable(table), {where: '--table', hint: sqlMsg.badTableHint(), exit: 2})
  const {from: copyFrom} = await import('pg-copy-streams')
  const client = await pgClient(url)
  const counter = {rows: 0}
  try {
    await client.query('BEGIN')
    await client.query(createTableSql(table))
    const index = `${table.replaceAll('.', '_')}_import_id_idx`
    await client.query(`CREATE INDEX IF NOT EXISTS "${index}" ON ${quoteIdent(table)} (import_id)`)
    const deleted = await client.query(`DELETE FROM ${quoteIdent(table)} WHERE import_id = ANY($1::text[])`, [imports.map((i) => i.id)])
    const columns = EXPORT_COLUMNS.map((c) => c.name).join(', ')
    const stream = client.query(copyFrom(`COPY ${quoteIdent(table)} (${columns}) FROM STDIN WITH (FORMAT csv)`))
    await pipeline(Readable.from(copyCsv(batches, counter)), stream)
    await client.query('COMMIT')
    return {table, rows: counter.rows, replaced: deleted.rowCount ?? 0}
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    if (error instanceof SpendInputError) throw error
    const reason = ((error as Error).message ?? String(error)).split('\n')[0]
    throw new SpendInputError('DB_LOAD_FAILED', sqlMsg.loadFailed(reason), {where: '--db', hint: sqlMsg.loadFailedHint()})
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * The call `spend export --db URL [--table NAME]` makes: the workspace's
 * imports (all, or those named) loaded with the export's row source.
 */
export async function exportWorkspaceToPostgres(ws: Workspace, url: string, opts: {filters?: AnalysisFlagValues; imports?: readonly string[]; table?: string} = {}): Promise<PostgresLoad> {
  const all = await ws.list()
  const chosen = opts.imports ? all.filter((e) => opts.imports!.includes(e.id)) : all
  const {exportBatches} = await import('./rows.js')
  return exportToPostgres(url, exportBatches(ws, {filters: opts.filters, imports: chosen.map((e) => e.id)}), chosen, {table: opts.table})
}
