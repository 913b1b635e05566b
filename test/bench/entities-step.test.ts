import {describe, expect, it} from 'vitest'
// @ts-expect-error: the bench is plain JavaScript (no type declarations)
import {crosswalkCounts, TARGET_MB, TARGET_SECONDS} from '../../bench/lib/entities-step.mjs'
// @ts-expect-error: the bench is plain JavaScript (no type declarations)
import {mergeResults, renderResults, SECTIONS} from '../../bench/lib/report.mjs'

/** A results record as bench/run.mjs builds it, with only the steps given filled in. */
function record(steps: {imports?: object[]; entities?: object | null}) {
  return {
    machine: {cpu: 'CPU', cores: 2, ramGB: '1', loadavg: '0', os: 'OS', node: 'v20', duckdb: 'v1', spend: 's', commit: 'c', date: 'd'},
    config: {rows: 1_000_000, repeat: 3, rssMethod: 'GNU time %M'},
    imports: steps.imports ?? [], analyses: [], reports: [], ocds: [], notes: [], benchmark: null, entities: steps.entities ?? null,
  }
}

const section = (md: string, heading: string) => {
  const at = md.indexOf(heading)
  expect(at, heading).toBeGreaterThanOrEqual(0)
  return md.slice(at, md.indexOf('\n## ', at + 1))
}

const ENTITIES = {names: 100_000, csvRows: 250_123, entities: 40_000, rows: [{command: 'entities suggest --out FILE',
  seconds: 4.5, cpuSeconds: 4.1, rssMB: 512, rowsOut: 100_000, auto: 91_000, review: 9_000, entitiesOut: 45_000,
  targetSeconds: TARGET_SECONDS, targetMB: TARGET_MB, runs: [4.4, 4.5, 4.7], note: ''}]}

describe('bench entities step', () => {
  it('counts crosswalk rows and decisions through quoted commas, quotes and line breaks', () => {
    const csv = 'variant,entity_key,entity_name,score,evidence,decision,supplier_id\n' +
      '"SMITH, JOHN",p1,"SMITH, JOHN",1,key,review,\n' +
      'Acme Ltd,acme,Acme Ltd,1,key,auto,\n' +
      '"The ""Acme"" Ltd",acme,Acme Ltd,0.97,"similar 0.97 to ""Acme Ltd""",auto,\n' +
      '"Multi\nline",m,Multi,1,key,reject,GB-COH-01234567\n'
    expect(crosswalkCounts(csv)).toEqual({rows: 4, decisions: {review: 1, auto: 2, reject: 1}, entities: 3})
    expect(crosswalkCounts('variant,entity_key\nA,a\n')).toBeNull()
  })

  it('renders its section against the 10 s / 1 GB target and keeps it on a run of other steps', () => {
    const withEntities = renderResults(record({entities: ENTITIES}))
    const s = section(withEntities, SECTIONS.entities)
    expect(s).toContain('100,000 distinct supplier names')
    expect(s).toContain(`| ${(4.5 / TARGET_SECONDS).toFixed(2)}x | ${(512 / TARGET_MB).toFixed(2)}x | yes |`)
    expect(s).toContain('| 91,000 | 9,000 |')
    expect(s).toContain('names no other reference')
    const other = renderResults(record({imports: [{file: 'uk.csv', mb: 1, rows: 1, seconds: 1, note: 'fresh import'}]}))
    const merged: string = mergeResults(other, withEntities, new Set(['import']))
    expect(section(merged, SECTIONS.entities)).toBe(s)
    expect(section(merged, '## Import')).toContain('fresh import')
    // And a run of the entities step alone keeps the import figures.
    const back: string = mergeResults(withEntities, merged, new Set(['entities']))
    expect(section(back, '## Import')).toContain('fresh import')
    expect(section(back, SECTIONS.entities)).toBe(s)
  })

  it('says the step was not run when it has no figures', () => {
    expect(section(renderResults(record({})), SECTIONS.entities)).toContain('_Not run')
  })
})
