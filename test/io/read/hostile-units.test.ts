/**
 * Unit checks behind the end-to-end hostile suite (test/commands/hostile.test.ts):
 * the JSON value-length guard, UTF-16 without a BOM, and the CSV tokenizer on
 * one enormous line.
 */
import {describe, expect, it} from 'vitest'
import {CsvTokenizer} from '../../../src/io/read/bytes/csv.js'
import {safeName, utf16WithoutBom} from '../../../src/io/read/bytes/detect.js'
import {guardJsonTokens, resolveLimits} from '../../../src/io/read/limits.js'

async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size)
}

async function guarded(text: string, max: number, size: number): Promise<string> {
  let out = ''
  for await (const s of guardJsonTokens(chunks(text, size), max, 'a.json')) out += s
  return out
}

/** Longest string (raw, as written, escapes included) or bare value in compact JSON. */
function longestToken(json: string): number {
  let best = 0
  for (const m of json.matchAll(/"((?:[^"\\]|\\.)*)"|[^,:[\]{}"]+/g)) best = Math.max(best, m[1] !== undefined ? m[1].length : m[0].length)
  return best
}

/** Deterministic pseudo-random integers in [0, n). */
function rng(seed: number): (n: number) => number {
  let x = seed
  return (n) => {
    x = (x * 1103515245 + 12345) % 2 ** 31
    return x % n
  }
}

describe('guardJsonTokens', () => {
  it('passes JSON through unchanged and fails exactly when a value is longer than the limit, whatever the chunking', async () => {
    const r = rng(7)
    const alphabet = ['a', 'b', '"', '\\', '\n', 'é', ' ', ',', ']']
    for (let trial = 0; trial < 300; trial++) {
      const value = Array.from({length: 1 + r(5)}, () => ({
        s: Array.from({length: r(40)}, () => alphabet[r(alphabet.length)]).join(''),
        n: r(3) === 0 ? Number('1'.repeat(1 + r(30))) : r(1000) / 8,
        t: [true, null, [[]]],
      }))
      const json = JSON.stringify(value)
      const max = 10 + r(40)
      const size = 1 + r(20)
      const expectThrow = longestToken(json) > max
      const got = await guarded(json, max, size).then(
        (s) => s,
        (e: {code?: string}) => e.code,
      )
      expect(got, `${json} max=${max} size=${size}`).toBe(expectThrow ? 'FIELD_TOO_LONG' : json)
    }
  })

  it('stops a 10 MB string and a 10 MB number within the first chunks past the limit', async () => {
    let pulled = 0
    async function* big(open: string): AsyncGenerator<string> {
      yield open
      for (let i = 0; i < 160; i++) {
        pulled++
        yield '7'.repeat(65536)
      }
    }
    for (const open of ['{"a":"', '{"a":', '[[[[']) {
      pulled = 0
      const it = guardJsonTokens(big(open), 1 << 20, 'a.json')
      await expect((async () => {
        for await (const s of it) void s
      })()).rejects.toMatchObject({code: 'FIELD_TOO_LONG', message: 'JSON value longer than 1048576 characters'})
      expect(pulled).toBeLessThanOrEqual(18)
    }
  })

  it('lets a million nested brackets through (structure is the parser’s business)', async () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000)
    expect((await guarded(deep, 1 << 20, 65536)).length).toBe(2_000_000)
  })
})

describe('utf16WithoutBom', () => {
  it.each([
    ['UTF-16LE CSV', Buffer.from('Supplier,Amount\r\nCafé Ltd,12.50\r\n', 'utf16le'), 'utf-16le'],
    ['UTF-16BE CSV', Buffer.from('Supplier,Amount\r\nCafé Ltd,12.50\r\n', 'utf16le').swap16(), 'utf-16be'],
    ['ASCII', Buffer.from('Supplier,Amount\n'), null],
    ['zeros', Buffer.alloc(64), null],
    ['binary with zeros', Buffer.from([0x00, 0x01, 0x02, 0x00, 0x89, 0x00, 0xff, 0x00]), null],
    ['one character', Buffer.from('a', 'utf16le'), null],
  ])('%s', (_name, bytes, want) => {
    expect(utf16WithoutBom(bytes)).toBe(want)
  })
})

describe('safeName', () => {
  it('escapes line breaks, terminal escapes and bidi overrides, and keeps other text', () => {
    expect(safeName('a\nspend: error: x\x1b[2J\u202Egpj.csv')).toBe('a\\u000aspend: error: x\\u001b[2J\\u202egpj.csv')
    expect(safeName('Løn 2024/Bilag €.csv')).toBe('Løn 2024/Bilag €.csv')
  })
})

describe('CsvTokenizer on one enormous line', () => {
  it('fails a 20 MB unquoted field fast and without re-reading the line for every chunk', () => {
    const t = new CsvTokenizer(',', resolveLimits(), 'big.csv')
    t.push('Date,Supplier,Amount\n2024-01-01,')
    const chunk = 'x'.repeat(65536)
    let err: {code?: string; where?: string} = {}
    let pushed = 0
    try {
      for (; pushed < 320; pushed++) t.push(chunk)
      t.end()
    } catch (e) {
      err = e as typeof err
    }
    expect(err).toMatchObject({code: 'FIELD_TOO_LONG', where: 'big.csv:2'})
    // Caught once the field passes 1 MB (16 chunks) and the held-back text is parsed again: well before 20 MB.
    expect(pushed).toBeLessThan(40)
  })

  // How long these take is measured by `node bench/tokenizer.mjs`, not asserted here: a hang is caught by the test timeout.
  it('reads a 30 MB record of short fields, then refuses its column count', () => {
    const t = new CsvTokenizer(',', resolveLimits(), 'wide.csv')
    const chunk = 'ab,'.repeat(21845)
    for (let i = 0; i < 480; i++) t.push(chunk)
    // The line end may be held back with the record (see push): the error comes by end() at the latest.
    expect(() => {
      t.push('z\n')
      t.end()
    }).toThrow(/more than 10000 columns/)
  })

  it('gives the same rows whether a long record arrives in one piece or in many', () => {
    const long = 'q'.repeat(200_000)
    const text = `a,b\n1,"${long}\n${long}"\n2,${long}\r\n3,x`
    const run = (size: number): unknown[] => {
      const t = new CsvTokenizer(',', resolveLimits(), 'x.csv', 2)
      const rows: unknown[] = []
      for (let i = 0; i < text.length; i += size) for (const b of t.push(text.slice(i, i + size))) rows.push(...b)
      for (const b of t.end()) rows.push(...b)
      return rows
    }
    const whole = run(text.length)
    expect(whole.map((r) => (r as {line: number}).line)).toEqual([1, 2, 4, 5])
    for (const size of [1000, 4097, 65536]) expect(run(size)).toEqual(whole)
  })
})
