/**
 * Terminal tables a person can read, on real published data: `spend imports`
 * and `spend top suppliers` rendered as tables (`--format table`: a test's
 * stdout is not a TTY) at the width COLUMNS gives.
 */
import {readdirSync} from 'node:fs'
import {join, relative} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {textWidth} from '../../src/io/write/text-width.js'
import {BIN, REALDATA, ROOT, runCli, tempDir} from '../helpers/cli.js'
import {runInPty, sh} from '../helpers/pty.js'
import {tempEnv} from '../helpers/temp.js'

const OXFORD = join(REALDATA, 'uk-oxford-city-council-over500')
let ws = ''

/** The cells of a table line, between its │ borders. */
const cellsOf = (line: string) => line.split('│').slice(1, -1).map((c) => c.trim())

/**
 * The header and the data rows of a table. A table whose rows wrap has a rule
 * between rows: each row's lines come back as one, their pieces joined by spaces.
 */
function parseTable(text: string): {header: string[]; rows: string[][]} {
  const blocks: string[][][] = [[]]
  // The first table only (top suppliers adds a second: the spend left out of the ranking).
  for (const line of text.split('\n')) {
    if (line.startsWith('└')) break
    if (line.startsWith('├')) blocks.push([])
    else if (line.startsWith('│')) blocks.at(-1)!.push(cellsOf(line))
  }
  const merge = (lines: string[][]) => lines[0].map((_, i) => lines.map((l) => l[i]).filter((x) => x !== '').join(' '))
  const [head, ...body] = blocks.filter((b) => b.length > 0)
  return {header: merge(head), rows: body.length === 1 ? body[0] : body.map(merge)}
}

const squash = (s: string) => s.replace(/\s+/g, '')
const files = () => readdirSync(OXFORD).filter((f) => f.endsWith('.csv'))

beforeAll(async () => {
  ws = tempDir('spendkit-tables-')
  // As a user types it, from the project folder: the stored file is the path as given.
  const r = await runCli(['import', relative(ROOT, OXFORD), '--workspace', ws])
  expect(r.code, r.stderr).toBe(0)
})

describe('spend imports as a table', () => {
  it('at 80 columns shows every id whole and tells the eight Oxford files apart', async () => {
    const list = JSON.parse((await runCli(['imports', '--workspace', ws, '--json'])).stdout) as {imports: {id: string; file: string}[]}
    const files = readdirSync(OXFORD).filter((f) => f.endsWith('.csv'))
    expect(list.imports).toHaveLength(files.length)
    const r = await runCli(['imports', '--workspace', ws, '--format', 'table'], {env: {COLUMNS: '80'}})
    expect(r.code).toBe(0)
    for (const line of r.stdout.split('\n')) expect(textWidth(line), line).toBeLessThanOrEqual(80)
    const {header, rows} = parseTable(r.stdout)
    const id = header.indexOf('id')
    const file = header.indexOf('file')
    expect(rows.map((row) => row[id]).sort()).toEqual(list.imports.map((e) => e.id).sort())
    // Each file cell is its own file's name, whole or cut in the middle, and no two look alike.
    const shown = rows.map((row) => row[file])
    expect(new Set(shown).size).toBe(files.length)
    for (const [i, row] of rows.entries()) {
      const name = list.imports.find((e) => e.id === row[id])!.file.split('/').pop()!
      const [head, tail] = shown[i].split('…')
      expect(name.startsWith(head) && name.endsWith(tail ?? '')).toBe(true)
    }
    // What had to go is said on stderr, with the way to see it all.
    const dropped = ['format', 'path', 'rejected'].filter((h) => !header.includes(h))
    expect(dropped.length).toBeGreaterThan(0)
    expect(r.stderr).toContain(`left out column${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')} to fit 80 characters`)
    expect(r.stderr).toContain('--format csv')
  })

  it('on a wide terminal shows the path of each file from the current directory, and leaves nothing out', async () => {
    const r = await runCli(['imports', '--workspace', ws, '--format', 'table'], {env: {COLUMNS: '220'}})
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const {header, rows} = parseTable(r.stdout)
    expect(header).toEqual(['id', 'file', 'path', 'format', 'rows', 'rejected', 'cur', 'imported total'])
    const paths = rows.map((row) => row[header.indexOf('path')]).sort()
    expect(paths).toEqual(readdirSync(OXFORD).filter((f) => f.endsWith('.csv')).map((f) => relative(ROOT, join(OXFORD, f))).sort())
    const csv = await runCli(['imports', '--workspace', ws, '--format', 'csv'], {env: {COLUMNS: '80'}})
    expect(csv.stdout.split('\n')[0]).toBe('id,file,format,imported,rejected,currency,amount,path')
  })
})

describe('on a terminal', () => {
  it('draws the table for the terminal\'s width, with no COLUMNS set', async () => {
    const env = {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', LANG: 'C', TERM: 'xterm', ...tempEnv()}
    const r = await runInPty(`${sh(process.execPath)} ${sh(BIN)} imports --workspace ${sh(ws)}`, env, 100)
    expect(r.code).toBe(0)
    const screen = r.screen.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '')
    const lines = screen.split('\n').filter((l) => l.startsWith('│'))
    expect(lines.length).toBeGreaterThan(files().length) // a table (the default on a terminal), a row per file
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(100)
    expect(Math.max(...lines.map(textWidth))).toBeGreaterThan(80)
    const {header, rows} = parseTable(screen)
    expect(new Set(rows.map((row) => row[header.indexOf('file')])).size).toBe(files().length)
  })
})

describe('spend top suppliers as a table', () => {
  it('at 80 columns keeps every buyer and supplier name, wrapping them when they do not fit beside each other', async () => {
    const args = ['top', 'suppliers', '--by', 'buyer', '--workspace', ws]
    const r = await runCli([...args, '--format', 'table'], {env: {COLUMNS: '80'}})
    expect(r.code).toBe(0)
    for (const line of r.stdout.split('\n')) expect(textWidth(line), line).toBeLessThanOrEqual(80)
    const json = JSON.parse((await runCli([...args, '--json'])).stdout) as {rows: {buyer: string; supplier: string | null; other: number | null}[]}
    const {header, rows} = parseTable(r.stdout)
    expect(rows).toHaveLength(json.rows.length)
    const supplier = header.indexOf('supplier')
    const buyer = header.indexOf('buyer')
    expect(rows.length).toBeGreaterThan(1)
    for (const [i, row] of rows.entries()) {
      expect(row[buyer]).toBe('Oxford City Council')
      const name = squash(json.rows[i].supplier ?? '')
      const cell = squash(row[supplier])
      // Names of up to 40 characters are whole; a longer one may end cut after several lines.
      if (json.rows[i].other !== null) continue
      if ((json.rows[i].supplier ?? '').length <= 40) expect(cell).toBe(name)
      else expect(cell === name || (cell.endsWith('…') && name.startsWith(cell.slice(0, -1)))).toBe(true)
    }
  })

  it('uses the width COLUMNS gives', async () => {
    const widths = async (columns: string) => {
      const r = await runCli(['top', 'suppliers', '--workspace', ws, '--format', 'table'], {env: {COLUMNS: columns}})
      expect(r.code).toBe(0)
      return r.stdout.split('\n').filter((l) => l.startsWith('│')).map(textWidth)
    }
    expect(Math.max(...(await widths('60')))).toBeLessThanOrEqual(60)
    const wide = await widths('200')
    expect(Math.max(...wide)).toBeGreaterThan(80) // the longest names need more than 80 and get it
    expect(Math.max(...wide)).toBeLessThanOrEqual(200)
  })
})
