/**
 * .ci/run installs Debian's chromium and postgresql with apt-get only when
 * they are missing, counts a failed install as a failure (the browser and
 * engine tests must not silently skip), and starts one PostgreSQL server for
 * the run, stopped at the end. Run on a copy of the scripts with stand-ins
 * for npm, apt-get, sudo and PostgreSQL's tools on a PATH of a few tools.
 */
import {chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runProcess, tempDir} from '../helpers/cli.js'

const TOOLS = ['dirname', 'mkdir', 'id', 'env', 'chmod', 'bash', 'mktemp', 'rm', 'ls', 'sort', 'tail']

/** A project folder holding .ci/run, and a bin folder with only the stand-ins and a few tools. */
function sandbox(opts: {apt: 'ok' | 'fail'; chromium: boolean; postgres?: boolean}): {dir: string; bin: string; log: string} {
  const dir = tempDir('spendkit-ci-run-')
  const bin = join(dir, 'bin')
  const log = join(dir, 'calls.log')
  mkdirSync(join(dir, 'proj', '.ci'), {recursive: true})
  mkdirSync(join(dir, 'proj', 'scripts'))
  mkdirSync(bin)
  copyFileSync(join(ROOT, '.ci', 'run'), join(dir, 'proj', '.ci', 'run'))
  for (const name of ['need-chromium.sh', 'need-postgres.sh', 'ci-postgres.sh']) copyFileSync(join(ROOT, 'scripts', name), join(dir, 'proj', 'scripts', name))
  symlinkSync(process.execPath, join(bin, 'node'))
  for (const tool of TOOLS) {
    const found = ['/usr/bin', '/bin'].map((d) => join(d, tool)).find((p) => existsSync(p))
    if (found) symlinkSync(found, join(bin, tool))
  }
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> '${log}'\n${body}\n`)
    chmodSync(join(bin, name), 0o755)
  }
  // npm test: three passing tests in the JSON report the script reads.
  script('npm', `case "$1" in test) echo '{"numPassedTests":3,"numFailedTests":0,"testResults":[]}' > test/tmp/results.json ;; esac\nexit 0`)
  script('sudo', 'shift\nexec "$@"')
  script('apt-get', opts.apt === 'ok'
    ? `case "$*" in *install*) printf '#!/bin/sh\\n' > '${join(bin, 'chromium')}'; chmod 755 '${join(bin, 'chromium')}' ;; esac\nexit 0`
    : 'echo "E: Unable to locate package chromium" >&2\nexit 100')
  if (opts.chromium) script('chromium', 'exit 0')
  // PostgreSQL's tools (as root the script runs them as the postgres user, through runuser).
  if (opts.postgres ?? true) for (const name of ['initdb', 'pg_ctl']) script(name, 'exit 0')
  script('runuser', 'shift 3\nexec "$@"')
  script('chown', 'exit 0')
  return {dir, bin, log}
}

const ci = (s: {dir: string; bin: string}) => runProcess('/bin/bash', [join(s.dir, 'proj', '.ci', 'run')], {cwd: join(s.dir, 'proj'), env: {PATH: s.bin, HOME: s.dir, SPENDKIT_PG_LIB: join(s.dir, 'no-postgresql')}})
const lastLine = (text: string) => text.trim().split('\n').at(-1)
const calls = (log: string) => (existsSync(log) ? readFileSync(log, 'utf8') : '')

describe('.ci/run, chromium and postgresql', () => {
  it('leaves apt-get alone when chromium is on PATH', async () => {
    const s = sandbox({apt: 'fail', chromium: true})
    const r = await ci(s)
    expect(r.code, r.stderr).toBe(0)
    expect(lastLine(r.stdout)).toBe('3 passed, 0 failed')
    expect(calls(s.log)).not.toContain('apt-get')
  })

  it('installs chromium with apt-get when it is missing, then runs the tests', async () => {
    const s = sandbox({apt: 'ok', chromium: false})
    const r = await ci(s)
    expect(r.code, r.stderr).toBe(0)
    expect(lastLine(r.stdout)).toBe('3 passed, 0 failed')
    const log = calls(s.log)
    expect(log).toMatch(/apt-get update/)
    expect(log).toMatch(/apt-get install -y .*chromium/)
    expect(log.indexOf('apt-get install')).toBeLessThan(log.indexOf('npm test'))
  })

  it('counts a failed install as a failure and says why', async () => {
    const s = sandbox({apt: 'fail', chromium: false})
    const r = await ci(s)
    expect(r.code).not.toBe(0)
    expect(lastLine(r.stdout)).toBe('3 passed, 1 failed')
    expect(r.stderr).toMatch(/spend tests: error: chromium: apt-get update failed/)
    // The tests still run, so their own failures are reported too.
    expect(calls(s.log)).toContain('npm test')
  })

  it('starts one PostgreSQL server before the tests, hands them its URL, and stops it after', async () => {
    const s = sandbox({apt: 'fail', chromium: true})
    writeFileSync(join(s.bin, 'npm'), `#!/bin/sh\necho "npm $* url=$SPENDKIT_TEST_PG_URL" >> '${s.log}'\ncase "$1" in test) echo '{"numPassedTests":3,"numFailedTests":0,"testResults":[]}' > test/tmp/results.json ;; esac\nexit 0\n`)
    const r = await ci(s)
    expect(r.code, r.stderr).toBe(0)
    expect(lastLine(r.stdout)).toBe('3 passed, 0 failed')
    const log = calls(s.log)
    expect(log).toMatch(/npm test .*url=postgresql:\/\/spend@localhost:5432\/postgres\?host=\//)
    const start = log.indexOf('pg_ctl -D'), test = log.indexOf('npm test'), stop = log.lastIndexOf(' stop')
    expect(start).toBeGreaterThan(-1)
    expect(log.slice(start, log.indexOf('\n', start))).toMatch(/ start$/)
    expect(start).toBeLessThan(test)
    expect(stop).toBeGreaterThan(test)
  })

  it('counts a failed postgresql install as a failure and says why', async () => {
    const s = sandbox({apt: 'fail', chromium: true, postgres: false})
    const r = await ci(s)
    expect(r.code).not.toBe(0)
    expect(lastLine(r.stdout)).toBe('3 passed, 1 failed')
    expect(r.stderr).toMatch(/spend tests: error: postgresql: apt-get update failed/)
    expect(calls(s.log)).toContain('npm test')
  })
})
