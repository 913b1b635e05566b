/**
 * Commands that write the workspace wait their turn: while another live
 * process holds the lock they say so once on stderr and wait up to --wait
 * SECONDS, then fail with WORKSPACE_LOCKED (exit 1) naming the holder and the
 * flag; released in time, they go on. Parallel imports into one workspace (a
 * CI job) all succeed. Nothing here depends on how long anything takes: the
 * lock is released when the waiting note has been seen.
 */
import {spawn} from 'node:child_process'
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {hostname} from 'node:os'
import {basename, join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {BIN, fixture, runCli, tempDir} from '../helpers/cli.js'

const made: string[] = []
afterAll(() => {
  for (const dir of made) rmSync(dir, {recursive: true, force: true})
})

/** A workspace `ws` (with one import) inside a fresh folder, and its lock held by this live test process. */
async function lockedWorkspace(): Promise<{cwd: string; ws: string; lock: string}> {
  const cwd = tempDir('spendkit-lock-')
  made.push(cwd)
  const first = await runCli(['import', fixture('cli/uk-25k-small.csv'), '-w', 'ws'], {cwd})
  expect(first.code, first.stderr).toBe(0)
  const lock = join(cwd, 'ws', '.lock')
  // Written the way lock.ts writes it: this process is alive, so the lock is not stale.
  writeFileSync(lock, JSON.stringify({pid: process.pid, host: hostname(), started: '2024-05-01T10:00:00.000Z'}) + '\n')
  return {cwd, ws: join(cwd, 'ws'), lock}
}

const HOLDER = `pid ${process.pid} on ${hostname()} since 2024-05-01T10:00:00.000Z`
const WAITING = (seconds: number) => `spend: waiting for the workspace lock held by ${HOLDER}; up to ${seconds} s (--wait SECONDS)\n`

/** Run spend, calling `onStderr` with all of stderr so far whenever more arrives. */
function run(args: string[], cwd: string, onStderr?: (text: string) => void): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {cwd, env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', LANG: 'C'}})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d
      onStderr?.(stderr)
    })
    child.on('error', fail)
    child.on('close', (code) => done({code, stdout, stderr}))
  })
}

const importedFiles = (ws: string): string[] =>
  (JSON.parse(readFileSync(join(ws, 'manifest.json'), 'utf8')) as {imports: {file: string}[]}).imports.map((e) => basename(e.file)).sort()

describe('waiting for the workspace lock', () => {
  it('import --wait 1: says it waits, then fails with exit 1 naming the holder and the flag; nothing changes', async () => {
    const {cwd, ws, lock} = await lockedWorkspace()
    const before = readFileSync(join(ws, 'manifest.json'), 'utf8')
    const r = await runCli(['import', fixture('cli/latin1-semicolon.csv'), '-w', 'ws', '--wait', '1'], {cwd})
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      WAITING(1) +
        `spend: error: ws: the workspace is locked by ${HOLDER}, another spend writing it (waited 1 s; wait longer with --wait SECONDS, or remove ws/.lock if that process is gone)\n`,
    )
    expect(readFileSync(join(ws, 'manifest.json'), 'utf8')).toBe(before)
    expect(existsSync(lock)).toBe(true)
    const j = await runCli(['import', fixture('cli/latin1-semicolon.csv'), '-w', 'ws', '--wait', '1', '--json'], {cwd})
    expect(j.code).toBe(1)
    expect(JSON.parse(j.stdout).error).toMatchObject({code: 'WORKSPACE_LOCKED', exit: 1})
  })

  it('--wait 0 fails at once, without waiting', async () => {
    const {cwd} = await lockedWorkspace()
    const r = await runCli(['import', fixture('cli/latin1-semicolon.csv'), '-w', 'ws', '--wait', '0'], {cwd})
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`spend: error: ws: the workspace is locked by ${HOLDER}, another spend writing it (wait for it with --wait SECONDS, or remove ws/.lock if that process is gone)\n`)
  })

  it('imports remove waits the same way', async () => {
    const {cwd, ws} = await lockedWorkspace()
    const [entry] = (JSON.parse(readFileSync(join(ws, 'manifest.json'), 'utf8')) as {imports: {id: string}[]}).imports
    const r = await runCli(['imports', 'remove', entry.id, '-w', 'ws', '--wait', '1'], {cwd})
    expect(r.code).toBe(1)
    expect(r.stderr.startsWith(WAITING(1))).toBe(true)
    expect(r.stderr).toMatch(/\nspend: error: ws: the workspace is locked by .*\(waited 1 s; wait longer with --wait SECONDS, .*\)\n$/)
    expect(importedFiles(ws)).toEqual(['uk-25k-small.csv'])
  })

  it('a lock released during the wait lets the import go on (default wait)', async () => {
    const {cwd, ws, lock} = await lockedWorkspace()
    let released = false
    const r = await run(['import', fixture('cli/latin1-semicolon.csv'), '-w', 'ws'], cwd, (text) => {
      // Once only: later the lock is the import's own.
      if (released || !text.includes('waiting for the workspace lock')) return
      released = true
      rmSync(lock, {force: true})
    })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr.startsWith(WAITING(60))).toBe(true)
    expect(importedFiles(ws)).toEqual(['latin1-semicolon.csv', 'uk-25k-small.csv'])
    expect(existsSync(lock)).toBe(false)
  })

  it('parallel imports of different files into one workspace all succeed, each in the manifest once', async () => {
    const {cwd, ws, lock} = await lockedWorkspace()
    const files = ['uk-dis-spend-over-25k-2023-01.csv', 'uk-dis-spend-over-25k-2023-02.csv', 'uk-dis-spend-over-25k-2023-03.csv', 'no-dkf-leverandorer-2023.csv']
    // All start while the lock is held, so all must wait; it is released once every one has said so.
    const waiting = new Set<string>()
    let released = false
    const runs = files.map((f) => run(['import', fixture('demo', f), '-w', 'ws'], cwd, (text) => {
      if (released || !text.includes('waiting for the workspace lock')) return
      waiting.add(f)
      // Once only: after that the lock belongs to one of the imports.
      if (waiting.size < files.length) return
      released = true
      rmSync(lock, {force: true})
    }))
    const results = await Promise.all(runs)
    for (const r of results) expect(r.code, r.stderr).toBe(0)
    expect(waiting.size).toBe(files.length)
    expect(importedFiles(ws)).toEqual([...files, 'uk-25k-small.csv'].sort())
    const list = await runCli(['imports', '-w', 'ws', '--json'], {cwd})
    expect(JSON.parse(list.stdout).imports).toHaveLength(files.length + 1)
    expect(existsSync(lock)).toBe(false)
  })
})
