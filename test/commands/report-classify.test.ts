/**
 * Issue 11 in the report (task F), through the built binary: the
 * `classification` section (coverage per buyer, the rules set used, the
 * largest unclassified expense types), the default report adding
 * `classification` and `gpp` only when rules are stored, the data-quality
 * section's supplier-entities line, spend verify on a report built with
 * overlays, and HTML escaping of expense types and rule sources. Expected
 * figures come from spend classify / classify suggest / entities stats.
 */
import {cpSync, copyFileSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import Papa from 'papaparse'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, ROOT, runCli, tempDir} from '../helpers/cli.js'
import {DEFAULT_SECTIONS} from '../../src/services/report/sections.js'
import {reportClassifyMsg} from '../../src/messages.js'
import {escapeHtml, escapeMarkdownCell} from '../../src/io/write/safe.js'

type Json = Record<string, any>

const FIXTURE = fixture('analysis', 'report-classify.csv')
const SCRIPT = '<script>alert(1)</script>'

let dir = ''
/** The workspace as imported (no overlays). */
let plain = ''
/** The same with the default rules and an edited crosswalk stored. */
let ws = ''
let crosswalk = ''

async function json(args: string[], where: string): Promise<Json> {
  const r = await runCli([...args, '--workspace', where, '--json'])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

async function report(where: string, out: string, extra: string[] = []): Promise<Json> {
  const r = await runCli(['report', '--workspace', where, '--out', out, ...extra])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
}

/** A section fact as report.md writes it. */
const mdFact = (label: string, value: string) => `- **${escapeMarkdownCell(label)}:** ${escapeMarkdownCell(value)}`

const csvRows = (file: string) => Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {header: true, skipEmptyLines: true}).data
/** JSON values as the CSV tables write them (null: empty cell). */
const asCsv = (row: Json, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, row[k] === null ? '' : String(row[k])]))

beforeAll(async () => {
  dir = tempDir('spendkit-report-classify-')
  plain = join(dir, 'plain')
  ws = join(dir, 'ws')
  crosswalk = join(dir, 'crosswalk.csv')
  expect((await runCli(['import', FIXTURE, '--workspace', plain])).code).toBe(0)
  cpSync(plain, ws, {recursive: true})
  expect((await runCli(['classify', 'apply', '--rules', 'default', '--workspace', ws])).code).toBe(0)
  expect((await runCli(['entities', 'suggest', '--out', crosswalk, '--workspace', ws])).code).toBe(0)
  // A person sends one sure match back for review: it stays unmerged, and the report counts it.
  const text = readFileSync(crosswalk, 'utf8')
  const edited = text.replace(/^(Widget Hire Company,.*),auto,/m, '$1,review,')
  expect(edited).not.toBe(text)
  writeFileSync(crosswalk, edited)
  expect((await runCli(['entities', 'apply', crosswalk, '--workspace', ws])).code).toBe(0)
})

describe('the default report with stored rules and crosswalk', () => {
  let out = ''
  let manifest: Json = {}
  beforeAll(async () => {
    out = join(dir, 'rep')
    manifest = await report(ws, out)
  })

  it('adds classification and gpp right after category-mix', () => {
    const ids = manifest.sections.map((s: Json) => s.id)
    const base = DEFAULT_SECTIONS.map((s) => s.id ?? s.type)
    const at = base.indexOf('category-mix') + 1
    expect(ids).toEqual([...base.slice(0, at), 'classification', 'gpp', ...base.slice(at)])
    expect(manifest.config).toBeNull()
  })

  it('shows coverage per buyer and in all as spend classify computes it', async () => {
    const cov = await json(['classify'], ws)
    const keys = ['buyer', 'currency', 'rows', 'rows_classified', 'share_rows', 'amount', 'amount_classified', 'share_amount']
    expect(csvRows(join(out, 'tables', 'classification.csv'))).toEqual(cov.rows.map((r: Json) => asCsv(r, keys)))
    expect(csvRows(join(out, 'tables', 'classification_2.csv'))).toEqual(cov.totals.map((r: Json) => asCsv(r, keys.slice(1))))
    // The fixture has classified and unclassified rows: the figures are not trivially all or nothing.
    expect(cov.rows.every((r: Json) => r.rows_classified > 0 && r.rows_classified < r.rows)).toBe(true)
  })

  it('names the rules set used: source, sha256 prefix and number of rules', async () => {
    const {rules} = await json(['classify'], ws)
    const md = readFileSync(join(out, 'report.md'), 'utf8')
    expect(md).toContain(mdFact(reportClassifyMsg.rulesLabel(), reportClassifyMsg.rulesStored(rules.source, rules.sha256.slice(0, 12), rules.rules)))
    expect(rules.source).toBe('default')
  })

  it('lists the 10 largest unclassified expense types as classify suggest does', async () => {
    const suggest = await json(['classify', 'suggest', '--top', '10'], ws)
    const keys = ['value', 'field', 'scheme', 'currency', 'amount', 'rows', 'buyers']
    expect(suggest.rows.length).toBeGreaterThan(1)
    expect(csvRows(join(out, 'tables', 'classification_3.csv'))).toEqual(suggest.rows.map((r: Json) => asCsv(r, keys)))
    expect(suggest.rows.map((r: Json) => r.value)).toContain(SCRIPT)
  })

  it('shows the expense type that looks like a script escaped in HTML', () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8')
    expect(html).not.toContain(SCRIPT)
    expect(html).toContain(escapeHtml(SCRIPT))
  })

  it('says in the data-quality section what the crosswalk does, with the numbers of entities stats', async () => {
    const stats = await json(['entities', 'stats'], ws)
    const review = readFileSync(crosswalk, 'utf8').split('\n').filter((l) => l.endsWith(',review,') || l.endsWith(',review')).length
    expect(review).toBe(1)
    expect(stats.names_after).toBeLessThan(stats.names_before)
    const line = reportClassifyMsg.entitiesLine(stats.names_before, stats.names_after, review, manifest.overlays.entities.source)
    const md = readFileSync(join(out, 'report.md'), 'utf8')
    const quality = md.slice(md.indexOf('## Data quality'), md.indexOf('## ', md.indexOf('## Data quality') + 3))
    expect(quality).toContain(mdFact(reportClassifyMsg.entitiesLabel(), line))
  })

  it('passes spend verify: the rebuild chooses the same sections', async () => {
    expect(manifest.overlays.classification).not.toBeNull()
    const r = await runCli(['verify', out, '--workspace', ws, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const v = JSON.parse(r.stdout)
    expect(v.ok).toBe(true)
    expect(v.rebuilt).toBe(true)
  })
})

describe('a workspace without rules', () => {
  it('keeps the default report as it was: no classification or gpp section, no entities line', async () => {
    const manifest = await report(plain, join(dir, 'plain-rep'))
    expect(manifest.sections.map((s: Json) => s.id)).toEqual(DEFAULT_SECTIONS.map((s) => s.id ?? s.type))
    expect(readFileSync(join(dir, 'plain-rep', 'report.md'), 'utf8')).not.toContain(reportClassifyMsg.entitiesLabel())
  })

  it('with a crosswalk but no rules: the default sections, and the entities line in data quality', async () => {
    const copy = join(dir, 'entities-only')
    cpSync(plain, copy, {recursive: true})
    expect((await runCli(['entities', 'apply', crosswalk, '--workspace', copy])).code).toBe(0)
    const manifest = await report(copy, join(dir, 'entities-only-rep'))
    expect(manifest.sections.map((s: Json) => s.id)).toEqual(DEFAULT_SECTIONS.map((s) => s.id ?? s.type))
    const stats = await json(['entities', 'stats'], copy)
    const line = reportClassifyMsg.entitiesLine(stats.names_before, stats.names_after, 1, manifest.overlays.entities.source)
    expect(readFileSync(join(dir, 'entities-only-rep', 'report.md'), 'utf8')).toContain(mdFact(reportClassifyMsg.entitiesLabel(), line))
  })

  it('a configured classification section says none stored and counts only CPV codes from the data', async () => {
    const cfg = join(dir, 'classification.yml')
    writeFileSync(cfg, 'sections:\n  - type: classification\n')
    const out = join(dir, 'none-rep')
    await report(plain, out, ['--config', cfg])
    const md = readFileSync(join(out, 'report.md'), 'utf8')
    expect(md).toContain(mdFact(reportClassifyMsg.rulesLabel(), reportClassifyMsg.rulesNone()))
    const cov = await json(['classify'], plain)
    expect(cov.rules).toBeNull()
    expect(csvRows(join(out, 'tables', 'classification.csv')).map((r) => r.rows_classified)).toEqual(cov.rows.map((r: Json) => String(r.rows_classified)))
  })

  it('escapes a rules file name in HTML', async () => {
    const copy = join(dir, 'odd')
    cpSync(plain, copy, {recursive: true})
    const rules = join(dir, 'r<b>&c.csv')
    copyFileSync(join(ROOT, 'data', 'rules', 'uk-expense-types.csv'), rules)
    expect((await runCli(['classify', 'apply', '--rules', rules, '--workspace', copy])).code).toBe(0)
    const out = join(dir, 'odd-rep')
    const manifest = await report(copy, out)
    expect(manifest.overlays.classification.source).toBe('../r<b>&c.csv')
    const html = readFileSync(join(out, 'index.html'), 'utf8')
    expect(html).toContain(escapeHtml('../r<b>&c.csv'))
    expect(html).not.toContain('r<b>')
  })
})
