/**
 * The analyses as a user meets them (issue 8): one rule for names in the
 * filters and in profile, a note (or with --fail-empty an error) when the
 * filters match no row, undated spend in trend as a line of its own, one
 * rounding of shares in every output, and one currency column in the cube.
 */
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {shareJson, shareText} from '../../src/analysis/json.js'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {check, loadSchema} from '../contracts/schema-check.js'

const CPV = fixture('analysis/cpv-two-currencies.csv')
type Json = Record<string, any>

let dir = ''
let ws = ''
let undated = ''
let span: {from: string; to: string}

const run = (args: string[]) => runCli([...args, '--workspace', ws])
const json = async (args: string[]): Promise<Json> => {
  const r = await run([...args, '--json'])
  expect(r.code, r.stdout + r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

beforeAll(async () => {
  dir = tempDir()
  ws = join(dir, 'ws')
  expect((await runCli(['import', CPV, '--workspace', ws])).code).toBe(0)
  const s = await json(['summary'])
  span = {from: s.from, to: s.to}
  // Like Oxford's 2014: one quarter's rows have no usable date.
  undated = join(dir, 'undated.csv')
  writeFileSync(undated, [
    'Buyer,Supplier,Date,Amount,Currency',
    'Alpha Council,ACME Ltd,2024-01-15,400.00,GBP',
    'Alpha Council,ACME Ltd,,900.00,GBP',
    'Alpha Council,Beta Systems plc,,100.00,GBP',
    'Alpha Council,Beta Systems plc,2024-08-01,500.00,GBP',
    'Alpha Council,ACME Ltd,2024-11-01,1000.00,GBP',
    '',
  ].join('\n'))
})

afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('one rule for names', () => {
  it('finds a buyer by a unique substring in the filters as in profile, with the same rows', async () => {
    const byFilter = await json(['cube', '--by', 'buyer', '--buyer', 'alpha'])
    expect(byFilter.rows.map((r: Json) => r.buyer)).toEqual(['Alpha Council'])
    const profile = await json(['profile', 'buyer', 'alpha'])
    expect(profile.name).toBe('Alpha Council')
    expect(profile.totals.map((t: Json) => [t.currency, t.amount, t.count])).toEqual(byFilter.rows.map((r: Json) => [r.currency, r.amount, r.count]))
    const spaced = await json(['cube', '--by', 'buyer', '--buyer', '  ALPHA   council '])
    expect(spaced.rows).toEqual(byFilter.rows)
  })

  it('refuses an ambiguous name with one line listing candidates, exit 1', async () => {
    for (const args of [['cube', '--by', 'buyer', '--buyer', 'council'], ['profile', 'buyer', 'council']]) {
      const r = await run(args)
      expect(r.code).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(/^spend: error: (--)?buyer: "council" matches 2 buyers: Alpha Council \(.+\), Bravo Council \(.+\) \(give the id or more of the name\)\n$/)
    }
  })

  it('answers a typo with the nearest names, in text and in JSON', async () => {
    const r = await run(['top', 'suppliers', '--supplier', 'ACME Ltdd'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('spend: error: --supplier: No supplier matches "ACME Ltdd" (did you mean "ACME Ltd"?)\n')
    const p = await run(['profile', 'supplier', 'Gama Works', '--json'])
    expect(p.code).toBe(1)
    expect(JSON.parse(p.stdout).error).toEqual({code: 'UNKNOWN_NAME', message: 'supplier: No supplier matches "Gama Works" (did you mean "Gamma Works Ltd"?)', exit: 1})
  })
})

describe('filters that match no row', () => {
  const commands = [
    ['cube', '--by', 'buyer'], ['top', 'suppliers'], ['pareto'], ['concentration'], ['trend'],
    ['profile', 'buyer', 'Alpha Council'], ['profile', 'supplier', 'ACME Ltd'],
  ]

  it('say so on stderr, naming the filters and the dates the workspace has, and exit 0', async () => {
    for (const args of commands) {
      const r = await run([...args, '--from', '2030', '--format', 'csv'])
      expect(r.code, args.join(' ')).toBe(0)
      expect(r.stderr).toBe(`spend: no rows match --from 2030 (the workspace has ${span.from} to ${span.to})\n`)
    }
    const two = await run(['cube', '--by', 'buyer', '--buyer', 'Alpha Council', '--currency', 'EUR'])
    expect(two.code).toBe(0)
    expect(two.stderr).toBe('spend: no rows match --buyer "Alpha Council" --currency EUR (the workspace has 8 rows)\n')
    expect(two.stdout).toBe('buyer,buyer_id,currency,amount,count,share,share_total\n')
  })

  it('keep the normal empty result under --json, and say nothing when rows match', async () => {
    const out = await json(['cube', '--by', 'buyer', '--from', '2030'])
    expect(out).toMatchObject({by: ['buyer'], rows: []})
    const some = await run(['cube', '--by', 'buyer', '--from', '2024'])
    expect(some.stderr).toBe('')
  })

  it('are an error with --fail-empty on every analysis (exit 1, the same message), in text and JSON', async () => {
    for (const args of commands) {
      const r = await run([...args, '--from', '2030', '--fail-empty'])
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toBe(`spend: error: no rows match --from 2030 (the workspace has ${span.from} to ${span.to})\n`)
      const help = await runCli([...args.slice(0, args[0] === 'profile' ? 2 : 1), '--help'])
      expect(help.stdout).toContain('--fail-empty')
    }
    const j = await run(['trend', '--to', '2001', '--fail-empty', '--json'])
    expect(j.code).toBe(1)
    expect(JSON.parse(j.stdout).error).toMatchObject({code: 'NO_ROWS', exit: 1})
    expect((await run(['trend', '--fail-empty'])).code).toBe(0)
  })

  it('fail on an empty workspace with --fail-empty', async () => {
    // An existing folder with nothing imported yet (a folder that does not exist is its own error).
    const empty = join(dir, 'empty')
    mkdirSync(empty)
    const r = await runCli(['cube', '--by', 'buyer', '--workspace', empty, '--fail-empty'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^spend: error: workspace .* has no imports yet/)
  })
})

describe('trend with undated rows', () => {
  it('gives undated spend its own line, never a zero period nor a change', async () => {
    const r = await runCli(['trend', '--every', 'quarter', '--file', undated, '--format', 'csv'])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe([
      'currency,period,amount,count,change,change_pct,yoy,yoy_pct',
      'GBP,2024-Q1,400.00,1,,,,',
      'GBP,2024-Q2,0.00,0,,,,',
      'GBP,2024-Q3,500.00,1,,,,',
      'GBP,2024-Q4,1000.00,1,500.00,1,,',
      'GBP,,1000.00,2,,,,',
      '',
    ].join('\n'))
    const table = await runCli(['trend', '--every', 'quarter', '--file', undated, '--format', 'md'])
    expect(table.stdout).toContain('| GBP | undated | 1,000.00 | 2 |  |  |')
    expect(table.stdout).not.toContain('-100.0%')
    const out = JSON.parse((await runCli(['trend', '--every', 'quarter', '--file', undated, '--json'])).stdout)
    expect(out.undated).toEqual([{currency: 'GBP', period: null, amount: '1000.00', count: 2}])
    expect(check(loadSchema('trend'), out)).toEqual([])
    const byBuyer = JSON.parse((await runCli(['trend', '--by', 'supplier', '--file', undated, '--json'])).stdout)
    expect(check(loadSchema('trend'), byBuyer)).toEqual([])
    expect(byBuyer.undated.map((u: Json) => [u.supplier, u.period, u.amount])).toEqual([['ACME Ltd', null, '900.00'], ['Beta Systems plc', null, '100.00']])
  })
})

/** Fields holding a share in some command's JSON or CSV. */
const SHARE_KEYS = new Set(['share', 'share_total', 'share_of_counterpart', 'cr1', 'cr3', 'cr5', 'change_pct', 'yoy_pct', 'cumulative', 'tail_share'])

function sharesIn(value: unknown, out: number[] = []): number[] {
  if (Array.isArray(value)) for (const v of value) sharesIn(v, out)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (SHARE_KEYS.has(k) && typeof v === 'number') out.push(v)
      else sharesIn(v, out)
    }
  }
  return out
}

describe('one rule for shares', () => {
  const commands = [
    ['cube', '--by', 'buyer,supplier', '--rollup'], ['top', 'suppliers'], ['pareto', '--detail'], ['concentration', '--by', 'buyer'],
    ['trend', '--every', 'quarter'], ['profile', 'buyer', 'Alpha Council'], ['profile', 'supplier', 'ACME Ltd'],
  ]

  it('rounds every share of every command the same way in JSON, CSV and TSV', async () => {
    let checked = 0
    for (const args of commands) {
      const shares = sharesIn(await json(args))
      expect(shares.length, args.join(' ')).toBeGreaterThan(0)
      for (const v of shares) expect(shareJson(v), args.join(' ')).toBe(v)
      for (const [format, d] of [['csv', ','], ['tsv', '\t']] as const) {
        const r = await run([...args, '--format', format])
        expect(r.code).toBe(0)
        const [header, ...lines] = r.stdout.replace(/\n$/, '').split('\n')
        const cols = header.split(d).flatMap((h, i) => (SHARE_KEYS.has(h) ? [i] : []))
        expect(cols.length, `${args.join(' ')} ${format}`).toBeGreaterThan(0)
        for (const line of lines) {
          // The fixture's names hold no delimiter, so a plain split finds the cells.
          const cells = line.split(d)
          for (const i of cols) {
            const cell = cells[i].replace(/^'/, '')
            if (cell === '') continue
            expect(shareText(Number(cell)), `${args.join(' ')} ${format}: ${line}`).toBe(cell)
            checked++
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(50)
  })

  it('prints the profile\'s shares as the cube does', async () => {
    const csv = (await run(['profile', 'supplier', 'ACME Ltd', '--format', 'csv'])).stdout
    const buyers = (await json(['profile', 'supplier', 'ACME Ltd'])).counterparts as Json[]
    for (const b of buyers) expect(csv).toContain(`,${b.amount},${b.count},${b.share},${b.share_of_counterpart}\n`)
    expect(buyers.map((b) => b.share)).toContain(0.857143)
  })
})

describe('cube --by currency', () => {
  it('writes the currency column once, alone or with other dimensions', async () => {
    const alone = await run(['cube', '--by', 'currency', '--format', 'csv'])
    expect(alone.stdout.split('\n')[0]).toBe('currency,amount,count,share,share_total')
    const total = await json(['cube', '--by', 'currency'])
    expect(total.by).toEqual(['currency'])
    expect(total.rows.map((r: Json) => r.currency)).toEqual(['EUR', 'GBP'])
    for (const by of ['year,currency', 'currency,year']) {
      const r = await run(['cube', '--by', by, '--rollup', '--format', 'tsv'])
      const [header, ...lines] = r.stdout.trimEnd().split('\n')
      expect(header).toBe('year\tcurrency\tamount\tcount\tshare\tshare_total\trollup')
      expect(new Set(lines).size).toBe(lines.length)
      expect(lines).toEqual((await run(['cube', '--by', 'year', '--rollup', '--format', 'tsv'])).stdout.trimEnd().split('\n').slice(1))
    }
  })
})
