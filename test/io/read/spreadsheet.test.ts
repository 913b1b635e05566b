import {describe, expect, it} from 'vitest'
import {join} from 'node:path'
import {zipSync} from 'fflate'
import {REALDATA} from '../../helpers/cli.js'
import {errorOf, fix, openAll, tempDir} from './helpers.js'

const BIS = join(REALDATA, 'uk-bis-over25k/BIS_monthly_spend_December_2012.xls')

describe('spreadsheets (read in a worker)', () => {
  it('BIS .xls (BIFF8): 2706 rows, header first, payment dates in December 2012', async () => {
    const [src, ...rest] = await openAll(BIS)
    expect(rest).toEqual([])
    expect(src).toMatchObject({name: 'BIS_monthly_spend_December_2012.xls', kind: 'table', format: 'xls', typedCells: true, encoding: null})
    expect(src.rows).toHaveLength(2706)
    expect(src.rows[0]).toMatchObject({line: 1})
    expect(src.rows[0].cells.slice(0, 3)).toEqual(['Department', 'Entity', 'Date of Payment'])
    expect(src.rows.at(-1)!.line).toBe(2706)
    const dates = src.rows.slice(1).map((r) => r.cells[2])
    expect(dates.every((d) => /^2012-12-(0[1-9]|[12]\d|3[01])$/.test(d))).toBe(true)
    // Numbers come out as their shortest decimal: no float noise, no thousands separators.
    expect(src.rows[1].cells[7]).toBe('-3457.18')
    expect(src.rows[1].cells[6]).toBe('1047467')
  })

  it.each(['book.xlsx', 'book.xls'])('%s: one Source per non-empty sheet, named book!Sheet; typed cells as strings', async (file) => {
    const got = await openAll(fix(file))
    expect(got.map((s) => s.name)).toEqual([`${file}!Spend`, `${file}!Notes`])
    const spend = got[0]
    expect(spend.format).toBe(file.endsWith('x') ? 'xlsx' : 'xls')
    expect(spend.rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5])
    expect(spend.rows.map((r) => r.cells)).toEqual([
      ['Supplier', 'Amount', 'Date', 'Paid'],
      ['A', '1234.5', '2024-01-01', 'TRUE'],
      ['B', '0.1', '2024-03-01', 'FALSE'], // 23:59:59.999 on 29 Feb is stored as a float just under the next day
      ['', '', '', ''],
      ['C', '-7', '2025-01-01', ''],
    ])
    expect(got[1].rows.map((r) => r.cells)).toEqual([['Published quarterly']])
  })

  it('date1904.xlsx: a workbook in the 1904 date system; one data sheet is named by the file alone', async () => {
    const got = await openAll(fix('date1904.xlsx'))
    expect(got.map((s) => s.name)).toEqual(['date1904.xlsx'])
    expect(got[0].rows[1].cells).toEqual(['A', '2024-01-01'])
  })
})

describe('hostile workbooks fail with a SpendInputError', () => {
  it('truncated.xlsx -> BROKEN_ARCHIVE', async () => {
    const err = await errorOf(fix('truncated.xlsx'))
    expect(err.code).toBe('BROKEN_ARCHIVE')
    expect(err.line).toContain('truncated.xlsx')
  })

  it('fake-ole2.xls (random bytes after the OLE2 magic) -> BROKEN_SPREADSHEET', async () => {
    const err = await errorOf(fix('fake-ole2.xls'))
    expect(err.code).toBe('BROKEN_SPREADSHEET')
    expect(err.line).toContain('fake-ole2.xls')
  })

  it('a zip claiming to be an xlsx with a huge sheet entry is refused before the worker inflates it', async () => {
    const sheet = new Uint8Array(5 << 20).fill(0x20)
    const z = zipSync({'[Content_Types].xml': new Uint8Array(10), 'xl/workbook.xml': new Uint8Array(10), 'xl/worksheets/sheet1.xml': sheet}, {level: 9})
    const dir = tempDir({'huge.xlsx': z})
    const err = await errorOf(join(dir, 'huge.xlsx'), {ratioFloorBytes: 1 << 20, maxCompressionRatio: 100})
    expect(err.code).toBe('ARCHIVE_TOO_LARGE')
  })

  it('a workbook over the size cap -> SPREADSHEET_TOO_LARGE, before reading it', async () => {
    expect((await errorOf(BIS, {maxSpreadsheetBytes: 1000})).code).toBe('SPREADSHEET_TOO_LARGE')
  })

  it('a worker that runs out of time is stopped', async () => {
    expect((await errorOf(BIS, {spreadsheetTimeoutMs: 1})).code).toBe('BROKEN_SPREADSHEET')
  })
})

describe('spreadsheet dates do not depend on the time zone', () => {
  it.each(['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC'])('TZ=%s gives the same ISO dates', async (tz) => {
    const saved = process.env.TZ
    process.env.TZ = tz
    try {
      const [spend] = await openAll(fix('book.xlsx'))
      expect(spend.rows.slice(1).map((r) => r.cells[2])).toEqual(['2024-01-01', '2024-03-01', '', '2025-01-01'])
    } finally {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
  })
})

describe('other zip-based office files', () => {
  it('book.ods (OpenDocument) is a workbook, not an archive', async () => {
    const got = await openAll(fix('book.ods'))
    expect(got.map((s) => [s.name, s.format])).toEqual([['book.ods', 'ods']])
    expect(got[0].rows.map((r) => r.cells)).toEqual([['Supplier', 'Amount'], ['A', '12.5']])
  })

  it('a Word document is refused as NOT_SPEND_DATA, not unpacked', async () => {
    const dir = tempDir({'report.docx': zipSync({'[Content_Types].xml': new Uint8Array(5), 'word/document.xml': new TextEncoder().encode('<w:document/>')})})
    const err = await errorOf(join(dir, 'report.docx'))
    expect(err.code).toBe('NOT_SPEND_DATA')
    expect(err.line).toMatch(/Word document/)
  })
})

describe('the worker keeps a hostile workbook away from the main process', () => {
  it('a workbook that needs more heap than the worker has -> SPREADSHEET_TOO_LARGE, and the process lives on', async () => {
    const err = await errorOf(BIS, {spreadsheetHeapMb: 4})
    expect(err.code).toBe('SPREADSHEET_TOO_LARGE')
    expect((await openAll(fix('book.xlsx'))).length).toBe(2)
  })
})
