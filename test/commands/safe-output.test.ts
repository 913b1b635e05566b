import Papa from 'papaparse'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {reportHtml} from '../../src/io/write/report/html.js'

// Supplier names that are markup or spreadsheet formulas (fixtures/cli/hostile-names.csv).
const FILE = fixture('cli/hostile-names.csv')
const names = Papa.parse<string[]>(readFileSync(FILE, 'utf8').trim()).data.slice(1).map((r) => r[0].trim())
const FORMULA = /^[=+\-@\t\r]/
const isNumber = (s: string) => /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s)

let ws = ''
beforeAll(async () => {
  ws = tempDir()
  const r = await runCli(['import', FILE, '--workspace', ws, '--currency', 'GBP', '--buyer', 'Test <b>Council</b>'])
  expect(r.code, r.stderr).toBe(0)
})

/** Parse CSV/TSV output and check every cell: formula leads neutralised, numbers left as numbers. */
function checkDelimited(out: string, delimiter: ',' | '\t'): string[][] {
  const rows = Papa.parse<string[]>(out.trimEnd(), {delimiter}).data
  for (const row of rows) for (const cell of row) {
    if (FORMULA.test(cell)) expect(isNumber(cell), `cell ${JSON.stringify(cell)} is neither neutralised nor a number`).toBe(true)
  }
  return rows
}

describe('hostile supplier names in every output', () => {
  it('spend top suppliers --format md shows markup as text, and --format csv neutralises formulas', async () => {
    const md = await runCli(['top', 'suppliers', '--workspace', ws, '--format', 'md'])
    expect(md.code, md.stderr).toBe(0)
    expect(md.stdout).not.toMatch(/<img|<script|<b>/i)
    expect(md.stdout).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(md.stdout).toContain('&lt;script&gt;x&lt;/script&gt;')

    const csv = await runCli(['top', 'suppliers', '--workspace', ws, '--format', 'csv'])
    expect(csv.code, csv.stderr).toBe(0)
    const rows = checkDelimited(csv.stdout, ',')
    const col = rows[0].indexOf('supplier')
    const suppliers = rows.slice(1).map((r) => r[col])
    expect(suppliers).toContain(`'=HYPERLINK("http://x")`)
    expect(suppliers).toContain(`'@cmd`)
    expect(suppliers).toContain(`'+SUM(1)`)
    expect(suppliers).toContain(`'-2+3`)
    expect(suppliers).toContain('<img src=x onerror=alert(1)>')
    // Every name comes back as published once the quote is taken off.
    expect(suppliers.map((s) => (s.startsWith("'") ? s.slice(1) : s)).sort()).toEqual([...names].sort())
    const amount = rows[0].indexOf('amount')
    expect(rows.slice(1).map((r) => r[amount])).toContain('-12.50')
  })

  it('rows, cube, summary, profiles and pareto neutralise in CSV and TSV and escape in Markdown', async () => {
    for (const args of [['rows'], ['rows', '--raw'], ['cube', '--by', 'supplier'], ['summary'], ['top', 'buyers'], ['profile', 'buyer', 'Test <b>Council</b>'], ['pareto']]) {
      for (const format of ['csv', 'tsv'] as const) {
        const r = await runCli([...args, '--workspace', ws, '--format', format])
        expect(r.code, `${args} ${format}: ${r.stderr}`).toBe(0)
        checkDelimited(r.stdout, format === 'csv' ? ',' : '\t')
      }
      const md = await runCli([...args, '--workspace', ws, '--format', 'md'])
      expect(md.code, `${args} md: ${md.stderr}`).toBe(0)
      expect(md.stdout, `${args} md`).not.toMatch(/<img|<script|<b>/i)
    }
  })

  it('a chart as spend draws it goes into the report page as it is, with hostile labels as text', async () => {
    const file = join(ws, 'top.svg')
    const r = await runCli(['top', 'suppliers', '--workspace', ws, '--chart', file])
    expect(r.code, r.stderr).toBe(0)
    const svg = readFileSync(file, 'utf8')
    const chart = {name: 'top', title: 'Top suppliers', description: 'Top suppliers.', spec: {}}
    const html = reportHtml({title: 'T', subtitle: [], sections: [{id: 's', title: 'S', tables: [], charts: [{chart, svg: 'charts/top.svg', png: 'charts/top.png'}]}]}, {'charts/top.svg': svg})
    expect(html).toContain(svg.trim())
    expect(html).not.toMatch(/<img|<script/i)
  })
})
