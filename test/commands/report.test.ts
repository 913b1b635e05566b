/**
 * spend report end to end on a small workspace: the files, the manifest,
 * nothing machine-specific, the same bytes twice (any TZ and LANG), the
 * --json contract, the folders it refuses and the configuration's errors.
 */
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join, relative, sep} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {BIN, fixture, ROOT, runCli, tempDir} from '../helpers/cli.js'
import {runInPty, sh} from '../helpers/pty.js'
import {tempEnv} from '../helpers/temp.js'
import {check, type Schema} from '../contracts/schema-check.js'
import {schemaOf} from '../../src/io/write/output-fields.js'
import {REPORT_MANIFEST_OUTPUT, REPORT_OUTPUT} from '../../src/services/report/outputs.js'

type Manifest = Record<string, any>

let dir = ''

/** Every file under `d`, relative and `/`-separated, sorted. */
function filesOf(d: string): string[] {
  return (readdirSync(d, {recursive: true, withFileTypes: true}) as {isFile(): boolean; name: string; parentPath: string}[])
    .filter((e) => e.isFile())
    .map((e) => relative(d, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort()
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const manifestOf = (out: string): Manifest => JSON.parse(readFileSync(join(dir, out, 'manifest.json'), 'utf8'))

beforeAll(async () => {
  dir = tempDir('spendkit-report-')
  const r = await runCli(['import', fixture('cli', 'uk-25k-small.csv'), '--workspace', join(dir, 'ws')])
  expect(r.code).toBe(0)
})

describe('spend report', () => {
  it('writes index.html, report.md, tables, charts and a manifest listing each with its hash, and prints only the path', async () => {
    const r = await runCli(['report', '--out', 'rep', '-w', 'ws'], {cwd: dir})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`${join('rep', 'index.html')}\n`)
    const files = filesOf(join(dir, 'rep'))
    for (const f of ['index.html', 'report.md', 'manifest.json']) expect(files).toContain(f)
    expect(files.filter((f) => f.startsWith('tables/') && f.endsWith('.csv')).length).toBeGreaterThan(3)
    expect(files.some((f) => f.startsWith('charts/') && f.endsWith('.svg'))).toBe(true)
    const m = manifestOf('rep')
    expect(m.files.map((f: any) => f.path)).toEqual(files.filter((f) => f !== 'manifest.json'))
    for (const f of m.files) {
      const bytes = readFileSync(join(dir, 'rep', f.path))
      expect({path: f.path, sha256: sha(bytes), bytes: bytes.length}).toEqual(f)
    }
    // Nothing is left beside the folder (the temporary sibling was moved into place).
    expect(readdirSync(dir).sort()).toEqual(['rep', 'ws'])
  })

  it('records the tool, the command line, the config, the period, the workspace and the imports used', async () => {
    const m = manifestOf('rep')
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    expect(Object.keys(m)).toEqual([
      'format', 'format_version', 'tool', 'command', 'config_file', 'config', 'as_of', 'period', 'filters', 'fiscal_year_start',
      'workspace', 'imports', 'overlays', 'sections', 'files',
    ])
    expect(m.tool).toEqual({name: pkg.name, version: pkg.version})
    expect(m.command).toEqual(['spend', 'report', '--out', '.', '-w', '../ws'])
    expect(m.workspace).toBe('../ws')
    expect([m.config, m.config_file, m.as_of, m.period]).toEqual([null, null, null, null])
    const listed = JSON.parse((await runCli(['imports', '--json', '-w', 'ws'], {cwd: dir})).stdout)
    const entries = (Array.isArray(listed) ? listed : listed.imports) as any[]
    expect(m.imports.map((i: any) => [i.id, i.file, i.sha256])).toEqual(entries.map((e) => [e.id, e.file, e.sha256]))
    expect(m.imports[0].totals[0]).toMatchObject({currency: 'GBP'})
    expect(Object.keys(m.imports[0].rows)).toEqual(['read', 'imported', 'rejected', 'skipped'])
    expect(check(schemaOf(REPORT_MANIFEST_OUTPUT) as Schema, m)).toEqual([])
    expect(m.sections.map((s: any) => s.id)).toEqual(['overview', 'data-quality', 'top-suppliers', 'top-buyers', 'category-mix', 'concentration', 'pareto', 'trend', 'flags'])
  })

  it('holds no absolute path and no time in any file', () => {
    const abs = [dir, ROOT, process.cwd()]
    for (const f of filesOf(join(dir, 'rep')).filter((p) => !p.endsWith('.png'))) {
      const text = readFileSync(join(dir, 'rep', f), 'utf8')
      for (const a of abs) expect(text.includes(a), `${f} holds ${a}`).toBe(false)
      expect(text, f).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)
    }
  })

  it('records absolute paths typed on the command line relative to the report folder', async () => {
    const r = await runCli(['report', '--out', join(dir, 'abs', 'rep'), '--workspace', join(dir, 'ws')], {cwd: ROOT})
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`${join(dir, 'abs', 'rep', 'index.html')}\n`)
    const m = manifestOf(join('abs', 'rep'))
    expect(m.command).toEqual(['spend', 'report', '--out', '.', '--workspace', '../../ws'])
    expect(m.workspace).toBe('../../ws')
    expect(readFileSync(join(dir, 'abs', 'rep', 'manifest.json'), 'utf8')).not.toContain(dir)
  })

  it('gives identical bytes on a second run in another time zone and locale', async () => {
    const r = await runCli(['report', '--out', 'rep2', '-w', 'ws'], {cwd: dir, env: {TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8'}})
    expect(r.code).toBe(0)
    const a = filesOf(join(dir, 'rep'))
    expect(filesOf(join(dir, 'rep2'))).toEqual(a)
    for (const f of a) expect(sha(readFileSync(join(dir, 'rep2', f))), f).toBe(sha(readFileSync(join(dir, 'rep', f))))
  })

  it('prints the --json contract {out, files, sections} and nothing else', async () => {
    const r = await runCli(['report', '--out', 'rep3', '-w', 'ws', '--json'], {cwd: dir})
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(Object.keys(j)).toEqual(['out', 'files', 'sections'])
    expect(check(schemaOf(REPORT_OUTPUT) as Schema, j)).toEqual([])
    expect(j.out).toBe('rep3')
    expect(j.files.map((f: any) => f.path)).toEqual(filesOf(join(dir, 'rep3')))
    for (const f of j.files) expect(Object.keys(f)).toEqual(['path', 'sha256', 'bytes'])
    for (const s of j.sections) expect(Object.keys(s)).toEqual(['id', 'title', 'tables', 'charts'])
    const tables = j.sections.flatMap((s: any) => s.tables)
    expect(tables.length).toBeGreaterThan(0)
    for (const t of [...tables, ...j.sections.flatMap((s: any) => s.charts)]) expect(existsSync(join(dir, 'rep3', t)), t).toBe(true)
  })

  it('records the generation time only with --stamp, from SOURCE_DATE_EPOCH', async () => {
    const r = await runCli(['report', '--out', 'stamped', '-w', 'ws', '--stamp'], {cwd: dir, env: {SOURCE_DATE_EPOCH: '1700000000'}})
    expect(r.code).toBe(0)
    expect(check(schemaOf(REPORT_MANIFEST_OUTPUT) as Schema, manifestOf('stamped'))).toEqual([])
    expect(manifestOf('stamped').generated_at).toBe(new Date(1700000000 * 1000).toISOString().replace('.000', ''))
    expect(manifestOf('rep').generated_at).toBeUndefined()
  })

  it('replaces a previous report, and refuses a folder that is not one (exit 1, one line)', async () => {
    writeFileSync(join(dir, 'rep3', 'stray.txt'), 'x')
    expect((await runCli(['report', '--out', 'rep3', '-w', 'ws'], {cwd: dir})).code).toBe(0)
    expect(existsSync(join(dir, 'rep3', 'stray.txt'))).toBe(false)
    mkdirSync(join(dir, 'notes'))
    writeFileSync(join(dir, 'notes', 'mine.txt'), 'keep me')
    for (const out of ['notes', 'ws']) {
      const r = await runCli(['report', '--out', out, '-w', 'ws'], {cwd: dir})
      expect(r.code).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(/^spend: error: --out: .+ is not empty and holds no spend report \(.+\)\n$/)
    }
    expect(readFileSync(join(dir, 'notes', 'mine.txt'), 'utf8')).toBe('keep me')
    expect(existsSync(join(dir, 'ws', 'manifest.json'))).toBe(true)
  })

  it('follows a configuration, and needs --as-of for a relative period (exit 2)', async () => {
    writeFileSync(join(dir, 'q.yml'), 'title: Last quarter\nperiod: last-quarter\nsections:\n  - type: overview\n  - type: top\n    what: suppliers\n    top: 3\n')
    const no = await runCli(['report', '--config', 'q.yml', '--out', 'q', '-w', 'ws'], {cwd: dir})
    expect(no.code).toBe(2)
    expect(no.stderr).toMatch(/^spend: error: q\.yml: .*needs --as-of.*\n$/)
    expect(existsSync(join(dir, 'q'))).toBe(false)
    const yes = await runCli(['report', '--config', 'q.yml', '--out', 'q', '-w', 'ws', '--as-of', '2024-05-10'], {cwd: dir})
    expect(yes.code).toBe(0)
    const m = manifestOf('q')
    expect(m.config).toEqual({title: 'Last quarter', period: 'last-quarter', sections: [{type: 'overview'}, {type: 'top', what: 'suppliers', top: 3}]})
    expect([m.config_file, m.as_of, m.period]).toEqual(['q.yml', '2024-05-10', {from: '2024-01-01', to: '2024-03-31'}])
    expect(m.command).toEqual(['spend', 'report', '--config', '../q.yml', '--out', '.', '-w', '../ws', '--as-of', '2024-05-10'])
    expect(check(schemaOf(REPORT_MANIFEST_OUTPUT) as Schema, m)).toEqual([])
    expect(m.sections.map((s: any) => s.id)).toEqual(['overview', 'top'])
  })

  it('names each section on stderr as it is built, on a terminal only; stdout stays the path', async () => {
    const out = join(dir, 'tty.out')
    const cmd = `cd ${sh(dir)} && ${sh(process.execPath)} ${sh(BIN)} report --out tty -w ws | cat > ${sh(out)}`
    const env = {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', LANG: 'C', TERM: 'xterm', ...tempEnv()}
    const r = await runInPty(cmd, env)
    expect(r.code).toBe(0)
    expect(r.screen).toContain('spend: Overview')
    expect(r.screen).toContain('spend: Data quality')
    expect(readFileSync(out, 'utf8')).toBe(`${join('tty', 'index.html')}\n`)
    // Piped (not a terminal): nothing on stderr, as the first test saw.
  })

  it('warns on stderr when no row is in the period', async () => {
    writeFileSync(join(dir, 'later.yml'), 'period: 2031\n')
    const r = await runCli(['report', '--config', 'later.yml', '--out', 'later', '-w', 'ws'], {cwd: dir})
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`${join('later', 'index.html')}\n`)
    expect(r.stderr).toMatch(/^spend: warning: no row of the workspace's \d+ is in the report's period and filters/)
    expect(manifestOf('later').period).toEqual({from: '2031-01-01', to: '2031-12-31'})
  })

  it('names the config file when a configured filter matches nothing', async () => {
    writeFileSync(join(dir, 'nobody.yml'), 'filters:\n  buyer: Nobody At All\n')
    const r = await runCli(['report', '--config', 'nobody.yml', '--out', 'nobody', '-w', 'ws'], {cwd: dir})
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^spend: error: nobody\.yml \(filters: buyer\): .*Nobody At All.*\n$/)
    expect(existsSync(join(dir, 'nobody'))).toBe(false)
  })

  it('refuses a bad configuration in one line naming the file and line (exit 2), writing nothing', async () => {
    writeFileSync(join(dir, 'bad.yml'), 'title: x\nsections:\n  - type: pie\n')
    const r = await runCli(['report', '--config', 'bad.yml', '--out', 'bad', '-w', 'ws'], {cwd: dir})
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('spend: error: bad.yml:3: unknown section type "pie" (use overview, data-quality, top, category-mix, cube, concentration, pareto, trend, profile, gpp, classification, benchmark, flags)\n')
    expect(existsSync(join(dir, 'bad'))).toBe(false)
  })
})
