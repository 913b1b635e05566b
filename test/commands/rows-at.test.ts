/**
 * `spend rows --at IMPORT:LINE` (and --at-file, - for stdin): exactly the
 * records of those lines, in the order given or by --sort; an unknown
 * import, a line with no record or a malformed reference is one line naming
 * it (exit 1, or 2 for a malformed flag). Also `spend summary`'s identical
 * rows, end to end.
 */
import {rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {check, loadSchema} from '../contracts/schema-check.js'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

type Row = Record<string, any>

let ws = ''
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true})
})

let all: Row[] = []
let ids: string[] = []
beforeAll(async () => {
  ws = tempDir('spendkit-rows-at-')
  dirs.push(ws)
  const r = await runCli(['import', fixture('demo'), fixture('cli/uk-25k-small.csv'), '--workspace', ws])
  expect(r.code, r.stderr).toBe(0)
  all = (await json(['rows', '--sort', 'file'])).rows
  ids = [...new Set(all.map((x) => x.import as string))]
  expect(ids.length).toBeGreaterThan(1)
})

async function json(args: string[], input?: string): Promise<Row> {
  const r = await runCli([...args, '--workspace', ws, '--json'], {input})
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

const ref = (x: Row) => `${x.import}:${x.line}`

describe('spend rows --at', () => {
  it('lists exactly the lines asked for, in the order given, from flags and comma lists', async () => {
    const want = [all[all.length - 1], all[0], all[Math.floor(all.length / 2)]]
    const out = await json(['rows', '--at', `${ref(want[0])},${ref(want[1])}`, '--at', ref(want[2]), '--at', ref(want[0])])
    expect(check(loadSchema('rows'), out)).toEqual([])
    expect(out.sort).toBe('at')
    expect(out.rows.map(ref)).toEqual(want.map(ref))
    expect(out.rows).toEqual(want)
    expect(out.count).toBe(3)
  })

  it('orders them by --sort when given, and accepts a unique id prefix', async () => {
    const want = [all[3], all[1], all[2]]
    const out = await json(['rows', '--at', want.map((x) => `${x.import.slice(0, 8)}:${x.line}`).join(','), '--sort', 'file'])
    expect(out.sort).toBe('file')
    expect(out.rows.map(ref)).toEqual([all[1], all[2], all[3]].map(ref))
  })

  it('reads IMPORT:LINE lines from a file and from standard input (blank lines skipped)', async () => {
    const want = [all[5], all[2]]
    const file = join(ws, 'lines.txt')
    writeFileSync(file, `${ref(want[0])}\r\n\r\n${ref(want[1])}\n`)
    expect((await json(['rows', '--at-file', file])).rows.map(ref)).toEqual(want.map(ref))
    expect((await json(['rows', '--at-file', '-'], `${ref(want[1])}\n${ref(want[0])}\n`)).rows.map(ref)).toEqual([want[1], want[0]].map(ref))
  })

  it('names an unknown import, a line with no record and a malformed reference in one line', async () => {
    const first = all[0]
    const cases: [string[], number, RegExp][] = [
      [['--at', 'ffffffffffff:2'], 1, /^spend: error: --at: no import "ffffffffffff" in the workspace \(spend imports lists the import ids\)\n$/],
      [['--at', `${first.import}:1`], 1, new RegExp(`^spend: error: --at: import ${first.import} has no record at line 1 \\(`)],
      [['--at', `${first.import}:0`], 2, /^spend: error: --at: "[0-9a-f]+:0" is not IMPORT:LINE/],
      [['--at', 'oops'], 2, /^spend: error: --at: "oops" is not IMPORT:LINE/],
    ]
    for (const [args, exit, message] of cases) {
      const r = await runCli(['rows', ...args, '--workspace', ws])
      expect(r.code, args.join(' ')).toBe(exit)
      expect(r.stderr, args.join(' ')).toMatch(message)
      expect(r.stdout).toBe('')
    }
    const file = join(ws, 'bad.txt')
    writeFileSync(file, `${ref(first)}\nnot a ref\n`)
    const r = await runCli(['rows', '--at-file', file, '--workspace', ws])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(new RegExp(`^spend: error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: "not a ref" is not IMPORT:LINE`))
  })
})

describe('spend summary: identical rows', () => {
  it('counts rows identical on every canonical field, per import, and states the rule in every view', async () => {
    const dir = tempDir('spendkit-summary-identical-')
    dirs.push(dir)
    const file = join(dir, 'spend.csv')
    const line = 'DfE,Department for Education,03/04/2024,Consultancy,Schools,ACME Consulting Ltd,T1001,"26,500.00"'
    const head = 'Department Family,Entity,Date,Expense Type,Expense Area,Supplier,Transaction Number,Amount'
    // Lines 2-4 are one line three times; line 5 differs only in its transaction number, line 6 in its amount.
    writeFileSync(file, [head, line, line, line, line.replace('T1001', 'T1002'), line.replace('26,500.00', '26,500.01'), ''].join('\n'))
    const ws2 = join(dir, 'ws')
    expect((await runCli(['import', file, '--workspace', ws2])).code).toBe(0)
    const r = await runCli(['summary', '--workspace', ws2, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const s = JSON.parse(r.stdout)
    expect(check(loadSchema('summary'), s)).toEqual([])
    expect([s.identical_rows, s.identical_groups]).toEqual([2, 1])
    expect(s.per_import.map((i: Row) => [i.identical_rows, i.identical_groups])).toEqual([[2, 1]])
    expect(s.identical_rule).toMatch(/^identical canonical fields: buyer, unit, supplier as published, ids, date, amount/)
    const table = await runCli(['summary', '--workspace', ws2, '--format', 'table'])
    expect(table.stdout).toMatch(/Identical rows \*[\s│|]+2 \(in 1 group\)/)
    expect(table.stdout).toContain('* Identical rows: rows identical to an earlier one on every canonical')
    const csv = (await runCli(['summary', '--workspace', ws2, '--format', 'csv'])).stdout.split('\n')
    const header = csv[0].split(',')
    expect(header.slice(-2)).toEqual(['identical_rows', 'identical_groups'])
    expect(csv[1].split(',').slice(-2)).toEqual(['2', '1'])
  })
})
