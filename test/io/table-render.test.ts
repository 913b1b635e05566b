import {describe, expect, it} from 'vitest'
import type {ImportEntry} from '../../src/io/workspace/index.js'
import {importsViews, shownPath} from '../../src/io/write/imports-report.js'
import {terminalWidth} from '../../src/io/write/render.js'
import {fitRole, renderTable} from '../../src/io/write/table.js'
import {textWidth} from '../../src/io/write/text-width.js'
import type {View} from '../../src/io/write/view.js'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The text cells of each table line (between the │ borders). */
const cellsOf = (line: string) => line.split('│').slice(1, -1).map((c) => c.trim())

function render(views: View[], width: number) {
  const notes: string[] = []
  const text = renderTable(views, {width, color: false, note: (m) => notes.push(m)})
  return {text, lines: text.split('\n').filter((l) => l !== ''), notes}
}

const NAMES = [
  'Greater Manchester Combined Authority',
  '東京都港区役所 調達課 東京都港区役所 調達課',
  'Ærø Kommune — Løn og Bilag 😀 👨‍👩‍👧 𝒜𝒷𝒸𝒹 and more text here',
  'e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301 accents',
]

const topView = (rows: number): View => ({
  title: 'Top suppliers',
  columns: [
    {key: 'rank', header: '#', kind: 'int'},
    {key: 'buyer', header: 'buyer'},
    {key: 'supplier', header: 'supplier'},
    {key: 'currency', header: 'cur'},
    {key: 'amount', header: 'amount', kind: 'money'},
    {key: 'count', header: 'count', kind: 'int'},
    {key: 'share', header: 'share', kind: 'share'},
  ],
  rows: Array.from({length: rows}, (_, i) => ({
    rank: i + 1, buyer: NAMES[(i + 1) % NAMES.length], supplier: NAMES[i % NAMES.length], currency: 'GBP',
    amount: '123456789.01', count: 1000 + i, share: 0.1234,
  })),
})

describe('renderTable fits the terminal', () => {
  it('never draws a line wider than the terminal, keeps every line of a table the same width, never splits a character', () => {
    for (const width of [40, 60, 80, 100, 132, 200]) {
      const {lines} = render([topView(8)], width)
      const table = lines.slice(1) // the title is a plain line
      for (const line of table) {
        expect(textWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width)
        expect(textWidth(line)).toBe(textWidth(table[0]))
        expect(line).not.toMatch(LONE_SURROGATE)
      }
      // Money is never cut while it fits: every amount is there whole (cli-table3 did not cut a cell either).
      if (width >= 60) expect(table.filter((l) => l.includes('123,456,789.01')).length).toBe(8)
    }
  })

  it('leaves out optional columns with one note naming them and the way to see everything', () => {
    const view: View = {
      columns: [
        {key: 'id', header: 'id'},
        {key: 'file', header: 'file'},
        {key: 'format', header: 'format', drop: 2},
        {key: 'rejected', header: 'rejected', kind: 'int', drop: 1},
        {key: 'amount', header: 'total', kind: 'money'},
      ],
      rows: [{id: '0123456789ab', file: 'expenditure-over-500-apr-jun-2014.csv', format: 'csv', rejected: 0, amount: '1.00'}],
    }
    const narrow = render([view], 60)
    expect(narrow.notes).toEqual(['left out columns format, rejected to fit 60 characters; use --format csv to see every column'])
    expect(cellsOf(narrow.lines[1])).toEqual(['id', 'file', 'total'])
    expect(cellsOf(narrow.lines[3])[0]).toBe('0123456789ab')
    const wide = render([view], 120)
    expect(wide.notes).toEqual([])
    expect(cellsOf(wide.lines[1])).toEqual(['id', 'file', 'format', 'rejected', 'total'])
  })

  it('cuts names at the end and paths in the middle, with an ellipsis', () => {
    const view: View = {
      columns: [{key: 'id', header: 'id'}, {key: 'name', header: 'supplier'}, {key: 'file', header: 'file'}, {key: 'amount', header: 'amount', kind: 'money'}],
      rows: [{id: 'abcdef012345', name: 'A Very Long Supplier Name Limited Trading As Something Else', file: '../shared/realdata/uk-oxford-city-council-over500/expenditure-over-500-apr-jun-2014.csv', amount: '10.00'}],
    }
    const {lines} = render([view], 120)
    const [id, name, file] = cellsOf(lines[3])
    expect(id).toBe('abcdef012345')
    expect(name.endsWith('…') && view.rows[0].name!.toString().startsWith(name.slice(0, -1))).toBe(true)
    expect(file).toMatch(/^\.\.\/.*….*expenditure-over-500-apr-jun-2014\.csv$/)
    expect(fitRole(view.columns[0])).toBe('fixed')
    expect(fitRole(view.columns[1])).toBe('end')
    expect(fitRole(view.columns[2])).toBe('middle')
    expect(fitRole({key: 'when', header: 'date', kind: 'date'})).toBe('fixed')
    expect(fitRole({key: 'name', header: 'name', fit: 'id'})).toBe('fixed')
  })

  it('gives the same text for the same views every time', () => {
    expect(render([topView(20)], 80).text).toBe(render([topView(20)], 80).text)
  })
})

describe('terminalWidth', () => {
  it('takes COLUMNS first, then the TTY width, else 80', () => {
    expect(terminalWidth({COLUMNS: '120'}, 100)).toBe(120)
    expect(terminalWidth({}, 100)).toBe(100)
    expect(terminalWidth({}, undefined)).toBe(80)
    expect(terminalWidth({COLUMNS: 'wide'}, undefined)).toBe(80)
    expect(terminalWidth({COLUMNS: '0'}, 90)).toBe(90)
  })
})

describe('the imports view', () => {
  const entry = (p: Partial<ImportEntry> & {path?: string | null}): ImportEntry & {path?: string | null} => ({
    id: 'abcdef012345', file: 'a.csv', sha256: '0'.repeat(64), bytes: 1, format: 'csv',
    options: {buyer: null, currency: null, map: null, preset: null, ocds_level: null}, tool_version: '0.1.0',
    rows: {read: 1, imported: 1, rejected: 0, skipped: 0},
    totals: [{currency: 'GBP', source: '1.00', imported: '1.00', rejected: '0.00', source_minor: '100', imported_minor: '100', rejected_minor: '0'}],
    mapping: {}, files: [], parts: [], rejects: null, ...p,
  })
  const where = {workspace: '/p/proj/.spendkit', cwd: '/p/proj/sub'}

  it('shows the stored path (relative to the workspace) from the current directory, or the file as given before paths were stored', () => {
    expect(shownPath(entry({path: '../data/a.csv'}), where)).toBe('../data/a.csv')
    expect(shownPath(entry({path: '../../shared/b.csv'}), {...where, cwd: '/p/proj'})).toBe('../shared/b.csv')
    expect(shownPath(entry({path: null, file: '<stdin>'}), where)).toBe('')
    expect(shownPath(entry({file: '../shared/realdata/x/b.csv'}), where)).toBe('../shared/realdata/x/b.csv')
  })

  it('shows people the id, the file name and the path; scripts every stored field and the path', () => {
    const e = entry({file: '../shared/realdata/x/b.csv'})
    const views = importsViews([e, entry({id: 'bbbbbb012345', file: 'c.csv', path: '../c.csv'})], where)
    const human = views(true)[0]
    expect(human.columns.map((c) => c.header)).toEqual(['id', 'file', 'path', 'format', 'rows', 'rejected', 'cur', 'imported total'])
    expect(human.rows.map((r) => [r[human.columns[1].key], r.path])).toEqual([['b.csv', '../shared/realdata/x/b.csv'], ['c.csv', '../c.csv']])
    const machine = views(false)[0]
    expect(machine.columns.map((c) => c.key)).toEqual(['id', 'file', 'format', 'imported', 'rejected', 'currency', 'amount', 'path'])
    expect(machine.rows[0].file).toBe('../shared/realdata/x/b.csv')
  })
})
