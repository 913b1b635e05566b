import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT} from '../helpers/cli.js'
import {SpendInputError} from '../../src/errors.js'
import {parseReportConfig, SECTION_PARAMS} from '../../src/services/report/config.js'
import {checkAsOf, RELATIVE_PERIODS, resolvePeriod} from '../../src/services/report/period.js'
import {DEFAULT_SECTIONS, SECTION_BUILDERS, trendEvery} from '../../src/services/report/sections.js'
import {recordedArgv} from '../../src/services/report/build.js'
import {benchmarkRequest} from '../../src/services/report/benchmark-section.js'
import {benchmarkFlag} from '../../src/services/report/run.js'

/** The error a config gives, as its one line and exit code. */
async function failure(text: string): Promise<{line: string; exit: number}> {
  try {
    await parseReportConfig(text, 'report.yml')
  } catch (error) {
    if (!(error instanceof SpendInputError)) throw error
    return {line: error.oneLine(), exit: error.exit}
  }
  throw new Error('no error')
}

const GOOD = `title: Quarterly spend
period: 2024-Q1
fiscal_year_start: 4
filters:
  buyer: Oxford City Council
  currency: [GBP]
  exclude_redacted: true
sections:
  - type: overview
  - type: top
    what: buyers
    top: 5
    title: Biggest buyers
  - type: cube
    by: [buyer, category]
    filters:
      supplier: ACME
    period: {from: 2024-01, to: 2024-02}
  - type: trend
    every: quarter
  - type: profile
    of: supplier
    name: ACME Ltd
`

describe('report configuration', () => {
  it('reads a good configuration', async () => {
    const c = await parseReportConfig(GOOD, 'report.yml')
    expect(c.title).toBe('Quarterly spend')
    expect(c.period).toBe('2024-Q1')
    expect(c.fiscal_year_start).toBe(4)
    expect(c.filters).toEqual({buyer: ['Oxford City Council'], currency: ['GBP'], exclude_redacted: true})
    expect(c.sections?.map((s) => s.type)).toEqual(['overview', 'top', 'cube', 'trend', 'profile'])
    expect(c.sections?.[1]).toEqual({type: 'top', what: 'buyers', top: 5, title: 'Biggest buyers'})
    expect(c.sections?.[2]).toEqual({type: 'cube', by: ['buyer', 'category'], filters: {supplier: ['ACME']}, period: {from: '2024-01', to: '2024-02'}})
  })

  it('reads the worked example, which the README shows as it is', async () => {
    const example = readFileSync(join(ROOT, 'docs', 'examples', 'report.yml'), 'utf8')
    const c = await parseReportConfig(example, 'report.yml')
    expect(c.period).toBe('last-quarter')
    expect(c.sections?.length).toBeGreaterThan(5)
    const body = example.split('\n').filter((l) => !l.startsWith('#')).join('\n')
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`\`\`\`yaml\n${body}\`\`\``)
  })

  it('takes an empty file as the default report', async () => {
    expect(await parseReportConfig('', 'report.yml')).toEqual({})
  })

  it.each([
    ['an unknown key', 'title: x\ncolour: red\n', 'report.yml:2: unknown key "colour" in the configuration'],
    ['a wrong type', 'title: x\nfiscal_year_start: april\n', 'report.yml:2: fiscal_year_start must be a whole number'],
    ['a month out of range', 'fiscal_year_start: 13\n', 'report.yml:1: fiscal_year_start must be a whole number'],
    ['an unknown section type', 'sections:\n  - type: overview\n  - type: pie\n', 'report.yml:3: unknown section type "pie"'],
    ['a section without a type', 'sections:\n  - title: x\n', 'report.yml:2: section 1 has no type'],
    ['an unknown section parameter', 'sections:\n  - type: top\n    every: month\n', 'report.yml:3: unknown key "every" in a top section'],
    ['a bad parameter value', 'sections:\n  - type: top\n    what: cats\n', 'report.yml:3: what cannot be "cats"'],
    ['a missing parameter', 'sections:\n  - type: profile\n    of: supplier\n', 'report.yml:2: a profile section needs name'],
    ['a bad period', 'period: 2024-13\n', 'report.yml:1: not a period: "2024-13"'],
    ['a relative period as a bound', 'period: {from: last-quarter}\n', 'report.yml:1: not a period: "last-quarter"'],
    ['a bad currency', 'filters:\n  currency: [GBP, pounds]\n', 'report.yml:2: not a currency code: "pounds"'],
    ['sections not a list', 'sections: overview\n', 'report.yml:1: sections must be a list'],
    ['YAML syntax', 'title: x\nsections:\n  - type: top\n   what: [a\n', 'report.yml:'],
    ['a repeated key', 'title: a\ntitle: b\n', 'report.yml:'],
  ])('refuses %s in one line naming the file and line, exit 2', async (_what, text, start) => {
    const f = await failure(text)
    expect(f.line.startsWith(start), f.line).toBe(true)
    expect(f.line).toMatch(/\(.+\)$/)
    expect(f.line).not.toContain('\n')
    expect(f.exit).toBe(2)
  })

  it('has a builder for every section type it accepts, and the default report uses known types', () => {
    expect(Object.keys(SECTION_BUILDERS).sort()).toEqual(Object.keys(SECTION_PARAMS).sort())
    for (const s of DEFAULT_SECTIONS) expect(SECTION_PARAMS[s.type]).toBeDefined()
  })
})

describe('benchmark in the report configuration', () => {
  it('reads a benchmark section with its parameters', async () => {
    const c = await parseReportConfig([
      'fiscal_year_start: 4',
      'sections:',
      '  - type: overview',
      '  - type: benchmark',
      '    buyer: Leeds City Council',
      '    peers: [York, Hull]',
      '    weights: size=1,mix=2',
      '    level: division',
      '    floor: 500',
      '    year: 2024',
      '    filters: {currency: GBP}',
      '  - type: benchmark',
      '    buyer: York',
      '    auto: 5',
      '    any_period: true',
      '',
    ].join('\n'), 'report.yml')
    expect(c.sections?.[1]).toEqual({type: 'benchmark', buyer: 'Leeds City Council', peers: ['York', 'Hull'], weights: 'size=1,mix=2', level: 'division', floor: '500', year: 2024, filters: {currency: ['GBP']}})
    expect(c.sections?.[2]).toEqual({type: 'benchmark', buyer: 'York', auto: 5, any_period: true})
  })

  it('reads `benchmark:` at the top level as a buyer or a map (the manifest\'s recorded form, with its type, too)', async () => {
    expect((await parseReportConfig('benchmark: Leeds\n', 'report.yml')).benchmark).toEqual({type: 'benchmark', buyer: 'Leeds'})
    expect((await parseReportConfig('benchmark: {buyer: Leeds, auto: 8}\n', 'report.yml')).benchmark).toEqual({type: 'benchmark', buyer: 'Leeds', auto: 8})
    const recorded = JSON.stringify({benchmark: {type: 'benchmark', buyer: 'Leeds', peers: ['York']}})
    expect((await parseReportConfig(recorded, 'report.yml')).benchmark).toEqual({type: 'benchmark', buyer: 'Leeds', peers: ['York']})
  })

  it.each([
    ['a benchmark section without a buyer', 'sections:\n  - type: benchmark\n    auto: 3\n', 'report.yml:2: a benchmark section needs buyer'],
    ['a top-level benchmark without a buyer', 'benchmark:\n  auto: 3\n', 'report.yml:2: a benchmark section needs buyer'],
    ['an unknown benchmark key', 'benchmark:\n  buyer: Leeds\n  colour: red\n', 'report.yml:3: unknown key "colour" in benchmark'],
    ['an unknown benchmark section key', 'sections:\n  - type: benchmark\n    buyer: Leeds\n    peer: York\n', 'report.yml:4: unknown key "peer" in a benchmark section'],
    ['peers and auto together', 'benchmark:\n  buyer: Leeds\n  peers: York\n  auto: 3\n', 'report.yml:4: a benchmark section takes peers or auto, not both'],
    ['a period and a year together', 'sections:\n  - type: benchmark\n    buyer: Leeds\n    period: 2024\n    year: 2024\n', 'report.yml:5: a benchmark section takes period or year, not both'],
    ['auto not a whole number', 'benchmark: {buyer: Leeds, auto: many}\n', 'report.yml:1: auto must be a whole number'],
    ['any_period not a boolean', 'benchmark: {buyer: Leeds, any_period: yes please}\n', 'report.yml:1: any_period must be true or false'],
    ['another type at the top level', 'benchmark: {type: top, buyer: Leeds}\n', 'report.yml:1: benchmark.type cannot be "top"'],
  ])('refuses %s in one line naming the file, line and key, exit 2', async (_what, text, start) => {
    const f = await failure(text)
    expect(f.line.startsWith(start), f.line).toBe(true)
    expect(f.line).toMatch(/\(.+\)$/)
    expect(f.exit).toBe(2)
  })
})

describe('what a benchmark section asks spend benchmark', () => {
  const filters = {currency: ['GBP'], from: '2024-01-01', to: '2024-03-31'}
  it('passes the section\'s period and filters as the command\'s flags, and 8 nearest peers by default', () => {
    const r = benchmarkRequest({type: 'benchmark', buyer: 'Leeds'}, {filters, fiscalYearStart: 1})
    expect(r.flags).toMatchObject({currency: ['GBP'], from: '2024-01-01', to: ['2024-03-31']})
    expect(r.opts).toMatchObject({buyer: 'Leeds', auto: 8, peers: undefined, anyPeriod: false})
  })

  it('lets a year replace the report\'s period, counted by the report\'s fiscal year start', () => {
    const r = benchmarkRequest({type: 'benchmark', buyer: 'Leeds', year: 2024, peers: ['York', 'Hull']}, {filters, fiscalYearStart: 4})
    expect(r.flags.from).toBeUndefined()
    expect(r.flags.to).toBeUndefined()
    expect(r.opts).toMatchObject({year: 2024, fiscalYearStart: 4, peers: 'York,Hull', auto: undefined})
  })

  it('refuses any_period under a period (exit 2, naming the key)', () => {
    expect(() => benchmarkRequest({type: 'benchmark', buyer: 'Leeds', any_period: true}, {filters, fiscalYearStart: 1})).toThrow(/any_period/)
    expect(benchmarkRequest({type: 'benchmark', buyer: 'Leeds', any_period: true}, {filters: {}, fiscalYearStart: 1}).opts.anyPeriod).toBe(true)
  })

  it('turns --benchmark and its peers flags into the section the parser would read', () => {
    expect(benchmarkFlag(undefined, undefined, undefined)).toBeUndefined()
    expect(benchmarkFlag('Leeds', undefined, undefined)).toEqual({type: 'benchmark', buyer: 'Leeds'})
    expect(benchmarkFlag('Leeds', ' York, Hull ,', undefined)).toEqual({type: 'benchmark', buyer: 'Leeds', peers: ['York', 'Hull']})
    expect(benchmarkFlag('Leeds', undefined, 5)).toEqual({type: 'benchmark', buyer: 'Leeds', auto: 5})
    expect(() => benchmarkFlag('Leeds', 'York', 5)).toThrow(SpendInputError)
    expect(() => benchmarkFlag(undefined, undefined, 5)).toThrow(/--benchmark BUYER/)
  })
})

describe('report periods', () => {
  it('resolves absolute periods to their first and last day', () => {
    expect(resolvePeriod('2024', {fiscalStart: 1})).toEqual({from: '2024-01-01', to: '2024-12-31'})
    expect(resolvePeriod('2024-Q1', {fiscalStart: 1})).toEqual({from: '2024-01-01', to: '2024-03-31'})
    expect(resolvePeriod('2024-02', {fiscalStart: 1})).toEqual({from: '2024-02-01', to: '2024-02-29'})
    expect(resolvePeriod({from: '2024-03'}, {fiscalStart: 1})).toEqual({from: '2024-03-01', to: null})
    expect(resolvePeriod(undefined, {fiscalStart: 1})).toBeNull()
  })

  it('counts relative periods back from --as-of, by the fiscal year', () => {
    const at = (p: string, asOf: string, fiscalStart = 1) => resolvePeriod(p, {asOf, fiscalStart})
    expect(at('last-quarter', '2024-05-10')).toEqual({from: '2024-01-01', to: '2024-03-31'})
    expect(at('last-quarter', '2024-01-15')).toEqual({from: '2023-10-01', to: '2023-12-31'})
    expect(at('last-quarter', '2024-05-10', 4)).toEqual({from: '2024-01-01', to: '2024-03-31'})
    expect(at('last-quarter', '2024-07-01', 4)).toEqual({from: '2024-04-01', to: '2024-06-30'})
    expect(at('last-fiscal-year', '2024-05-10')).toEqual({from: '2023-01-01', to: '2023-12-31'})
    expect(at('last-fiscal-year', '2024-05-10', 4)).toEqual({from: '2023-04-01', to: '2024-03-31'})
    expect(at('last-fiscal-year', '2024-03-31', 4)).toEqual({from: '2022-04-01', to: '2023-03-31'})
    expect(at('last-12-months', '2024-03-15')).toEqual({from: '2023-03-01', to: '2024-02-29'})
    expect(at('year-to-date', '2024-05-10')).toEqual({from: '2024-01-01', to: '2024-05-10'})
    expect(at('year-to-date', '2024-02-10', 4)).toEqual({from: '2023-04-01', to: '2024-02-10'})
  })

  it.each(RELATIVE_PERIODS)('refuses %s without --as-of (exit 2, saying so)', (p) => {
    let err: unknown
    try {
      resolvePeriod(p, {fiscalStart: 1, where: 'report.yml'})
    } catch (error) {
      err = error
    }
    expect(err).toBeInstanceOf(SpendInputError)
    expect((err as SpendInputError).exit).toBe(2)
    expect((err as SpendInputError).oneLine()).toContain('--as-of')
  })

  it('checks --as-of', () => {
    expect(checkAsOf('2024-02-29')).toBe('2024-02-29')
    expect(() => checkAsOf('2023-02-29')).toThrow(/not a date/)
    expect(() => checkAsOf('yesterday')).toThrow(/not a date/)
  })

  it('picks month or quarter for the trend, whichever gives 8-40 points', () => {
    expect(trendEvery(['2024-01-01', '2024-06-30'])).toBe('month')
    expect(trendEvery(['2023-01-01', '2024-12-31'])).toBe('month')
    expect(trendEvery(['2020-01-01', '2024-12-31'])).toBe('quarter')
    expect(trendEvery(['1990-01-01', '2024-12-31'])).toBe('year')
    expect(trendEvery(null)).toBe('month')
  })
})

describe('the recorded command line', () => {
  it('makes the paths relative to the report folder', () => {
    const cwd = process.cwd()
    const out = `${cwd}/reports/q1`
    expect(recordedArgv(['--out', 'reports/q1', '--config=cfg/report.yml', '-w', 'ws', '--as-of', '2024-04-01'], cwd, out))
      .toEqual(['spend', 'report', '--out', '.', '--config=../../cfg/report.yml', '-w', '../../ws', '--as-of', '2024-04-01'])
  })
})
