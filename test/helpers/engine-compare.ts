/**
 * What the tests of each analysis's SQL share: a workspace of the demo data
 * and the engine edge cases (fixtures/analysis/engine-edges.csv), with the
 * shipped classification rules stored, loaded into PostgreSQL by `spend
 * export --db`; one test per option set that the `--json` of `--engine
 * duckdb` and `--engine postgres` is the native `--json` byte for byte.
 * (The Spark and Trino texts are parsed in test/sql/dialects-parse.test.ts.)
 */
import {afterAll, beforeAll, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from './cli.js'
import {testPg, type TestPg} from './pg.js'

export interface EngineWorkspace {
  ws: string
  pg: TestPg
}

/** The workspace and database for a test file (made before its tests, the database dropped after). */
export function engineWorkspace(): EngineWorkspace {
  const env = {ws: '', pg: undefined as unknown as TestPg}
  beforeAll(async () => {
    env.ws = tempDir()
    const imported = await runCli(['import', fixture('demo'), fixture('analysis', 'engine-edges.csv'), '--workspace', env.ws])
    expect(imported.code, imported.stderr).toBe(0)
    expect((await runCli(['classify', 'apply', '--rules', 'default', '--workspace', env.ws])).code).toBe(0)
    env.pg = await testPg()
    const load = await runCli(['export', '--db', env.pg.url, '--workspace', env.ws])
    expect(load.code, load.stderr).toBe(0)
  })
  afterAll(async () => {
    await env.pg?.close()
  })
  return env
}

/**
 * For each option set, a test that DuckDB and PostgreSQL print the native
 * `--json`; `check` asserts the native result is not trivial, so the
 * comparison means something.
 */
export function sameOnEngines(env: EngineWorkspace, command: readonly string[], cases: readonly (readonly string[])[], check: (body: {rows: unknown[]}) => void): void {
  for (const args of cases) {
    it(`${[...command, ...args].join(' ')}: DuckDB and PostgreSQL give the native --json`, async () => {
      const native = await runCli([...command, ...args, '--workspace', env.ws, '--json'])
      expect(native.code, native.stderr).toBe(0)
      check(JSON.parse(native.stdout))
      for (const engine of [['--engine', 'duckdb'], ['--engine', 'postgres', '--db', env.pg.url]]) {
        const r = await runCli([...command, ...args, '--workspace', env.ws, '--json', ...engine])
        expect(r.code, r.stderr).toBe(0)
        expect(r.stdout, engine[1]).toBe(native.stdout)
      }
    })
  }
}

/**
 * A test that the CSV and the people's table of `--engine duckdb` are the
 * native ones (stdout and the notes on stderr): the engine's views come from
 * the same JSON, shown the way the command shows it.
 */
export function sameViewsOnEngine(env: EngineWorkspace, command: readonly string[]): void {
  it(`${command.join(' ')}: the CSV and the table on DuckDB are the native ones, notes included`, async () => {
    for (const format of ['csv', 'table']) {
      const native = await runCli([...command, '--workspace', env.ws, '--format', format])
      const engine = await runCli([...command, '--workspace', env.ws, '--format', format, '--engine', 'duckdb'])
      expect(native.code, native.stderr).toBe(0)
      expect(native.stdout.split('\n').length).toBeGreaterThan(3)
      expect(engine.code, engine.stderr).toBe(0)
      expect(engine.stdout, format).toBe(native.stdout)
      expect(engine.stderr, format).toBe(native.stderr)
    }
  })
}
