/**
 * The four SQL dialects `spend sql` writes: what differs between DuckDB,
 * PostgreSQL, Spark SQL and Trino for the analyses' queries. Everything else
 * is the SQL all four share (GROUP BY ROLLUP, GROUPING(), window functions,
 * CASE, COALESCE, CAST, EXTRACT, ||). Money is summed as integers of minor
 * units (`amount_minor`), exactly: never through a float.
 */

export const DIALECTS = ['duckdb', 'postgres', 'spark', 'trino'] as const
export type DialectName = (typeof DIALECTS)[number]

export interface Dialect {
  name: DialectName
  /** A quoted identifier. */
  ident(name: string): string
  /** A string literal. */
  str(value: string): string
  /** An expression in byte order for ORDER BY and comparisons (the native analyses order by code points of UTF-8 bytes). */
  bytewise(expr: string): string
  /** The exact sum of an integer expression (no overflow past int64, never a float). */
  sumExact(expr: string): string
  /** An exact decimal type with `scale` digits after the point. */
  decimal(scale: number): string
  /** Integer division of integers, for a >= 0 and b > 0 (month and year numbers). */
  floorDiv(a: string, b: string): string
  /** A one-column table of the integers lo..hi (inclusive) named `alias(column)`, for zero-filled periods. */
  series(lo: string, hi: string, alias: string, column: string): string
  /** The 64-bit integer type. */
  int64: string
  /** Whether the text matches a regular expression (POSIX-style, anchored by the pattern itself). */
  matches(expr: string, regex: string): string
  /** The text right-padded with `pad` to `length` characters. */
  rpad(expr: string, length: number, pad: string): string
}

/** Single quotes doubled; Spark also reads backslash escapes in literals, so backslashes are doubled there. */
function literal(value: string, backslash: boolean): string {
  const v = backslash ? value.replaceAll('\\', '\\\\') : value
  return `'${v.replaceAll("'", "''")}'`
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`

const DUCKDB: Dialect = {
  name: 'duckdb',
  ident: quoted,
  str: (v) => literal(v, false),
  // DuckDB compares VARCHAR by bytes unless a collation is asked for.
  bytewise: (e) => e,
  // SUM(BIGINT) is HUGEINT (128-bit) in DuckDB: exact.
  sumExact: (e) => `SUM(${e})`,
  decimal: (s) => `DECIMAL(38, ${s})`,
  floorDiv: (a, b) => `((${a}) // (${b}))`,
  series: (lo, hi, alias, column) => `(SELECT CAST(generate_series AS BIGINT) AS ${column} FROM generate_series(CAST(${lo} AS BIGINT), CAST(${hi} AS BIGINT))) AS ${alias}`,
  int64: 'BIGINT',
  matches: (e, r) => `regexp_matches(${e}, ${literal(r, false)})`,
  rpad: (e, n, p) => `rpad(${e}, ${n}, ${literal(p, false)})`,
}

const POSTGRES: Dialect = {
  name: 'postgres',
  ident: quoted,
  str: (v) => literal(v, false),
  // The database's collation may be a locale's: "C" is byte order.
  bytewise: (e) => `(${e}) COLLATE "C"`,
  // SUM(bigint) is numeric in PostgreSQL: exact.
  sumExact: (e) => `SUM(${e})`,
  decimal: (s) => `NUMERIC(38, ${s})`,
  floorDiv: (a, b) => `((${a}) / (${b}))`,
  series: (lo, hi, alias, column) => `generate_series(CAST(${lo} AS BIGINT), CAST(${hi} AS BIGINT)) AS ${alias}(${column})`,
  int64: 'BIGINT',
  matches: (e, r) => `(${e} ~ ${literal(r, false)})`,
  rpad: (e, n, p) => `rpad(${e}, ${n}, ${literal(p, false)})`,
}

const SPARK: Dialect = {
  name: 'spark',
  ident: (n) => `\`${n.replaceAll('`', '``')}\``,
  str: (v) => literal(v, true),
  // Spark compares strings by their UTF-8 bytes (binary collation).
  bytewise: (e) => e,
  // SUM(BIGINT) is BIGINT in Spark and can overflow: sum as DECIMAL(38, 0).
  sumExact: (e) => `SUM(CAST(${e} AS DECIMAL(38, 0)))`,
  decimal: (s) => `DECIMAL(38, ${s})`,
  floorDiv: (a, b) => `((${a}) DIV (${b}))`,
  series: (lo, hi, alias, column) => `(SELECT explode(sequence(CAST(${lo} AS BIGINT), CAST(${hi} AS BIGINT))) AS ${column}) AS ${alias}`,
  int64: 'BIGINT',
  matches: (e, r) => `(${e} RLIKE ${literal(r, true)})`,
  rpad: (e, n, p) => `rpad(${e}, ${n}, ${literal(p, true)})`,
}

const TRINO: Dialect = {
  name: 'trino',
  ident: quoted,
  str: (v) => literal(v, false),
  // Trino compares varchar by code point, which is UTF-8 byte order.
  bytewise: (e) => e,
  // SUM(BIGINT) is BIGINT in Trino and can overflow: sum as DECIMAL(38, 0).
  sumExact: (e) => `SUM(CAST(${e} AS DECIMAL(38, 0)))`,
  decimal: (s) => `DECIMAL(38, ${s})`,
  floorDiv: (a, b) => `((${a}) / (${b}))`,
  series: (lo, hi, alias, column) => `UNNEST(sequence(CAST(${lo} AS BIGINT), CAST(${hi} AS BIGINT))) AS ${alias}(${column})`,
  int64: 'BIGINT',
  matches: (e, r) => `regexp_like(${e}, ${literal(r, false)})`,
  rpad: (e, n, p) => `rpad(${e}, ${n}, ${literal(p, false)})`,
}

const BY_NAME: Record<DialectName, Dialect> = {duckdb: DUCKDB, postgres: POSTGRES, spark: SPARK, trino: TRINO}

export function dialect(name: DialectName): Dialect {
  return BY_NAME[name]
}
