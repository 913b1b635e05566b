/**
 * `spend flags` through the built binary (issue 12, task F5): the JSON
 * contract against schemas/flags.json with every parameter echoed, the
 * --config file (thresholds and the allow-list echoed, a bad key one line
 * with file:line), unknown checks and bad --min-amount as usage errors,
 * --fail-on-flags exiting 0 when nothing is raised, --flag with an unknown
 * id, CSV columns, and the report's `flags` section configured inline. The
 * data are weekday payments, so `--check weekend` raises nothing whatever
 * the real check does; flags themselves are tested with a fake check in
 * test/io/flags-report.test.ts.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'
import {check, loadSchema} from '../contracts/schema-check.js'
import {CHECK_NAMES} from '../../src/analysis/flags/types.js'
import {flagsMsg} from '../../src/messages.js'

let dir = ''
let ws = ''

/** Monday to Friday payments (2024-06-03 is a Monday). */
const CSV = ['Body Name,Expenditure Category,Paid Date,Amount,Supplier Name',
  ...Array.from({length: 20}, (_, k) => `Alpha Council,Consultancy,${String(3 + (k % 5)).padStart(2, '0')}/06/2024,${(1000 + k * 37).toFixed(2)},Supplier ${k % 4}`),
].join('\n') + '\n'

const THRESHOLD = '{name: quotation, currency: GBP, amount: "5000.00", from: 2020-01-01, source: "Council contract procedure rules 2020"}'
const ALLOW = '{check: duplicates, supplier: "Supplier 1", amount: "1037.00", reason: "two lines per invoice"}'

async function flags(args: string[]) {
  return runCli(['flags', '--workspace', ws, ...args])
}

beforeAll(async () => {
  dir = tempDir('spendkit-flags-')
  ws = join(dir, 'ws')
  writeFileSync(join(dir, 'spend.csv'), CSV)
  const r = await runCli(['import', join(dir, 'spend.csv'), '--workspace', ws])
  expect(r.code, r.stderr).toBe(0)
})

describe('spend flags', () => {
  it('--json: the contract (schemas/flags.json), exit 0, every check and parameter echoed', async () => {
    const r = await flags(['--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(check(loadSchema('flags'), out)).toEqual([])
    expect(out.parameters.checks).toEqual([...CHECK_NAMES])
    expect(Object.keys(out.counts)).toEqual([...CHECK_NAMES])
    for (const c of CHECK_NAMES) expect(out.parameters[c]).toBeTypeOf('object')
    expect(out.note).toBe(flagsMsg.note())
    expect(out.parameters.fiscal_year_start).toBe(1)
  })

  it('--config: thresholds (with their source), the allow-list, parameters; --fiscal-year-start over the config', async () => {
    const file = join(dir, 'flags.yml')
    writeFileSync(file, `checks: [weekend, duplicates]\nfiscal_year_start: 4\nthresholds:\n  - ${THRESHOLD}\nallow:\n  - ${ALLOW}\n`)
    const r = await flags(['--config', file, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(check(loadSchema('flags'), out)).toEqual([])
    expect(out.parameters.checks).toEqual(['duplicates', 'weekend'])
    expect(out.parameters.fiscal_year_start).toBe(4)
    expect(out.parameters.thresholds).toContainEqual({jurisdiction: 'config', name: 'quotation', currency: 'GBP', amount: '5000.00', from: '2020-01-01', to: null, source: 'Council contract procedure rules 2020'})
    expect(out.parameters.allow).toEqual([{check: 'duplicates', supplier: 'Supplier 1', amount: '1037.00', reason: 'two lines per invoice', allowed: 0}])
    const over = JSON.parse((await flags(['--config', file, '--check', 'weekend', '--fiscal-year-start', '7', '--json'])).stdout)
    expect(over.parameters.checks).toEqual(['weekend'])
    expect(over.parameters.fiscal_year_start).toBe(7)
  })

  it('a bad --config key is one line with file:line, exit 2, no stack trace', async () => {
    const file = join(dir, 'bad.yml')
    writeFileSync(file, 'checks: [weekend]\nchekcs: [duplicates]\n')
    const r = await flags(['--config', file])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(new RegExp(`^spend: error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: unknown key "chekcs" in the configuration \\(use checks, `))
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toBe('')
  })

  it('an unknown check is a usage error naming the valid ones', async () => {
    const r = await flags(['--check', 'weekend,dupes', '--json'])
    expect(r.code).toBe(2)
    const err = JSON.parse(r.stdout).error
    expect(err.code).toBe('UNKNOWN_CHECK')
    expect(err.message).toBe(`--check: unknown check "dupes" (use ${CHECK_NAMES.join(', ')})`)
  })

  it('--min-amount must be an amount; it is echoed', async () => {
    expect((await flags(['--min-amount', 'lots'])).code).toBe(2)
    const out = JSON.parse((await flags(['--min-amount', '100.50', '--check', 'weekend', '--json'])).stdout)
    expect(out.parameters.min_amount).toBe('100.50')
  })

  it('--fail-on-flags exits 0 when the checks ran and raised nothing', async () => {
    const r = await flags(['--check', 'weekend', '--fail-on-flags', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).flags).toEqual([])
    expect(r.stderr).not.toMatch(/raised/)
  })

  it('--flag with an id no flag has is a clear error (exit 1)', async () => {
    const r = await flags(['--check', 'weekend', '--flag', 'weekend-00000000'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`spend: error: --flag: ${flagsMsg.unknownFlag('weekend-00000000')} (${flagsMsg.unknownFlagHint()})\n`)
  })

  it('CSV: one row per flag under the declared columns; the table ends with the verdict', async () => {
    const csv = await flags(['--check', 'weekend', '--format', 'csv'])
    expect(csv.code).toBe(0)
    expect(csv.stdout.trim()).toBe('id,check,kind,buyer,buyer_id,supplier,supplier_key,category,amount,currency,score,explanation,evidence,evidence_count')
    expect(csv.stderr).toContain(flagsMsg.verdict(0, 1, 0, 0))
    const table = await flags(['--check', 'weekend', '--format', 'table'])
    expect(table.stdout).toContain(flagsMsg.noFlags())
    expect(table.stdout).toContain('checks = weekend')
    expect(table.stdout).toContain(flagsMsg.verdict(0, 1, 0, 0))
  })
})

describe('the report\'s flags section', () => {
  it('takes the flags keys inline and shows the parameters and the verdict', async () => {
    const cfg = join(dir, 'report.yml')
    writeFileSync(cfg, `title: Flags\nsections:\n  - type: overview\n  - type: flags\n    checks: [weekend]\n    thresholds:\n      - ${THRESHOLD}\n    allow:\n      - ${ALLOW}\n`)
    const out = join(dir, 'report')
    const r = await runCli(['report', '--workspace', ws, '--config', cfg, '--out', out])
    expect(r.code, r.stderr).toBe(0)
    const md = readFileSync(join(out, 'report.md'), 'utf8')
    expect(md).toContain(flagsMsg.sectionTitle())
    expect(md).toContain('threshold quotation GBP 5000.00 (2020-01-01 to open; config: Council contract procedure rules 2020)')
    expect(md).toContain('checks = weekend')
    expect(md).toContain(flagsMsg.verdict(0, 1, 0, 0))
    // The manifest keeps the section as written, so spend verify rebuilds the same report from it.
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    expect(m.config.sections[1].thresholds).toEqual([{name: 'quotation', currency: 'GBP', amount: '5000.00', from: '2020-01-01', source: 'Council contract procedure rules 2020'}])
    const v = await runCli(['verify', out, '--workspace', ws])
    expect(v.code, v.stderr).toBe(0)
  })

  it('a bad key in the section is one line with its line in report.yml', async () => {
    const cfg = join(dir, 'bad-report.yml')
    writeFileSync(cfg, 'sections:\n  - type: flags\n    checks: [weekend]\n    weekend: {holidayz: [2024-12-25]}\n')
    const r = await runCli(['report', '--workspace', ws, '--config', cfg, '--out', join(dir, 'bad-report')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^spend: error: .*bad-report\.yml:4: unknown key "holidayz" in the weekend parameters/)
  })

  it('is in the default report, last', async () => {
    const {DEFAULT_SECTIONS} = await import('../../src/services/report/sections.js')
    expect(DEFAULT_SECTIONS.at(-1)).toEqual({type: 'flags'})
  })
})

describe('spend flags on a workspace reads transaction numbers as --file does', () => {
  it('finds an exact duplicate whose only number is a transaction number (read for candidate rows only)', async () => {
    const d = tempDir('spendkit-flags-tx-')
    const rows = ['Body Name,Paid Date,Trans No,Amount,Supplier Name']
    // 300 other lines: 2 identical lines are under 1% of the file, so identical lines are not routine here.
    for (let k = 0; k < 300; k++) rows.push(`Test Council,${String(1 + (k % 28)).padStart(2, '0')}/0${1 + (k % 9)}/2024,T${10_000 + k},${(500 + k * 97).toFixed(2)},Supplier ${k % 7}`)
    rows.push('Test Council,14/05/2024,T99999,12345.67,Acme Ltd', 'Test Council,14/05/2024,T99999,12345.67,Acme Ltd')
    const file = join(d, 'tx.csv')
    writeFileSync(file, rows.join('\n') + '\n')
    const w = join(d, 'ws')
    expect((await runCli(['import', file, '--workspace', w])).code).toBe(0)
    const kinds = async (args: string[]) => {
      const r = await runCli(['flags', '--check', 'duplicates', '--json', ...args])
      expect(r.code, r.stderr).toBe(0)
      return (JSON.parse(r.stdout).flags as {kind: string; explanation: string}[]).map((f) => `${f.kind}: ${f.explanation}`)
    }
    const fromWorkspace = await kinds(['--workspace', w])
    expect(fromWorkspace.some((k) => k.startsWith('exact:') && k.includes('T99999'))).toBe(true)
    expect(fromWorkspace).toEqual(await kinds(['--file', file]))
  })
})
