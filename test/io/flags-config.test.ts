/**
 * The flags configuration (`spend flags --config FILE`, issue 12 task F5):
 * every key read, each check's parameters checked against its ParamSpec
 * (kind, min/max, enum), and every mistake one line naming file:line, with
 * the valid keys or values named. The specs here are the test's own, so the
 * parser is checked without the real checks' parameters.
 */
import {describe, expect, it} from 'vitest'
import {parseFlagsConfig, type CheckParamSpecs} from '../../src/io/read/flags-config.js'
import {CHECK_NAMES} from '../../src/analysis/flags/types.js'
import {SpendInputError} from '../../src/errors.js'

const SPECS = Object.fromEntries(CHECK_NAMES.map((c) => [c, {params: {}}])) as unknown as Record<string, {params: Record<string, unknown>}>
SPECS.duplicates = {params: {near_days: {kind: 'days', default: 3, max: 60, doc: 'window'}, tolerance: {kind: 'share', default: 0.005, doc: 'amount tolerance'}}}
SPECS['threshold-bunching'] = {params: {band: {kind: 'share', default: 0.05, doc: 'band under the threshold'}, test: {kind: 'enum', default: 'binomial', values: ['binomial', 'poisson'], doc: 'test'}}}
SPECS.weekend = {params: {holidays: {kind: 'dates', default: [], doc: 'public holidays'}, saturday: {kind: 'bool', default: true, doc: 'count Saturdays'}}}
const specs = SPECS as unknown as CheckParamSpecs

const GOOD = `checks: [duplicates, splitting]
min_amount: "100.00"
fiscal_year_start: 4
jurisdiction: {GBP: uk}
thresholds:
  - {name: quotation, currency: GBP, amount: "5000.00", from: 2020-01-01, source: "Council contract procedure rules 2020"}
allow:
  - {check: duplicates, supplier: "Acme Ltd", amount: "1250.00", reason: "monthly licence, two lines per invoice"}
duplicates: {near_days: 7}
threshold-bunching: {band: 0.05}
weekend: {holidays: [2024-12-25, 2024-12-26]}
`

/** The one-line error a text gives. */
async function error(text: string): Promise<string> {
  try {
    await parseFlagsConfig(text, 'flags.yml', specs)
  } catch (e) {
    expect(e).toBeInstanceOf(SpendInputError)
    expect((e as SpendInputError).exit).toBe(2)
    return (e as SpendInputError).oneLine()
  }
  throw new Error('no error')
}

describe('parseFlagsConfig', () => {
  it('reads every key of the documented example', async () => {
    const c = await parseFlagsConfig(GOOD, 'flags.yml', specs)
    expect(c.checks).toEqual(['duplicates', 'splitting'])
    expect(c.min_amount).toBe('100.00')
    expect(c.fiscal_year_start).toBe(4)
    expect(c.jurisdiction).toEqual({GBP: 'uk'})
    expect(c.thresholds).toEqual([{jurisdiction: 'config', name: 'quotation', currency: 'GBP', minor: 500000, from: '2020-01-01', to: null, source: 'Council contract procedure rules 2020'}])
    expect(c.allow).toEqual([{check: 'duplicates', supplier: 'Acme Ltd', amount: '1250.00', reason: 'monthly licence, two lines per invoice'}])
    expect(c.params).toEqual({duplicates: {near_days: 7}, 'threshold-bunching': {band: 0.05}, weekend: {holidays: ['2024-12-25', '2024-12-26']}})
  })

  it('reads an empty file as no configuration', async () => {
    expect(await parseFlagsConfig('', 'flags.yml', specs)).toEqual({})
    expect(await parseFlagsConfig('# nothing\n', 'flags.yml', specs)).toEqual({})
  })

  const bad: [string, string, RegExp][] = [
    ['unknown top-level key', 'checks: [weekend]\nchekcs: [duplicates]\n', /^flags\.yml:2: unknown key "chekcs" in the configuration \(use checks, min_amount, .*duplicates, splitting/],
    ['unknown check in checks', 'checks:\n  - weekend\n  - dupes\n', /^flags\.yml:3: unknown check "dupes" \(use duplicates, splitting, threshold-bunching/],
    ['unknown parameter of a check', 'duplicates:\n  near_days: 7\n  window: 3\n', /^flags\.yml:3: unknown key "window" in the duplicates parameters \(use near_days, tolerance\)/],
    ['parameter over its max', 'duplicates:\n  near_days: 90\n', /^flags\.yml:2: duplicates\.near_days cannot be 90 \(give a whole number from 0 to 60\)/],
    ['whole number expected', 'duplicates: {near_days: 2.5}\n', /^flags\.yml:1: duplicates\.near_days cannot be 2\.5/],
    ['share out of range', '\nthreshold-bunching: {band: 5}\n', /^flags\.yml:2: threshold-bunching\.band cannot be 5 \(give a number from 0 to 1\)/],
    ['enum value', 'threshold-bunching: {test: chi2}\n', /^flags\.yml:1: threshold-bunching\.test cannot be "chi2" \(use binomial, poisson\)/],
    ['bool value', 'weekend: {saturday: maybe}\n', /^flags\.yml:1: weekend\.saturday must be true or false/],
    ['bad holiday date', 'weekend:\n  holidays:\n    - 2024-12-25\n    - 25/12/2024\n', /^flags\.yml:4: weekend\.holidays must be an ISO date, not "25\/12\/2024"/],
    ['min_amount not money', 'checks: [weekend]\nmin_amount: lots\n', /^flags\.yml:2: min_amount must be an amount in major units, not "lots"/],
    ['fiscal_year_start out of range', 'fiscal_year_start: 13\n', /^flags\.yml:1: fiscal_year_start cannot be 13 \(give a whole number from 1 to 12\)/],
    ['threshold without source', 'thresholds:\n  - {name: quotation, currency: GBP, amount: "5000.00"}\n', /^flags\.yml:2: thresholds entry 1 has no source/],
    ['threshold unknown key', 'thresholds:\n  - name: tender\n    currency: GBP\n    amount: "25000.00"\n    source: rules\n    limit: 3\n', /^flags\.yml:6: unknown key "limit" in thresholds entry 1 \(use name, currency, amount, from, to, source\)/],
    ['threshold bad currency', 'thresholds:\n  - {name: q, currency: gbp, amount: "1.00", source: s}\n', /^flags\.yml:2: not a currency code: "gbp"/],
    ['threshold amount with too many decimals', 'thresholds:\n  - {name: q, currency: GBP, amount: "1.005", source: s}\n', /^flags\.yml:2: amount must be an amount in major units/],
    ['allow without reason', 'allow:\n  - {check: duplicates, supplier: Acme}\n', /^flags\.yml:2: allow entry 1 has no reason/],
    ['allow unknown check', 'allow:\n  - {check: dupes, reason: x}\n', /^flags\.yml:2: unknown check "dupes"/],
    ['thresholds not a list', 'thresholds: {name: q}\n', /^flags\.yml:1: thresholds must be a list/],
    ['jurisdiction not a file name', 'jurisdiction:\n  GBP: "../etc"\n', /^flags\.yml:2: jurisdiction "\.\.\/etc" is not a thresholds file name/],
    ['YAML syntax', 'checks: [weekend\n', /^flags\.yml:\d+: not valid YAML/],
  ]
  for (const [what, text, expected] of bad) {
    it(`fails on ${what} with its line`, async () => {
      expect(await error(text)).toMatch(expected)
    })
  }
})
