/**
 * Classification end to end (issue 11): `spend classify apply` stores a
 * rules set, later imports are classified at load with no second step,
 * `--by category` is the classified CPV category while `--by expense_type`
 * stays as published, `spend classify` reports coverage per buyer and
 * `classify suggest` the unclassified texts by spend.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {check, loadSchema} from '../contracts/schema-check.js'

type Json = Record<string, any>

const ASHBURY = fixture('demo/uk-ashbury-vale-spend-over-500-2023-q1.csv')
const BRACKENRIDGE = fixture('demo/uk-brackenridge-spend-over-500-2023.csv')
const HEADER = 'buyer,field,scheme,match,pattern,cpv,note'

let dir = ''
let ws = ''
let rules = ''

const run = (args: string[]) => runCli([...args, '--workspace', ws])
async function json(args: string[]): Promise<Json> {
  const r = await run([...args, '--json'])
  expect(r.code, r.stdout + r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

/** A column of a fixture's rows, read from its CSV (no quoted cells in these files). */
function column(file: string, name: string): string[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n')
  const at = header.split(',').indexOf(name)
  return lines.map((l) => l.split(',')[at])
}

beforeAll(async () => {
  dir = tempDir()
  ws = join(dir, 'ws')
  rules = join(dir, 'rules.csv')
  writeFileSync(rules, `${HEADER}\n,expense_type,,exact,construction,45000000,works\n,expense_type,,regex,^educ,80000000-4,\n`)
  expect((await run(['import', ASHBURY])).code).toBe(0)
})

describe('spend classify apply, then import', () => {
  it('classifies rows imported after the rules were stored, with no second step', async () => {
    const before = await json(['classify'])
    expect(before.rules).toBeNull()
    expect(before.rows.every((r: Json) => r.rows_classified === 0)).toBe(true)
    const applied = await run(['classify', 'apply', '--rules', rules])
    expect(applied.code, applied.stderr).toBe(0)
    expect(applied.stderr).toMatch(/stored 2 classification rules from .*rules\.csv \(sha256 [0-9a-f]{12}\)/)
    expect((await run(['import', BRACKENRIDGE])).code).toBe(0)

    const cube = await json(['cube', '--by', 'category', '--buyer', 'Brackenridge'])
    const construction = cube.rows.find((r: Json) => r.category_code === '45000000')
    expect(construction.category).toBe('Construction work')
    // Purpose is the file's expense type: every Construction row of it is classified.
    const purpose = column(BRACKENRIDGE, 'Purpose')
    expect(construction.count).toBe(purpose.filter((p) => p.toLowerCase() === 'construction').length)
    expect(construction.count).toBeGreaterThan(0)
  })

  it('--by category is the classified CPV category, --by expense_type what the publisher wrote', async () => {
    const byCategory = await json(['cube', '--by', 'category'])
    const codes = byCategory.rows.map((r: Json) => r.category_code)
    expect(codes).toContain('45000000')
    expect(codes).toContain('80000000')
    // No ProClass code survives as a category: unclassified rows are one null bucket.
    expect(codes.filter((c: string | null) => c !== null).every((c: string) => /^\d{8}$/.test(c))).toBe(true)
    const byType = await json(['cube', '--by', 'expense_type'])
    const published = new Set(byType.rows.map((r: Json) => r.expense_type))
    expect(published).toContain('Construction')
    expect(published).toContain('Education')
    expect(published).not.toContain('Construction work')
  })

  it('reports coverage per buyer and currency whose parts add up to the totals', async () => {
    const csv = await run(['classify', '--format', 'csv'])
    expect(csv.code).toBe(0)
    expect(csv.stderr).toMatch(/classification: the stored rules from \.\.\/rules\.csv \(sha256 [0-9a-f]{12}, 2 rules\)/)
    expect(csv.stdout.split('\n')[0]).toBe('buyer,buyer_id,currency,rows,rows_classified,amount,amount_classified,share_rows,share_amount')
    const out = await json(['classify'])
    expect(check(loadSchema('classify'), out)).toEqual([])
    for (const row of out.rows) for (const k of ['buyer', 'rows', 'rows_classified', 'amount', 'amount_classified', 'currency']) expect(row).toHaveProperty(k)
    expect(out.rows.map((x: Json) => x.buyer)).toEqual(['Ashbury Vale District Council', 'Brackenridge Borough Council'])
    const cube = await json(['cube', '--by', 'category'])
    const classified = cube.rows.filter((x: Json) => x.category_code !== null).reduce((s: number, x: Json) => s + x.count, 0)
    expect(out.rows.reduce((s: number, x: Json) => s + x.rows_classified, 0)).toBe(classified)
    expect(out.totals[0].rows_classified).toBe(classified)
    expect(out.totals[0].rows).toBe(cube.rows.reduce((s: number, x: Json) => s + x.count, 0))
  })

  it('suggests the unclassified expense types by spend, largest first, none of them classified', async () => {
    const out = await json(['classify', 'suggest', '--top', '5'])
    expect(check(loadSchema('classify-suggest'), out)).toEqual([])
    expect(out.rows.length).toBe(5)
    const values = out.rows.map((r: Json) => r.value)
    expect(values).not.toContain('Construction')
    expect(values).not.toContain('Education')
    const amounts = out.rows.map((r: Json) => Number(r.amount))
    expect([...amounts].sort((a, b) => b - a)).toEqual(amounts)
  })

  it('previews --rules without storing them, and --clear removes the stored set', async () => {
    const other = join(dir, 'other.csv')
    writeFileSync(other, `${HEADER}\n,expense_type,,regex,.,30192700,everything\n`)
    const preview = await run(['classify', '--rules', other, '--format', 'csv'])
    expect(preview.stderr).toMatch(/previewing 1 rule from .*other\.csv \(not stored/)
    const p = await json(['classify', '--rules', other])
    expect(p.rules.stored).toBe(false)
    expect(p.totals[0].rows_classified).toBe(p.totals[0].rows)
    expect((await json(['classify'])).rules.rules).toBe(2)
    const cleared = await json(['classify', 'apply', '--clear'])
    expect(cleared.removed.rules).toBe(2)
    expect(check(loadSchema('classify-apply'), cleared)).toEqual([])
    expect(existsSync(join(ws, 'overlays', cleared.removed.file))).toBe(false)
    expect((await json(['classify'])).rules).toBeNull()
    expect((await run(['classify', 'apply', '--rules', rules])).code).toBe(0)
  })
})

describe('files read in memory', () => {
  it('counts CPV codes that came with the data as classified, and previews --rules on --file', async () => {
    const cpv = fixture('analysis/cpv-two-currencies.csv')
    const r = await runCli(['classify', '--file', cpv, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.rules).toBeNull()
    for (const t of out.totals) expect([t.rows_classified, t.amount_classified]).toEqual([t.rows, t.amount])
    const preview = await runCli(['classify', '--file', BRACKENRIDGE, '--rules', rules, '--json'])
    const p = JSON.parse(preview.stdout)
    const purpose = column(BRACKENRIDGE, 'Purpose').map((x) => x.toLowerCase())
    expect(p.totals[0].rows_classified).toBe(purpose.filter((x) => x === 'construction' || x.startsWith('educ')).length)
  })
})

describe('bad rules', () => {
  it('refuses a bad rules file with FILE:LINE and stores nothing', async () => {
    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, `${HEADER}\n,expense_type,,exact,ok,45000000,\n,expense_type,,regex,(x,45000000,\n`)
    const before = await json(['classify'])
    const r = await run(['classify', 'apply', '--rules', bad])
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toMatch(/^spend: error: .*bad\.csv:3: bad regular expression "\(x" .*\(write a JavaScript regular expression, or use match exact\)$/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect((await json(['classify'])).rules).toEqual(before.rules)
  })

  it('is a usage error without --rules, or with both --rules and --clear', async () => {
    expect((await run(['classify', 'apply'])).code).toBe(2)
    expect((await run(['classify', 'apply', '--clear', '--rules', rules])).code).toBe(2)
  })
})
