import {describe, expect, it} from 'vitest'
// @ts-expect-error: the bench is plain JavaScript (no type declarations)
import {mergeResults, renderResults} from '../../bench/lib/report.mjs'

/** A results record as bench/run.mjs builds it, with only the steps given filled in. */
function record(steps: {imports?: object[]; benchmark?: object | null}) {
  return {
    machine: {cpu: 'CPU', cores: 2, ramGB: '1', loadavg: '0', os: 'OS', node: 'v20', duckdb: 'v1', spend: 's', commit: 'c', date: 'd'},
    config: {rows: 1_000_000, repeat: 3, rssMethod: 'GNU time %M'},
    imports: steps.imports ?? [], analyses: [], reports: [], ocds: [], notes: [], benchmark: steps.benchmark ?? null,
  }
}

const IMPORT_ROW = {file: 'uk-1000000.csv', mb: 147.4, rows: 1_000_000, seconds: 3.82, note: 'earlier figures'}
const BENCH = {buyers: 201, target: 'b1', rows: [{command: 'benchmark BUYER --auto 200 --json', seconds: 0.9, rssMB: 200, target: 1, note: 'x'}]}

describe('bench RESULTS.md for a run of some steps', () => {
  it('keeps the sections of the steps not run and writes the ones run', () => {
    const previous = renderResults(record({imports: [IMPORT_ROW]}))
    const fresh = renderResults(record({benchmark: BENCH}))
    const merged: string = mergeResults(fresh, previous, new Set(['benchmark']))
    const section = (md: string, heading: string) => md.slice(md.indexOf(heading), md.indexOf('\n## ', md.indexOf(heading) + 1))
    expect(section(merged, '## Import')).toBe(section(previous, '## Import'))
    expect(section(merged, '## Import')).toContain('earlier figures')
    expect(section(merged, '## Benchmark')).toBe(section(fresh, '## Benchmark'))
    expect(section(merged, '## Benchmark')).toContain('0.90')
    expect(merged).toContain('kept from the previous RESULTS.md')
  })

  it('is the fresh file when every step ran or there is no previous file', () => {
    const fresh = renderResults(record({benchmark: BENCH}))
    expect(mergeResults(fresh, null, new Set(['benchmark']))).toBe(fresh)
    const all = new Set(['import', 'analysis', 'report', 'benchmark', 'entities', 'ocds', 'flags'])
    expect(mergeResults(fresh, renderResults(record({imports: [IMPORT_ROW]})), all)).toBe(fresh)
  })
})
