import {appendFileSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest'
import {createProgress} from '../../src/io/write/progress.js'
import {BIN, runCli, tempDir} from '../helpers/cli.js'
import {runInPty, sh} from '../helpers/pty.js'
import {tempEnv} from '../helpers/temp.js'

// The progress bar is for people watching a terminal: on stderr, only when stderr
// is a TTY and CI is unset, and only for a file that takes more than a moment.

const ROWS = 900_000 // ~68 MB: about 2 s to read here, well past the bar's 0.8 s delay
const ESC = '\u001B'

/** A uk-25k style CSV of `rows` valid rows, written in slices to keep memory low. */
function writeBigCsv(path: string, rows: number): void {
  writeFileSync(path, 'Entity,Date,Supplier,Expense Type,Transaction Number,Amount\n')
  for (let start = 0; start < rows; start += 100_000) {
    const lines: string[] = []
    for (let i = start; i < Math.min(rows, start + 100_000); i++) {
      const date = `${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2024`
      lines.push(`Department for Tests,${date},Supplier ${i % 5000} Ltd,Type ${i % 40},T${i},${(i % 100_000) + 1}.${String(i % 100).padStart(2, '0')}\n`)
    }
    appendFileSync(path, lines.join(''))
  }
}

/** Environment without CI (whatever the test runner has), plus `extra`. */
const cleanEnv = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', LANG: 'C', TERM: 'xterm', ...tempEnv(), ...extra,
})

/** cli-progress's rendering of our format: `label [███░░] 42% | n/total bytes`. */
const BAR = /\[[█░]+\] \d+% \| \d+\/\d+ bytes/

describe('spend import progress bar on a terminal', () => {
  let dir: string
  let big: string
  let size: number

  beforeAll(() => {
    dir = tempDir('spendkit-tty-')
    big = join(dir, 'big.csv')
    writeBigCsv(big, ROWS)
    size = statSync(big).size
  })

  // ~70 MB of CSV plus three workspaces: not left in the temp folder.
  afterAll(() => rmSync(dir, {recursive: true, force: true}))

  /** `spend import big` under a pty with stdout piped into a file; returns the screen and the piped stdout. */
  async function importOnTerminal(name: string, env: Record<string, string>) {
    const out = join(dir, `${name}.out`)
    const cmd = `${sh(process.execPath)} ${sh(BIN)} import ${sh(big)} --workspace ${sh(join(dir, name))} | cat > ${sh(out)}`
    const r = await runInPty(cmd, env)
    expect(r.code).toBe(0)
    return {screen: r.screen, stdout: readFileSync(out, 'utf8')}
  }

  it('draws a byte bar on stderr when it is a TTY and CI is unset; piped stdout stays plain', async () => {
    const {screen, stdout} = await importOnTerminal('tty', cleanEnv())
    expect(screen).toMatch(BAR)
    expect(screen).toContain(`] 100% | ${size}/${size} bytes`)
    expect(screen).toContain(`${ESC}[?25l`) // cursor hidden while drawing...
    expect(screen).toContain(`${ESC}[?25h`) // ...and shown again
    expect(screen).toMatch(/imported 900,000 rows/)
    // The bar ends before the report: nothing is drawn after the reconciliation line.
    expect(screen.lastIndexOf(' bytes')).toBeLessThan(screen.indexOf('GBP: source'))
    expect(stdout).not.toContain(ESC)
    expect(stdout.split('\n')[1]).toMatch(/,imported,900000,900000,0,/)
  })

  it('draws no bar under CI=1, even on a TTY', async () => {
    const {screen, stdout} = await importOnTerminal('ci', cleanEnv({CI: '1'}))
    expect(screen).toMatch(/imported 900,000 rows/)
    expect(screen).not.toMatch(BAR)
    expect(screen).not.toContain(ESC)
    expect(stdout).not.toContain(ESC)
  })

  it('draws no bar when stderr is not a TTY', async () => {
    const r = await runCli(['import', big, '--workspace', join(dir, 'pipe')], {env: cleanEnv()})
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/imported 900,000 rows/)
    expect(r.stderr).not.toMatch(BAR)
    expect(r.stderr + r.stdout).not.toContain(ESC)
  })
})

describe('createProgress', () => {
  const isTTY = process.stderr.isTTY

  afterEach(() => {
    Object.defineProperty(process.stderr, 'isTTY', {value: isTTY, configurable: true})
    vi.restoreAllMocks()
  })

  /** A fake TTY stderr and clock; returns what the bar wrote. */
  function fakeTerminal() {
    Object.defineProperty(process.stderr, 'isTTY', {value: true, configurable: true})
    const clock = vi.spyOn(Date, 'now').mockReturnValue(0)
    const written: string[] = []
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
    return {clock, written}
  }

  const settle = async () => {
    await import('cli-progress')
    await new Promise((r) => setTimeout(r, 20))
  }

  it('draws once the file has taken more than a moment, and stops', async () => {
    const {clock, written} = fakeTerminal()
    const bar = createProgress('f.csv', 100, {})
    bar.update(10)
    await settle()
    expect(written.join('')).toBe('') // not yet 0.8 s
    clock.mockReturnValue(1000)
    bar.update(50)
    await settle()
    bar.stop()
    expect(written.join('')).toMatch(/f\.csv \[[█░]+\] 50% \| 50\/100 bytes/)
  })

  it('never starts a bar when the file ends while cli-progress is still loading', async () => {
    // A bar started after stop() would never be stopped: its redraw timer kept the process alive.
    const {clock, written} = fakeTerminal()
    const bar = createProgress('f.csv', 100, {})
    clock.mockReturnValue(1000)
    bar.update(100)
    bar.stop()
    await settle()
    expect(written.join('')).toBe('')
  })
})
