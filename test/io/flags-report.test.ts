/**
 * `spend flags` output and service plumbing (issue 12, task F5) on a tiny
 * frame, with a fake `weekend` check standing in for the real one (written
 * elsewhere): the JSON shape against schemas/flags.json, the evidence cap
 * with evidence_count, stable ids and `--flag ID` (every evidence line), the
 * allow-list and --min-amount counts, the parameters echoed in the table
 * footer, CSV evidence lists with formula injection guarded, and the exit
 * code of --fail-on-flags.
 */
import {describe, expect, it, vi} from 'vitest'
import type {CheckDef, CheckResult, Flag} from '../../src/analysis/flags/types.js'
import type {DictColumn} from '../../src/model/frame.js'
import {frameOf} from '../helpers/analysis-records.js'
import {check, loadSchema} from '../contracts/schema-check.js'

/** Rows dated on a Saturday or Sunday (weekday from the digits with Date.UTC): one flag of them all per buyer, and one per Sunday row. */
const fakeWeekend: CheckDef = {
  name: 'weekend',
  summary: 'payments dated on a Saturday or Sunday (fake for the tests)',
  columns: [],
  params: {holidays: {kind: 'dates', default: [], doc: 'public holidays'}},
  run(ctx): CheckResult {
    const {frame} = ctx
    const date = frame.columns.date as DictColumn
    const amount = frame.columns.amount as {values: Float64Array}
    const supplier = frame.columns.supplier as DictColumn
    const rows: number[] = []
    const flags: Flag[] = []
    const base = {check: 'weekend' as const, buyer: 'Buyer A', buyer_id: 'buyer-a', category: null, currency: 'GBP', score: 1}
    for (let i = 0; i < frame.length; i++) {
      const d = date.dict[date.codes[i]]
      const day = new Date(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10))).getUTCDay()
      if (day === 6) rows.push(i)
      if (day === 0) {
        const name = supplier.dict[supplier.codes[i]]
        flags.push({...base, kind: 'sunday', supplier: name, supplier_key: name.toLowerCase(), amount: BigInt(amount.values[i]), score: 2, explanation: `paid on Sunday ${d}`, rows: Uint32Array.of(i)})
      }
    }
    const total = rows.reduce((n, i) => n + BigInt(amount.values[i]), 0n)
    flags.push({...base, kind: 'saturday', supplier: null, supplier_key: null, amount: total, explanation: `${rows.length} payments on Saturdays`, rows: Uint32Array.from(rows)})
    return {flags, notes: [{check: 'weekend', buyer: null, currency: null, text: 'no holiday list given'}], echo: {score: '1 per Saturday group, 2 per Sunday payment', holidays_given: 0}}
  },
}

vi.mock('../../src/analysis/flags/registry.js', async (load) => {
  const real = await load<typeof import('../../src/analysis/flags/registry.js')>()
  return {CHECKS: {...real.CHECKS, weekend: fakeWeekend}}
})

const {flagsForFrame, flagsExitCode, flagRows} = await import('../../src/services/flags.js')
const {EVIDENCE_CAP, flagsOutput, flagsViews, parameterLines} = await import('../../src/io/write/flags-report.js')
const {renderViews} = await import('../../src/io/write/render.js')

const SATURDAYS = 120
/** 120 payments on Saturday 2024-06-01 (lines 2-121), one on Sunday 2024-06-02 to a supplier whose name is a formula, weekday payments around them. */
function frame() {
  const rows = []
  for (let k = 0; k < SATURDAYS; k++) rows.push({date: '2024-06-01', amount: 1000 + k, source_line: k + 2})
  rows.push({date: '2024-06-02', amount: 250_000, supplier: '=HYPERLINK("x")', source_line: SATURDAYS + 2})
  for (let k = 0; k < 10; k++) rows.push({date: '2024-06-03', amount: 500, source_line: SATURDAYS + 3 + k})
  return frameOf(...rows)
}

async function runOn(config: Parameters<typeof flagsForFrame>[1] = {}) {
  const f = frame()
  const pick = (column: 'transaction_id' | 'description') => f.columns[column] as DictColumn
  const run = await flagsForFrame({frame: f, selection: null, pick, fiscalYearStart: 4}, config, ['weekend'])
  const facts = {checks: ['weekend' as const], filters: {}, config, thresholds: run.thresholds, fiscalYearStart: 4}
  return {f, run, facts, out: flagsOutput(run, f, facts)}
}

describe('flags output', () => {
  it('matches schemas/flags.json, caps evidence at 50 with evidence_count the total, in frame order', async () => {
    const {out} = await runOn()
    expect(check(loadSchema('flags'), out)).toEqual([])
    const sat = out.flags.find((x) => x.kind === 'saturday')!
    expect(sat.evidence_count).toBe(SATURDAYS)
    expect(sat.evidence).toHaveLength(EVIDENCE_CAP)
    expect(sat.evidence.map((e) => e.line)).toEqual(Array.from({length: EVIDENCE_CAP}, (_, k) => k + 2))
    expect(sat.evidence[0]).toEqual({import: 'test', file: 'test.csv', line: 2})
    expect(sat.supplier).toBeNull()
    // Exact money: the sum of the Saturday amounts in major units.
    const minor = Array.from({length: SATURDAYS}, (_, k) => 1000 + k).reduce((a, b) => a + b, 0)
    expect(sat.amount).toBe(`${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`)
    expect(out.counts).toEqual({weekend: {flags: 2, allowed: 0}})
    expect(out.notes).toEqual([{check: 'weekend', buyer: null, currency: null, text: 'no holiday list given'}])
    expect(out.parameters.weekend).toEqual({holidays: [], score: '1 per Saturday group, 2 per Sunday payment', holidays_given: 0})
    expect(out.note).toMatch(/never a verdict/)
  })

  it('gives each flag a stable id; --flag ID keeps that flag with every evidence line', async () => {
    const a = await runOn()
    const b = await runOn()
    const ids = a.out.flags.map((x) => x.id)
    expect(ids).toEqual(b.out.flags.map((x) => x.id))
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^weekend-[0-9a-f]{8}$/)
    const sat = a.out.flags.find((x) => x.kind === 'saturday')!
    const one = flagsOutput(a.run, a.f, a.facts, sat.id)
    expect(one.flags).toHaveLength(1)
    expect(one.flags[0].evidence).toHaveLength(SATURDAYS)
    expect(check(loadSchema('flags'), one)).toEqual([])
    expect(Array.from(flagRows(a.run, a.f, sat.id))).toEqual(Array.from({length: SATURDAYS}, (_, k) => k))
    expect(flagsOutput(a.run, a.f, a.facts, 'weekend-00000000').flags).toEqual([])
  })

  it('counts flags the allow-list kept (per entry and per check) and those under --min-amount', async () => {
    const {out} = await runOn({allow: [{check: 'weekend', supplier: '=HYPERLINK("x")', reason: 'Sunday opening'}], min_amount: '2000.00'})
    expect(out.counts.weekend).toEqual({flags: 0, allowed: 1})
    expect(out.parameters.allow).toEqual([{check: 'weekend', supplier: '=HYPERLINK("x")', reason: 'Sunday opening', allowed: 1}])
    // The Saturday group's amount is under 2,000.00, so it is dropped and counted.
    expect(out.below_min_amount).toBe(1)
    expect(out.parameters.min_amount).toBe('2000.00')
    expect(check(loadSchema('flags'), out)).toEqual([])
  })

  it('echoes every parameter and threshold in the table footer, and fits 80 columns', async () => {
    const threshold = {jurisdiction: 'config', name: 'quotation', currency: 'GBP', minor: 500_000, from: '2020-01-01', to: null, source: 'Council contract procedure rules 2020'}
    const {out} = await runOn({thresholds: [threshold], params: {weekend: {holidays: ['2024-12-25']}}})
    const lines = parameterLines(out)
    expect(lines).toContain('weekend.holidays = ["2024-12-25"]')
    expect(lines).toContain('threshold quotation GBP 5000.00 (2020-01-01 to open; config: Council contract procedure rules 2020)')
    expect(lines).toContain('fiscal_year_start = 4')
    const text = String(await renderViews(flagsViews(out, true), 'table', {isTTY: false, color: false, width: 80}))
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80)
    for (const f of out.flags) expect(text).toContain(f.id)
    const table = flagsViews(out, true)[0]
    expect(table.columns.map((c) => c.header)).toEqual(['id', 'check', 'buyer', 'supplier', 'amount', 'cur', 'score', 'evidence'])
    // Each explanation is a line of its own under the table, with its id and evidence.
    const why = flagsViews(out, true)[1]
    expect(why.title).toBe('Why each was flagged')
    for (const f of out.flags) expect(JSON.stringify(why.rows)).toContain(`${f.id}: ${f.explanation}`)
    expect(table.rows.find((r) => r.kind === 'saturday')?.evidence).toBe(`test.csv:2 +${SATURDAYS - 1}`)
    expect(text).toContain('test.csv:12')
    expect(text).toMatch(/2 flags from 1 check\. A flag is a reason to look, never a verdict\./)
  })

  it('writes one CSV row per flag with the evidence as a file:line list and formula injection guarded', async () => {
    const {out} = await runOn()
    const csv = String(await renderViews(flagsViews(out, false), 'csv', {isTTY: false, color: false, width: 80}))
    const lines = csv.trim().split('\n')
    expect(lines).toHaveLength(1 + out.flags.length)
    expect(lines[0]).toBe('id,check,kind,buyer,buyer_id,supplier,supplier_key,category,amount,currency,score,explanation,evidence,evidence_count')
    const sat = lines.find((l) => l.includes(',saturday,'))!
    expect(sat).toContain(Array.from({length: EVIDENCE_CAP}, (_, k) => `test.csv:${k + 2}`).join(' '))
    expect(sat).not.toContain(`test.csv:${EVIDENCE_CAP + 2}`)
    expect(sat.endsWith(`,${SATURDAYS}`)).toBe(true)
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m)
    expect(csv).not.toMatch(/(^|,)"=HYPERLINK/m)
  })

  it('--fail-on-flags: exit 1 only when a flag is raised; 0 without the flag, flags or not', async () => {
    const {out} = await runOn()
    expect(out.flags.length).toBeGreaterThan(0)
    expect(flagsExitCode(out, true)).toBe(1)
    expect(flagsExitCode(out, false)).toBe(0)
    expect(flagsExitCode({...out, flags: []}, true)).toBe(0)
  })
})
