import {buildSync} from 'esbuild'
import {unzipSync} from 'fflate'
import {join} from 'node:path'
import * as XLSX from '@e965/xlsx'
import {describe, expect, it} from 'vitest'
import {ROOT, runProcess, tempDir} from '../helpers/cli.js'
import {currencyExponent} from '../../src/model/currency.js'
import {safeCell} from '../../src/io/write/safe.js'
import type {View} from '../../src/io/write/view.js'
import {columnLetter, sheetNames, xlsxBytes, type XlsxSheet} from '../../src/io/write/xlsx.js'

// Minor units past 2^53: the exact decimal must be the number's text in the file.
const BIG = `${(2n ** 53n + 7n) * 1000n + 1n}`
const BIG_GBP = `${BIG.slice(0, -2)}.${BIG.slice(-2)}`

const top: View = {
  columns: [
    {key: 'rank', header: 'rank', kind: 'int'},
    {key: 'supplier', header: 'supplier'},
    {key: 'currency', header: 'currency'},
    {key: 'amount', header: 'amount', kind: 'money'},
    {key: 'count', header: 'count', kind: 'int'},
    {key: 'share', header: 'share', kind: 'share'},
    {key: 'date', header: 'first', kind: 'date'},
    {key: 'redacted', header: 'redacted', kind: 'bool'},
  ],
  rows: [
    {rank: 1, supplier: '=HYPERLINK("http://x","click")', currency: 'GBP', amount: BIG_GBP, count: 3, share: 0.5, date: '2024-01-02', redacted: false},
    {rank: 2, supplier: '-2+3', currency: 'JPY', amount: '-1250', count: 1, share: -1e-11, date: '2024-02-03', redacted: true},
    {rank: 3, supplier: '@cmd <b>&amp; _x0041_ \u0001', currency: 'KWD', amount: '12.345', count: 1, share: 0.25, date: null, redacted: null},
    {rank: null, supplier: 'Other (2 suppliers)', currency: 'GBP', amount: '-12.50', count: 2, share: 0.25, date: '', redacted: false},
  ],
}
const sheets: XlsxSheet[] = [
  {name: 'Top suppliers', view: top},
  {name: 'a/b:c*d?[e]\\f and a very long name past thirty-one', view: {columns: [{key: 'n', header: 'n'}], rows: [{n: 'x'}]}},
  {name: 'A/B:C*D?[E]\\F AND A VERY LONG NAME PAST THIRTY-ONE', view: {columns: [{key: 'n', header: 'n'}], rows: [{n: 'y'}]}},
]

function read(bytes: Uint8Array) {
  return XLSX.read(bytes, {type: 'array', cellNF: true, cellText: false})
}

function part(bytes: Uint8Array, name: string): string {
  return new TextDecoder().decode(unzipSync(bytes)[name])
}

describe('xlsxBytes', () => {
  const bytes = xlsxBytes(sheets)
  const wb = read(bytes)

  it('writes one sheet per view with valid, unique names', () => {
    expect(wb.SheetNames).toHaveLength(3)
    expect(wb.SheetNames[0]).toBe('Top suppliers')
    for (const n of wb.SheetNames) {
      expect(n.length).toBeLessThanOrEqual(31)
      expect(n).not.toMatch(/[[\]:*?/\\]/)
    }
    expect(new Set(wb.SheetNames.map((n) => n.toLowerCase())).size).toBe(3)
    expect(sheetNames(['x', 'X', 'x', '', "'q'", 'History'])).toEqual(['x', 'X (2)', 'x (3)', 'Sheet4', 'q', 'History_'])
    expect(sheetNames(['y'.repeat(40), 'y'.repeat(40)]).map((n) => n.length)).toEqual([31, 31])
  })

  it('keeps money as numbers in the currency format of each row, exact in the file', () => {
    const ws = wb.Sheets[wb.SheetNames[0]]
    const rows = top.rows
    rows.forEach((row, i) => {
      const cell = ws[`D${i + 2}`]
      expect(cell.t).toBe('n')
      expect(cell.v).toBe(Number(row.amount))
      const code = row.currency as string
      const e = currencyExponent(code)
      expect(cell.z).toBe(`#,##0${e ? '.' + '0'.repeat(e) : ''} "${code}"`)
    })
    expect(part(bytes, 'xl/worksheets/sheet1.xml')).toContain(`<v>${BIG_GBP}</v>`)
    expect(Number.isSafeInteger(Number(BIG))).toBe(false)
  })

  it('writes ints as integers, shares as percentages, booleans as booleans, dates as text', () => {
    const ws = wb.Sheets[wb.SheetNames[0]]
    expect(ws.A2).toMatchObject({t: 'n', v: 1, z: '#,##0'})
    expect(ws.A5).toBeUndefined()
    expect(ws.E2).toMatchObject({t: 'n', v: 3, z: '#,##0'})
    expect(ws.F2).toMatchObject({t: 'n', v: 0.5, z: '0.00%'})
    expect(ws.F3).toMatchObject({t: 'n', v: -1e-11})
    expect(ws.G2).toMatchObject({t: 's', v: '2024-01-02'})
    expect(ws.H3).toMatchObject({t: 'b', v: true})
    expect(ws.H2).toMatchObject({t: 'b', v: false})
    expect(ws.A1).toMatchObject({t: 's', v: 'rank'})
  })

  it('neutralises formula text and keeps every other character as written', () => {
    const ws = wb.Sheets[wb.SheetNames[0]]
    top.rows.forEach((row, i) => {
      const cell = ws[`B${i + 2}`]
      expect(cell.t).toBe('s')
      expect(cell.f).toBeUndefined()
      expect(cell.v).toBe(safeCell(row.supplier as string))
    })
    expect(ws.B2.v).toBe(`'=HYPERLINK("http://x","click")`)
    expect(ws.B3.v).toBe("'-2+3")
    expect(ws.B4.v).toBe("'@cmd <b>&amp; _x0041_ \u0001")
  })

  it('freezes the header row of every sheet', () => {
    for (let i = 1; i <= 3; i++) {
      expect(part(bytes, `xl/worksheets/sheet${i}.xml`)).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/)
    }
  })

  it('has no dates or machine details in the package', () => {
    const names = Object.keys(unzipSync(bytes))
    expect(names.some((n) => n.startsWith('docProps/'))).toBe(false)
    const all = names.map((n) => part(bytes, n)).join('\n')
    expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}T|dcterms|creator/i)
    // Every zip entry carries the same fixed DOS time.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const times = new Set<number>()
    for (let at = 0; at < bytes.length - 4; at++) if (view.getUint32(at, true) === 0x04034b50) times.add(view.getUint32(at + 10, true))
    expect(times.size).toBe(1)
  })

  it('writes an empty workbook and letters past Z', () => {
    expect(read(xlsxBytes([])).SheetNames).toHaveLength(1)
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
  })

  it('gives identical bytes in any time zone and locale', async () => {
    const dir = tempDir('spendkit-xlsx-')
    const script = join(dir, 'write.mjs')
    buildSync({
      stdin: {
        contents: `import {xlsxBytes} from './src/io/write/xlsx.ts'\nprocess.stdout.write(Buffer.from(xlsxBytes(${JSON.stringify(sheets)})).toString('base64'))\n`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'silent',
    })
    const runs = await Promise.all(
      ([
        {TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8'},
        {TZ: 'America/Los_Angeles', LANG: 'C'},
        {TZ: 'Asia/Kathmandu', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8'},
      ] as Record<string, string>[]).map((env) => runProcess(process.execPath, [script], {env: {PATH: process.env.PATH ?? '', ...env}})),
    )
    for (const r of runs) expect(r.code, r.stderr).toBe(0)
    const expected = Buffer.from(xlsxBytes(sheets)).toString('base64')
    for (const r of runs) expect(r.stdout).toBe(expected)
  })
})
