/**
 * The CI example (docs/examples/monthly-report.sh with docs/examples/report.yml)
 * run as a CI job would run it, on the demo data: it imports, reconciles,
 * writes the report as of a date and verifies it; it fails on a file that
 * cannot be imported and on a report that does not verify.
 */
import {copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {BIN, fixture, ROOT, runCli, runProcess, tempDir} from '../helpers/cli.js'
import {tempEnv} from '../helpers/temp.js'

const SCRIPT = join(ROOT, 'docs', 'examples', 'monthly-report.sh')
const CONFIG = join(ROOT, 'docs', 'examples', 'report.yml')
const AS_OF = '2024-07-15'

let dir = ''

/** Run the script from `dir` with SPEND and SPENDKIT_WORKSPACE set as the README says. */
function runScript(args: string[], ws: string, more: Record<string, string> = {}) {
  return runProcess('bash', [SCRIPT, ...args], {
    cwd: dir,
    env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', LANG: 'C', ...tempEnv(), SPEND: `${process.execPath} ${BIN}`, SPENDKIT_WORKSPACE: join(dir, ws), ...more},
  })
}

beforeAll(() => {
  dir = tempDir('spendkit-ci-example-')
})

describe('the CI example', () => {
  it('imports the demo data, writes the report as of a date and verifies it (exit 0)', async () => {
    const r = await runScript([fixture('demo'), CONFIG, 'report', AS_OF], 'ws')
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^spend: verified: \d+ files rebuilt byte for byte from \d+ pinned imports$/m)
    expect(r.stdout).toBe('')
    expect(existsSync(join(dir, 'report', 'index.html'))).toBe(true)
    const m = JSON.parse(readFileSync(join(dir, 'report', 'manifest.json'), 'utf8'))
    expect([m.as_of, m.config_file, m.config.period]).toEqual([AS_OF, 'report.yml', 'last-quarter'])
    expect(m.period.from <= AS_OF && m.period.to < AS_OF).toBe(true)
    expect(m.files.some((f: {path: string}) => f.path.startsWith('tables/'))).toBe(true)
    // The report the job published verifies on its own, too.
    expect((await runCli(['verify', 'report', '-w', 'ws'], {cwd: dir})).code).toBe(0)
  })

  it('fails the job when the report does not verify (one byte changed after it was written)', async () => {
    // A spend that changes one byte of index.html once the report is written, as a tampering step would.
    const wrapper = join(dir, 'tampering-spend.sh')
    writeFileSync(wrapper, [
      '#!/usr/bin/env bash',
      `"${process.execPath}" "${BIN}" "$@" || exit $?`,
      'if [ "$1" = report ]; then printf X | dd of="$TAMPER" bs=1 seek=200 conv=notrunc 2>/dev/null; fi',
      '',
    ].join('\n'))
    const r = await runScript([fixture('demo'), CONFIG, 'tampered', AS_OF], 'ws', {SPEND: `bash ${wrapper}`, TAMPER: join(dir, 'tampered', 'index.html')})
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('spend: index.html: differs (bytes differ from the rebuild)')
    expect(r.stderr).toMatch(/spend: verify failed: 1 file is not as rebuilt/)
    const direct = await runCli(['verify', 'tampered', '-w', 'ws'], {cwd: dir})
    expect(direct.code).toBe(1)
  })

  it('fails the job, naming the file, when a file cannot be imported, and writes no report', async () => {
    const files = join(dir, 'period')
    mkdirSync(files)
    copyFileSync(fixture('demo', 'uk-dis-spend-over-25k-2024-05.csv'), join(files, 'may.csv'))
    writeFileSync(join(files, 'june.csv'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 0x41]))
    const r = await runScript([files, CONFIG, 'broken', AS_OF], 'ws-broken')
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/^import failed: june\.csv: not spend data/m)
    expect(existsSync(join(dir, 'broken'))).toBe(false)
  })

  it('refuses to run without its four arguments (exit 2)', async () => {
    const r = await runScript([fixture('demo')], 'ws-none')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^usage: .*monthly-report\.sh FILES_DIR CONFIG OUT_DIR AS_OF\n$/)
  })
})
