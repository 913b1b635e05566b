/**
 * Temp folders for tests, all removed: `tempDir` registers each folder it
 * makes, and the setup file (test/helpers/temp-cleanup.ts, vitest
 * `setupFiles`) removes a test file's folders once its tests are done. The
 * run's temp dir itself is a fresh folder (test/helpers/temp-run.ts, vitest
 * `globalSetup`), checked empty and removed at the end of the run.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const made = new Set<string>()

/**
 * A fresh temp folder (a workspace or cwd for one test), removed after the test file.
 * @example const ws = tempDir('spendkit-kill-')
 */
export function tempDir(prefix = 'spendkit-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.add(dir)
  return dir
}

/** Remove every folder `tempDir` made so far (the setup file calls it after each test file). */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, {recursive: true, force: true, maxRetries: 3})
  made.clear()
}

/**
 * The environment a spawned `spend` gets besides the test's own: the run's
 * temp dir, so what the CLI spools (standard input, OCDS) is checked and
 * removed with the rest.
 * @example spawn(process.execPath, [BIN], {env: {PATH: process.env.PATH ?? '', ...tempEnv()}})
 */
export function tempEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const k of ['TMPDIR', 'TMP', 'TEMP']) if (process.env[k]) env[k] = process.env[k]!
  return env
}
