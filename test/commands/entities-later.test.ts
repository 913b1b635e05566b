/**
 * Later imports into a workspace with a stored crosswalk: `spend import`
 * says on stderr, in one line and only then, how many of the file's distinct
 * supplier names the crosswalk lists, how many joined an entity
 * automatically and how many are new (the rows `spend entities suggest --new`
 * proposes).
 */
import {rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {crosswalkCsv} from '../../src/io/write/crosswalk-csv.js'
import type {CrosswalkRow} from '../../src/model/crosswalk.js'
import {runCli, tempDir} from '../helpers/cli.js'

const HEAD = 'Department Family,Entity,Date,Expense Type,Expense Area,Supplier,Transaction Number,Amount,Description'
const line = (date: string, supplier: string, tx: number, amount: string) => `Dept of Tests,Dept of Tests,${date},Facilities,Ops,${supplier},${tx},"${amount}",Invoice`
const csv = (lines: string[]) => `${HEAD}\n${lines.join('\n')}\n`

const JAN = [
  line('02/01/2024', 'Northwind Facilities Ltd', 1, '100.10'),
  line('04/01/2024', 'NORTHWIND FACILITIES LIMITED', 3, '300.30'),
  line('05/01/2024', 'Contoso Cleaning Ltd', 4, '50.00'),
  line('07/01/2024', 'Redacted', 6, '999.99'),
]
// Listed: Northwind Facilities Ltd (twice) and Contoso Cleaning Ltd (listed for review); new to the
// crosswalk: Northwind Facilities Plc (same matching key as a merged variant), Fabrikam Ltd (twice, one
// with a double space: one variant); Redacted is never counted.
const FEB = [
  line('02/02/2024', 'Northwind Facilities Ltd', 7, '10.00'),
  line('03/02/2024', 'Northwind Facilities Ltd', 8, '11.00'),
  line('04/02/2024', 'Northwind Facilities Plc', 9, '1000.00'),
  line('05/02/2024', 'Contoso Cleaning Ltd', 10, '5.00'),
  line('06/02/2024', 'Fabrikam Ltd', 11, '10.00'),
  line('07/02/2024', 'Fabrikam  Ltd', 12, '12.00'),
  line('08/02/2024', 'Redacted', 13, '1.00'),
]
const LISTED = ['Northwind Facilities Ltd', 'NORTHWIND FACILITIES LIMITED', 'Contoso Cleaning Ltd']

const cw = (variant: string, entity_key: string, decision: CrosswalkRow['decision']): CrosswalkRow =>
  ({variant, entity_key, entity_name: entity_key, score: 1, evidence: 'hand', decision, supplier_id: null})

let dir = ''
let ws = ''

async function spend(args: string[], code = 0): Promise<{stdout: string; stderr: string}> {
  const r = await runCli([...args, '--workspace', ws], {cwd: dir})
  expect(r.code, `spend ${args.join(' ')}: ${r.stderr}`).toBe(code)
  return r
}

const crosswalkLines = (stderr: string) => stderr.split('\n').filter((l) => l.includes('against the stored crosswalk'))

beforeAll(() => {
  dir = tempDir('spendkit-entities-later-')
  ws = join(dir, 'ws')
  writeFileSync(join(dir, 'jan.csv'), csv(JAN))
  writeFileSync(join(dir, 'feb.csv'), csv(FEB))
  writeFileSync(join(dir, 'cw.csv'), crosswalkCsv([cw(LISTED[0]!, 'northwind', 'auto'), cw(LISTED[1]!, 'northwind', 'auto'), cw(LISTED[2]!, 'contoso', 'review')]))
})

afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('spend import into a workspace with a stored crosswalk', () => {
  it('says nothing about entities while no crosswalk is stored', async () => {
    const r = await spend(['import', 'jan.csv'])
    expect(r.stderr).toMatch(/jan\.csv: imported 4 rows/)
    expect(crosswalkLines(r.stderr)).toEqual([])
  })

  it('counts the distinct names of the new import only: listed, joined automatically, new', async () => {
    await spend(['entities', 'apply', 'cw.csv'])
    const r = await spend(['import', 'feb.csv', '--format', 'csv'])
    // Data on stdout stays the import's table; the count is one line on stderr (silent under --json, as every note).
    expect(r.stdout).not.toMatch(/crosswalk/)
    expect(crosswalkLines(r.stderr)).toEqual([
      'feb.csv: 4 distinct supplier names against the stored crosswalk: 2 already listed, 1 joined an entity automatically, 1 new (list them with spend entities suggest --new)',
    ])
    // What the line calls joined and new is what suggest --new proposes rows for.
    const fresh = (JSON.parse((await spend(['entities', 'suggest', '--new', '--json'])).stdout) as {rows: CrosswalkRow[]}).rows
    expect(fresh.map((x) => x.variant).sort()).toEqual(['Fabrikam Ltd', 'Northwind Facilities Plc'])
    // The joined name is grouped with its entity at once.
    const top = (JSON.parse((await spend(['top', 'suppliers', '--json'])).stdout) as {rows: {supplier_key: string; count: number}[]}).rows
    expect(top.find((x) => x.supplier_key === 'northwind')?.count).toBe(5)
  })

  it('says nothing for a file already imported (nothing new came in)', async () => {
    const r = await spend(['import', 'feb.csv'])
    expect(r.stderr).toMatch(/already imported/)
    expect(crosswalkLines(r.stderr)).toEqual([])
  })
})
