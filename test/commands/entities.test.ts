/**
 * `spend entities suggest|apply|stats` end to end on a small workspace of
 * two monthly files: suggest -> edit the decisions -> apply -> every analysis
 * groups by entity; a later month is matched without a second step;
 * suggest keeps decisions and --new lists only new rows; a damaged stored
 * crosswalk is one line, exit 1.
 */
import {appendFileSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parseCrosswalk} from '../../src/io/read/crosswalk.js'
import {crosswalkCsv} from '../../src/io/write/crosswalk-csv.js'
import type {CrosswalkRow} from '../../src/model/crosswalk.js'
import {check, loadSchema} from '../contracts/schema-check.js'
import {runCli, tempDir} from '../helpers/cli.js'

type Row = Record<string, any>

const HEAD = 'Department Family,Entity,Date,Expense Type,Expense Area,Supplier,Transaction Number,Amount,Description'
const line = (date: string, supplier: string, tx: number, amount: string) => `Dept of Tests,Dept of Tests,${date},Facilities,Ops,${supplier},${tx},"${amount}",Invoice`

const JAN = [
  line('02/01/2024', 'Northwind Facilities Ltd', 1, '100.10'),
  line('03/01/2024', 'Northwind Group', 2, '200.20'),
  line('04/01/2024', 'NORTHWIND FACILITIES LIMITED', 3, '300.30'),
  line('05/01/2024', 'Contoso Cleaning Ltd', 4, '50.00'),
  line('06/01/2024', 'Contoso Catering Ltd', 5, '75.25'),
  line('07/01/2024', 'Redacted', 6, '999.99'),
]
const FEB = [
  line('02/02/2024', 'Northwind Facilities Plc', 7, '1000.00'),
  line('03/02/2024', 'Fabrikam Ltd', 8, '10.00'),
]

let dir = ''
let ws = ''

async function spend(args: string[], code = 0): Promise<{stdout: string; stderr: string}> {
  const r = await runCli([...args, '--workspace', ws], {cwd: dir})
  expect(r.code, `spend ${args.join(' ')}: ${r.stderr}`).toBe(code)
  return r
}

const json = async (args: string[]): Promise<Row> => JSON.parse((await spend([...args, '--json'])).stdout) as Row

/** A person's edits: for these variants, the entity and decision. */
const EDITS: Record<string, [string, string, CrosswalkRow['decision']]> = {
  'Northwind Facilities Ltd': ['northwind', 'Northwind Facilities', 'auto'],
  'NORTHWIND FACILITIES LIMITED': ['northwind', 'Northwind Facilities', 'auto'],
  'Northwind Group': ['northwind', 'Northwind Facilities', 'accept'],
  'Contoso Cleaning Ltd': ['contoso', 'Contoso', 'review'],
  'Contoso Catering Ltd': ['contoso-catering', 'Contoso Catering', 'reject'],
}

function edit(rows: CrosswalkRow[]): CrosswalkRow[] {
  return rows.map((r) => {
    const e = EDITS[r.variant]
    return e ? {...r, entity_key: e[0], entity_name: e[1], decision: e[2]} : r
  })
}

/** Minor units of an exact decimal (2 places here). */
const cents = (s: string) => BigInt(s.replace('.', ''))

beforeAll(async () => {
  dir = tempDir('spendkit-entities-')
  ws = join(dir, 'ws')
  writeFileSync(join(dir, 'jan.csv'), `${HEAD}\n${JAN.join('\n')}\n`)
  writeFileSync(join(dir, 'feb.csv'), `${HEAD}\n${FEB.join('\n')}\n`)
  await spend(['import', join(dir, 'jan.csv')])
})

let before: Row

describe('suggest -> edit -> apply -> analyses group by entity', () => {
  it('without a crosswalk, rows tables show no published-name column', async () => {
    expect((await spend(['rows', '--format', 'table'])).stdout).not.toMatch(/│\s*published\s*│/)
  })

  it('suggest writes the crosswalk CSV to stdout, --json gives {rows} exactly, --out writes the file', async () => {
    before = await json(['top', 'suppliers'])
    const csv = (await spend(['entities', 'suggest'])).stdout
    expect(csv.split('\n')[0]).toBe('variant,entity_key,entity_name,score,evidence,decision,supplier_id')
    const rows = parseCrosswalk(csv, 'stdout')
    expect(rows.map((r) => r.variant).sort()).toEqual(Object.keys(EDITS).sort())
    const out = await json(['entities', 'suggest'])
    expect(Object.keys(out)).toEqual(['rows'])
    expect(out.rows).toEqual(rows)
    expect(check(loadSchema('entities-suggest'), out)).toEqual([])
    const r = await spend(['entities', 'suggest', '--out', 'cw.csv'])
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/wrote 5 crosswalk rows \(5 new\) to cw\.csv/)
    expect(readFileSync(join(dir, 'cw.csv'), 'utf8')).toBe(csv)
  })

  it('apply stores the edited file; top suppliers then groups by entity, rows shows both names', async () => {
    writeFileSync(join(dir, 'edited.csv'), crosswalkCsv(edit(parseCrosswalk(readFileSync(join(dir, 'cw.csv'), 'utf8'), 'cw.csv'))))
    const r = await spend(['entities', 'apply', 'edited.csv'])
    expect(r.stderr).toMatch(/5 variants, 1 entity, 3 auto or accepted, 1 left for review \(kept apart until accepted\), 1 rejected/)
    const applied = await json(['entities', 'apply', 'edited.csv'])
    expect(check(loadSchema('entities-apply'), applied)).toEqual([])
    expect(applied.changes).toEqual({added: 0, changed: 0, removed: 0})

    const after = (await json(['top', 'suppliers'])).rows as Row[]
    const northwind = after.find((x) => x.supplier_key === 'northwind')
    expect(northwind?.supplier).toBe('Northwind Facilities')
    const merged = (before.rows as Row[]).filter((x) => /northwind/i.test(x.supplier))
    expect(merged.length).toBeGreaterThan(1)
    expect(cents(northwind!.amount)).toBe(merged.reduce((s, x) => s + cents(x.amount), 0n))
    expect(northwind!.count).toBe(3)
    // review and reject keep the published names apart.
    expect(after.some((x) => x.supplier === 'Contoso Cleaning Ltd')).toBe(true)
    expect(after.some((x) => x.supplier === 'Contoso Catering Ltd')).toBe(true)

    const listed = (await json(['rows', '--supplier', 'northwind'])).rows as Row[]
    expect(listed.map((x) => x.published_supplier).sort()).toEqual(['NORTHWIND FACILITIES LIMITED', 'Northwind Facilities Ltd', 'Northwind Group'])
    expect(new Set(listed.map((x) => x.supplier))).toEqual(new Set(['Northwind Facilities']))
    const csv = (await spend(['rows', '--supplier', 'northwind', '--format', 'csv'])).stdout
    expect(csv.split('\n')[0]).toContain('published_supplier')
    // A table for people shows the published name beside the entity only when a crosswalk is stored.
    expect((await spend(['rows', '--supplier', 'northwind', '--format', 'table'])).stdout).toMatch(/supplier\s*│\s*published/)
  })

  it('stats shows names before and after, the merge, and the spend that changed entity', async () => {
    const s = await json(['entities', 'stats'])
    expect(check(loadSchema('entities-stats'), s)).toEqual([])
    expect(s.crosswalk).toBe(true)
    // The published keys merged: the northwind rows of `top suppliers` before the crosswalk.
    const keys = (before.rows as Row[]).filter((x) => /northwind/i.test(x.supplier)).length
    expect(s.names_before - s.names_after).toBe(keys - 1)
    expect(s.merges[0]).toMatchObject({entity_key: 'northwind', variants: 3, keys, rows: 3, amounts: [{currency: 'GBP', rows: 3, amount: '600.60'}]})
    expect(s.changed).toEqual([{currency: 'GBP', rows: 3, amount: '600.60'}])
    // CSV carries the merges; the counts go to stderr.
    const csv = await spend(['entities', 'stats', '--format', 'csv'])
    expect(csv.stdout.split('\n').slice(0, 2)).toEqual(['entity_name,entity_key,variants,keys,currency,rows,amount', `Northwind Facilities,northwind,3,${keys},GBP,3,600.60`])
    expect(csv.stderr).toContain(`${s.names_before} before, ${s.names_after} after`)
  })

  it('a later import of a new month is matched without a second step', async () => {
    await spend(['import', join(dir, 'feb.csv')])
    const rows = (await json(['top', 'suppliers'])).rows as Row[]
    const northwind = rows.find((x) => x.supplier_key === 'northwind')
    expect(northwind?.count).toBe(4)
    expect(northwind?.amount).toBe('1600.60')
    expect(rows.some((x) => x.supplier === 'Fabrikam Ltd')).toBe(true)
  })

  it('suggest again keeps every decision; --new lists only the rows not stored', async () => {
    const stored = parseCrosswalk(readFileSync(join(dir, 'edited.csv'), 'utf8'), 'edited.csv')
    const again = (await json(['entities', 'suggest'])).rows as CrosswalkRow[]
    for (const s of stored) expect(again).toContainEqual(s)
    const fresh = (await json(['entities', 'suggest', '--new'])).rows as CrosswalkRow[]
    expect(fresh.map((r) => r.variant).sort()).toEqual(['Fabrikam Ltd', 'Northwind Facilities Plc'])
    expect(again.length).toBe(stored.length + fresh.length)
  })

  it('a damaged stored crosswalk is one WORKSPACE_DAMAGED line, exit 1', async () => {
    const overlays = join(ws, 'overlays')
    const file = readdirSync(overlays).find((f) => f.startsWith('entities-'))!
    appendFileSync(join(overlays, file), 'Evil Ltd,northwind,Northwind,1,key,auto,\n')
    const r = await runCli(['top', 'suppliers', '--workspace', ws], {cwd: dir})
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^spend: error: .*entities-.*\.csv: the workspace's stored supplier crosswalk does not match its checksum \(store it again with spend entities apply FILE\)/)
    const j = await runCli(['entities', 'stats', '--workspace', ws, '--json'], {cwd: dir})
    expect(j.code).toBe(1)
    expect(JSON.parse(j.stdout).error.code).toBe('WORKSPACE_DAMAGED')
  })

  it('apply --clear removes it; analyses group as published again', async () => {
    const r = await spend(['entities', 'apply', '--clear'])
    expect(r.stderr).toMatch(/removed the stored crosswalk/)
    const rows = (await json(['top', 'suppliers'])).rows as Row[]
    expect(rows.some((x) => x.supplier_key === 'northwind')).toBe(false)
    expect((await spend(['entities', 'apply', '--clear'])).stderr).toMatch(/no crosswalk is stored/)
  })
})

describe('bad input', () => {
  it('a broken crosswalk file is one line naming file:line, exit 1, and nothing is stored', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'variant,entity_key,entity_name,score,evidence,decision\nACME,acme,ACME,1,key,maybe\n')
    const r = await runCli(['entities', 'apply', 'bad.csv', '--workspace', ws], {cwd: dir})
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('spend: error: bad.csv:2: the decision "maybe" is not auto, review, accept or reject (write auto, review, accept or reject)\n')
    const s = await json(['entities', 'stats'])
    expect(s.crosswalk).toBe(false)
  })

  it('apply with neither FILE nor --clear is a usage error, exit 2', async () => {
    const r = await runCli(['entities', 'apply', '--workspace', ws], {cwd: dir})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spend: error: give the crosswalk FILE/)
  })
})
