/**
 * Buyers of the real files against EXPECTED.json: Phoenix's departments
 * (EXPECTED's `buyer_entity` column, 44 values) are units of the City, the
 * buyer is the publisher named with --buyer; the MoJ zip's `Entity` column
 * names its bodies, and --buyer is refused there.
 */
import {readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {importOne} from '../../src/services/importer.js'
import {Workspace} from '../../src/io/workspace/index.js'
import {UNKNOWN_BUYER} from '../../src/io/read/table/tableplan.js'
import {type DictColumn, dictValue} from '../../src/model/frame.js'
import {REALDATA, tempDir} from '../helpers/cli.js'

interface Expected {
  buyer_entity_distinct_values?: number
  buyer_entity_values_top20?: Record<string, number>
  buyer_entity_values?: Record<string, number>
}
const EXPECTED = JSON.parse(readFileSync(join(REALDATA, 'EXPECTED.json'), 'utf8')) as Record<string, Expected>
const PHOENIX = 'us-phoenix-az-vendor-payments/september-2018.csv'
const MOJ = 'uk-moj-family-over25k-may2010/zip_csv.zip'

const made: string[] = []
afterAll(() => {
  for (const d of made) rmSync(d, {recursive: true, force: true})
})
function workspace(): Workspace {
  const d = tempDir('spendkit-real-buyer-')
  made.push(d)
  return new Workspace(d)
}

/** Rows per value of a column (optionally within one source file). */
async function counts(ws: Workspace, column: 'buyer' | 'unit'): Promise<Map<string | null, number>> {
  const frame = await ws.loadFrame([column])
  const col = frame.columns[column] as DictColumn
  const out = new Map<string | null, number>()
  for (let i = 0; i < frame.length; i++) out.set(dictValue(col, i), (out.get(dictValue(col, i)) ?? 0) + 1)
  return out
}

describe('Phoenix checkbook: departments are units of the City', () => {
  const exp = EXPECTED[PHOENIX]

  it('--buyer names the buyer of every row; the departments are the units EXPECTED.json counts', async () => {
    const ws = workspace()
    await importOne(ws, {input: join(REALDATA, PHOENIX), buyer: 'City of Phoenix', toolVersion: 'test'})
    expect([...(await counts(ws, 'buyer')).keys()]).toEqual(['City of Phoenix'])
    // EXPECTED.json counts the empty department of 3 rows as one of its 44 values; here those rows have no unit (null).
    const units = await counts(ws, 'unit')
    expect(units.has(null)).toBe(true)
    expect(units.size).toBe(exp.buyer_entity_distinct_values)
    for (const [dept, rows] of Object.entries(exp.buyer_entity_values_top20!)) expect([dept, units.get(dept)]).toEqual([dept, rows])
  }, 60_000)

  it('without --buyer, the rows get a placeholder buyer, never the month in the file name', async () => {
    const ws = workspace()
    const {entry} = await importOne(ws, {input: join(REALDATA, PHOENIX), toolVersion: 'test'})
    expect([...(await counts(ws, 'buyer')).keys()]).toEqual([UNKNOWN_BUYER])
    expect(entry.files[0].warnings.some((w) => w.includes(UNKNOWN_BUYER) && w.includes('--buyer'))).toBe(true)
  }, 60_000)
})

describe('MoJ zip: the Entity column names the bodies', () => {
  const members = Object.keys(EXPECTED).filter((k) => k.startsWith(`${MOJ}!`))

  it('takes each member\'s buyers from its Entity column, as EXPECTED.json lists them', async () => {
    const ws = workspace()
    await importOne(ws, {input: join(REALDATA, MOJ), toolVersion: 'test'})
    const frame = await ws.loadFrame(['buyer', 'source_file'])
    const got = new Map<string, Record<string, number>>()
    for (let i = 0; i < frame.length; i++) {
      const file = dictValue(frame.columns.source_file as DictColumn, i) as string
      const buyer = dictValue(frame.columns.buyer as DictColumn, i) as string
      const per = got.get(file) ?? {}
      per[buyer] = (per[buyer] ?? 0) + 1
      got.set(file, per)
    }
    expect(members.length).toBe(11)
    for (const m of members) {
      const member = `zip_csv.zip!${m.slice(MOJ.length + 1)}`
      expect([member, got.get(member) ?? {}]).toEqual([member, EXPECTED[m].buyer_entity_values])
    }
  }, 60_000)

  it('refuses --buyer, and the workspace stays empty', async () => {
    const ws = workspace()
    const run = importOne(ws, {input: join(REALDATA, MOJ), buyer: 'Ministry of Justice', toolVersion: 'test'})
    await expect(run).rejects.toMatchObject({code: 'BUYER_HAS_COLUMN', exit: 1})
    expect(await ws.list()).toEqual([])
  }, 60_000)
})
