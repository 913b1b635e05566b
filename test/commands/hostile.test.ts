/**
 * Hostile input through the real binary, with the child's heap capped at 1 GB:
 * every case must end (never hang), exit 1 with one line on stderr and no stack
 * trace (or exit 0 where the file is importable), never die of heap exhaustion,
 * and leave the workspace as it was. Big inputs are generated here, into a
 * temp folder deleted afterwards; archives are built in O(block) time (see
 * test/helpers/hostile.ts), so a 1 GB bomb costs about a megabyte of disk.
 */
import {cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixture, tempDir} from '../helpers/cli.js'
import {
  deflateRepeated, gzipOf, hugeSheetXlsx, randomBytesSeeded, runCapped, sheetRow, snapshot, writeRepeated, xlsxOf, zipOf,
} from '../helpers/hostile.js'
import type {HostileResult} from '../helpers/hostile.js'

const MB = 1 << 20
/** A case that has to wait this long has hung: the whole suite is meant to take about a minute. */
const TIMEOUT_MS = 30_000

let work: string
let seeded: string

beforeAll(async () => {
  work = tempDir('spendkit-hostile-')
  seeded = join(work, 'seeded')
  const r = await runCapped(['import', fixture('cli/uk-25k-small.csv'), '--workspace', seeded], {timeoutMs: TIMEOUT_MS})
  expect(r.code).toBe(0)
})

afterAll(() => {
  if (work) rmSync(work, {recursive: true, force: true})
})

/** The process ended by itself, without a heap blow-up. */
function expectClean(r: HostileResult): void {
  expect(r.timedOut, `still running after ${TIMEOUT_MS} ms`).toBe(false)
  expect(r.signal).toBeNull()
  expect(r.stderr).not.toMatch(/heap out of memory|allocation failed|Maximum call stack|FATAL ERROR/i)
}

/** Exit 1, exactly one `spend: error:` line on stderr, no stack trace, nothing on stdout. */
function expectOneLineError(r: HostileResult, pattern: RegExp): void {
  expectClean(r)
  expect(r.code, r.stderr).toBe(1)
  const lines = r.stderr.split('\n').filter((l) => l !== '')
  expect(lines, r.stderr.slice(0, 2000)).toHaveLength(1)
  expect(lines[0]).toMatch(/^spend: error: /)
  expect(lines[0]).toMatch(pattern)
  expect(r.stderr).not.toMatch(/\n\s+at |Error: /)
  // Names and cells from the file must not drive the terminal.
  expect(r.stderr).not.toContain('\x1b')
  expect(r.stdout).toBe('')
}

/** Import `file` into a copy of the seeded workspace; returns the result and the workspace before/after. */
async function importInto(file: string, extra: string[] = []): Promise<{r: HostileResult; ws: string; before: Record<string, string>}> {
  const ws = join(work, `ws-${Math.random().toString(36).slice(2)}`)
  cpSync(seeded, ws, {recursive: true})
  const before = snapshot(ws)
  const r = await runCapped(['import', file, '--workspace', ws, ...extra], {timeoutMs: TIMEOUT_MS})
  return {r, ws, before}
}

/** Write an input file into the work folder and return its path. */
function input(name: string, bytes: Buffer | string): string {
  const p = join(work, name)
  writeFileSync(p, bytes)
  return p
}

interface Case {
  name: string
  /** Builds the input in the work folder, returning its path. */
  make: () => string
  /** What the error line must say. */
  error: RegExp
  /** More flags for `spend import`. */
  args?: string[]
}

const BOMB_LINE = '2024-01-01,Acme Ltd,100.00\n'
/**
 * 1 GiB of one spend row repeated (~400:1 compressed): it passes every content
 * check, so only the archive limits can stop it. Imported with --currency.
 */
function csvBomb(): ReturnType<typeof deflateRepeated> {
  return deflateRepeated(Buffer.from(BOMB_LINE.repeat(Math.floor(MB / BOMB_LINE.length))), 1024, Buffer.from('Date,Supplier,Amount\n'))
}

/** An OCDS release package up to the open award, whose fields follow. */
const AWARD_HEAD =
  '{"releases":[{"ocid":"ocds-x-1","id":"r1","tag":["award"],"date":"2024-01-01","buyer":{"name":"Council"},' +
  '"awards":[{"id":"a1","date":"2024-01-01","suppliers":[{"name":"Acme"}],'

/** A valid small spend CSV of about `rows` lines. */
function spendCsv(rows: number): string {
  let s = 'Date,Supplier,Amount\n'
  for (let i = 0; i < rows; i++) s += `2024-01-${String((i % 28) + 1).padStart(2, '0')},Supplier ${i % 97},${(i % 1000) + 1}.25\n`
  return s
}

const CASES: Case[] = [
  {
    name: 'a 50 MB field with no line break',
    make: () => {
      const p = join(work, 'long-field.csv')
      writeRepeated(p, 'Date,Supplier,Amount\n2024-01-01,', Buffer.alloc(MB, 'x'), 50)
      return p
    },
    error: /long-field\.csv:2: .*(field|record) longer than/,
  },
  {
    name: 'a row of 200,000 columns',
    make: () => input('wide.csv', 'Date,Supplier,Amount\n' + Array.from({length: 200_000}, (_, i) => i).join(',') + '\n'),
    error: /wide\.csv:2: more than \d+ columns/,
  },
  {
    name: 'a header of 1,000,000 empty columns',
    make: () => input('empty-header.csv', ','.repeat(999_999) + '\n2024-01-01,Acme,10\n'),
    error: /empty-header\.csv:1: more than \d+ columns/,
  },
  {
    name: 'a zip bomb (1 GiB of CSV in one member)',
    make: () => input('bomb.zip', zipOf([{name: 'spend.csv', deflated: csvBomb()}])),
    error: /bomb\.zip: archive refused: spend\.csv is compressed more than \d+:1 \(zip bomb\?\)/,
    args: ['--currency', 'GBP'],
  },
  {
    name: 'a zip bomb whose directory understates the size',
    make: () => input('liar.zip', zipOf([{name: 'spend.csv', deflated: csvBomb(), declaredSize: 4 * MB}])),
    error: /liar\.zip!spend\.csv: broken archive: member is larger than the zip directory says/,
    args: ['--currency', 'GBP'],
  },
  {
    name: 'a gz bomb (1 GiB of CSV)',
    make: () => input('bomb.csv.gz', gzipOf(csvBomb())),
    error: /bomb\.csv\.gz: archive refused: compressed more than \d+:1 \(zip bomb\?\)/,
    args: ['--currency', 'GBP'],
  },
  {
    name: 'a zip of 20,000 tiny members',
    make: () => input('many.zip', zipOf(Array.from({length: 20_000}, (_, i) => ({name: `m${i}.csv`, data: Buffer.from('a,1\n'), store: true})))),
    error: /many\.zip: archive refused: 20000 members/,
  },
  {
    name: 'zips nested 30 deep',
    make: () => {
      let z = zipOf([{name: 'spend.csv', data: Buffer.from(spendCsv(3))}])
      for (let i = 0; i < 29; i++) z = zipOf([{name: `level${i}.zip`, data: z, store: i % 2 === 0}])
      return input('nested.zip', z)
    },
    error: /nested\.zip!.*: archive refused: archives nested more than \d+ deep/,
  },
  {
    name: 'a zip member whose name holds a line break and a terminal escape',
    make: () => input('evil-name.zip', zipOf([{name: 'a\nspend: error: forged\x1b[2J.csv', data: Buffer.from('x\0y')}])),
    error: /evil-name\.zip!a\\u000aspend: error: forged\\u001b\[2J\.csv: not spend data/,
  },
  {
    name: 'a CSV header cell holding a line break and a terminal escape',
    make: () => input('evil-header.csv', '"Sup\nplier\x1b[2J",Foo\n' + 'A,B\n'.repeat(500)),
    error: /evil-header\.csv: no amount column/,
  },
  {
    name: 'a truncated zip',
    make: () => {
      const z = zipOf([{name: 'spend.csv', data: Buffer.from(spendCsv(5000))}])
      return input('truncated.zip', z.subarray(0, Math.floor(z.length / 2)))
    },
    error: /truncated\.zip: broken archive: no zip directory found/,
  },
  {
    name: 'NUL bytes in a CSV, past the first 64 KB',
    make: () => {
      const text = spendCsv(20_000)
      const cut = text.indexOf('\n', 300_000) + 1
      return input('nul.csv', Buffer.concat([Buffer.from(text.slice(0, cut)), Buffer.from('2024-01-02,Ev\0il,5.00\n'), Buffer.from(text.slice(cut))]))
    },
    error: /nul\.csv: not spend data: .*NUL/,
    args: ['--currency', 'GBP'],
  },
  {
    name: 'NUL bytes at the start of a CSV',
    make: () => input('nul-head.csv', 'Date,Sup\0plier,Amount\n2024-01-01,Acme,1.00\n'),
    error: /nul-head\.csv: not spend data/,
  },
  {
    name: 'an xlsx whose worksheet is ~500 MB of XML',
    make: () => {
      let rows = ''
      for (let i = 0; rows.length < MB; i++) rows += sheetRow(i + 2, [`Supplier ${i % 13}`, (i % 89) + 0.5, '2024-01-01'])
      return input('huge-sheet.xlsx', hugeSheetXlsx(Buffer.from(rows), 500))
    },
    error: /huge-sheet\.xlsx: workbook unpacks to more than \d+ MB/,
  },
  {
    name: 'an xlsx whose directory understates its worksheet size',
    make: () => {
      let rows = ''
      for (let i = 0; rows.length < MB; i++) rows += sheetRow(i + 2, [`Supplier ${i % 13}`, (i % 89) + 0.5, '2024-01-01'])
      return input('liar.xlsx', hugeSheetXlsx(Buffer.from(rows), 100, 2 * MB))
    },
    error: /liar\.xlsx!xl\/worksheets\/sheet1\.xml: cannot read workbook: member is larger than the zip directory says/,
  },
  {
    name: 'an xlsx with a corrupt worksheet stream',
    make: () => {
      const rows: Array<Array<string | number>> = [['Date', 'Supplier', 'Amount']]
      for (let i = 0; i < 2000; i++) rows.push(['2024-01-01', `Supplier ${i}`, i + 0.5])
      const x = xlsxOf(rows)
      // Overwrite bytes in the middle of the (last-but-central-directory) worksheet stream.
      const at = x.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 2000
      randomBytesSeeded(64, 7).copy(x, at)
      return input('corrupt.xlsx', x)
    },
    error: /corrupt\.xlsx(!\S+)?: (broken archive|cannot read workbook)/,
  },
  {
    name: 'random bytes behind an OLE2 (.xls) signature',
    make: () => input('random.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytesSeeded(2 * MB, 11)])),
    error: /random\.xls: cannot read workbook/,
  },
  {
    name: 'JSON opening 1,000,000 arrays',
    make: () => input('deep.json', '['.repeat(1_000_000)),
    // Past the depth bound nothing is built: the error says how deep it goes (cut short or not).
    error: /deep\.json: a JSON array nested 1,000,000 deep, not OCDS releases or records/,
  },
  {
    name: 'JSON with a 100 MB string',
    make: () => {
      const p = join(work, 'long-string.json')
      writeRepeated(p, '{"releases":[{"ocid":"ocds-x-1","tag":["award"],"date":"2024-01-01","description":"', Buffer.alloc(MB, 'y'), 100, '"}]}')
      return p
    },
    error: /long-string\.json: JSON value longer than \d+ characters/,
  },
  {
    name: 'an OCDS award with a 100 MB description',
    make: () => {
      const p = join(work, 'long-award.json')
      writeRepeated(p, `${AWARD_HEAD}"value":{"amount":100,"currency":"GBP"},"description":"`, Buffer.alloc(MB, 'y'), 100, '"}]}]}')
      return p
    },
    error: /long-award\.json: JSON value longer than \d+ characters/,
  },
  {
    name: 'an OCDS award whose amount is a 100 MB number',
    make: () => {
      const p = join(work, 'long-number.json')
      writeRepeated(p, `${AWARD_HEAD}"value":{"currency":"GBP","amount":`, Buffer.alloc(MB, '7'), 100, '}}]}]}')
      return p
    },
    error: /long-number\.json: JSON value longer than \d+ characters/,
  },
]

describe('spend import on hostile input', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: one-line error, exit 1, workspace unchanged', async (_name, c) => {
    const file = c.make()
    try {
      const {r, ws, before} = await importInto(file, c.args)
      expectOneLineError(r, c.error)
      expect(snapshot(ws)).toEqual(before)
    } finally {
      rmSync(file, {force: true})
    }
  })

  it.each([
    ['little-endian', 'utf-16le', (t: string) => Buffer.from(t, 'utf16le')],
    ['big-endian', 'utf-16be', (t: string) => Buffer.from(t, 'utf16le').swap16()],
  ])('reads %s UTF-16 text without a byte-order mark', async (_name, encoding, encode) => {
    const file = input('utf16.csv', encode(spendCsv(50)))
    const {r} = await importInto(file, ['--currency', 'GBP', '--json'])
    expectClean(r)
    expect(r.code, r.stderr).toBe(0)
    const imp = JSON.parse(r.stdout).imports[0]
    expect(imp.rows).toMatchObject({read: 50, imported: 50, rejected: 0})
    expect(imp.sources[0].encoding).toBe(encoding)
  })

  it('a gz bomb on standard input: same one-line refusal', async () => {
    const ws = join(work, 'ws-stdin')
    cpSync(seeded, ws, {recursive: true})
    const before = snapshot(ws)
    const r = await runCapped(['import', '-', '--workspace', ws, '--currency', 'GBP'], {timeoutMs: TIMEOUT_MS, input: gzipOf(csvBomb())})
    expectOneLineError(r, /error: <stdin>: archive refused: compressed more than \d+:1 \(zip bomb\?\)/)
    expect(snapshot(ws)).toEqual(before)
  })

  it('a zip bomb with --json: the error object on stdout, nothing on stderr', async () => {
    const file = input('bomb-json.zip', zipOf([{name: 'spend.csv', deflated: csvBomb()}]))
    const {r, ws, before} = await importInto(file, ['--currency', 'GBP', '--json'])
    expectClean(r)
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toEqual({error: {code: 'ARCHIVE_TOO_LARGE', message: expect.stringMatching(/^\S*bomb-json\.zip: archive refused: /), exit: 1}})
    expect(snapshot(ws)).toEqual(before)
  })

  it('JSON nested 1,000,000 arrays deep and closed again: ends cleanly, never a stack overflow', async () => {
    const file = input('deep-closed.json', '{"releases":[' + '['.repeat(1_000_000) + ']'.repeat(1_000_000) + ']}')
    const {r, ws, before} = await importInto(file)
    expectClean(r)
    // Not spend data, but well-formed JSON: the OCDS reader may refuse it, or import it with its one item rejected.
    if (r.code === 0) expect(r.stderr).not.toMatch(/\n\s+at |Error: /)
    else {
      expectOneLineError(r, /deep-closed\.json: /)
      expect(snapshot(ws)).toEqual(before)
    }
  })

  it('rejects absurd amounts with a reason, imports the rest, and the totals reconcile', async () => {
    const absurd = ['1e300', '99999999999999999999999.99', '9'.repeat(400), '-' + '1'.repeat(400) + '.50', '1E+308', '12345678901234567890123456789']
    let text = 'Date,Supplier,Amount\n'
    const good: bigint[] = []
    const absurdLines: number[] = []
    let line = 1
    for (let i = 0; i < 40; i++) {
      line++
      if (i % 6 === 3) {
        const a = absurd[absurdLines.length % absurd.length]
        absurdLines.push(line)
        text += `2024-02-${String((i % 28) + 1).padStart(2, '0')},Absurd ${i},${a}\n`
      } else {
        const minor = BigInt(i * 1013 + 7)
        good.push(minor)
        text += `2024-02-${String((i % 28) + 1).padStart(2, '0')},Supplier ${i},${minor / 100n}.${String(minor % 100n).padStart(2, '0')}\n`
      }
    }
    const file = input('absurd.csv', text)
    const {r, ws, before} = await importInto(file, ['--currency', 'GBP', '--json'])
    expectClean(r)
    expect(r.code, r.stderr).toBe(0)
    const imp = JSON.parse(r.stdout).imports[0]
    expect(imp.rows).toMatchObject({read: 40, imported: good.length, rejected: absurdLines.length})
    const minor = (s: string): bigint => BigInt(s.replace('.', ''))
    for (const t of imp.totals) expect(minor(t.source)).toBe(minor(t.imported) + minor(t.rejected))
    const gbp = imp.totals.find((t: {currency: string}) => t.currency === 'GBP')
    expect(minor(gbp.imported)).toBe(good.reduce((a, b) => a + b, 0n))
    // Every absurd row is in the rejects file, on its own line, with a reason about the amount.
    const rejects = readFileSync(join(ws, 'imports', imp.id, 'rejects.csv'), 'utf8').trim().split('\n').slice(1)
    expect(rejects).toHaveLength(absurdLines.length)
    for (const [k, l] of absurdLines.entries()) expect(rejects[k]).toMatch(new RegExp(`^absurd\\.csv,${l},[^,]*amount`, 'i'))
    // The earlier import is untouched.
    for (const [path, hash] of Object.entries(before)) if (path !== 'manifest.json') expect(snapshot(ws)[path]).toBe(hash)
  })
})

describe('a failed import into an empty workspace', () => {
  it.each([
    ['truncated zip', () => input('t.zip', zipOf([{name: 'a.csv', data: Buffer.from(spendCsv(100))}]).subarray(0, 300))],
    ['200,000 columns', () => input('w.csv', 'a,' + Array.from({length: 200_000}, (_, i) => i).join(',') + '\n')],
  ])('leaves no manifest.json (%s)', async (_name, make) => {
    const ws = join(work, `empty-${Math.random().toString(36).slice(2)}`)
    mkdirSync(ws)
    const r = await runCapped(['import', make(), '--workspace', ws], {timeoutMs: TIMEOUT_MS})
    expectClean(r)
    expect(r.code).toBe(1)
    expect(readdirSync(ws)).toEqual([])
    expect(existsSync(join(ws, 'manifest.json'))).toBe(false)
  })
})
