/**
 * `spend import` and `spend inspect` name the evidence for a file's currency;
 * with none, import refuses (suggesting the flag the header points to) and
 * inspect still explains the file, currency unknown, exit 0.
 */
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {check, loadSchema} from '../contracts/schema-check.js'
import {fixture, runCli} from '../helpers/cli.js'

const dirs: string[] = []
const ws = () => {
  const d = mkdtempSync(join(tmpdir(), 'spendkit-ws-'))
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true})
})

const UK = fixture('currency/uk-council-plain-headers.csv')
const NO = fixture('currency/no-headers-no-currency.csv')

async function importJson(file: string, ...args: string[]) {
  const r = await runCli(['import', file, '--workspace', ws(), '--json', ...args])
  expect(r.code, r.stderr).toBe(0)
  const out = JSON.parse(r.stdout)
  expect(check(loadSchema('import'), out)).toEqual([])
  return out.imports[0]
}

async function inspectJson(file: string) {
  const r = await runCli(['inspect', file, '--json'])
  expect(r.code, r.stderr).toBe(0)
  const out = JSON.parse(r.stdout)
  expect(check(loadSchema('inspect'), out)).toEqual([])
  return {source: out.sources[0], stderr: r.stderr}
}

describe('import names the evidence for the currency', () => {
  it('a UK council file with non-standard headers and no £ imports as GBP, from its layout', async () => {
    const r = await runCli(['import', UK, '--workspace', ws()])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/warning: currency GBP: from the UK spending-transparency layout \(columns Service Division, Expense Type/)
    expect(r.stderr).toMatch(/GBP: source [\d.]+ = imported [\d.]+ \+ rejected 0\.00 OK/)
    const imp = await importJson(UK)
    expect(imp.totals.map((t: {currency: string}) => t.currency)).toEqual(['GBP'])
    expect(imp.sources[0].currency_evidence).toMatchObject({code: 'GBP', from: 'layout', suggestion: null})
  })

  it.each([
    ['title-names-currency.csv', 'NOK', 'title', /^"NOK" in the title line "Betalinger til leverandører 2024/],
    ['currency-code-column.csv', 'SEK', 'column', /^the "Currency" column$/],
    ['symbol-in-amounts.csv', 'EUR', 'symbols', /^"€" in the amounts$/],
  ])('%s: %s (for rows that name none) from the %s', async (name, code, from, evidence) => {
    const imp = await importJson(fixture('currency', name))
    expect(imp.sources[0].currency_evidence).toMatchObject({code, from, evidence: expect.stringMatching(evidence)})
  })

  it('Norwegian headers and no evidence: refused in one line that suggests --currency NOK; the workspace stays empty', async () => {
    const dir = ws()
    const r = await runCli(['import', NO, '--workspace', dir])
    expect(r.code).toBe(1)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^spend: error: no-headers-no-currency\.csv: the file does not say its currency.* \(give --currency NOK if the amounts are in NOK; the header is Norwegian: /)
    expect(r.stderr).not.toMatch(/GBP/)
    expect(readdirSync(dir)).toEqual([])
    const given = await importJson(NO, '--currency', 'NOK')
    expect(given.sources[0].currency_evidence).toMatchObject({code: 'NOK', from: 'flag'})
    expect(given.rows.imported).toBe(3)
  })

  it('--currency wins over the layout, and the import says what it overrode', async () => {
    const r = await runCli(['import', UK, '--workspace', ws(), '--currency', 'EUR'])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/warning: --currency EUR used, not GBP from the UK spending-transparency layout/)
    expect(r.stderr).toMatch(/ EUR: source /)
  })
})

describe('inspect always explains the file, its currency unknown and the flag to give', () => {
  it('Norwegian headers, no evidence: exit 0, currency null, the --currency NOK suggestion', async () => {
    const {source: s} = await inspectJson(NO)
    expect(s.error).toBeNull()
    expect(s.currency).toBeNull()
    expect(s.currency_source).toMatch(/^unknown: nothing in the file names it; give --currency NOK$/)
    expect(s.currency_evidence).toMatchObject({code: null, from: 'unknown', suggestion: {code: 'NOK', flag: '--currency NOK'}})
    expect(s.currency_evidence.suggestion.why).toMatch(/^the header is Norwegian: Leverandør/)
    expect(s.rows).toMatchObject({read: 3, imported: 3, rejected: 0})
    expect(s.decimal).toBe(',')
    const text = await runCli(['inspect', NO, '--format', 'table'])
    expect(text.code).toBe(0)
    expect(text.stderr).toMatch(/no-headers-no-currency\.csv: currency unknown: import refuses this file without --currency NOK/)
    for (const part of ['import refuses it: its currency is unknown', 'unknown: nothing in the file names it; give', '--currency', 'NOK (the header is', 'Total (unknown)']) {
      expect(text.stdout).toContain(part)
    }
    for (const line of text.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80)
  })

  it('the UK file: GBP from its layout', async () => {
    const {source: s} = await inspectJson(UK)
    expect(s.currency).toBe('GBP')
    expect(s.currency_source).toMatch(/^the UK spending-transparency layout \(columns /)
    expect(s.currency_evidence).toMatchObject({code: 'GBP', from: 'layout'})
  })
})
