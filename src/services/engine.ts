import type {DimName} from '../analysis/dims.js'
import {SpendInputError} from '../errors.js'
import {cpvLabels} from '../io/cpv-labels.js'
import {resolveWorkspace, Workspace} from '../io/workspace/index.js'
import {dimColumns} from '../io/write/analysis-common.js'
import {CONCENTRATION_OUTPUT} from '../io/write/concentration-report.js'
import {CUBE_OUTPUT} from '../io/write/cube-report.js'
import {columnsOf, fieldOf, type Output} from '../io/write/output-fields.js'
import {PARETO_OUTPUT} from '../io/write/pareto-report.js'
import {TOP_OUTPUT} from '../io/write/top-report.js'
import {TREND_OUTPUT} from '../io/write/trend-report.js'
import type {View} from '../io/write/view.js'
import {sqlMsg} from '../messages.js'
import {dialect, type Dialect, type DialectName} from '../sql/dialect.js'
import {runDuckdb, runPostgres} from '../sql/engines.js'
import {type AnalysisFlagSet, sqlEntry, type SqlEntry} from '../sql/registry.js'
import type {SqlAnalysisName} from '../sql/types.js'
import {sqlWhere} from '../sql/where.js'
import type {AnalysisFlagValues} from './analysis-input.js'
import {parquetExport} from './engine-cache.js'

/**
 * `spend sql` and `--engine`: an analysis's flags -> its SQL over the
 * exported records (with the filters as one predicate), and for --engine the
 * SQL run in DuckDB (over the workspace's Parquet export) or PostgreSQL (the
 * table `spend export --db` loads), turned back into the command's --json body
 * by the analysis's own `json`.
 */

export type EngineName = 'duckdb' | 'postgres'
export type EngineFlags = AnalysisFlagValues & AnalysisFlagSet & {engine?: EngineName; db?: string; chart?: string}

/** The default table name: where `spend export --db` loads the records. */
export const DEFAULT_TABLE = 'spend_records'

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/

/** What the SQL selects FROM: a table (quoted per dialect), or the Parquet files (DuckDB read_parquet, Spark parquet.`path`). */
export function sqlSource(d: Dialect, opts: {table?: string; parquet?: string; hive?: boolean}): string {
  if (opts.table !== undefined && opts.parquet !== undefined) throw new SpendInputError('BAD_FLAG', sqlMsg.sourceBoth(), {where: '--table', hint: sqlMsg.sourceBothHint(), exit: 2})
  if (opts.parquet !== undefined) {
    if (d.name !== 'duckdb' && d.name !== 'spark') throw new SpendInputError('BAD_FLAG', sqlMsg.parquetDialect(d.name), {where: '--parquet', hint: sqlMsg.parquetDialectHint(), exit: 2})
    const glob = /[*?[]/.test(opts.parquet) || opts.parquet.endsWith('.parquet') ? opts.parquet : `${opts.parquet.replace(/\/+$/, '')}/**/*.parquet`
    if (d.name === 'duckdb') return `read_parquet(${d.str(glob)}, hive_partitioning = ${opts.hive === false ? 'false' : 'true'})`
    // Spark reads a folder's Parquet files (and its hive partitions) as one table.
    return `parquet.${d.ident(opts.parquet)}`
  }
  const table = opts.table ?? DEFAULT_TABLE
  if (!TABLE_NAME.test(table)) throw new SpendInputError('BAD_FLAG', sqlMsg.badTable(table), {where: '--table', hint: sqlMsg.badTableHint(), exit: 2})
  return table.split('.').map((p) => d.ident(p)).join('.')
}

export interface AnalysisSql {
  analysis: SqlAnalysisName
  dialect: DialectName
  sql: string
}

interface Built {
  entry: SqlEntry
  opts: Record<string, unknown>
  sql: string
}

async function build(name: string, arg: string | undefined, flags: EngineFlags, d: Dialect, source: string): Promise<Built> {
  const entry = sqlEntry(name)
  const opts = entry.options(flags, arg)
  const {where} = await sqlWhere(flags, d)
  return {entry, opts, sql: entry.analysis.sql(opts as never, {dialect: d, source, where})}
}

/** The SQL of an analysis for `spend sql`. */
export async function analysisSql(name: string, arg: string | undefined, flags: EngineFlags & {table?: string; parquet?: string}, dialectName: DialectName): Promise<AnalysisSql> {
  const d = dialect(dialectName)
  const {entry, sql} = await build(name, arg, flags, d, sqlSource(d, flags))
  return {analysis: entry.name, dialect: dialectName, sql}
}

/** The URL of the database for --engine postgres: --db, else $SPENDKIT_DB_URL. */
function dbUrl(flags: EngineFlags): string {
  const url = flags.db ?? process.env.SPENDKIT_DB_URL
  if (!url) throw new SpendInputError('NEED_DB', sqlMsg.needDb(), {where: '--db', hint: sqlMsg.needDbHint(), exit: 2})
  return url
}

async function checkTable(url: string): Promise<void> {
  const rows = await runPostgres(url, `SELECT to_regclass('${DEFAULT_TABLE}') IS NOT NULL AS present`)
  if (rows[0]?.present !== 'true') throw new SpendInputError('NO_TABLE', sqlMsg.noTable(DEFAULT_TABLE), {where: '--db', hint: sqlMsg.noTableHint()})
}

export interface EngineResult {
  /** The command's --json body. */
  body: unknown
  /** CSV/TSV/Markdown/table views: the analysis's own, else the declared Output's row columns over the JSON rows. */
  views: (human: boolean) => View[]
}

const OUTPUTS: Record<SqlAnalysisName, Output> = {cube: CUBE_OUTPUT, top: TOP_OUTPUT, pareto: PARETO_OUTPUT, concentration: CONCENTRATION_OUTPUT, trend: TREND_OUTPUT}

/** Rows with nested objects flattened as columnsOf names them (`key_child`). */
function flatRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(row)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [c, cv] of Object.entries(v)) out[`${k}_${c}`] = cv
    else out[k] = v
  }
  return out
}

/** The views of an engine's result: one table of the body's rows, with the declared columns. */
export function engineViews(name: SqlAnalysisName, body: unknown, dims: readonly DimName[]): View[] {
  const fields = fieldOf(OUTPUTS[name].fields, 'rows').fields!
  const rows = ((body as {rows?: Record<string, unknown>[]}).rows ?? []).map(flatRow)
  // Optional fields no row has (cube's rollup and other without --rollup/--top) are left out, as the native views leave them out.
  const columns = columnsOf(fields, dimColumns(dims)).filter((c) => rows.length === 0 || rows.some((r) => r[c.key] !== undefined))
  return [{title: `${name} (engine)`, columns, rows}]
}

/**
 * Run an analysis on an engine (`--engine`): its SQL in DuckDB over the
 * workspace's Parquet export, or in PostgreSQL over spend_records; the
 * analysis's --json body and views.
 */
export async function runOnEngine(name: SqlAnalysisName, arg: string | undefined, flags: EngineFlags): Promise<EngineResult> {
  if (flags.chart) throw new SpendInputError('BAD_FLAG', sqlMsg.chartEngine(), {where: '--chart', hint: sqlMsg.chartEngineHint(), exit: 2})
  const engine = flags.engine ?? 'duckdb'
  const d = dialect(engine)
  let rows
  let built: Built
  if (engine === 'postgres') {
    const url = dbUrl(flags)
    built = await build(name, arg, flags, d, sqlSource(d, {}))
    await checkTable(url)
    rows = await runPostgres(url, built.sql)
  } else {
    const ws = await Workspace.open(resolveWorkspace(flags.workspace))
    const dir = await parquetExport(ws)
    built = await build(name, arg, flags, d, sqlSource(d, {parquet: `${dir}/*.parquet`, hive: false}))
    rows = await runDuckdb(built.sql)
  }
  const dims = built.entry.dims(flags, arg)
  const labels = dims.includes('category') ? await cpvLabels() : new Map<string, string>()
  const ctx = {categoryLabel: (code: string) => labels.get(code) ?? null}
  const {analysis} = built.entry
  const {body, views} = analysis.json(rows, built.opts as never, ctx)
  return {body, views: (human) => views?.(human) ?? engineViews(built.entry.name, body, dims)}
}
