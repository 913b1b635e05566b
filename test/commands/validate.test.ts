/**
 * `spend validate` end to end: a clean OCDS package passes (exit 0), a bad one
 * fails (exit 1) with the problem's line and column, --json keeps the issue's
 * contract, and usage errors are one line with exit 2.
 */
import {describe, expect, it} from 'vitest'
import {join} from 'node:path'
import {ROOT, runCli} from '../helpers/cli.js'

const OCDS = (name: string) => join(ROOT, 'test', 'fixtures', 'validate', 'ocds', name)
const UK = (name: string) => join(ROOT, 'test', 'fixtures', 'validate', 'uk', name)

describe('spend validate', () => {
  it('a clean release package passes: exit 0, no problems', async () => {
    const r = await runCli(['validate', OCDS('clean.json'), '--standard', 'ocds', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(Object.keys(j).slice(0, 5)).toEqual(['standard', 'file', 'errors', 'warnings', 'problems'])
    expect(j).toMatchObject({standard: 'ocds', errors: 0, warnings: 0, problems: []})
    expect(j.guidance.version).toBe('1.1.5')
  })

  it('a schema error is exit 1, each problem with line, column, severity, code, message and fix', async () => {
    const r = await runCli(['validate', OCDS('wrong-type.json'), '--standard', 'ocds', '--json'])
    expect(r.code).toBe(1)
    const j = JSON.parse(r.stdout)
    expect(j.errors).toBeGreaterThan(0)
    for (const p of j.problems) {
      expect(Object.keys(p).slice(0, 6)).toEqual(['line', 'column', 'severity', 'code', 'message', 'fix'])
      expect(p.line).toBeGreaterThan(0)
      expect(p.column).toBeGreaterThan(0)
    }
    expect(j.problems.some((p: {code: string}) => p.code === 'schema-type')).toBe(true)
  })

  it('warnings alone exit 0; --strict makes them fail', async () => {
    const plain = await runCli(['validate', OCDS('negative-amount.json'), '--standard', 'ocds', '--json'])
    const j = JSON.parse(plain.stdout)
    expect(j.errors).toBe(0)
    expect(j.warnings).toBeGreaterThan(0)
    expect(plain.code).toBe(0)
    expect((await runCli(['validate', OCDS('negative-amount.json'), '--standard', 'ocds', '--strict'])).code).toBe(1)
  })

  it('a table for people names the problem and the summary', async () => {
    const r = await runCli(['validate', OCDS('no-currency.json'), '--standard', 'ocds', '--format', 'md'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/currency-missing/)
    expect(r.stderr).toMatch(/\d+ errors, \d+ warnings/)
  })

  it('uk-25k and uk-lga: a clean file exits 0 with no problems, errors exit 1, --json keeps the contract', async () => {
    for (const [name, standard] of [['clean-25k.csv', 'uk-25k'], ['clean-lga.csv', 'uk-lga']]) {
      const r = await runCli(['validate', UK(name), '--standard', standard, '--json'])
      expect(r.code, r.stderr).toBe(0)
      const j = JSON.parse(r.stdout)
      expect(Object.keys(j).slice(0, 5)).toEqual(['standard', 'file', 'errors', 'warnings', 'problems'])
      expect(j).toMatchObject({standard, errors: 0, warnings: 0, problems: []})
    }
    const bad = await runCli(['validate', UK('amount-text.csv'), '--standard', 'uk-25k', '--json'])
    expect(bad.code).toBe(1)
    const j = JSON.parse(bad.stdout)
    expect(j).toMatchObject({errors: 1, warnings: 1})
    expect(j.guidance.url).toMatch(/guidance-for-publishing-spend-over-25000/)
    expect(j.problems.map((p: {line: number; column: number; severity: string; code: string}) => [p.line, p.column, p.severity, p.code])).toEqual([
      [2, 8, 'warning', 'amount-not-plain'],
      [3, 8, 'error', 'amount-unparseable'],
    ])
    for (const p of j.problems) expect(Object.keys(p).slice(0, 6)).toEqual(['line', 'column', 'severity', 'code', 'message', 'fix'])
    const warn = await runCli(['validate', UK('redaction.csv'), '--standard', 'uk-lga'])
    expect(warn.code).toBe(0)
    expect(warn.stdout).toMatch(/redaction-inconsistent/)
    expect(warn.stderr).toMatch(/0 errors, 2 warnings \(Local Government Transparency Code 2015/)
    expect((await runCli(['validate', UK('redaction.csv'), '--standard', 'uk-lga', '--strict'])).code).toBe(1)
  })

  it('usage errors are one line with exit 2: unknown standard, JSON given to a UK standard, a missing file', async () => {
    for (const args of [['--standard', 'iso-9999'], ['--standard', 'uk-25k']]) {
      const r = await runCli(['validate', OCDS('clean.json'), ...args])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    }
    const missing = await runCli(['validate', OCDS('no-such-file.json'), '--standard', 'ocds'])
    expect(missing.code).not.toBe(0)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    expect(missing.stderr).not.toMatch(/\bat \w+ \(/)
  })
})
