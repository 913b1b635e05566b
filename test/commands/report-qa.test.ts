/**
 * spend report as a careful user runs it: --format lists the files written,
 * and the mistakes users make (a missing or empty workspace, --out on a
 * file, a config that is not YAML, a profile of no one) fail in one line
 * with the right exit code, writing nothing.
 */
import {createHash} from 'node:crypto'
import {chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

let dir = ''
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

beforeAll(async () => {
  dir = tempDir('spendkit-report-qa-')
  const r = await runCli(['import', fixture('cli', 'uk-25k-small.csv'), '--workspace', join(dir, 'ws')])
  expect(r.code).toBe(0)
})

describe('spend report --format', () => {
  it('lists the files written (path, bytes, sha256) as CSV, the same files as --json', async () => {
    const r = await runCli(['report', '--out', 'csv', '-w', 'ws', '--format', 'csv'], {cwd: dir})
    expect(r.code).toBe(0)
    const [head, ...lines] = r.stdout.trimEnd().split('\n')
    expect(head).toBe('path,bytes,sha256')
    const j = JSON.parse((await runCli(['report', '--out', 'json', '-w', 'ws', '--json'], {cwd: dir})).stdout)
    expect(lines.map((l) => l.split(',')[0])).toEqual(j.files.map((f: any) => f.path))
    for (const l of lines) {
      const [path, bytes, hash] = l.split(',')
      const b = readFileSync(join(dir, 'csv', path))
      if (path !== 'manifest.json') expect([Number(bytes), hash], path).toEqual([b.length, sha(b)])
    }
  })

  it('gives --json under --format json, and a Markdown table under --format md', async () => {
    const j = await runCli(['report', '--out', 'fj', '-w', 'ws', '--format', 'json'], {cwd: dir})
    expect(j.code).toBe(0)
    expect(Object.keys(JSON.parse(j.stdout))).toEqual(['out', 'files', 'sections'])
    const md = await runCli(['report', '--out', 'md', '-w', 'ws', '--format', 'md'], {cwd: dir})
    expect(md.code).toBe(0)
    expect(md.stdout).toMatch(/^\| File \| Bytes \| SHA-256 \|$/m)
    expect(md.stdout).toContain('| index.html |')
  })

  it('keeps stdout to the path of index.html without --format', async () => {
    const r = await runCli(['report', '--out', 'plain', '-w', 'ws'], {cwd: dir})
    expect(r.stdout).toBe(`${join('plain', 'index.html')}\n`)
    expect(existsSync(join(dir, 'plain', 'index.html'))).toBe(true)
  })
})

describe('spend report refuses what would mislead or destroy, in one line, writing nothing', () => {
  it('refuses --out inside the workspace, and a previous report folder holding the workspace (it would be deleted)', async () => {
    const before = readdirSync(join(dir, 'ws')).sort()
    const inside = await runCli(['report', '--out', join('ws', 'rep'), '-w', 'ws'], {cwd: dir})
    expect([inside.code, inside.stdout]).toEqual([1, ''])
    expect(inside.stderr).toMatch(/^spend: error: --out: ws.rep is inside the workspace .*ws \(.+\)\n$/)
    expect(readdirSync(join(dir, 'ws')).sort()).toEqual(before)

    expect((await runCli(['report', '--out', 'holder', '-w', 'ws'], {cwd: dir})).code).toBe(0)
    cpSync(join(dir, 'ws'), join(dir, 'holder', 'ws'), {recursive: true})
    const holds = await runCli(['report', '--out', 'holder', '-w', join('holder', 'ws')], {cwd: dir})
    expect([holds.code, holds.stdout]).toEqual([1, ''])
    expect(holds.stderr).toMatch(/^spend: error: --out: holder holds the workspace .*ws \(.+\)\n$/)
    expect(readdirSync(join(dir, 'holder', 'ws')).sort()).toEqual(before)
  })

  it('names the --out folder as typed when it cannot be written (not the temporary folder beside it)', async () => {
    // A read-only parent; root writes anywhere, so as root a folder under /proc (Linux), where no one can make one.
    const root = process.getuid?.() === 0
    const parent = join(dir, 'readonly')
    mkdirSync(parent)
    if (!root) chmodSync(parent, 0o555)
    const out = root ? '/proc/spendkit-report-qa' : join('readonly', 'rep')
    try {
      const r = await runCli(['report', '--out', out, '-w', 'ws'], {cwd: dir})
      expect([r.code, r.stdout]).toEqual([1, ''])
      expect(r.stderr).toBe(`spend: error: --out ${out}: cannot write the report folder there (${root ? 'no such folder' : 'permission denied'}); nothing was written (choose a folder you can write for --out)\n`)
      expect(readdirSync(parent)).toEqual([])
    } finally {
      chmodSync(parent, 0o755)
    }
  })

  it('names the config file and the section when a profile names no one (exit 1)', async () => {
    writeFileSync(join(dir, 'prof.yml'), 'sections:\n  - type: profile\n    of: supplier\n    name: Nobody Such Ltd\n')
    const r = await runCli(['report', '--config', 'prof.yml', '--out', 'prof', '-w', 'ws'], {cwd: dir})
    expect([r.code, r.stdout]).toEqual([1, ''])
    expect(r.stderr).toMatch(/^spend: error: prof\.yml \(section profile, supplier\): .*"Nobody Such Ltd" \(.+\)\n$/)
    expect(existsSync(join(dir, 'prof'))).toBe(false)
  })

  it('refuses a period that runs backwards as a config error naming no flag (exit 2)', async () => {
    writeFileSync(join(dir, 'back.yml'), 'period: {from: 2024-05-01, to: 2024-01-01}\n')
    const r = await runCli(['report', '--config', 'back.yml', '--out', 'back', '-w', 'ws'], {cwd: dir})
    expect([r.code, r.stdout]).toEqual([2, ''])
    expect(r.stderr).toMatch(/^spend: error: back\.yml: .*2024-05-01.*2024-01-01 \(.+\)\n$/)
    expect(r.stderr).not.toContain('--from')
    expect(existsSync(join(dir, 'back'))).toBe(false)
  })
})

describe('the first page', () => {
  it('shows the headline chart, spend over time per currency, in the overview', async () => {
    const r = await runCli(['report', '--out', 'head', '-w', 'ws', '--json'], {cwd: dir})
    expect(r.code).toBe(0)
    const overview = JSON.parse(r.stdout).sections[0]
    expect(overview.id).toBe('overview')
    expect(overview.charts.length).toBeGreaterThan(0)
    for (const c of overview.charts) expect(c).toMatch(/^charts\/overview-trend-/)
    const html = readFileSync(join(dir, 'head', 'index.html'), 'utf8')
    const section = html.slice(html.indexOf('<section id="overview"'), html.indexOf('</section>'))
    expect(section.match(/<svg\b/g)?.length).toBe(overview.charts.length)
  })
})

describe('data quality', () => {
  it('says its shares are of rows (the overview\'s redacted share is of spend: two different numbers)', async () => {
    expect((await runCli(['report', '--out', 'dq', '-w', 'ws'], {cwd: dir})).code).toBe(0)
    const md = readFileSync(join(dir, 'dq', 'report.md'), 'utf8')
    const dq = md.slice(md.indexOf('## Data quality'))
    for (const label of ['Redacted or blank supplier', 'Undated', 'Unclassified: no category']) expect(dq).toContain(`- **${label} (share of rows):** `)
  })
})

describe('file names', () => {
  it('names each table and chart after its own section only, with no doubled type, when a type comes twice', async () => {
    writeFileSync(join(dir, 'twice.yml'), 'sections:\n  - type: top\n  - type: top\n    what: buyers\n  - type: trend\n    every: quarter\n  - type: trend\n    every: year\n')
    const r = await runCli(['report', '--config', 'twice.yml', '--out', 'twice', '-w', 'ws', '--json'], {cwd: dir})
    expect(r.code).toBe(0)
    const sections = JSON.parse(r.stdout).sections as {id: string; tables: string[]; charts: string[]}[]
    expect(sections.map((x) => x.id)).toEqual(['top', 'top-2', 'trend', 'trend-2'])
    const esc = (t: string) => t.replace(/[-]/g, '\\-')
    for (const x of sections) {
      expect(x.tables.length, x.id).toBeGreaterThan(0)
      for (const t of x.tables) expect(t).toMatch(new RegExp(`^tables/${esc(x.id)}(_\\d+)?\\.csv$`))
      for (const c of x.charts) expect(c).toMatch(new RegExp(`^charts/${esc(x.id)}-[a-z]`))
      for (const c of x.charts) expect(c, c).not.toMatch(/^charts\/(top-\d+-top|trend-\d+-trend)-/)
    }
    // Section top has several tables: none of them may be named like section top-2's.
    const top = sections[0].tables
    expect(top.length).toBeGreaterThan(1)
    for (const t of sections[1].tables) expect(top).not.toContain(t)
  })
})
