import {spawn} from 'node:child_process'
import {join, resolve} from 'node:path'
import {tempEnv} from './temp.js'

export {tempDir} from './temp.js'

export const ROOT = resolve(import.meta.dirname, '../..')
export const BIN = join(ROOT, 'bin/run.js')
export const fixture = (...p: string[]) => join(ROOT, 'fixtures', ...p)
export const REALDATA = resolve(ROOT, '../shared/realdata')

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/**
 * Run the real `spend` binary as a user would (not a TTY), with a fixed TZ
 * and locale unless the test overrides them, and the run's temp dir.
 */
export function runCli(args: string[], opts: {cwd?: string; input?: string | Buffer; env?: Record<string, string>} = {}): Promise<CliResult> {
  return runProcess(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    input: opts.input,
    env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', LANG: 'C', ...tempEnv(), ...opts.env},
  })
}

/**
 * Run any program to its end (from the project root unless `cwd` says
 * otherwise) with exactly the environment given, and collect what it printed.
 * @example await runProcess('sh', ['-c', 'npm link'], {env: {PATH: process.env.PATH ?? ''}})
 */
export function runProcess(file: string, args: string[], opts: {cwd?: string; input?: string | Buffer; env: Record<string, string>}): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(file, args, {cwd: opts.cwd ?? ROOT, env: opts.env, stdio: ['pipe', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d))
    child.on('error', fail)
    child.on('close', (code, signal) => done({code, signal, stdout, stderr}))
    if (opts.input !== undefined) child.stdin.end(opts.input)
    else child.stdin.end()
  })
}
