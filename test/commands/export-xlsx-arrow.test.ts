/**
 * `spend export` to XLSX (one sheet, frozen header row, money as numbers in
 * major units, formula injection neutralised) and to an Arrow IPC file
 * (dictionary strings, Date32, Int64 amount_minor), read back.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {tableFromIPC} from '@uwdata/flechette'
import {unzipSync, strFromU8} from 'fflate'
import XLSX from '@e965/xlsx'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'

let dir = ''
let ws = ''

beforeAll(async () => {
  dir = tempDir()
  ws = join(dir, 'ws')
  const csv = join(dir, 'spend.csv')
  writeFileSync(csv, [
    'Body Name,Date,Supplier Name,Amount,Expense Type',
    'Test Council,2024-01-05,=HYPERLINK("http://x"),1234.50,Rent',
    'Test Council,2024-02-06,Acme Ltd,-20.05,Repairs',
    'Test Council,,Beta plc,99.00,Rent',
  ].join('\n') + '\n')
  const r = await runCli(['import', csv, '--workspace', ws, '--currency', 'GBP'])
  expect(r.code, r.stderr).toBe(0)
})

describe('spend export to XLSX and Arrow', () => {
  it('xlsx: one sheet, header frozen, amounts as numbers, formulas neutralised', async () => {
    const out = join(dir, 'records.xlsx')
    const r = await runCli(['export', '--out', out, '--workspace', ws, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({rows: 3, format: 'xlsx'})
    const files = unzipSync(readFileSync(out))
    expect(strFromU8(files['xl/worksheets/sheet1.xml'])).toContain('state="frozen"')
    const sheet = XLSX.read(readFileSync(out)).Sheets.Records
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet)
    expect(rows.map((x) => x.amount)).toEqual([1234.5, -20.05, 99])
    expect(rows.map((x) => x.currency)).toEqual(['GBP', 'GBP', 'GBP'])
    expect(String(rows[0].published_supplier).startsWith('=')).toBe(false)
    expect(Object.values(sheet).some((c) => typeof c === 'object' && c !== null && 'f' in c)).toBe(false)
  })

  it('arrow: every record, exact amount_minor, dates as days, dictionary strings', async () => {
    const out = join(dir, 'records.arrow')
    const r = await runCli(['export', '--out', out, '--workspace', ws, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const t = tableFromIPC(readFileSync(out), {useBigInt: true, useDate: false})
    expect(t.numRows).toBe(3)
    expect([...t.getChild('amount_minor')!.toArray()]).toEqual([123450n, -2005n, 9900n])
    const dates = t.getChild('date')!.toArray() as (number | null)[]
    expect(dates[0]).toBe(Date.UTC(2024, 0, 5))
    expect(dates[2]).toBeNull()
    expect(t.schema.fields.find((f) => f.name === 'buyer')!.type.typeId).toBe(-1)
  })

  it('--partition-by is refused for xlsx and arrow (one line, exit 2)', async () => {
    for (const as of ['xlsx', 'arrow']) {
      const r = await runCli(['export', '--out', join(dir, `p-${as}`), '--as', as, '--partition-by', 'year', '--workspace', ws])
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    }
  })
})
