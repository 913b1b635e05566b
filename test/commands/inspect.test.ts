import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {zipSync, strToU8} from 'fflate'
import {describe, expect, it} from 'vitest'
import {fixture, REALDATA, runCli, tempDir} from '../helpers/cli.js'

const EXPECTED = JSON.parse(readFileSync(join(REALDATA, 'EXPECTED.json'), 'utf8')) as Record<string, {total?: string; data_rows?: number}>
const GLA = 'uk-gla-over250/gla-2011-12-P13-500.csv'
const BIS = 'uk-bis-over25k/BIS_monthly_spend_December_2012.xls'

/** One line on stderr, no stack trace, nothing on stdout. */
function expectOneLineError(r: {stdout: string; stderr: string}): void {
  const lines = r.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^spend: error: /)
  expect(r.stderr).not.toMatch(/\n\s+at /)
  expect(r.stdout).toBe('')
}

async function inspectJson(args: string[], opts: {input?: string | Buffer} = {}) {
  const r = await runCli(['inspect', ...args, '--json'], opts)
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout).sources as any[]
}

describe('spend inspect on real files', () => {
  it('finds the GLA header on line 7, Windows-1252, buyer from the title, totals to the penny', async () => {
    const [s] = await inspectJson([join(REALDATA, GLA)])
    expect(s).toMatchObject({file: 'gla-2011-12-P13-500.csv', format: 'csv', encoding: 'windows-1252', delimiter: ',', header_line: 7})
    expect(s.buyer).toBe('GLA')
    expect(s.mapping_how.buyer).toBe('title')
    expect(s.buyer_source).toMatch(/title/)
    expect(s.mapping).toMatchObject({amount: 'Amount', supplier: 'Vendor Name', date: 'Clearing Date'})
    expect(s.rows).toMatchObject({read: EXPECTED[GLA]?.data_rows, imported: EXPECTED[GLA]?.data_rows, rejected: 0})
    expect(s.totals).toEqual([{currency: 'GBP', source: EXPECTED[GLA]?.total, imported: EXPECTED[GLA]?.total, rejected: '0.00'}])
    expect(s.skipped.title).toBeGreaterThan(0)
    expect(s.skipped.total).toBe(1)
    expect(s.date_order).toBe('dmy')
    expect(s.currency).toBe('GBP')
    expect(s.preset).toBeNull()
    expect(s.samples).toHaveLength(5)
    expect(s.samples[0]).toMatchObject({line: 8, buyer: 'GLA', supplier: 'AMAS LTD', amount: '1673907.50', currency: 'GBP', date: '2012-03-21'})
    expect(s.problems).toEqual([])
  })

  it('reads the BIS .xls as uk-25k with serial dates, all rows, exact total', async () => {
    const [s] = await inspectJson([join(REALDATA, BIS)])
    expect(s).toMatchObject({format: 'xls', encoding: null, delimiter: null, header_line: 1, currency: 'GBP', currency_source: 'the uk-25k layout'})
    expect(s.preset).toMatchObject({name: 'uk-25k', confidence: 1, forced: false})
    expect(s.preset.matched).toEqual(expect.arrayContaining(['Entity', 'Date of Payment', 'Amount']))
    expect(s.buyer).toBe('Department for Business, Innovation and Skills')
    expect(s.rows).toMatchObject({read: 2705, imported: 2705, rejected: 0})
    expect(s.totals).toEqual([{currency: 'GBP', source: EXPECTED[BIS]?.total, imported: EXPECTED[BIS]?.total, rejected: '0.00'}])
    for (const sample of s.samples) expect(sample.date).toMatch(/^2012-12-\d\d$/)
  })

  it('explains itself to people: what I found, the columns, samples and warnings', async () => {
    const r = await runCli(['inspect', join(REALDATA, GLA), '--format', 'table'])
    expect(r.code).toBe(0)
    for (const text of ['What I found: gla-2011-12-P13-500.csv', 'Verdict', 'would import 617 rows, none rejected', 'windows-1252',
      'line 7', '"GLA", from the title line', 'day-first', 'Columns', 'Vendor Name', 'Sample rows', '15,232,841.74', 'Warnings']) {
      expect(r.stdout).toContain(text)
    }
    // An 80-column table: the explanations wrap instead of being cut.
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80)
  })

  it('shows each member of a zip, NIL returns as nothing to import', async () => {
    const sources = await inspectJson([join(REALDATA, 'uk-moj-family-over25k-may2010/zip_csv.zip')])
    expect(sources).toHaveLength(11)
    for (const s of sources) {
      expect(s.file).toMatch(/^zip_csv\.zip!/)
      expect(s.container).toEqual(['zip'])
      expect(s.preset?.name).toBe('uk-25k')
    }
    expect(sources.some((s) => s.skipped.nil > 0 && s.rows.read === 0)).toBe(true)
  })

  it('gives the OCDS shape, awards and totals per currency', async () => {
    const [s] = await inspectJson([join(REALDATA, 'ocds/armenia-release-package-6.json')])
    expect(s.ocds).toMatchObject({shape: 'release package', releases: 100, awards: 21, with_value: 20, no_value: 1, nothing_to_import: false})
    expect(s.totals).toEqual([{currency: 'AMD', source: '35981772.00', imported: '35981772.00', rejected: '0.00'}])
    expect(s.problems).toHaveLength(1)
    expect(s.problems[0].reason).toMatch(/no value/)
  })

  it('says a tender-only OCDS release has nothing to import, without failing', async () => {
    const [s] = await inspectJson([join(REALDATA, 'ocds/uk-contracts-finder-tender-release.json')])
    expect(s.ocds.nothing_to_import).toBe(true)
    expect(s.rows.read).toBe(0)
    expect(s.warnings[0]).toMatch(/no awards/)
  })
})

describe('spend inspect contract', () => {
  it('lists the first problems with line and reason, and reconciles like import', async () => {
    const [s] = await inspectJson([fixture('cli/uk-25k-small.csv')])
    expect(s.rows).toEqual({read: 5, imported: 4, rejected: 1, skipped: 1})
    expect(s.totals).toEqual([{currency: 'GBP', source: '98134.50', imported: '58134.50', rejected: '40000.00'}])
    expect(s.problems).toHaveLength(1)
    expect(s.problems[0].line).toBe(6)
    expect(s.problems[0].reason.toLowerCase()).toContain('date')
    expect(Object.keys(s).slice(0, 8)).toEqual(['file', 'format', 'container', 'encoding', 'delimiter', 'header_line', 'header', 'preset'])
    for (const key of ['mapping', 'mapping_how', 'date_order', 'date_order_reason', 'currency', 'rows', 'skipped', 'totals', 'samples', 'problems', 'warnings']) {
      expect(s).toHaveProperty(key)
    }
  })

  it('writes nothing: the workspace and the working folder stay empty', async () => {
    const ws = tempDir('spendkit-ws-')
    const cwd = tempDir('spendkit-cwd-')
    const r = await runCli(['inspect', fixture('cli/uk-25k-small.csv'), '--workspace', ws], {cwd})
    expect(r.code).toBe(0)
    expect(readdirSync(ws)).toEqual([])
    expect(readdirSync(cwd)).toEqual([])
    const env = await runCli(['inspect', fixture('cli/uk-25k-small.csv'), '--json'], {cwd, env: {SPENDKIT_WORKSPACE: ws}})
    expect(env.code).toBe(0)
    expect(readdirSync(ws)).toEqual([])
  })

  it('prints one CSV row per source and currency when piped', async () => {
    const r = await runCli(['inspect', fixture('cli/uk-25k-small.csv')])
    expect(r.code).toBe(0)
    const [head, row] = r.stdout.trim().split('\n')
    expect(head).toMatch(/^file,format,encoding,delimiter,header_line,preset,confidence,currency,date_order,read,imported,rejected,skipped/)
    expect(row).toMatch(/^uk-25k-small\.csv,csv,utf-8,",",1,uk-25k,1,GBP,dmy,5,4,1,1,GBP,98134\.50,58134\.50,40000\.00,$/)
  })

  it('reads standard input', async () => {
    const [s] = await inspectJson(['-'], {input: readFileSync(fixture('cli/uk-25k-small.csv'))})
    expect(s.file).toBe('<stdin>')
    expect(s.rows.imported).toBe(4)
  })

  it('honours --preset, --currency and --buyer, and says so', async () => {
    const dir = tempDir()
    const file = join(dir, 'plain.csv')
    writeFileSync(file, 'Supplier,Amount,Date\nAcme,"1.234,50",13.02.2024\n')
    const [s] = await inspectJson([file, '--currency', 'nok', '--buyer', 'Oslo kommune'])
    expect(s).toMatchObject({currency: 'NOK', currency_source: '--currency', buyer: 'Oslo kommune', buyer_source: '--buyer', decimal: ','})
    expect(s.samples[0]).toMatchObject({amount: '1234.50', date: '2024-02-13', buyer: 'Oslo kommune'})
    const [forced] = await inspectJson([file, '--preset', 'no-ledger'])
    expect(forced.preset).toMatchObject({name: 'no-ledger', forced: true})
    expect(forced.currency).toBe('NOK')
  })

  it('takes a --map file, including supplier_vat and family', async () => {
    const [s] = await inspectJson([fixture('cli/odd-headers.csv'), '--map', fixture('cli/map-odd.yaml')])
    expect(s.mapping).toMatchObject({amount: 'Paid (GBP)', supplier: 'Payee', date: 'When'})
    expect(s.mapping_how).toMatchObject({amount: 'map-file', supplier: 'map-file', date: 'map-file'})
    expect(s.currency_source).toBe('the header "Paid (GBP)"')
    expect(s.currency_evidence).toMatchObject({code: 'GBP', from: 'header'})
    const dir = tempDir()
    const map = join(dir, 'map.yaml')
    const csv = join(dir, 'vat.csv')
    writeFileSync(map, 'amount: Paid\nsupplier_vat: Their VAT\nfamily: Group\n')
    writeFileSync(csv, 'Group,Supplier,Paid,Their VAT\nDfE,Acme Ltd,£10.00,GB 812 3112 85\n')
    const [v] = await inspectJson([csv, '--map', map])
    expect(v.mapping_how).toMatchObject({supplier_vat: 'map-file', family: 'map-file'})
    expect(v.samples[0].supplier_id).toBe('GB-VAT-812311285')
  })

  it('reports a bad member of an archive and still shows the others', async () => {
    const dir = tempDir()
    const file = join(dir, 'two.zip')
    writeFileSync(file, zipSync({
      'a-good.csv': strToU8(readFileSync(fixture('cli/uk-25k-small.csv'), 'utf8')),
      'b-bad.csv': strToU8('Name,Town\nAcme,Leeds\n'),
    }))
    const r = await runCli(['inspect', file, '--json'])
    expect(r.code).toBe(0)
    const sources = JSON.parse(r.stdout).sources
    expect(sources.map((s: any) => s.error?.code ?? null)).toEqual([null, 'NO_AMOUNT_COLUMN'])
    expect(sources[1].error.message).toMatch(/two\.zip!b-bad\.csv: no amount column/)
    const text = await runCli(['inspect', file, '--format', 'table'])
    expect(text.stderr).toMatch(/skipped, cannot be read: two\.zip!b-bad\.csv/)
  })
})

describe('spend inspect errors', () => {
  it.each([
    ['cli/binary.bin', /not spend data/],
    ['cli/empty.csv', /empty/],
    ['cli/no-amount.csv', /no amount column/],
  ])('%s gives the usual one-line error, exit 1', async (name, why) => {
    const r = await runCli(['inspect', fixture(name)])
    expect(r.code).toBe(1)
    expectOneLineError(r)
    expect(r.stderr).toMatch(why)
  })

  it('a missing file is a one-line error; under --json the error is JSON', async () => {
    const r = await runCli(['inspect', 'no/such/file.csv'])
    expect(r.code).toBe(1)
    expectOneLineError(r)
    const j = await runCli(['inspect', 'no/such/file.csv', '--json'])
    expect(j.code).toBe(1)
    expect(JSON.parse(j.stdout).error.code).toBe('FILE_NOT_FOUND')
  })

  it('usage errors exit 2', async () => {
    expect((await runCli(['inspect'])).code).toBe(2)
    expect((await runCli(['inspect', fixture('cli/uk-25k-small.csv'), '--currency', 'pounds'])).code).toBe(2)
    expect((await runCli(['inspect', fixture('cli/uk-25k-small.csv'), '--preset', 'nope'])).stderr).toMatch(/unknown preset "nope"/)
  })
})

/** One preset fixture as fixtures/presets/EXPECTED.json describes it ("<preset>/<file>": {...}). */
interface PresetCase {
  path: string
  preset: string
  encoding: string
  delimiter: string
  header_line: number
  data_rows: number
  /** Currency -> source total in minor units. */
  totals: Record<string, number>
  date_order?: string
  decimal?: string
}

function presetCases(): [string, PresetCase][] {
  const raw = JSON.parse(readFileSync(fixture('presets', 'EXPECTED.json'), 'utf8')) as Record<string, Omit<PresetCase, 'path'>>
  return Object.entries(raw).map(([path, c]) => [path, {...c, path}])
}

/** "4869202.82" -> 486920282n (the fixtures' currencies all have two decimals). */
const minor = (decimal: string) => BigInt(decimal.replace('.', ''))

describe('spend inspect recognises every preset fixture', () => {
  const cases = presetCases()
  it('has a fixture for each of the six presets', () => {
    expect(cases.map(([, c]) => c.preset).sort()).toEqual(['no-ledger', 'ted-can', 'uk-25k', 'uk-lga', 'us-checkbook', 'usaspending'])
  })
  it.each(cases)('%s', async (path, c) => {
    const [s, ...more] = await inspectJson([fixture('presets', path)])
    expect(more).toHaveLength(0)
    expect(s.preset).toMatchObject({name: c.preset, forced: false})
    expect(s.preset.confidence).toBeGreaterThanOrEqual(0.5)
    // ASCII is read as UTF-8 (a superset).
    expect(s.encoding).toBe(c.encoding === 'ascii' ? 'utf-8' : c.encoding)
    expect(s.delimiter).toBe(c.delimiter)
    expect(s.header_line).toBe(c.header_line)
    expect(s.rows.read).toBe(c.data_rows)
    expect(Object.fromEntries(s.totals.map((t: any) => [t.currency, minor(t.source)]))).toEqual(
      Object.fromEntries(Object.entries(c.totals).map(([cur, v]) => [cur, BigInt(v)])),
    )
    if (c.date_order) expect(s.date_order).toBe(c.date_order)
    if (c.decimal) expect(s.decimal).toBe(c.decimal)
    expect(s.samples.length).toBeGreaterThan(0)
  })
})

describe('inspect helpers', () => {
  it('wrapText breaks at spaces and splits words longer than the width', async () => {
    const {wrapText} = await import('../../src/services/inspect-report.js')
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc'])
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij'])
  })
  it('closestPreset names the layout an unrecognised header comes nearest to', async () => {
    const {closestPreset, detectPreset, presetScore, presetByName} = await import('../../src/io/read/table/presets.js')
    expect(detectPreset(['Vendor Name', 'Amount'])).toBeNull()
    expect(closestPreset(['Vendor Name', 'Amount'])?.name).toBe('us-checkbook')
    expect(closestPreset(['foo', 'bar'])).toBeNull()
    expect(presetScore(presetByName('uk-25k'), ['Entity', 'Supplier', 'Amount'])).toEqual({name: 'uk-25k', confidence: 0.38, matched: ['entity', 'supplier', 'amount']})
  })
})
