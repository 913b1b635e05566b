/**
 * Every analysis spend sql writes, for a few option sets: the Spark and Trino
 * texts parse with a grammar of those dialects (dt-sql-parser; no cluster is
 * reachable here), and the DuckDB and PostgreSQL texts run on the demo
 * records (spend_records) without error. Written over the registry, so an
 * analysis added there is covered here.
 */
import {SparkSQL, TrinoSQL} from 'dt-sql-parser'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {duckdbSetup, loadPostgres} from '../helpers/engine-data.js'
import {testPg, type TestPg} from '../helpers/pg.js'
import {analysisSql, sqlSource, type EngineFlags} from '../../src/services/engine.js'
import {dialect} from '../../src/sql/dialect.js'
import {runDuckdb, runPostgres} from '../../src/sql/engines.js'
import {SQL_ANALYSIS_NAMES} from '../../src/sql/registry.js'
import type {SqlAnalysisName} from '../../src/sql/types.js'

let ws = ''
let pg: TestPg
let setup: string[] = []

beforeAll(async () => {
  ws = tempDir()
  expect((await runCli(['import', fixture('demo'), '--workspace', ws])).code).toBe(0)
  pg = await testPg()
  await loadPostgres(ws, pg.url)
  setup = await duckdbSetup(ws)
}, 120_000)

afterAll(async () => {
  await pg?.close()
})

type Case = [string | undefined, EngineFlags]
const FILTERED: EngineFlags = {currency: ['GBP'], from: '2023-Q2', 'exclude-redacted': true}

/** Option sets per analysis (the filters are resolved against the demo workspace). */
const CASES: Record<SqlAnalysisName, Case[]> = {
  cube: [[undefined, {by: 'buyer'}], [undefined, {by: 'buyer,category', rollup: true, level: 'division'}], [undefined, {by: 'year,supplier', 'fiscal-year-start': 4, ...FILTERED}], [undefined, {by: 'buyer,supplier', top: 3, rollup: true}]],
  top: [['suppliers', {}], ['categories', {by: 'buyer', top: 5, level: 'group'}], ['buyers', {'redacted-as-supplier': true, ...FILTERED}]],
  pareto: [[undefined, {}], [undefined, {by: 'buyer', detail: true}], [undefined, {by: 'quarter', 'fiscal-year-start': 4, ...FILTERED}]],
  concentration: [[undefined, {}], [undefined, {by: 'buyer', bands: '2023'}], [undefined, {by: 'category', level: 'division', 'redacted-as-supplier': true, ...FILTERED}]],
  trend: [[undefined, {}], [undefined, {every: 'quarter', 'fiscal-year-start': 4, by: 'buyer'}], [undefined, {every: 'year', by: 'category', level: 'division', ...FILTERED}]],
}

describe('the SQL of every analysis', () => {
  it('covers every analysis of the registry', () => {
    expect(Object.keys(CASES).sort()).toEqual([...SQL_ANALYSIS_NAMES].sort())
  })

  for (const name of SQL_ANALYSIS_NAMES) {
    for (const [arg, flags] of CASES[name]) {
      const label = `${name} ${arg ?? ''} ${JSON.stringify(flags)}`
      it(`parses in Spark and Trino, runs in DuckDB and PostgreSQL: ${label}`, async () => {
        const f = {...flags, workspace: ws}
        const spark = await analysisSql(name, arg, f, 'spark')
        const trino = await analysisSql(name, arg, f, 'trino')
        expect(new SparkSQL().validate(spark.sql), spark.sql).toEqual([])
        expect(new TrinoSQL().validate(trino.sql), trino.sql).toEqual([])
        const duck = await analysisSql(name, arg, f, 'duckdb')
        const post = await analysisSql(name, arg, f, 'postgres')
        expect(Array.isArray(await runDuckdb(duck.sql, setup))).toBe(true)
        expect(Array.isArray(await runPostgres(pg.url, post.sql))).toBe(true)
      })
    }
  }

  it('reads Parquet folders as one table in DuckDB and Spark, tables elsewhere', () => {
    expect(sqlSource(dialect('duckdb'), {parquet: 'out/spend'})).toBe("read_parquet('out/spend/**/*.parquet', hive_partitioning = true)")
    expect(sqlSource(dialect('duckdb'), {parquet: 'out/*.parquet'})).toBe("read_parquet('out/*.parquet', hive_partitioning = true)")
    const spark = sqlSource(dialect('spark'), {parquet: 's3://bucket/spend/'})
    expect(spark).toBe('parquet.`s3://bucket/spend/`')
    expect(new SparkSQL().validate(`SELECT COUNT(*) FROM ${spark}`)).toEqual([])
    expect(sqlSource(dialect('trino'), {table: 'hive.spend_records'})).toBe('"hive"."spend_records"')
    expect(sqlSource(dialect('spark'), {})).toBe('`spend_records`')
    expect(new TrinoSQL().validate('SELECT COUNT(*) FROM "hive"."spend_records"')).toEqual([])
  })

  it('the grammars do reject broken SQL (the checks above can fail)', () => {
    expect(new SparkSQL().validate('SELECT FROM WHERE GROUP').length).toBeGreaterThan(0)
    expect(new TrinoSQL().validate('SELECT FROM WHERE GROUP').length).toBeGreaterThan(0)
  })
})
