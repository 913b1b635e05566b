/**
 * vitest globalSetup: the whole run uses one fresh temp folder (TMPDIR, and
 * TMP/TEMP for Windows), inherited by the test workers and passed to every
 * `spend` they start (tempEnv), so nothing a test or the CLI leaves in a temp
 * dir goes unseen. At the end, anything left in that folder fails the run
 * (exit 1), named; the folder is removed either way. New `spendkit-*` folders
 * in the real temp dir (something that ignored TMPDIR) are named too: they
 * fail the run under CI, and are a warning elsewhere, where another checkout's
 * tests may be writing there at the same time.
 */
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const KEYS = ['TMPDIR', 'TMP', 'TEMP'] as const

/** `spendkit-*` entries of a folder, but the run folders of test runs (this one's, or another checkout's). */
const ours = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('spendkit-') && !n.startsWith('spendkit-run-'))

export default function setup(): () => void {
  const real = tmpdir()
  const saved = KEYS.map((k) => process.env[k])
  const before = new Set(ours(real))
  const run = mkdtempSync(join(real, 'spendkit-run-'))
  for (const k of KEYS) process.env[k] = run
  return () => {
    KEYS.forEach((k, i) => {
      if (saved[i] === undefined) delete process.env[k]
      else process.env[k] = saved[i]
    })
    const leftInRun = readdirSync(run).sort()
    const leftInReal = ours(real).filter((n) => !before.has(n)).sort()
    rmSync(run, {recursive: true, force: true, maxRetries: 3})
    const fix = 'remove them in afterAll/afterEach, or make them with tempDir() (test/helpers/temp.ts) and pass tempEnv() to spawned processes'
    if (leftInReal.length) {
      const line = `spendkit tests: new in ${real} during this run (a process that ignored TMPDIR, or another test run on this machine): ${leftInReal.join(', ')}`
      process.stderr.write(`\n${line}\n`)
      if (process.env.CI && !leftInRun.length) {
        process.exitCode = 1
        throw new Error(`${line}; ${fix}`)
      }
    }
    if (leftInRun.length) {
      process.exitCode = 1
      throw new Error(`tests left ${leftInRun.length} temp folder(s) behind: ${leftInRun.join(', ')}; ${fix}`)
    }
  }
}
