import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {createRequire} from 'node:module'
import {describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'

// SheetJS (our spreadsheet reader) writes the test workbooks.
const XLSX = createRequire(import.meta.url)('@e965/xlsx') as {
  utils: {book_new(): unknown; aoa_to_sheet(rows: unknown[][]): unknown; book_append_sheet(wb: unknown, ws: unknown, name: string): void}
  write(wb: unknown, opts: {type: 'buffer'; bookType: 'xlsx'}): Buffer
}

function workbook(sheets: Record<string, unknown[][]>): string {
  const wb = XLSX.utils.book_new()
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name)
  const path = join(tempDir('spendkit-sheets-'), 'book.xlsx')
  writeFileSync(path, XLSX.write(wb, {type: 'buffer', bookType: 'xlsx'}))
  return path
}

const NOTES = [['About this data'], ['Published quarterly by the finance team'], ['Contact: spend@example.gov.uk']]
const SPEND = [['Supplier', 'Amount', 'Date'], ['Acme Ltd', 1200.5, '2024-04-02'], ['Bolt plc', 30000, '2024-04-09']]

describe('spend import of a workbook with sheets that are not spend data', () => {
  it('imports the spend sheet and skips a notes sheet, counted and named in a warning', async () => {
    const file = workbook({Notes: NOTES, Spend: SPEND})
    const r = await runCli(['import', file, '--currency', 'GBP', '--buyer', 'Test Council', '--workspace', tempDir('spendkit-ws-'), '--json'])
    expect(r.code).toBe(0)
    type Imp = {rows: Record<string, number>; totals: {source: string}[]; sources: {file: string; rows: Record<string, number>; warnings: string[]}[]}
    const imp = (JSON.parse(r.stdout) as {imports: Imp[]}).imports[0]
    expect(imp.rows).toMatchObject({read: 2, imported: 2, rejected: 0})
    // The notes sheet's three rows are skipped lines, like the spend sheet's header.
    expect(imp.rows.skipped).toBe(4)
    expect(imp.totals[0].source).toBe('31200.50')
    const notes = imp.sources.find((x) => x.file === 'book.xlsx!Notes')!
    expect(notes.rows).toEqual({read: 0, imported: 0, rejected: 0, skipped: 3})
    expect(notes.warnings[0]).toMatch(/book\.xlsx!Notes: not a spend table \(no amount column .*\); its 3 rows skipped/)
    // People see it too.
    const shown = await runCli(['import', file, '--currency', 'GBP', '--buyer', 'Test Council', '--workspace', tempDir('spendkit-ws-')])
    expect(shown.stderr).toMatch(/warning: book\.xlsx!Notes: not a spend table/)
  })

  it('fails with one line when no sheet is spend data', async () => {
    const file = workbook({Notes: NOTES, Cover: [['Spend over £25,000'], ['2024-25']]})
    const r = await runCli(['import', file, '--currency', 'GBP', '--workspace', tempDir('spendkit-ws-')])
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/not a spend table \(no amount column/)
  })

  it('still fails on a broken spend sheet: only "no amount column" marks a sheet as not spend data', async () => {
    const file = workbook({Notes: NOTES, Spend: SPEND})
    // No currency anywhere, none given: the spend sheet's own error stands.
    const r = await runCli(['import', file, '--buyer', 'Test Council', '--workspace', tempDir('spendkit-ws-')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/does not say its currency/)
  })
})
