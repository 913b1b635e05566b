/**
 * The integrity checks on the real files under ../shared/realdata: each
 * publisher's files (a folder; each OCDS file is its own publisher) are
 * imported into their own workspace, `spend flags --json` runs on it and
 * must exit 0, and the count of flags per check and kind and the count of
 * notes are recorded in the committed snapshot (update it after a check
 * changes: `npx vitest run test/realdata/flags-realdata.test.ts -u`).
 * Invariants that hold whatever the counts: every evidence line is a record
 * of its import (`spend rows --at` finds it), evidence lists
 * min(50, evidence_count) lines, amounts are decimals with the currency's
 * exponent. Also `spend summary`'s identical rows against the published
 * files' own counts (EXPECTED.json's exact_duplicate_rows, over all source
 * columns).
 */
import {readdirSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {currencyExponent} from '../../src/model/currency.js'
import {REALDATA, runCli, tempDir} from '../helpers/cli.js'

type Json = Record<string, any>

/** Publisher name -> the files imported into its workspace. */
function publishers(): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const d of readdirSync(REALDATA, {withFileTypes: true}).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const files = readdirSync(join(REALDATA, d)).sort().map((f) => join(REALDATA, d, f))
    // The Contracts Finder file is a tender release with no awards: nothing to import (test/realdata/import-realdata.test.ts).
    if (d === 'ocds') for (const f of files.filter((x) => !x.endsWith('tender-release.json'))) out.set(`ocds/${f.slice(f.lastIndexOf('/') + 1)}`, [f])
    else out.set(d, files)
  }
  return out
}

const made: string[] = []
const workspaces = new Map<string, string>()
// Decided when the tests are collected: `spend flags` is in the build (the checks land on other branches first).

afterAll(() => {
  for (const d of made) rmSync(d, {recursive: true, force: true})
})

beforeAll(async () => {
  const root = tempDir('spendkit-flags-realdata-')
  made.push(root)
  for (const [name, files] of publishers()) {
    const ws = join(root, name.replace(/[^A-Za-z0-9.-]/g, '_'))
    const r = await runCli(['import', ...files, '--workspace', ws])
    expect(r.code, `${name}: ${r.stderr}`).toBe(0)
    workspaces.set(name, ws)
  }
}, 600_000)

describe('spend summary: identical rows on the real files', () => {
  it('counts Trafford and Phoenix as the published files do (canonical fields are fewer than the source columns, so >=)', async () => {
    const expected: Record<string, Json> = JSON.parse(readFileSync(join(REALDATA, 'EXPECTED.json'), 'utf8'))
    const source = (key: string) => expected[Object.keys(expected).find((k) => k.endsWith(key))!].exact_duplicate_rows as number
    const identical = async (name: string) => JSON.parse((await runCli(['summary', '--workspace', workspaces.get(name)!, '--json'])).stdout).identical_rows
    const trafford = await identical('uk-trafford-council-supplier-spend')
    const phoenix = await identical('us-phoenix-az-vendor-payments')
    expect(source('trafford-supplier-spend-2024-25.zip')).toBe(50_470)
    expect(trafford).toBeGreaterThanOrEqual(source('trafford-supplier-spend-2024-25.zip'))
    // Two more: two pairs of lines differ only in ProfitCentre, a column the canonical record does not keep
    // (checked with a plain grouping of the CSV by every column but ProfitCentre: 50,472).
    expect(trafford).toBe(50_472)
    // Phoenix keeps every column it publishes that tells lines apart: the same count.
    expect(phoenix).toBe(source('september-2018.csv'))
  })
})

describe('spend flags on the real files', () => {
  it('runs on every publisher; counts per check and kind, and notes, are the recorded ones; evidence is real', async () => {
    const counts: Record<string, Record<string, number>> = {}
    for (const [name, ws] of workspaces) {
      const r = await runCli(['flags', '--workspace', ws, '--json'])
      expect(r.code, `${name}: ${r.stderr}`).toBe(0)
      const out = JSON.parse(r.stdout)
      const tally: Record<string, number> = {}
      const refs = new Set<string>()
      for (const f of out.flags as Json[]) {
        const key = `${f.check}/${f.kind}`
        tally[key] = (tally[key] ?? 0) + 1
        expect(f.evidence.length, `${name} ${key}`).toBe(Math.min(50, f.evidence_count))
        expect(f.amount, `${name} ${key}`).toMatch(decimalOf(f.currency))
        for (const e of f.evidence as Json[]) refs.add(`${e.import}:${e.line}`)
      }
      tally.notes = Array.isArray(out.notes) ? out.notes.length : 0
      counts[name] = Object.fromEntries(Object.entries(tally).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      if (refs.size === 0) continue
      const rows = await runCli(['rows', '--at-file', '-', '--workspace', ws, '--json'], {input: [...refs].join('\n')})
      expect(rows.code, `${name}: ${rows.stderr}`).toBe(0)
      const found = new Set((JSON.parse(rows.stdout).rows as Json[]).map((x) => `${x.import}:${x.line}`))
      expect([...refs].filter((x) => !found.has(x)), name).toEqual([])
    }
    expect(counts).toMatchSnapshot()
  }, 600_000)
})

/** An amount in major units with exactly the currency's decimals. */
function decimalOf(currency: string): RegExp {
  const e = currencyExponent(currency)
  return e === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${e}}$`)
}
