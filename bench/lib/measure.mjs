/**
 * Time a child process as a whole (start to exit) with its peak memory. Peak RSS comes
 * from GNU time (`/usr/bin/time -f %M`) when present, else from a preload hook that makes
 * a Node child write its own `process.resourceUsage().maxRSS` on exit.
 */
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, openSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const GNU_TIME = '/usr/bin/time'
const HOOK = fileURLToPath(new URL('./rss-hook.mjs', import.meta.url))
export const rssMethod = existsSync(GNU_TIME) ? 'GNU time %M' : 'process.resourceUsage().maxRSS (preload hook)'

/**
 * Run `node ...args`; resolve with {ok, code, seconds, rssMB, stdout, stderr, timedOut}.
 * stdout goes to /dev/null when `discardStdout` (as `> /dev/null` would), else it is kept.
 * Never rejects: a crash, a timeout or a missing binary is reported in the result.
 *
 * @example const r = await runNode(['bin/run.js', 'import', 'x.csv', '--json'], {timeoutMs: 600_000})
 */
export function runNode(args, {timeoutMs = 600_000, discardStdout = false, cwd, env} = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'spend-bench-'))
  const rssFile = join(dir, 'rss')
  const useTime = existsSync(GNU_TIME)
  const cmd = useTime ? GNU_TIME : process.execPath
  const argv = useTime
    ? ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args]
    : ['--import', HOOK, ...args]
  const stdoutFd = discardStdout ? openSync('/dev/null', 'w') : 'pipe'
  return new Promise((resolvePromise) => {
    const t0 = process.hrtime.bigint()
    const child = spawn(cmd, argv, {
      cwd,
      env: {...process.env, ...env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1'},
      stdio: ['ignore', stdoutFd, 'pipe'],
    })
    const out = []
    const err = []
    let errBytes = 0
    child.stdout?.on('data', (b) => out.push(b))
    child.stderr.on('data', (b) => {
      // Keep the head of stderr only: a progress-bar flood must not eat the bench's memory.
      if (errBytes < 64_000) err.push(b)
      errBytes += b.length
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    const finish = (code, spawnError) => {
      clearTimeout(timer)
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9
      let rssMB = null
      let cpuSeconds = null
      try {
        // GNU time: "maxRSS-KB user-s system-s"; the preload hook: maxRSS only.
        const [kb, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number)
        if (Number.isFinite(kb) && kb > 0) rssMB = kb / 1024
        if (Number.isFinite(user) && Number.isFinite(sys)) cpuSeconds = user + sys
      } catch {
        // No figure (killed before exit): the row says so.
      }
      rmSync(dir, {recursive: true, force: true})
      resolvePromise({
        ok: code === 0 && !timedOut && !spawnError,
        code,
        seconds,
        rssMB,
        cpuSeconds,
        timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: (spawnError ? `${spawnError.message}\n` : '') + Buffer.concat(err).toString('utf8'),
      })
    }
    child.on('error', (e) => finish(null, e))
    child.on('close', (code) => finish(code))
  })
}

/** Median of a list of numbers (null when empty). */
export function median(xs) {
  const v = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b)
  if (v.length === 0) return null
  const m = v.length >> 1
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2
}

/** Run `n` times; keep the median seconds and the largest peak RSS. Stops at the first failure. */
export async function runNodeRepeated(n, args, options) {
  const runs = []
  for (let i = 0; i < n; i++) {
    const r = await runNode(args, options)
    runs.push(r)
    if (!r.ok) return {...r, runs: runs.length}
  }
  const last = runs.at(-1)
  return {
    ...last,
    seconds: median(runs.map((r) => r.seconds)),
    rssMB: Math.max(...runs.map((r) => r.rssMB ?? 0)) || null,
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    runs: runs.length,
    all: runs,
  }
}

/** First meaningful line of a failed run's stderr, for a skip note. */
export function firstErrorLine(r) {
  if (r.timedOut) return 'timed out'
  const lines = r.stderr.split('\n').map((l) => l.replace(/^[\s›]+/, '').trim()).filter((l) => l && !l.startsWith('at '))
  // Prefer the line naming the error over Node's "(node:123) Warning" preambles.
  const line = lines.find((l) => /error/i.test(l) && !l.startsWith('(node:')) ?? lines[0]
  if (line) return line.slice(0, 200)
  // Under --json, oclif prints the error as JSON on stdout instead.
  try {
    const message = JSON.parse(r.stdout).error?.message
    if (message) return String(message).split('\n')[0].slice(0, 200)
  } catch {
    // Not JSON: fall back to the exit code.
  }
  return `exit code ${r.code}`
}
