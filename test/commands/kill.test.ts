import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BIN, fixture, runCli, tempDir} from '../helpers/cli.js'
import {tempEnv} from '../helpers/temp.js'

// A real SIGKILL of `spend import` at several moments. The manifest is the commit
// point, so whenever the process dies the workspace is either the old one (plus
// leftovers the next write removes) or the old one plus the complete import.

const ROWS = 300_000
const SMALL_ROWS = 4
const SMALL_GBP = 5_813_450n // 58134.50 in pence

/** A uk-25k style CSV of `rows` valid rows; returns the GBP total in pence. */
function writeBigCsv(path: string, rows: number): bigint {
  const lines = ['Entity,Date,Supplier,Expense Type,Transaction Number,Amount']
  let total = 0n
  for (let i = 0; i < rows; i++) {
    const pounds = (i % 100_000) + 1
    const pence = i % 100
    total += BigInt(pounds * 100 + pence)
    const date = `${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2024`
    lines.push(`Department for Tests,${date},Supplier ${i % 5000} Ltd,Type ${i % 40},T${i},${pounds}.${String(pence).padStart(2, '0')}`)
  }
  writeFileSync(path, lines.join('\n') + '\n')
  return total
}

/** Every file and folder under `dir`, relative, with a SHA-256 of each file's bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const e of readdirSync(dir, {recursive: true, withFileTypes: true})) {
    const rel = join(e.parentPath, e.name).slice(dir.length + 1)
    out.set(rel, e.isDirectory() ? 'dir' : createHash('sha256').update(readFileSync(join(dir, rel))).digest('hex'))
  }
  return out
}

const listedIds = (ws: string): string[] =>
  (JSON.parse(readFileSync(join(ws, 'manifest.json'), 'utf8')) as {imports: {id: string}[]}).imports.map((e) => e.id)

/**
 * Leftovers a dead writer may leave and the next write removes: temp folders and
 * manifests, the lock, and an import folder renamed in just before the manifest
 * (the commit) was written, which the manifest therefore does not list.
 */
function ignorable(rel: string, listed: string[]): boolean {
  const top = rel.split('/')[0]
  if (top.startsWith('.tmp-') || top.startsWith('manifest.json.tmp-') || top === '.lock') return true
  const [dir, id] = rel.split('/')
  return dir === 'imports' && id !== undefined && !listed.includes(id)
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The lock left behind: none, one naming a pid, or one whose writer died before finishing it. */
function readLock(ws: string): 'none' | 'unfinished' | {pid: number} {
  const file = join(ws, '.lock')
  if (!existsSync(file)) return 'none'
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as {pid?: unknown}
    return typeof v.pid === 'number' ? {pid: v.pid} : 'unfinished'
  } catch {
    return 'unfinished'
  }
}

type Trigger = {afterMs: number} | {when: (ws: string) => boolean}

/** Start `spend import big --workspace ws` and SIGKILL it at the trigger; true when it finished first. */
function importAndKill(big: string, ws: string, trigger: Trigger): Promise<{finished: boolean; code: number | null}> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'import', big, '--workspace', ws, '--json'], {
      env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', LANG: 'C', ...tempEnv()},
      stdio: ['ignore', 'ignore', 'ignore'],
    })
    const kill = () => {
      clearInterval(poll)
      clearTimeout(timer)
      child.kill('SIGKILL')
    }
    const timer = 'afterMs' in trigger ? setTimeout(kill, trigger.afterMs) : undefined
    const poll = 'when' in trigger ? setInterval(() => trigger.when(ws) && kill(), 2) : undefined
    child.on('error', fail)
    child.on('exit', (code, signal) => {
      clearInterval(poll)
      clearTimeout(timer)
      done({finished: signal !== 'SIGKILL', code})
    })
  })
}

const tmpEntry = (ws: string) => (existsSync(ws) ? readdirSync(ws).find((n) => n.startsWith('.tmp-')) : undefined)

describe('spend import killed with SIGKILL', () => {
  let base: string
  let big: string
  let bigGbp: bigint
  // About 25 MB of CSV and 20 MB per workspace: removed afterwards, unlike the usual tiny temp folders.
  const made: string[] = []
  const scratch = (prefix: string) => {
    const d = tempDir(prefix)
    made.push(d)
    return d
  }

  beforeAll(async () => {
    const dir = scratch('spendkit-kill-')
    big = join(dir, 'big.csv')
    bigGbp = writeBigCsv(big, ROWS)
    base = join(dir, 'base')
    const r = await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', base])
    expect(r.code).toBe(0)
  })

  afterAll(() => {
    for (const d of made) rmSync(d, {recursive: true, force: true})
  })

  /** The summary of a workspace holding the small import and, when `withBig`, the big one. */
  async function expectSummary(ws: string, withBig: boolean): Promise<void> {
    const r = await runCli(['summary', '--workspace', ws, '--json'])
    expect(r.code).toBe(0)
    const s = JSON.parse(r.stdout) as {rows: number; imports: number; totals: {currency: string; amount: string}[]}
    const pence = SMALL_GBP + (withBig ? bigGbp : 0n)
    expect(s).toMatchObject({rows: SMALL_ROWS + (withBig ? ROWS : 0), imports: withBig ? 2 : 1})
    expect(s.totals).toEqual([{currency: 'GBP', amount: `${pence / 100n}.${String(pence % 100n).padStart(2, '0')}`}])
  }

  /**
   * When the process dies, and what that must give: the polled triggers fire at known
   * stages (so each case checks its own outcome, and the test guards itself against timing
   * drift), the timed ones land wherever the machine's speed puts them.
   */
  const triggers: [string, Trigger, 'mid-import' | 'committed' | 'either'][] = [
    ['as soon as its temp folder exists', {when: (ws) => tmpEntry(ws) !== undefined}, 'mid-import'],
    ['once its first part file is written', {when: (ws) => {
      const t = tmpEntry(ws)
      return t !== undefined && existsSync(join(ws, t, 'part-00000.arrow'))
    }}, 'mid-import'],
    ['right after its manifest lists it', {when: (ws) => {
      try {
        return listedIds(ws).length === 2
      } catch {
        return false // not written yet, or mid-rename
      }
    }}, 'committed'],
    ['after 150 ms', {afterMs: 150}, 'either'],
    ['after 400 ms', {afterMs: 400}, 'either'],
    ['after 900 ms', {afterMs: 900}, 'either'],
  ]

  it.each(triggers)('leaves the workspace as it was, or complete, when killed %s', async (_name, trigger, outcome) => {
    const ws = scratch('spendkit-kill-ws-')
    cpSync(base, ws, {recursive: true})
    const before = snapshot(ws)
    const {finished, code} = await importAndKill(big, ws, trigger)
    if (finished) expect(code).toBe(0)
    const after = snapshot(ws)
    const listed = listedIds(ws)
    const leftovers = [...after.keys()].filter((rel) => !rel.includes('/') && ignorable(rel, listed))
    const lock = readLock(ws)
    if (lock !== 'none' && lock !== 'unfinished') expect(pidAlive(lock.pid)).toBe(false)
    if (outcome !== 'either') expect(listed.length === 2 ? 'committed' : 'mid-import').toBe(outcome)

    if (listed.length === 2) {
      // Committed (the manifest is the commit point): the new import is whole and loads.
      await expectSummary(ws, true)
      // A later write is not blocked by anything the dead process left.
      const next = await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', ws, '--replace'])
      expect(next.code).toBe(0)
      expect(readdirSync(ws).filter((n) => n.includes('.tmp-') || n === '.lock')).toEqual([])
      await expectSummary(ws, true)
      return
    }

    expect(finished).toBe(false)
    expect(new Map([...after].filter(([rel]) => !ignorable(rel, listed)))).toEqual(before)
    // Killed while its temp folder existed: the folder is there for the next write to remove.
    if (outcome === 'mid-import') expect(leftovers.some((rel) => rel.startsWith('.tmp-'))).toBe(true)
    await expectSummary(ws, false)

    // The lock is linked into place with its content already written, so a kill never leaves
    // an empty lock that would block the next import.
    expect(lock).not.toBe('unfinished')

    // The next import takes over the dead writer's lock, removes its leftovers and succeeds.
    const again = await runCli(['import', big, '--workspace', ws, '--json'])
    expect(again.stderr).toBe('')
    expect(again.code).toBe(0)
    expect(readdirSync(ws).filter((n) => n.includes('.tmp-') || n === '.lock')).toEqual([])
    expect(readdirSync(join(ws, 'imports')).sort()).toEqual([...listedIds(ws)].sort())
    await expectSummary(ws, true)
  })
})
