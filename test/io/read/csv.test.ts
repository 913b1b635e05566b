import {describe, expect, it} from 'vitest'
import {sniffDelimiter} from '../../../src/io/read/bytes/csv.js'
import {tokenize} from './helpers.js'

const cells = (rows: {cells: string[]}[]): string[][] => rows.map((r) => r.cells)
const lines = (rows: {line: number}[]): number[] => rows.map((r) => r.line)

describe('CsvTokenizer', () => {
  it('splits plain lines and keeps empty fields', () => {
    expect(cells(tokenize('a,b,c\n1,,3\n,,\n'))).toEqual([['a', 'b', 'c'], ['1', '', '3'], ['', '', '']])
  })

  it('reads CRLF, LF, bare CR and mixtures, each ending one physical line', () => {
    const rows = tokenize('a,b\r\nc,d\ne,f\rg,h')
    expect(cells(rows)).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']])
    expect(lines(rows)).toEqual([1, 2, 3, 4])
  })

  it('gives an empty line as a row with no cells, and no row after the final line break', () => {
    const rows = tokenize('a\r\n\r\nb\r\n')
    expect(cells(rows)).toEqual([['a'], [], ['b']])
    expect(lines(rows)).toEqual([1, 2, 3])
  })

  it('reads RFC 4180 quotes: delimiters, "" escapes and line breaks inside quotes', () => {
    const rows = tokenize('h1,h2,h3\r\nA,"line one\r\nline two",1\r\nB,"say ""hi""","2,000.00"\r\n"x\ry\nz",2,3\n')
    expect(cells(rows)).toEqual([
      ['h1', 'h2', 'h3'],
      ['A', 'line one\r\nline two', '1'],
      ['B', 'say "hi"', '2,000.00'],
      ['x\ry\nz', '2', '3'],
    ])
    // The record on lines 2-3 starts on line 2; the next one on line 4; x\ry\nz spans 5-7.
    expect(lines(rows)).toEqual([1, 2, 4, 5])
  })

  it('keeps a quote inside an unquoted field, and text after a closing quote', () => {
    expect(cells(tokenize('12" pipe,"a"b,c\n'))).toEqual([['12" pipe', 'ab', 'c']])
  })

  it('reads a trailing empty field and a last line with no line break', () => {
    expect(cells(tokenize('a,"b",\nc,"d"'))).toEqual([['a', 'b', ''], ['c', 'd']])
  })

  it('gives the same rows whatever the chunk size, quoted fields crossing chunk boundaries included', () => {
    const texts = [
      'Supplier,Description,Amount\r\nA,"line one\r\nline two",1.50\r\nB,"say ""hi""",2.00\r\n',
      'h\rv1\r"m\rn",2\r\n,\n"",""\r\n"a""",b',
      'a,b\r\nc,d\ne,f\rg,h\r\n\r\n"q\r\n",x\r',
      'x;"1;2";"\n"\n;;\n',
    ]
    for (const t of texts) {
      const delim = t.startsWith('x;') ? ';' : ','
      const whole = tokenize(t, Infinity, delim)
      for (let size = 1; size <= t.length; size++) expect(tokenize(t, size, delim), `chunk size ${size}`).toEqual(whole)
    }
  })

  it('counts lines right across many records after multi-line quoted fields', () => {
    let text = 'id,note\n'
    for (let i = 0; i < 50; i++) text += i % 3 === 0 ? `${i},"a\nb"\n` : `${i},plain\n`
    const rows = tokenize(text, 7)
    let expected = 2
    rows.slice(1).forEach((r, i) => {
      expect(r.line).toBe(expected)
      expected += i % 3 === 0 ? 2 : 1
    })
  })

  it('refuses a field longer than maxFieldLength, naming the line', () => {
    const text = 'a,b\n1,' + 'x'.repeat(200) + '\n'
    expect(() => tokenize(text, 16, ',', {maxFieldLength: 100})).toThrow(expect.objectContaining({code: 'FIELD_TOO_LONG', where: 'test.csv:2'}))
    const quoted = 'a,b\n1,"' + 'x'.repeat(200) + '"\n'
    expect(() => tokenize(quoted, 16, ',', {maxFieldLength: 100})).toThrow(expect.objectContaining({code: 'FIELD_TOO_LONG', where: 'test.csv:2'}))
  })

  it('refuses an unclosed quote once it runs past the field limit, before reading the whole file', () => {
    const text = 'a,b\n1,"open\n' + 'x,y\n'.repeat(100)
    expect(() => tokenize(text, 8, ',', {maxFieldLength: 50})).toThrow(expect.objectContaining({code: 'FIELD_TOO_LONG', where: 'test.csv:2'}))
    expect(() => tokenize('a,b\n1,"open\n2,3\n')).toThrow(expect.objectContaining({code: 'UNCLOSED_QUOTE', where: 'test.csv:2'}))
  })

  it('refuses more than maxColumns columns and over-long records with no line break', () => {
    expect(() => tokenize('a,b,c,d\n', Infinity, ',', {maxColumns: 3})).toThrow(expect.objectContaining({code: 'TOO_MANY_COLUMNS'}))
    expect(() => tokenize('"a",b,c,d\n', Infinity, ',', {maxColumns: 3})).toThrow(expect.objectContaining({code: 'TOO_MANY_COLUMNS'}))
    expect(() => tokenize('x'.repeat(5000), 100, ',', {maxRecordLength: 1000})).toThrow(expect.objectContaining({code: 'RECORD_TOO_LONG'}))
  })
})

describe('sniffDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\n1;2,5;3\n', ';'],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['"x;y",b,c\n"1;2",2,3\n', ','],
    ['Report, period 13\n\n;Supplier;Amount;\n;A;1,50;\n;B;2,00;\n', ';'],
    ['single\ncolumn\n', ','],
  ])('sniffs %j as %j', (text, want) => {
    expect(sniffDelimiter(text)).toBe(want)
  })
})

describe('CsvTokenizer round trip on generated CSV', () => {
  /** Small deterministic PRNG (mulberry32) so failures replay. */
  function rng(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }
  const ALPHABET = ['a', 'b', ' ', ',', '"', '\n', '\r', '\r\n', '£', '1', '.']
  const EOLS = ['\r\n', '\n', '\r']

  it('reads back exactly the records written, with their physical start lines, for any chunk size', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed)
      const records: string[][] = []
      const nRec = 1 + Math.floor(r() * 12)
      const width = 1 + Math.floor(r() * 4)
      for (let i = 0; i < nRec; i++) {
        const rec: string[] = []
        for (let j = 0; j < width; j++) {
          let f = ''
          const len = Math.floor(r() * 6)
          for (let k = 0; k < len; k++) f += ALPHABET[Math.floor(r() * ALPHABET.length)]
          rec.push(f)
        }
        // A record of one empty field would be written as an empty line, which reads back as no cells.
        if (width === 1 && rec[0] === '') rec[0] = 'x'
        records.push(rec)
      }
      let text = ''
      const starts: number[] = []
      let line = 1
      records.forEach((rec, i) => {
        starts.push(line)
        const enc = rec.map((f) => (/[",\r\n]/.test(f) || r() < 0.2 ? `"${f.replaceAll('"', '""')}"` : f)).join(',')
        const eol = i === records.length - 1 && r() < 0.5 ? '' : EOLS[Math.floor(r() * 3)]
        text += enc + eol
        line += (enc.match(/\r\n|\r|\n/g) ?? []).length + (eol ? 1 : 0)
      })
      const chunk = 1 + Math.floor(r() * 9)
      const rows = tokenize(text, chunk)
      expect(rows.map((x) => x.cells), `seed ${seed}`).toEqual(records)
      expect(rows.map((x) => x.line), `seed ${seed}`).toEqual(starts)
    }
  })
})
