import type {View} from '../io/write/view.js'
import type {Dialect} from './dialect.js'

/**
 * One analysis that `spend sql` writes as SQL and `--engine` runs elsewhere.
 * `sql` writes the query over the exported records (src/io/write/export/types.ts
 * EXPORT_COLUMNS, as the table or Parquet files named by `ctx.source`);
 * `json` turns the engine's rows back into exactly the command's `--json`
 * body, so a result computed by DuckDB, PostgreSQL or the native kernels is
 * the same document. Shares and other ratios are worked out in one place
 * (`json`, from the exact integers the query returns) since engines round
 * differently.
 */
export interface SqlAnalysis<O> {
  name: SqlAnalysisName
  sql(opts: O, ctx: SqlContext): string
  json(rows: readonly EngineRow[], opts: O, ctx: JsonContext): EngineOutput
}

/**
 * The command's `--json` body, and its own views of it (tables for people,
 * CSV for scripts) where they need more than the JSON rows (trend's undated
 * lines); without views, or where they give null, one table of the JSON rows.
 */
export interface EngineOutput {
  body: unknown
  views?: (human: boolean) => View[] | null
}

export type SqlAnalysisName = 'cube' | 'top' | 'pareto' | 'concentration' | 'trend'

export interface SqlContext {
  dialect: Dialect
  /** What to select FROM: a table name (quoted as needed) or e.g. `read_parquet('dir/**\/*.parquet', hive_partitioning = true)`. */
  source: string
  /** A boolean SQL predicate for the analysis's filters (`TRUE` without filters), over the exported columns. */
  where: string
}

/**
 * What `json` may need beyond the rows: the labels the native output shows
 * for category codes (CPV labels), and the money note (--fx/--deflate are not
 * run on engines).
 */
export interface JsonContext {
  /** Label of a category code, as the native output shows it (null: none). */
  categoryLabel(code: string): string | null
}

/**
 * One row from an engine, normalised by the runner so every engine looks the
 * same: integers (any size) and decimals as their exact decimal text, dates
 * as YYYY-MM-DD, booleans as `true`/`false`, NULL as null.
 */
export type EngineRow = Record<string, string | null>
