/**
 * buildReport as `spend verify` will call it: pinned imports make a rebuild
 * independent of later imports; the data-quality section names the rejects.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'
import {buildReport} from '../../src/services/report/build.js'

const HEAD = 'Department Family,Entity,Date,Expense Type,Expense Area,Supplier,Transaction Number,Amount\n'
const FIRST = `${HEAD}DfE,Department for Education,03/04/2024,Consultancy,Schools,ACME Consulting Ltd,T1,"26,500.00"\nDfE,Department for Education,04/04/2024,IT,Digital,Beta Systems plc,T2,not money\nDfE,Department for Education,05/04/2024,IT,Digital,Beta Systems plc,T3,"1,234.50"\n`
const LATER = `${HEAD}DfE,Department for Education,03/05/2024,Consultancy,Schools,Gamma Ltd,T9,"99,000.00"\n`

let dir = ''

beforeAll(async () => {
  dir = tempDir('spendkit-report-build-')
  writeFileSync(join(dir, 'april.csv'), FIRST)
  writeFileSync(join(dir, 'may.csv'), LATER)
  expect((await runCli(['import', join(dir, 'april.csv'), '-w', join(dir, 'ws')])).code).toBe(0)
})

describe('buildReport', () => {
  it('names the rejected rows, their reasons and where the rejects file is', async () => {
    const r = await buildReport({workspace: join(dir, 'ws'), configText: 'sections:\n  - type: data-quality\n'}, join(dir, 'dq'))
    const md = readFileSync(join(dir, 'dq', 'report.md'), 'utf8')
    const id = (r.manifest.imports as {id: string}[])[0].id
    expect(md).toContain('- **Rejected:** 1')
    expect(md).toContain(`../ws/imports/${id}/rejects.csv`)
    const reasons = readFileSync(join(dir, 'dq', 'tables', 'data-quality_2.csv'), 'utf8').trim().split('\n')
    expect(reasons).toHaveLength(2)
    expect(reasons[1]).toMatch(/,1$/)
  })

  it('rebuilds the same bytes from the pinned imports after a later import', async () => {
    const first = await buildReport({workspace: join(dir, 'ws')}, join(dir, 'a'))
    expect((await runCli(['import', join(dir, 'may.csv'), '-w', join(dir, 'ws')])).code).toBe(0)
    const ids = (first.manifest.imports as {id: string}[]).map((i) => i.id)
    const again = await buildReport({workspace: join(dir, 'ws'), importIds: ids, recordDir: join(dir, 'a')}, join(dir, 'b'))
    expect(again.files).toEqual(first.files)
    const all = await buildReport({workspace: join(dir, 'ws')}, join(dir, 'c'))
    expect((all.manifest.imports as unknown[]).length).toBe(2)
    expect(all.files).not.toEqual(first.files)
  })

  it('refuses a pinned import that is gone', async () => {
    await expect(buildReport({workspace: join(dir, 'ws'), importIds: ['ffffffffffff']}, join(dir, 'd'))).rejects.toThrow(/import ffffffffffff is not in the workspace/)
  })
})
