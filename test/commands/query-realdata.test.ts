/**
 * Oxford City Council's published "over £500" files (../shared/realdata):
 * the same name finds the same buyer in the filters and in profile, a typo
 * gets the published name back, the quarter whose file has no usable dates
 * is no fall to zero, and a filter past the data names the data's dates.
 */
import {rmSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {REALDATA, runCli, tempDir} from '../helpers/cli.js'

const OXFORD = join(REALDATA, 'uk-oxford-city-council-over500')
type Json = Record<string, any>

let ws = ''
let summary: Json

const run = (args: string[]) => runCli([...args, '--workspace', ws])
async function json(args: string[]): Promise<Json> {
  const r = await run([...args, '--json'])
  expect(r.code, r.stdout.slice(0, 300) + r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

/** Minor units of a two-decimal amount, exactly. */
function minor(amount: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(amount)
  if (!m) throw new Error(`not an amount: ${amount}`)
  return (m[1] ? -1n : 1n) * (BigInt(m[2]) * 100n + BigInt(m[3]))
}

beforeAll(async () => {
  ws = tempDir()
  const r = await runCli(['import', OXFORD, '--workspace', ws])
  expect(r.code, r.stderr).toBe(0)
  summary = await json(['summary'])
}, 120_000)

afterAll(() => rmSync(ws, {recursive: true, force: true}))

describe('Oxford: one rule for names', () => {
  it('finds Oxford City Council from "Oxford", "oxford city" or its name in any case, in the filters and in profile', async () => {
    const all = await json(['cube', '--by', 'buyer'])
    expect(all.rows).toHaveLength(1)
    const [buyer] = all.rows
    for (const q of ['Oxford', 'oxford city', `  ${buyer.buyer.toUpperCase()} `, buyer.buyer_id]) {
      const filtered = await json(['cube', '--by', 'buyer', '--buyer', q])
      expect(filtered.rows, q).toEqual(all.rows)
      const p = await json(['profile', 'buyer', q])
      expect(p.name, q).toBe(buyer.buyer)
      expect(p.totals.map((t: Json) => [t.currency, t.amount, t.count])).toEqual([[buyer.currency, buyer.amount, buyer.count]])
    }
  })

  it('answers a misspelt supplier with its published name, in the filters and in profile', async () => {
    const [first] = (await json(['top', 'suppliers', '--top', '1'])).rows
    const name: string = first.supplier
    // Drop one letter from the longest word: not a part of any name, one edit away from this one.
    const longest = name.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a))
    const typo = name.replace(longest, longest.slice(0, 2) + longest.slice(3))
    for (const args of [['cube', '--by', 'supplier', '--supplier', typo], ['profile', 'supplier', typo]]) {
      const r = await run(args)
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr.split('\n')).toHaveLength(2)
      expect(r.stderr).toMatch(new RegExp(`^spend: error: (--)?supplier: No supplier matches ${JSON.stringify(typo).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(did you mean `))
      expect(r.stderr).toContain(JSON.stringify(name))
    }
  })
})

describe('Oxford: trend and undated rows', () => {
  it('keeps the undated quarter out of every change, and reconciles periods plus undated to the total', async () => {
    const out = await json(['trend', '--every', 'quarter'])
    expect(out.undated).toHaveLength(1)
    const [undated] = out.undated
    expect(undated.period).toBeNull()
    const gaps = out.rows.filter((r: Json) => r.count === 0)
    expect(gaps.length).toBeGreaterThan(0)
    for (const g of gaps) expect([g.change, g.change_pct, g.yoy, g.yoy_pct], g.period).toEqual([null, null, null, null])
    const rows = out.rows.reduce((n: number, r: Json) => n + r.count, 0) + undated.count
    expect(rows).toBe(summary.rows)
    const total = out.rows.reduce((t: bigint, r: Json) => t + minor(r.amount), 0n) + minor(undated.amount)
    expect(total).toBe(minor(summary.totals[0].amount))
    const table = await run(['trend', '--every', 'quarter', '--format', 'md'])
    expect(table.stdout).toContain(`| GBP | undated |`)
    expect(table.stdout).not.toContain('-100.0%')
  })

  it('names the dates the workspace has when --from is past them', async () => {
    const r = await run(['cube', '--by', 'buyer', '--from', '2030'])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe(`spend: no rows match --from 2030 (the workspace has ${summary.from} to ${summary.to})\n`)
    expect((await run(['cube', '--by', 'buyer', '--from', '2030', '--fail-empty'])).code).toBe(1)
  })
})
