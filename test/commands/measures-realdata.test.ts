/**
 * What the numbers mean, on published files (../shared/realdata):
 * - Trafford: `Redacted` is 16.4% of spend; it is no longer a supplier in
 *   top, pareto, concentration, summary or profile ranks, and the amount left
 *   out plus the identified amounts equal the total exactly;
 *   --redacted-as-supplier gives the old figures, --exclude-redacted drops it.
 * - Oxford: `profile buyer` labels its undated year, and its "(N more)" line
 *   carries the exact rest; ranks name their currency.
 */
import {rmSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {Workspace} from '../../src/io/workspace/index.js'
import type {BoolColumn, DictColumn, NumColumn} from '../../src/model/frame.js'
import {REALDATA, runCli, tempDir} from '../helpers/cli.js'

 
type Json = Record<string, any>
const TRAFFORD = join(REALDATA, 'uk-trafford-council-supplier-spend', 'trafford-supplier-spend-2024-25.zip')
const OXFORD = join(REALDATA, 'uk-oxford-city-council-over500')
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true})
})

/** Exact minor units of a 2-decimal amount string. */
const minor = (amount: string): bigint => {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(amount)
  if (!m) throw new Error(`not an amount: ${amount}`)
  return (m[1] ? -1n : 1n) * (BigInt(m[2]) * 100n + BigInt(m[3]))
}

async function json(args: string[], ws: string): Promise<Json> {
  const r = await runCli([...args, '--workspace', ws, '--json'])
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0)
  return JSON.parse(r.stdout) as Json
}

describe('Trafford: redacted suppliers are not one supplier', () => {
  let ws = ''
  /** From the workspace rows, the plain way: redacted spend and the distinct identified keys and names. */
  const plain = {redacted: 0n, total: 0n, redactedRows: 0, keys: new Set<string>(), names: new Set<string>(), allKeys: new Set<string>(), allNames: new Set<string>()}
  beforeAll(async () => {
    ws = tempDir('spendkit-measures-')
    dirs.push(ws)
    expect((await runCli(['import', TRAFFORD, '--workspace', ws])).code).toBe(0)
    const f = await new Workspace(ws).loadFrame(['amount', 'redacted', 'supplier_key', 'supplier'])
    const amount = (f.columns.amount as NumColumn).values
    const red = (f.columns.redacted as BoolColumn).values
    const key = f.columns.supplier_key as DictColumn
    const name = f.columns.supplier as DictColumn
    for (let i = 0; i < f.length; i++) {
      const k = key.dict[key.codes[i]]
      const n = name.dict[name.codes[i]].toLowerCase()
      plain.total += BigInt(amount[i])
      plain.allKeys.add(k)
      plain.allNames.add(n)
      if (red[i]) {
        plain.redacted += BigInt(amount[i])
        plain.redactedRows++
      } else {
        plain.keys.add(k)
        plain.names.add(n)
      }
    }
  })

  it('top suppliers: Redacted is not ranked; ranked rows plus the amount left out equal the total exactly', async () => {
    const t = await json(['top', 'suppliers', '--top', '1000000'], ws)
    expect(t.rows.map((r: Json) => r.supplier_key)).not.toContain('redacted')
    expect(t.rows).toHaveLength(plain.keys.size)
    expect(t.unidentified_suppliers).toBe('left-out')
    expect(t.unidentified).toHaveLength(1)
    const left = t.unidentified[0]
    expect([minor(left.amount), left.count]).toEqual([plain.redacted, plain.redactedRows])
    const ranked = t.rows.reduce((a: bigint, r: Json) => a + minor(r.amount), 0n)
    expect(ranked + minor(left.amount)).toBe(plain.total)
    const s = await json(['summary'], ws)
    expect(minor(s.totals[0].amount)).toBe(plain.total)
  })

  it('concentration: CR1 is no longer set by Redacted; --redacted-as-supplier gives the old 16.4%', async () => {
    const top1 = (await json(['top', 'suppliers', '--top', '1'], ws)).rows[0]
    const c = (await json(['concentration', '--by', 'buyer'], ws)).rows[0]
    expect(minor(c.amount)).toBe(plain.total)
    expect(c.suppliers).toBeLessThanOrEqual(plain.keys.size)
    // CR1 is the largest identified supplier's share (of positive identified spend, so close to its share of identified spend).
    expect(top1.supplier_key).not.toBe('redacted')
    expect(c.cr1).toBeCloseTo(Number(minor(top1.amount)) / Number(plain.total - plain.redacted), 4)
    expect([minor(c.unidentified.amount), c.unidentified.count]).toEqual([plain.redacted, plain.redactedRows])
    const old = (await json(['concentration', '--by', 'buyer', '--redacted-as-supplier'], ws)).rows[0]
    expect(old.cr1).toBeCloseTo(Number(plain.redacted) / Number(plain.total), 5)
    expect(old.cr1).toBeGreaterThan(c.cr1)
    expect(old.unidentified.count).toBe(0)
  })

  it('pareto: classes of identified suppliers; their amounts plus the left-out amount equal the total', async () => {
    const p = await json(['pareto'], ws)
    const g = p.groups[0]
    expect(g.suppliers).toBe(plain.keys.size)
    expect(minor(g.amount)).toBe(plain.total)
    const classes = p.rows.reduce((a: bigint, r: Json) => a + minor(r.amount), 0n)
    expect(classes + minor(g.unidentified.amount)).toBe(plain.total)
  })

  it('summary: suppliers (entities) and supplier names (case-folded) leave out Redacted, and say so', async () => {
    const s = await json(['summary'], ws)
    expect([s.suppliers, s.supplier_names]).toEqual([plain.keys.size, plain.names.size])
    expect(s.unidentified).toEqual([expect.objectContaining({currency: 'GBP', amount: expect.any(String), count: plain.redactedRows})])
    expect(minor(s.unidentified[0].amount)).toBe(plain.redacted)
    expect(s.supplier_rule.suppliers).toMatch(/id .*else the name normalised/)
    const old = await json(['summary', '--redacted-as-supplier'], ws)
    // The counts before (2,253 entities against 2,327 case-folded names on this file), now both named.
    expect([old.suppliers, old.supplier_names]).toEqual([plain.allKeys.size, plain.allNames.size])
    const table = await runCli(['summary', '--workspace', ws, '--format', 'table'])
    expect(table.stdout).toMatch(/Supplier names \*/)
    expect(table.stdout).toMatch(/\* Suppliers: distinct entities: the supplier id when the file gives one/)
  })

  it('--exclude-redacted drops the rows from everything, totals included', async () => {
    const s = await json(['summary', '--exclude-redacted'], ws)
    expect(minor(s.totals[0].amount)).toBe(plain.total - plain.redacted)
    expect(s.suppliers).toBe(plain.keys.size)
    expect(s.unidentified_suppliers).toBe('excluded')
    expect(s.filters).toEqual({exclude_redacted: true})
    const t = await json(['top', 'suppliers', '--exclude-redacted'], ws)
    expect(t.unidentified).toEqual([])
  })

  it('profile: a supplier ranks among identified suppliers; "Redacted" still works and is not ranked', async () => {
    const top1 = (await json(['top', 'suppliers', '--top', '1'], ws)).rows[0]
    const p = await json(['profile', 'supplier', top1.supplier_key], ws)
    expect(p.totals[0]).toMatchObject({currency: 'GBP', rank: 1, of: plain.keys.size})
    const r = await json(['profile', 'supplier', 'Redacted'], ws)
    expect(r).toMatchObject({id: 'redacted', unidentified: true})
    expect(r.totals[0]).toMatchObject({rank: null, of: plain.keys.size})
    expect(minor(r.totals[0].amount)).toBe(plain.redacted)
    const table = await runCli(['profile', 'supplier', 'Redacted', '--workspace', ws, '--format', 'table'])
    expect(table.stdout).toMatch(/Rank +│ not ranked: many payees/)
    expect(table.stdout).toMatch(/redacted or blank names \(many unknown payees\)/)
    // A buyer's supplier list keeps them (the lines add up to the buyer's total) as one plainly named line.
    const buyer = await json(['profile', 'buyer', 'Trafford Council'], ws)
    const line = buyer.counterparts.find((c: Json) => c.supplier_key === 'redacted')
    expect(minor(line.amount)).toBe(plain.redacted)
    const md = (await runCli(['profile', 'buyer', 'Trafford Council', '--workspace', ws, '--format', 'md'])).stdout
    expect(md).toMatch(/^\| \(redacted or blank\) \| GBP \|/m)
  })

  it('cube --by supplier keeps the redacted row, marked, so the cube still adds up', async () => {
    const c = await json(['cube', '--by', 'supplier'], ws)
    const marked = c.rows.filter((r: Json) => r.unidentified === true)
    expect(marked.map((r: Json) => [r.supplier_key, minor(r.amount)])).toEqual([['redacted', plain.redacted]])
    expect(c.rows.reduce((a: bigint, r: Json) => a + minor(r.amount), 0n)).toBe(plain.total)
    const table = await runCli(['cube', '--by', 'supplier', '--top', '3', '--workspace', ws, '--format', 'table'])
    expect(table.stdout).toMatch(/│ \(redacted or blank\) +│ GBP/)
  })

  it('tells scripts reading CSV, on stderr, what the ranking left out', async () => {
    const r = await runCli(['top', 'suppliers', '--workspace', ws])
    expect(r.code).toBe(0)
    expect(r.stdout).not.toMatch(/^\d+,Redacted,/m)
    const group = (v: string) => v.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
    const amount = `${group(String(plain.redacted / 100n))}.${String(plain.redacted % 100n).padStart(2, '0')}`
    const share = `${((Number(plain.redacted) / Number(plain.total)) * 100).toFixed(1)}%`
    expect(r.stderr).toMatch(/^left out of the ranking: redacted or blank suppliers /m)
    expect(r.stderr).toContain(`GBP ${amount} in ${group(String(plain.redactedRows))} payments (${share} of GBP spend)`)
  })
})

describe('Oxford: profile buyer for people', () => {
  let ws = ''
  beforeAll(async () => {
    ws = tempDir('spendkit-measures-')
    dirs.push(ws)
    expect((await runCli(['import', OXFORD, '--workspace', ws])).code).toBe(0)
  })

  it('labels undated spend "undated" (null year in JSON), never a blank row', async () => {
    const p = await json(['profile', 'buyer', 'Oxford City Council'], ws)
    const undated = p.years.filter((y: Json) => y.year === null)
    expect(undated).toHaveLength(1)
    expect(p.years.every((y: Json) => y.year === null || /^\d{4}$/.test(y.year))).toBe(true)
    const md = (await runCli(['profile', 'buyer', 'Oxford City Council', '--workspace', ws, '--format', 'md'])).stdout
    expect(md).toContain(`| undated | GBP | ${undated[0].amount.replace(/\B(?=(\d{3})+(?!\d))/g, ',')} |`)
    expect(md).not.toMatch(/^\|\s+\| GBP \|/m)
  })

  it('gives the "(N more)" line the exact amount and payments of the rest, and the rank its currency', async () => {
    const p = await json(['profile', 'buyer', 'Oxford City Council'], ws)
    const rest = p.counterparts.slice(10)
    const amount = rest.reduce((a: bigint, c: Json) => a + minor(c.amount), 0n)
    const count = rest.reduce((a: number, c: Json) => a + c.count, 0)
    const group = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
    const text = `${amount / 100n}.${String(amount % 100n).padStart(2, '0')}`
    const md = (await runCli(['profile', 'buyer', 'Oxford City Council', '--workspace', ws, '--format', 'md'])).stdout
    expect(md).toContain(`| (${group(String(rest.length))} more) | GBP | ${group(text)} | ${group(String(count))} |`)
    const shown = p.counterparts.slice(0, 10).reduce((a: bigint, c: Json) => a + minor(c.amount), 0n)
    expect(shown + amount).toBe(minor(p.totals[0].amount))
    expect(md).toMatch(/\| Rank \| 1 of 1 GBP buyers \|/)
  })
})
