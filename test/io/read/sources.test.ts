import {describe, expect, it} from 'vitest'
import {gzipSync} from 'node:zlib'
import {join} from 'node:path'
import {errorOf, fix, openAll, tempDir} from './helpers.js'

const cells = (rows: {cells: string[]}[]): string[][] => rows.map((r) => r.cells)

describe('openSources: text tables', () => {
  it.each([
    ['latin1.csv', 'windows-1252', ',', [['Supplier', 'Amount'], ['Café Ltd', '£12.50'], ['Müller GmbH', '£1,000.00']]],
    ['cp850-pound.csv', 'cp850', ',', [['Supplier', 'Amount'], ['Café Ltd', '£12.50'], ['Müller GmbH', '£1000.00']]],
    ['utf16le-bom.csv', 'utf-16le', ',', [['Supplier', 'Amount'], ['Café Ltd', '£12.50']]],
    ['utf16be-bom.csv', 'utf-16be', ',', [['Supplier', 'Amount'], ['Café Ltd', '£12.50']]],
    ['utf8-bom.csv', 'utf-8-bom', ',', [['Supplier', 'Amount'], ['Café Ltd', '£12.50']]],
    ['semicolon.csv', 'utf-8', ';', [['Supplier', 'Amount', 'Date'], ['A', '1,50', '01/02/2024'], ['B', '2;5', '03/02/2024']]],
    ['tab.tsv', 'utf-8', '\t', [['Supplier', 'Amount'], ['A, Ltd', '1.50'], ['B', '2.00']]],
    ['pipe.csv', 'utf-8', '|', [['Supplier', 'Amount'], ['A', '1.50'], ['B', '2.00']]],
    ['bare-cr.csv', 'utf-8', ',', [['Supplier', 'Amount'], ['A', '1.50'], ['B', '2,000.00'], ['', '']]],
    ['bracket-header.csv', 'utf-8', ',', [['[Date]', 'Amount'], ['2024-01-01', '1.00']]],
  ])('%s: encoding %s, delimiter %j', async (file, encoding, delimiter, rows) => {
    const [src, ...rest] = await openAll(fix(file))
    expect(rest).toEqual([])
    expect(src).toMatchObject({name: file, kind: 'table', encoding, delimiter, typedCells: false, container: []})
    expect(src.format).toBe(delimiter === '\t' ? 'tsv' : 'csv')
    expect(cells(src.rows)).toEqual(rows)
  })

  it('quoted-newline.csv: a record spanning two lines keeps the line it starts on', async () => {
    const [src] = await openAll(fix('quoted-newline.csv'))
    expect(src.rows.map((r) => r.line)).toEqual([1, 2, 4])
    expect(src.rows[1].cells[1]).toBe('line one\r\nline two')
  })

  it('title-rows.csv: title lines do not fool the delimiter, and every line is a row', async () => {
    const [src] = await openAll(fix('title-rows.csv'))
    expect(src.delimiter).toBe(',')
    expect(src.rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6])
    expect(src.rows[2].cells).toEqual([])
  })
})

describe('openSources: JSON', () => {
  it('gives JSON and JSON Lines as decoded text', async () => {
    const [json] = await openAll(fix('release.json'))
    expect(json).toMatchObject({kind: 'json', format: 'json', encoding: 'utf-8'})
    expect(JSON.parse(json.text).releases[0].ocid).toBe('ocds-1')
    const [jsonl] = await openAll(fix('lines.jsonl'))
    expect(jsonl).toMatchObject({kind: 'json', format: 'jsonl'})
    expect(jsonl.text.trim().split('\n')).toHaveLength(2)
  })

  it('detects JSON from the bytes, not the name', async () => {
    const dir = tempDir({'export.txt': '  [{"ocid": "x"}]', 'lines.dat': '{"a":1}\n{"a":2}\n'})
    const got = await openAll(dir)
    expect(got.map((s) => [s.name, s.kind, s.format])).toEqual([
      ['export.txt', 'json', 'json'],
      ['lines.dat', 'json', 'jsonl'],
    ])
  })
})

describe('openSources: archives and folders', () => {
  it('nested.zip: members in name order, nested zips opened, folders and dotfiles skipped', async () => {
    const got = await openAll(fix('nested.zip'))
    expect(got.map((s) => [s.name, s.container])).toEqual([
      ['nested.zip!a.csv', ['zip']],
      ['nested.zip!b.csv', ['zip']],
      ['nested.zip!inner.zip!c.csv', ['zip', 'zip']],
      ['nested.zip!sub/d.csv', ['zip']],
    ])
    expect(cells(got[0].rows)).toEqual([['x', 'y'], ['1', '1'], ['1', '2']])
    expect(got[3].delimiter).toBe(';')
  })

  it('spend.csv.gz: gunzipped and read as CSV', async () => {
    const [src] = await openAll(fix('spend.csv.gz'))
    expect(src).toMatchObject({name: 'spend.csv.gz', container: ['gz'], format: 'csv'})
    expect(src.rows).toHaveLength(3)
  })

  it('a folder: every file, recursively, in name order, dotfiles skipped', async () => {
    const dir = tempDir({'b.csv': 'x\n1\n', 'a.csv.gz': gzipSync('x\n2\n'), '.DS_Store': 'junk\0'})
    const sub = tempDir({'c.csv': 'x\n3\n'})
    const {renameSync} = await import('node:fs')
    renameSync(sub, join(dir, 'sub'))
    const got = await openAll(dir)
    expect(got.map((s) => s.name)).toEqual(['a.csv.gz', 'b.csv', 'sub/c.csv'])
  })
})

describe('openSources: input that is not spend data', () => {
  it.each([
    ['empty.csv', 'EMPTY_FILE'],
    ['whitespace-only.csv', 'EMPTY_FILE'],
    ['empty.zip', 'EMPTY_FILE'],
    ['binary.bin', 'NOT_SPEND_DATA'],
    ['image.png', 'NOT_SPEND_DATA'],
    ['truncated.zip', 'BROKEN_ARCHIVE'],
    ['no-such-file.csv', 'FILE_NOT_FOUND'],
  ])('%s -> %s, one line naming the file', async (file, code) => {
    const err = await errorOf(fix(file))
    expect(err.code).toBe(code)
    expect(err.line).toContain(file)
    expect(err.line).not.toContain('\n')
  })

  it('the binary error says what to give instead', async () => {
    expect((await errorOf(fix('image.png'))).line).toMatch(/PNG image.*expected CSV, TSV, XLS\(X\), JSON, ZIP or GZ/)
  })

  it('a NUL byte deep inside a text file is caught while streaming', async () => {
    const dir = tempDir({'late-nul.csv': 'a,b\n' + '1,2\n'.repeat(40_000) + '3,\0\n'})
    expect((await errorOf(join(dir, 'late-nul.csv'))).code).toBe('NOT_SPEND_DATA')
  })

  it('an archive member that is binary is named with its archive', async () => {
    const {zipSync} = await import('fflate')
    const dir = tempDir({'a.zip': zipSync({'photo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])})})
    const err = await errorOf(join(dir, 'a.zip'))
    expect(err.code).toBe('NOT_SPEND_DATA')
    expect(err.line).toContain('a.zip!photo.png')
  })
})

describe('openSources: progress', () => {
  it('reports the bytes read so far: rising, ending at the size of a plain file', async () => {
    const {openSources} = await import('../../../src/io/read/bytes/sources.js')
    const {statSync} = await import('node:fs')
    const seen: number[] = []
    for await (const s of openSources(fix('latin1.csv'), {onProgress: (n) => seen.push(n)})) {
      if (s.kind === 'table') for await (const _ of s.rows);
    }
    expect(seen.length).toBeGreaterThan(0)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
    expect(seen.at(-1)).toBe(statSync(fix('latin1.csv')).size)
  })
})

describe("openSources('-'): stdin", () => {
  async function fromStdin(bytes: Uint8Array, chunk = Infinity): Promise<Awaited<ReturnType<typeof openAll>>> {
    const {Readable} = await import('node:stream')
    const parts: Buffer[] = []
    const step = Number.isFinite(chunk) ? chunk : bytes.length
    for (let i = 0; i < bytes.length; i += step) parts.push(Buffer.from(bytes.subarray(i, i + step)))
    const saved = Object.getOwnPropertyDescriptor(process, 'stdin')!
    Object.defineProperty(process, 'stdin', {value: Readable.from(parts), configurable: true})
    try {
      return await openAll('-')
    } finally {
      Object.defineProperty(process, 'stdin', saved)
    }
  }

  it('reads CSV piped in, named <stdin>', async () => {
    const [src] = await fromStdin(Buffer.from('a;b\n1;2\n'))
    expect(src).toMatchObject({name: '<stdin>', delimiter: ';'})
    expect(src.rows).toHaveLength(2)
  })

  it('gives the same rows when the bytes arrive one at a time (quotes, line breaks and UTF-8 split everywhere)', async () => {
    const {readFileSync} = await import('node:fs')
    for (const file of ['quoted-newline.csv', 'utf8-bom.csv', 'utf16le-bom.csv', 'cp850-pound.csv', 'bare-cr.csv']) {
      const bytes = readFileSync(fix(file))
      const [whole] = await openAll(fix(file))
      const [dribbled] = await fromStdin(bytes, 1)
      expect(dribbled.rows, file).toEqual(whole.rows)
      expect(dribbled.encoding, file).toBe(whole.encoding)
    }
  })

  it('reads a zip piped in (held in memory, under a cap)', async () => {
    const {readFileSync} = await import('node:fs')
    const got = await fromStdin(readFileSync(fix('nested.zip')))
    expect(got.map((s) => s.name)).toEqual(['<stdin>!a.csv', '<stdin>!b.csv', '<stdin>!inner.zip!c.csv', '<stdin>!sub/d.csv'])
  })
})

describe('openSources: encoding decided late', () => {
  it('a file that is ASCII for its first MB and Windows-1252 after is decoded as Windows-1252', async () => {
    const body = Buffer.concat([Buffer.from('Supplier,Amount\n' + 'A,1.00\n'.repeat(200_000)), Buffer.from('Caf\xe9,\xa32.00\n', 'latin1')])
    const dir = tempDir({'late.csv': body})
    const {openSources} = await import('../../../src/io/read/bytes/sources.js')
    for await (const src of openSources(join(dir, 'late.csv'))) {
      expect(src.encoding).toBe('utf-8') // only a guess so far
      const rows = []
      if (src.kind === 'table') for await (const b of src.rows) rows.push(...b)
      expect(rows.at(-1)!.cells).toEqual(['Café', '£2.00'])
      expect(src.encoding).toBe('windows-1252')
    }
  })

  it('a file that is ASCII for its first MB and UTF-8 after stays UTF-8', async () => {
    const dir = tempDir({'late8.csv': 'Supplier,Amount\n' + 'A,1.00\n'.repeat(200_000) + 'Café,£2.00\n'})
    const [src] = await openAll(join(dir, 'late8.csv'))
    expect(src.rows.at(-1)!.cells).toEqual(['Café', '£2.00'])
    expect(src.encoding).toBe('utf-8')
  })
})
