/**
 * Supplier entities on the UK real files under ../shared/realdata: import
 * them all, `spend entities suggest --out`, `spend entities apply` (no person
 * reviews anything: only `auto` rows merge), then check what the crosswalk
 * must never change or break: the control totals per currency (every
 * supplier's spend summed, exactly, before and after), fewer or as many
 * names, no redacted row in a named entity, every merged variant listed as
 * `auto` under its entity, and `spend rows --supplier <a published variant>`
 * listing the whole entity's rows.
 */
import {readdirSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {normaliseName} from '../../src/analysis/resolve.js'
import {parseCrosswalk} from '../../src/io/read/crosswalk.js'
import {Workspace} from '../../src/io/workspace/index.js'
import {type CrosswalkRow, variantOf} from '../../src/model/crosswalk.js'
import {type DictColumn, dictValue, type SpendFrame} from '../../src/model/frame.js'
import {isRedacted, REDACTED_KEY} from '../../src/model/supplier.js'
import {loadWorkspaceFrame} from '../../src/services/frame-load.js'
import {REALDATA, runCli, tempDir} from '../helpers/cli.js'

type Json = Record<string, any>

const BODIES = readdirSync(REALDATA).filter((d) => d.startsWith('uk-')).sort()
let dir = ''
let ws = ''

async function spend(args: string[]): Promise<{stdout: string; stderr: string}> {
  const r = await runCli([...args, '--workspace', ws], {cwd: dir})
  expect(r.code, `spend ${args.join(' ')}: ${r.stderr}`).toBe(0)
  return r
}

const json = async (args: string[]): Promise<Json> => JSON.parse((await spend([...args, '--json'])).stdout) as Json

/** An exact decimal string as minor units (any number of places up to `places`). */
function minor(s: string, places = 4): bigint {
  const neg = s.startsWith('-')
  const [whole, frac = ''] = (neg ? s.slice(1) : s).split('.')
  const v = BigInt(`${whole}${frac.padEnd(places, '0')}`)
  return neg ? -v : v
}

/** Every supplier's spend (ranked rows, the rest, the unidentified), summed per currency, exactly. */
async function supplierTotals(): Promise<Map<string, bigint>> {
  const out = await json(['top', 'suppliers', '--top', '1000000'])
  const sums = new Map<string, bigint>()
  for (const r of [...(out.rows as Json[]), ...((out.unidentified ?? []) as Json[])]) sums.set(r.currency, (sums.get(r.currency) ?? 0n) + minor(r.amount))
  return sums
}

const text = (frame: SpendFrame, col: 'supplier' | 'supplier_key' | 'published_supplier', i: number) => dictValue(frame.columns[col] as DictColumn, i)

let before: Map<string, bigint>
let namesBefore = 0
let crosswalk: CrosswalkRow[] = []
let frame: SpendFrame

beforeAll(async () => {
  dir = tempDir('spendkit-entities-real-')
  ws = join(dir, 'ws')
  for (const body of BODIES) await spend(['import', join(REALDATA, body)])
  before = await supplierTotals()
  namesBefore = (await json(['entities', 'stats'])).names_before as number
  await spend(['entities', 'suggest', '--out', 'cw.csv'])
  crosswalk = parseCrosswalk(readFileSync(join(dir, 'cw.csv'), 'utf8'), 'cw.csv')
  await spend(['entities', 'apply', 'cw.csv'])
  frame = (await loadWorkspaceFrame(await Workspace.open(ws), ['supplier', 'supplier_key', 'published_supplier', 'supplier_id', 'redacted'])).frame
}, 120_000)

afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('supplier entities on the UK real files', () => {
  it('imports several UK bodies and proposes a crosswalk that merges some names', async () => {
    expect(BODIES.length).toBeGreaterThanOrEqual(3)
    expect(crosswalk.some((r) => r.decision === 'auto')).toBe(true)
    const stats = await json(['entities', 'stats'])
    expect(stats.crosswalk).toBe(true)
    expect(stats.names_before).toBe(namesBefore)
    expect(stats.names_after).toBeLessThan(stats.names_before)
    expect(stats.merges.length).toBeGreaterThan(0)
  })

  it('leaves the spend per currency, summed over all suppliers, exactly as without the crosswalk', async () => {
    const after = await supplierTotals()
    expect(before.size).toBeGreaterThan(0)
    expect([...after.entries()].sort()).toEqual([...before.entries()].sort())
  })

  it('never puts a redacted or blank row into a named entity', () => {
    let redacted = 0
    const flag = frame.columns.redacted?.type === 'bool' ? frame.columns.redacted.values : null
    for (let i = 0; i < frame.length; i++) {
      const published = text(frame, 'published_supplier', i)
      if (!(flag?.[i] || published === null || variantOf(published) === '' || isRedacted(published))) continue
      redacted++
      // As published: the shared redacted key, or its own (blank) key, never an entity's.
      expect(text(frame, 'supplier', i), `row ${i}`).toBe(published)
      const key = text(frame, 'supplier_key', i)
      expect(key === REDACTED_KEY || key === null || !crosswalk.some((r) => r.entity_key === key && r.decision === 'auto'), `row ${i}: ${key}`).toBe(true)
    }
    expect(redacted).toBeGreaterThan(0)
  })

  it('lists every merged variant in the crosswalk as auto, under its entity', () => {
    const auto = new Map(crosswalk.filter((r) => r.decision === 'auto').map((r) => [`${r.variant}\u0000${r.entity_key}`, r]))
    const merged = new Set<string>()
    for (let i = 0; i < frame.length; i++) {
      const published = text(frame, 'published_supplier', i)
      const key = text(frame, 'supplier_key', i)
      if (published === null || text(frame, 'supplier', i) === published) continue
      merged.add(`${variantOf(published)}\u0000${key}`)
    }
    expect(merged.size).toBeGreaterThan(0)
    for (const m of merged) expect(auto.has(m), m.replace('\u0000', ' -> ')).toBe(true)
  })

  it('spend rows --supplier with a published variant lists the whole entity', async () => {
    const stats = await json(['entities', 'stats'])
    const entity = (stats.merges as Json[])[0]!
    // Its variants, and a variant that is neither its display name nor a name of another entity.
    const namesOf = new Map<string, Set<string>>()
    for (let i = 0; i < frame.length; i++) {
      const p = text(frame, 'published_supplier', i)
      if (p === null) continue
      const n = normaliseName(p)
      namesOf.set(n, (namesOf.get(n) ?? new Set()).add(text(frame, 'supplier_key', i) ?? ''))
    }
    const variant = crosswalk.find((r) => r.entity_key === entity.entity_key && r.decision === 'auto' && normaliseName(r.variant) !== normaliseName(entity.entity_name) && namesOf.get(normaliseName(r.variant))?.size === 1)
    expect(variant, `a published variant of ${entity.entity_name}`).toBeDefined()
    const rows = await json(['rows', '--supplier', variant!.variant])
    const all = await json(['rows', '--supplier', entity.entity_key])
    expect(rows.count).toBe(entity.rows)
    expect(rows.totals).toEqual(all.totals)
    expect(new Set((rows.rows as Json[]).map((r) => r.supplier_key))).toEqual(new Set([entity.entity_key]))
    expect(new Set((rows.rows as Json[]).map((r) => r.published_supplier)).size).toBeGreaterThan(1)
  })
})
