/**
 * `spend benchmark` on real UK files (../shared/realdata): Oxford City Council
 * (over £500, 2014-2015), the GLA (over £250, 2012-2013) and BBSRC (over
 * £25,000, November 2010) cover different years. Benchmarking them says which
 * months each covers and exits 1; with --any-period the shares are compared,
 * each on its own period, with the floor named, and a share agrees with one
 * computed here from `spend rows --json`.
 */
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {REALDATA, runCli, tempDir} from '../helpers/cli.js'

type Json = Record<string, any>
let ws = ''
const BODIES = ['uk-oxford-city-council-over500', 'uk-gla-over250', 'uk-bbsrc-over25k']

async function json(args: string[]): Promise<Json> {
  const r = await runCli([...args, '--workspace', ws, '--json'])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as Json
}

beforeAll(async () => {
  ws = tempDir('spendkit-benchmark-real-')
  for (const body of BODIES) expect((await runCli(['import', join(REALDATA, body), '--workspace', ws])).code).toBe(0)
}, 120_000)

describe('benchmark on real UK bodies covering different years', () => {
  it('no common period: exit 1 naming the months each body covers', async () => {
    const r = await runCli(['benchmark', 'Oxford', '--peers', 'GLA,BBSRC', '--workspace', ws])
    expect(r.code).toBe(1)
    expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1)
    expect(r.stderr).toMatch(/^spend: error: No 12 consecutive months are covered by both the buyer and at least one peer: /)
    for (const buyer of ['Oxford City Council', 'GLA', 'BBSRC']) {
      const s = await json(['summary', '--buyer', buyer])
      const part = new RegExp(`${buyer} ([^;(]+)`).exec(r.stderr)![1].trim()
      expect(part.startsWith(s.from.slice(0, 7)), `${buyer}: ${part}`).toBe(true)
      expect(part.endsWith(s.to.slice(0, 7)), `${buyer}: ${part}`).toBe(true)
    }
  })

  it('--any-period compares shares only, each on its own period, names the floor, and a share agrees with the rows', async () => {
    const out = await json(['benchmark', 'Oxford', '--peers', 'GLA,BBSRC', '--any-period'])
    expect(out.any_period).toBe(true)
    expect(out.measures.every((m: Json) => m.unit === 'share')).toBe(true)
    expect(out.periods.map((p: Json) => p.buyer)).toEqual(['Oxford City Council', 'BBSRC', 'GLA'])
    expect(out.floor.amount).toMatch(/^\d+\.00$/)
    expect(out.sentence).toMatch(/^compared on payments of £[\d,]+ or more/)
    expect(out.weak).toBe(true)
    // BBSRC's top-5 share on payments at or above the floor, from its rows.
    const bbsrc = out.periods.find((p: Json) => p.buyer === 'BBSRC')
    const rows = (await json(['rows', '--buyer', 'BBSRC', '--from', bbsrc.from, '--to', bbsrc.to])).rows as Json[]
    const floor = Number(out.floor.amount)
    const by = new Map<string, number>()
    for (const r of rows) if (r.supplier_key && Number(r.amount) > 0 && Number(r.amount) >= floor) by.set(r.supplier_key, (by.get(r.supplier_key) ?? 0) + Number(r.amount))
    const sums = [...by.values()].sort((a, b) => b - a)
    const top5 = sums.slice(0, 5).reduce((a, b) => a + b, 0) / sums.reduce((a, b) => a + b, 0)
    const measured = out.measures.find((m: Json) => m.measure === 'top5_share').peer_values.find((v: Json) => v.buyer === 'BBSRC').value
    expect(measured).toBeCloseTo(top5, 5)
  })
})
