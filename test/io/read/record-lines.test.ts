import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import iconv from 'iconv-lite'
import {afterAll, describe, expect, it} from 'vitest'
import {readRecordLines, RecordLineScanner} from '../../../src/io/read/bytes/record-lines.js'
import {openAll, fix, tempDir, tokenize} from './helpers.js'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, {recursive: true, force: true})
})

/** The scanner over a text pushed in chunks of `size` characters. */
function scan(text: string, lines: Iterable<number>, size = Infinity, delimiter = ','): Map<number, string> {
  const s = new RecordLineScanner(lines, delimiter)
  const step = Number.isFinite(size) ? size : text.length || 1
  for (let i = 0; i < text.length; i += step) s.push(text.slice(i, i + step))
  s.end()
  return s.found
}

// CRLF, LF and bare CR mixed; quoted fields with line breaks of each kind, "" escapes,
// a quote inside an unquoted field, text after a closing quote, blank lines, no final line end.
const TEXT = [
  'supplier,description,amount\r\n',
  'A,"line one\r\nline two",1.50\r\n',
  'B,"say ""hi""",2.00\n',
  'C,ab"c,3\r',
  '\r\n',
  'D,"x\ry\nz\r\n",4\n',
  'E,"a"b,5\r\n',
  'F,plain,6',
].join('')

describe('RecordLineScanner', () => {
  it('gives each record\'s text, all of its lines, at the line the tokenizer says it starts on', () => {
    const rows = tokenize(TEXT).filter((r) => r.cells.length > 0)
    const found = scan(TEXT, rows.map((r) => r.line))
    expect([...found.keys()]).toEqual(rows.map((r) => r.line))
    // Read again on its own, each record's text is the same cells.
    for (const r of rows) expect(tokenize(found.get(r.line)!).map((x) => x.cells), `line ${r.line}`).toEqual([r.cells])
    // Records are whole: a record that spans lines keeps its line breaks as in the file.
    expect(found.get(2)).toBe('A,"line one\r\nline two",1.50')
    expect(TEXT).toContain(`${found.get(7)}\n`)
  })

  it('finds the same text whatever the chunk size (records, CRLF and quotes cut anywhere)', () => {
    const lines = tokenize(TEXT).map((r) => r.line)
    const whole = scan(TEXT, lines)
    for (const size of [1, 2, 3, 5, 7, 11]) expect(scan(TEXT, lines, size), `chunks of ${size}`).toEqual(whole)
  })

  it('does not find a line inside a wanted record, past the end, or when none is wanted', () => {
    const start = tokenize(TEXT).find((r) => r.cells[0] === 'A')!.line
    const found = scan(TEXT, [start + 1, 99, start, 1])
    expect([...found.keys()]).toEqual([1, start])
    expect(scan(TEXT, []).size).toBe(0)
    // Lines given twice or out of order are found once.
    expect([...scan(TEXT, [3, 1, 3]).keys()]).toEqual([1, 3])
  })

  it('reads TSV with its own delimiter', () => {
    const tsv = 'a\tb\r\n"x\ty\r\nz"\t2\r\nq\t3\r\n'
    const rows = tokenize(tsv, Infinity, '\t')
    const found = scan(tsv, rows.map((r) => r.line), 3, '\t')
    for (const r of rows) expect(tokenize(found.get(r.line)!, Infinity, '\t').map((x) => x.cells)).toEqual([r.cells])
  })
})

/** The record texts of a file as the importer reads it: its decoded text (openAll), scanned in memory at the lines of its rows. */
async function expected(path: string): Promise<{lines: number[]; found: Map<number, string>; encoding: string; delimiter: string}> {
  const [src] = await openAll(path)
  const lines = src.rows.filter((r) => r.cells.length > 0).map((r) => r.line)
  // The importer's own decoding of the whole file (BOM dropped), read back from its cells' source text.
  const text = decodeFile(path, src.encoding!)
  return {lines, found: scan(text, lines, Infinity, src.delimiter!), encoding: src.encoding!, delimiter: src.delimiter!}
}

function decodeFile(path: string, encoding: string): string {
  const bytes = readFileSync(path)
  const names: Record<string, string> = {'utf-8': 'utf8', 'utf-8-bom': 'utf8', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be', 'windows-1252': 'windows-1252', cp850: 'cp850'}
  return iconv.decode(bytes, names[encoding])
}

describe('readRecordLines', () => {
  it.each([
    'quoted-newline.csv', 'bare-cr.csv', 'latin1.csv', 'cp850-pound.csv', 'utf8-bom.csv', 'utf16le-bom.csv', 'utf16be-bom.csv',
    'semicolon.csv', 'tab.tsv', 'title-rows.csv',
  ])('%s: streamed from disk, decoded as the importer decodes it', async (name) => {
    const want = await expected(fix(name))
    const got = await readRecordLines(fix(name), {encoding: want.encoding as never, delimiter: want.delimiter, lines: want.lines})
    expect(got).toEqual(want.found)
    expect(got.size).toBe(want.lines.length)
  })

  it('keeps the code page\'s letters (Windows-1252) and reads records across 64 KB reads', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const path = join(dir, 'big.csv')
    // ~200 KB: multi-line quoted fields and CRLFs fall on every kind of read boundary.
    const lines = ['Supplier,Description,Amount']
    for (let i = 0; i < 3000; i++) lines.push(i % 7 === 0 ? `Café ${i},"Müller\r\nstraße ${i}\r\n£ ${'x'.repeat(i % 40)}",${i}.50` : `Señor ${i},Fee ${'y'.repeat(i % 50)},${i}.00`)
    writeFileSync(path, iconv.encode(lines.join('\r\n') + '\r\n', 'windows-1252'))
    const want = await expected(path)
    expect(want.encoding).toBe('windows-1252')
    const got = await readRecordLines(path, {encoding: 'windows-1252', delimiter: ',', lines: want.lines})
    expect(got).toEqual(want.found)
    expect([...got.values()].filter((t) => t.includes('Müller\r\nstraße'))).toHaveLength(Math.ceil(3000 / 7))
    // A few lines only: reading stops once they are found, with the same text.
    const few = [want.lines[1], want.lines[500], want.lines[2999]]
    expect(await readRecordLines(path, {encoding: 'windows-1252', delimiter: ',', lines: few})).toEqual(new Map(few.map((l) => [l, want.found.get(l)])))
  })
})
