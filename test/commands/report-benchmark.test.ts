/**
 * The benchmark section of `spend report` on a fixture generated here: 8 GBP
 * buyers publishing a year of payments (Buyer A spends about twice the peers'
 * share on IT, Buyer B pays one dominant supplier, Buyer H publishes only
 * payments over £25,000) and Buyer Late, covering only the second half of the
 * year. The section must show what `spend benchmark` says (the same code), in
 * every output, rebuild byte for byte with `spend verify`, and fail the report
 * with the benchmark's own error, naming the section.
 */
import {csvRows} from '../helpers/table-source.js'
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {unzipSync, strFromU8} from 'fflate'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'
import {FIG} from '../../src/io/write/benchmark-report.js'

type Json = Record<string, any>

const IT = '72000000-5'
const WORKS = '45000000-7'
const NAMES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((x) => `Buyer ${x}`)
const PEERS = NAMES.slice(1, 7)

/** The rows: deterministic, known by construction. */
function csvLines(): string[] {
  const lines = ['Buyer,Supplier,Date,Amount,Currency,CPV']
  const add = (buyer: string, supplier: string, month: number, pounds: number, cpv: string) =>
    lines.push(`${buyer},${supplier},2024-${String(month).padStart(2, '0')}-15,${pounds}.00,GBP,${cpv}`)
  NAMES.forEach((buyer, k) => {
    for (let month = 1; month <= 12; month++) {
      for (let j = 0; j < 10; j++) {
        const it = k === 0 ? j < 4 : j < 2
        add(buyer, `Supplier ${k}-${j}`, month, k === 7 ? 26_000 + 100 * j + k : 600 + 10 * j + month + (it ? 10 * k : 0), it ? IT : WORKS)
      }
      if (k === 1) add(buyer, 'Supplier 1-0', month, 20_000, WORKS)
    }
  })
  for (let month = 7; month <= 12; month++) add('Buyer Late', 'Late Supplier', month, 800, WORKS)
  return lines
}

let dir = ''

/** A CSV file's rows as objects (quoted fields with commas and doubled quotes: the tests' RFC 4180 reader). */
function readCsv(file: string): Record<string, string>[] {
  const [head, ...rows] = csvRows(readFileSync(file, 'utf8')).map((r) => r.cells)
  return rows.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k] ?? ''])))
}

async function report(args: string[], code = 0): Promise<{json: Json; stderr: string}> {
  const r = await runCli(['report', ...args, '--workspace', 'ws', ...(code === 0 ? ['--json'] : [])], {cwd: dir})
  expect(r.code, r.stderr + r.stdout.slice(0, 400)).toBe(code)
  return {json: code === 0 ? JSON.parse(r.stdout) : {}, stderr: r.stderr}
}

async function bench(args: string[]): Promise<Json> {
  const r = await runCli(['benchmark', ...args, '--workspace', 'ws', '--json'], {cwd: dir})
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

async function verify(out: string): Promise<void> {
  const r = await runCli(['verify', out], {cwd: dir})
  expect(r.code, r.stderr + r.stdout).toBe(0)
  expect(r.stdout.split('\n').filter((l) => /,(differs|added|missing),/.test(l))).toEqual([])
}

/** The section's values table against the benchmark's JSON: every peer's value, as the report shows figures. */
function expectValues(file: string, b: Json): void {
  const rows = readCsv(file)
  expect(rows.map((r) => r.measure)).toEqual(b.measures.map((m: Json) => m.label))
  b.measures.forEach((m: Json, k: number) => {
    const shown = (v: unknown) => (v === null ? '' : String(FIG(v, m.unit)))
    expect(Object.keys(rows[k])).toEqual(['measure', b.buyer_id, ...b.peers.map((p: Json) => p.buyer_id)])
    expect(rows[k][b.buyer_id]).toBe(shown(m.value))
    for (const p of b.peers) expect(rows[k][p.buyer_id], `${m.label} of ${p.buyer}`).toBe(shown(m.peer_values.find((v: Json) => v.buyer_id === p.buyer_id).value))
  })
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1)

beforeAll(async () => {
  dir = tempDir('spendkit-report-benchmark-')
  writeFileSync(join(dir, 'payments.csv'), csvLines().join('\n') + '\n')
  const r = await runCli(['import', 'payments.csv', '--workspace', 'ws'], {cwd: dir})
  expect(r.code, r.stderr).toBe(0)
}, 60_000)

afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('spend report --benchmark', () => {
  it('adds a benchmark section showing what spend benchmark says, in HTML, Markdown, CSV and XLSX, and verify rebuilds it', async () => {
    const {json} = await report(['--out', 'flag', '--benchmark', 'Buyer A', '--benchmark-peers', PEERS.join(',')])
    const b = await bench(['Buyer A', '--peers', PEERS.join(',')])
    const section = json.sections.at(-1)
    expect(section).toEqual({id: 'benchmark', title: 'Benchmark of Buyer A', tables: ['tables/benchmark.csv', 'tables/benchmark_2.csv'], charts: [`charts/benchmark-${b.buyer_id}-gbp.svg`]})
    // The dot plots are in the report folder, one chart for the section.
    expect(readFileSync(join(dir, 'flag', 'charts', `benchmark-${b.buyer_id}-gbp.svg`), 'utf8')).toContain(`${b.buyer} against ${b.peers.length} peers`)
    // The measures table: the command's own figures and flags.
    const measures = readCsv(join(dir, 'flag', 'tables', 'benchmark.csv'))
    expect(measures.map((r) => r.flag)).toEqual(b.measures.map((m: Json) => m.flag ?? ''))
    expect(measures.map((r) => r.value)).toEqual(b.measures.map((m: Json) => (m.value === null ? '' : String(FIG(m.value, m.unit)))))
    expect(b.measures.some((m: Json) => m.flag !== null)).toBe(true)
    expectValues(join(dir, 'flag', 'tables', 'benchmark_2.csv'), b)
    const html = readFileSync(join(dir, 'flag', 'index.html'), 'utf8')
    const md = readFileSync(join(dir, 'flag', 'report.md'), 'utf8')
    expect(md).toContain('## Benchmark of Buyer A')
    expect(html).toMatch(/<h2[^>]*>Benchmark of Buyer A<\/h2>/)
    for (const text of [md, html]) {
      expect(text).toContain(`Period: ${b.period.label} (the latest 12 months the buyer and every peer cover).`)
      expect(text).toContain(cap(b.floor.sentence))
      expect(text).toContain(`Compared: ${b.peers.map((p: Json) => p.buyer).join(', ')}.`)
    }
    const xlsx = unzipSync(readFileSync(join(dir, 'flag', 'report.xlsx')))
    expect(strFromU8(xlsx['xl/workbook.xml'])).toMatch(/<sheet name="benchmark_2"/)
    const manifest = JSON.parse(readFileSync(join(dir, 'flag', 'manifest.json'), 'utf8'))
    expect(manifest.config_file).toBeNull()
    expect(manifest.config).toEqual({benchmark: {type: 'benchmark', buyer: 'Buyer A', peers: PEERS}})
    await verify('flag')
  }, 120_000)

  it('chooses the 8 nearest by default, names the peer left out for its period, and says why each was chosen', async () => {
    await report(['--out', 'auto', '--benchmark', 'Buyer A'])
    const b = await bench(['Buyer A', '--auto', '8'])
    expect(b.left_out.map((l: Json) => l.buyer)).toEqual(['Buyer Late'])
    expectValues(join(dir, 'auto', 'tables', 'benchmark_2.csv'), b)
    const why = readCsv(join(dir, 'auto', 'tables', 'benchmark_3.csv'))
    expect(why.map((r) => r.buyer).sort()).toEqual([...NAMES.slice(1), 'Buyer Late'].sort())
    expect(why.filter((r) => r.compared === 'left out').map((r) => r.buyer)).toEqual(['Buyer Late'])
    // Features by their labels (the CPV list's), each with what it adds to the squared distance.
    for (const r of why) for (const f of [r.closest, r.furthest]) expect(f).toMatch(/^(total spend \(GBP\)|share of spend on [A-Z].*) \(\d+\.\d\d\)$/)
    const distances = why.map((r) => Number(r.distance))
    expect(distances).toEqual([...distances].sort((x, y) => x - y))
    const md = readFileSync(join(dir, 'auto', 'report.md'), 'utf8')
    expect(md).toContain(b.left_out[0].message)
    expect(md).toContain('Peers: the 8 nearest buyers with spend in GBP')
    await verify('auto')
  }, 120_000)

  it('refuses --benchmark-auto or --benchmark-peers without --benchmark, and both together (exit 2)', async () => {
    for (const args of [['--benchmark-auto', '3'], ['--benchmark-peers', 'Buyer B'], ['--benchmark', 'Buyer A', '--benchmark-auto', '3', '--benchmark-peers', 'Buyer B']]) {
      const {stderr} = await report(['--out', 'bad', ...args], 2)
      expect(stderr).toMatch(/^spend: error: --benchmark-(auto|peers): .+ \(.+\)\n$/)
    }
    expect(existsSync(join(dir, 'bad'))).toBe(false)
  })

  it('fails the report with the benchmark\'s own error naming the section (no common period: exit 1, nothing written)', async () => {
    const r = await runCli(['benchmark', 'Buyer A', '--peers', 'Buyer Late', '--workspace', 'ws'], {cwd: dir})
    expect(r.code).toBe(1)
    const own = r.stderr.trim().split('\n').at(-1)!.replace(/^spend: error: /, '')
    const {stderr} = await report(['--out', 'bad', '--benchmark', 'Buyer A', '--benchmark-peers', 'Buyer Late'], 1)
    expect(own).toMatch(/Buyer A 2024-01\.\.2024-12; Buyer Late 2024-07\.\.2024-12/)
    expect(stderr).toBe(`spend: error: --benchmark (section benchmark): ${own}\n`)
    writeFileSync(join(dir, 'late.yml'), 'sections:\n  - type: overview\n  - type: benchmark\n    id: late\n    buyer: Buyer A\n    peers: [Buyer Late]\n')
    const fromConfig = await report(['--out', 'bad', '--config', 'late.yml'], 1)
    expect(fromConfig.stderr.startsWith('spend: error: late.yml (section late')).toBe(true)
    expect(existsSync(join(dir, 'bad'))).toBe(false)
  })
})

describe('benchmark in a report configuration', () => {
  it('puts a benchmark section where the sections list says, adds `benchmark:` after them, and takes the report\'s period', async () => {
    writeFileSync(join(dir, 'cfg.yml'), [
      'period: 2024-Q1',
      'benchmark: Buyer B',
      'sections:',
      '  - type: overview',
      '  - type: benchmark',
      '    id: bench-a',
      `    buyer: Buyer A`,
      `    peers: [${PEERS.slice(1).join(', ')}]`,
      '  - type: benchmark',
      '    id: bench-year',
      `    buyer: Buyer A`,
      `    peers: [${PEERS.slice(1).join(', ')}]`,
      '    year: 2024',
      '  - type: trend',
      '',
    ].join('\n'))
    const {json} = await report(['--out', 'cfg', '--config', 'cfg.yml'])
    expect(json.sections.map((s: Json) => s.id)).toEqual(['overview', 'bench-a', 'bench-year', 'trend', 'benchmark'])
    const peers = PEERS.slice(1).join(',')
    expectValues(join(dir, 'cfg', 'tables', 'bench-a_2.csv'), await bench(['Buyer A', '--peers', peers, '--from', '2024-01-01', '--to', '2024-03-31']))
    const byYear = await bench(['Buyer A', '--peers', peers, '--year', '2024'])
    expectValues(join(dir, 'cfg', 'tables', 'bench-year_2.csv'), byYear)
    const b = await bench(['Buyer B', '--auto', '8', '--from', '2024-01-01', '--to', '2024-03-31'])
    expectValues(join(dir, 'cfg', 'tables', 'benchmark_2.csv'), b)
    const md = readFileSync(join(dir, 'cfg', 'report.md'), 'utf8')
    expect(md).toContain(`Period: ${b.period.label} (the report's period).`)
    expect(md).toContain(`Period: ${byYear.period.label} (the year asked for).`)
    await verify('cfg')
  }, 120_000)

  it('refuses any_period under a report period (exit 2, naming the file, section and key)', async () => {
    writeFileSync(join(dir, 'any.yml'), 'period: 2024\nsections:\n  - type: benchmark\n    buyer: Buyer A\n    any_period: true\n')
    const {stderr} = await report(['--out', 'bad', '--config', 'any.yml'], 2)
    expect(stderr).toMatch(/^spend: error: any\.yml \(section benchmark, any_period\): any_period .+\n$/)
  })
})
