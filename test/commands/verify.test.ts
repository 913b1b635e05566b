/**
 * spend verify DIR end to end: an untouched report passes; one changed byte,
 * a deleted file and an added file fail it (exit 1, each named); a later
 * import does not, a removed import does; --stamp, a config with --as-of and
 * a report made in another time zone and locale verify; the --json contract.
 */
import {cpSync, readFileSync, rmSync, unlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {BIN, fixture, ROOT, runCli, tempDir} from '../helpers/cli.js'
import {runInPty, sh} from '../helpers/pty.js'
import {tempEnv} from '../helpers/temp.js'
import {check, type Schema} from '../contracts/schema-check.js'
import {schemaOf} from '../../src/io/write/output-fields.js'
import {VERIFY_OUTPUT} from '../../src/services/report/outputs.js'

interface VerifyJson {
  ok: boolean
  rebuilt: boolean
  files: {path: string; status: string; detail: string | null}[]
  inputs: {import: string; file: string; status: string}[]
}

let dir = ''

/** A copy of report `from` beside it (the manifest's relative workspace still points at ws). */
function copyOf(from: string, to: string): string {
  rmSync(join(dir, to), {recursive: true, force: true})
  cpSync(join(dir, from), join(dir, to), {recursive: true})
  return to
}

/** Change one byte in the middle of a file. */
function flipByte(file: string): void {
  const bytes = readFileSync(file)
  const i = bytes.length >> 1
  bytes[i] = bytes[i] === 0x41 ? 0x42 : 0x41
  writeFileSync(file, bytes)
}

async function verifyJson(report: string, more: string[] = [], cwd = dir) {
  const r = await runCli(['verify', report, '--json', ...more], {cwd})
  const json = JSON.parse(r.stdout) as VerifyJson
  expect(check(schemaOf(VERIFY_OUTPUT) as Schema, json)).toEqual([])
  return {code: r.code, json, stderr: r.stderr}
}

/** The files that are not `same`, as [path, status]. */
const notSame = (j: VerifyJson) => j.files.filter((f) => f.status !== 'same').map((f) => [f.path, f.status])

const listedFiles = (report: string) => (JSON.parse(readFileSync(join(dir, report, 'manifest.json'), 'utf8')).files as {path: string}[]).map((f) => f.path)

beforeAll(async () => {
  dir = tempDir('spendkit-verify-')
  expect((await runCli(['import', fixture('cli', 'uk-25k-small.csv'), '-w', 'ws'], {cwd: dir})).code).toBe(0)
  expect((await runCli(['report', '--out', 'rep', '-w', 'ws'], {cwd: dir})).code).toBe(0)
})

describe('spend verify', () => {
  it('passes an untouched report: exit 0, every file and input same, the table on stdout and one closing line on stderr', async () => {
    const r = await runCli(['verify', 'rep', '--format', 'csv'], {cwd: dir})
    expect(r.code).toBe(0)
    const listed = listedFiles('rep')
    expect(r.stderr).toBe(`spend: verified: ${listed.length + 1} files rebuilt byte for byte from 1 pinned import\n`)
    const lines = r.stdout.trim().split('\n')
    expect(lines[0]).toBe('kind,name,status,detail')
    expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual(Array(listed.length + 2).fill('same'))
    const {code, json} = await verifyJson('rep')
    expect(code).toBe(0)
    expect(json.ok).toBe(true)
    expect(json.rebuilt).toBe(true)
    expect(json.files.map((f) => f.path)).toEqual([...listed, 'manifest.json'].sort())
    expect(notSame(json)).toEqual([])
    expect(json.inputs.map((i) => [i.file, i.status])).toEqual([['uk-25k-small.csv', 'same']])
  })

  it('catches one changed byte in a chart SVG', async () => {
    const rep = copyOf('rep', 'svg')
    const svg = listedFiles(rep).find((p) => p.endsWith('.svg'))!
    flipByte(join(dir, rep, svg))
    const r = await runCli(['verify', rep], {cwd: dir})
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`spend: ${svg}: differs (bytes differ from the rebuild)\n`)
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^spend: verify failed: 1 file is not as rebuilt .*re-run the report/)
    const {code, json} = await verifyJson(rep)
    expect(code).toBe(1)
    expect(json.ok).toBe(false)
    expect(notSame(json)).toEqual([[svg, 'differs']])
  })

  it('catches one changed byte in index.html, even with the manifest edited to match', async () => {
    const rep = copyOf('rep', 'html')
    flipByte(join(dir, rep, 'index.html'))
    expect(notSame((await verifyJson(rep)).json)).toEqual([['index.html', 'differs']])
    const m = JSON.parse(readFileSync(join(dir, rep, 'manifest.json'), 'utf8'))
    const bytes = readFileSync(join(dir, rep, 'index.html'))
    const {createHash} = await import('node:crypto')
    m.files.find((f: {path: string}) => f.path === 'index.html').sha256 = createHash('sha256').update(bytes).digest('hex')
    writeFileSync(join(dir, rep, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`)
    const {code, json} = await verifyJson(rep)
    expect(code).toBe(1)
    expect(notSame(json)).toEqual([['index.html', 'differs'], ['manifest.json', 'differs']])
  })

  it('calls a deleted table CSV missing and an added file added', async () => {
    const rep = copyOf('rep', 'gone')
    const csv = listedFiles(rep).find((p) => p.startsWith('tables/'))!
    unlinkSync(join(dir, rep, csv))
    writeFileSync(join(dir, rep, 'charts', 'extra.svg'), '<svg/>')
    const r = await runCli(['verify', rep], {cwd: dir})
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`spend: ${csv}: missing (not in the folder)\n`)
    expect(r.stderr).toContain('spend: charts/extra.svg: added (not listed in manifest.json)\n')
    expect(notSame((await verifyJson(rep)).json)).toEqual([['charts/extra.svg', 'added'], [csv, 'missing']])
  })

  it('verifies a report made with --stamp (generated_at is not compared) and a config report with --as-of', async () => {
    const r = await runCli(['report', '--out', 'stamped', '-w', 'ws', '--stamp'], {cwd: dir, env: {SOURCE_DATE_EPOCH: '1700000000'}})
    expect(r.code).toBe(0)
    expect(readFileSync(join(dir, 'stamped', 'manifest.json'), 'utf8')).toContain('"generated_at": "2023-11-14T22:13:20Z"')
    const stamped = await verifyJson('stamped')
    expect([stamped.code, notSame(stamped.json)]).toEqual([0, []])
    const config = join(ROOT, 'docs', 'examples', 'report.yml')
    const c = await runCli(['report', '--config', config, '--as-of', '2024-07-15', '--out', 'configured', '-w', 'ws'], {cwd: dir})
    expect(c.code).toBe(0)
    const m = JSON.parse(readFileSync(join(dir, 'configured', 'manifest.json'), 'utf8'))
    expect([m.as_of, m.config_file, m.period]).toEqual(['2024-07-15', 'report.yml', {from: '2024-04-01', to: '2024-06-30'}])
    const configured = await verifyJson('configured')
    expect([configured.code, notSame(configured.json)]).toEqual([0, []])
  })

  it('verifies in this time zone and locale a report made in another', async () => {
    const env = {TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8'}
    expect((await runCli(['report', '--out', 'elsewhere', '-w', 'ws'], {cwd: dir, env})).code).toBe(0)
    const r = await runCli(['verify', 'elsewhere', '--json'], {cwd: dir, env: {TZ: 'America/Los_Angeles', LANG: 'C'}})
    expect(r.code).toBe(0)
    expect((JSON.parse(r.stdout) as VerifyJson).ok).toBe(true)
  })

  it('takes --workspace, from any folder', async () => {
    const {code, json} = await verifyJson(join(dir, 'rep'), ['--workspace', join(dir, 'ws')], ROOT)
    expect([code, json.ok]).toEqual([0, true])
  })

  it('still passes after a later import, and fails naming the import when a pinned one is removed', async () => {
    expect((await runCli(['import', fixture('cli', 'uk-25k-small.csv'), '-w', 'ws2'], {cwd: dir})).code).toBe(0)
    expect((await runCli(['report', '--out', 'rep2', '-w', 'ws2'], {cwd: dir})).code).toBe(0)
    expect((await runCli(['import', fixture('demo', 'uk-dis-spend-over-25k-2023-01.csv'), '-w', 'ws2'], {cwd: dir})).code).toBe(0)
    const later = await verifyJson('rep2')
    expect([later.code, notSame(later.json), later.json.inputs.length]).toEqual([0, [], 1])

    const id = later.json.inputs[0].import
    expect((await runCli(['imports', 'remove', id, '-w', 'ws2'], {cwd: dir})).code).toBe(0)
    const r = await runCli(['verify', 'rep2'], {cwd: dir})
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`spend: import ${id} (uk-25k-small.csv): missing\n`)
    expect(r.stderr).toMatch(/was not rebuilt: its files were checked against the hashes in manifest.json only\n.*re-import the original file/)
    const {code, json} = await verifyJson('rep2')
    expect(code).toBe(1)
    expect([json.ok, json.rebuilt, json.inputs[0].status, notSame(json)]).toEqual([false, false, 'missing', []])
  })

  it('names each section on stderr as it rebuilds, on a terminal only', async () => {
    const cmd = `cd ${sh(dir)} && ${sh(process.execPath)} ${sh(BIN)} verify rep > /dev/null`
    const r = await runInPty(cmd, {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', LANG: 'C', TERM: 'xterm', ...tempEnv()})
    expect(r.code).toBe(0)
    expect(r.screen).toContain('spend: rebuilding Overview')
    expect(r.screen).toContain('spend: verified:')
    // Piped, stderr has only the closing line (the first test).
  })

  it('refuses a folder without a report manifest in one line, exit 1', async () => {
    const r = await runCli(['verify', 'rep/charts'], {cwd: dir})
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('spend: error: rep/charts: no manifest.json: not a report folder (give the folder spend report --out wrote)\n')
    const bad = copyOf('rep', 'broken')
    writeFileSync(join(dir, bad, 'manifest.json'), '{"format": "spendkit-report", ')
    const b = await runCli(['verify', bad], {cwd: dir})
    expect(b.code).toBe(1)
    expect(b.stderr).toMatch(/^spend: error: broken: manifest.json is not a spendkit report manifest \(not valid JSON\) \(.+\)\n$/)
    const nows = await runCli(['verify', 'rep', '-w', 'no-such-ws'], {cwd: dir})
    expect([nows.code, nows.stderr]).toEqual([1, "spend: error: no-such-ws: the report's workspace: no such workspace (give the workspace the report was made from with --workspace DIR)\n"])
    const w = await runCli(['verify', 'ws'], {cwd: dir})
    expect([w.code, w.stderr]).toEqual([1, expect.stringMatching(/^spend: error: ws: manifest.json is not a spendkit report manifest \(format is not "spendkit-report"\)/)])
  })
})

describe('spend verify on the demo data', () => {
  beforeAll(async () => {
    expect((await runCli(['import', fixture('demo'), '-w', 'demo-ws'], {cwd: dir})).code).toBe(0)
    expect((await runCli(['report', '--out', 'demo', '-w', 'demo-ws'], {cwd: dir})).code).toBe(0)
  })

  it('passes the untouched demo report and catches one changed byte in a chart', async () => {
    const untouched = await verifyJson('demo')
    expect([untouched.code, notSame(untouched.json)]).toEqual([0, []])
    expect(untouched.json.inputs.length).toBeGreaterThan(1)
    const rep = copyOf('demo', 'demo-changed')
    const svg = listedFiles(rep).filter((p) => p.endsWith('.svg')).at(-1)!
    flipByte(join(dir, rep, svg))
    const changed = await verifyJson(rep)
    expect([changed.code, notSame(changed.json)]).toEqual([1, [[svg, 'differs']]])
  })
})
