import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {importOne} from '../../../src/services/importer.js'
import {findSplit} from '../../../src/io/read/split/split.js'
import {Workspace} from '../../../src/io/workspace/index.js'
import {tempDir} from '../../helpers/cli.js'

const saved = process.env.SPENDKIT_SPLIT_MIN_BYTES
afterEach(() => {
  if (saved === undefined) delete process.env.SPENDKIT_SPLIT_MIN_BYTES
  else process.env.SPENDKIT_SPLIT_MIN_BYTES = saved
})

function file(text: string | Buffer): string {
  const path = join(tempDir('spendkit-split-unit-'), 'f.csv')
  writeFileSync(path, text)
  return path
}

describe('findSplit', () => {
  it('cuts after a line break outside quotes, with the line number the tokenizer gives', () => {
    process.env.SPENDKIT_SPLIT_MIN_BYTES = '1'
    // CRLF, bare CR and LF each end one line; the middle falls inside a quoted field.
    const text = 'a,b\r\n1,2\r3,4\n5,"x\ny\r\nz"\n6,7\n8,9\n'
    const cut = findSplit(file(text), text.length)
    expect(cut).toEqual({offset: text.indexOf('6,7'), line: 7, asciiHead: true})
  })

  it('reads on one thread: small files, UTF-16, JSON, no boundary', () => {
    delete process.env.SPENDKIT_SPLIT_MIN_BYTES
    const small = 'a,b\n1,2\n3,4\n'
    expect(findSplit(file(small), small.length)).toBeNull()
    process.env.SPENDKIT_SPLIT_MIN_BYTES = '1'
    const utf16 = Buffer.from('\ufeffa,b\n1,2\n3,4\n', 'utf16le')
    expect(findSplit(file(utf16), utf16.length)).toBeNull()
    const latin = Buffer.from('a,b\n1,\xa32\n3,4\n5,6\n', 'latin1')
    expect(findSplit(file(latin), latin.length)).toMatchObject({asciiHead: false})
    const json = '{"a": 1}\n{"a": 2}\n{"a": 3}\n'
    expect(findSplit(file(json), json.length)).toBeNull()
    const open = 'a,b\n1,"2\n3\n4\n5\n'
    expect(findSplit(file(open), open.length)).toBeNull()
  })
})

describe('importOne with a split read in this thread (sources are .ts under vitest)', () => {
  /** 6,000 rows, one rejected, some with a quoted line break; `pound` puts a windows-1252 '£' on row 5,000. */
  function spendFile(pound = false): string {
    const lines = ['Date,Supplier,Amount,Description']
    for (let i = 0; i < 6000; i++) {
      const date = i === 4500 ? '31/02/2024' : `${String(1 + (i % 28)).padStart(2, '0')}/03/2024`
      const desc = pound && i === 5000 ? 'cost \xa35' : i % 13 === 0 ? `"two\nlines ${i}"` : `d${i}`
      lines.push(`${date},Supplier ${i % 50},${i}.${String(i % 100).padStart(2, '0')},${desc}`)
    }
    return file(Buffer.from(lines.join('\n') + '\n', 'latin1'))
  }

  async function run(path: string, min: string) {
    process.env.SPENDKIT_SPLIT_MIN_BYTES = min
    const root = tempDir('spendkit-split-ws-')
    const {entry} = await importOne(new Workspace(root), {input: path, currency: 'GBP', toolVersion: 'test'})
    const dir = join(root, 'imports', entry.id)
    const {parts, dict_join: dictJoin, ...rest} = entry
    return {rest, parts: parts.length, dictJoin, files: readdirSync(dir).sort(), rejects: readFileSync(join(dir, 'rejects.csv'), 'utf8')}
  }

  it('reads on one thread when the file is ASCII at the start only (the encoding is found late)', async () => {
    const path = spendFile(true)
    const one = await run(path, '1e15')
    const two = await run(path, '1')
    expect(two.rest).toEqual(one.rest)
    expect(one.rest.files[0].encoding).toBe('windows-1252')
    expect(two.parts).toBe(1)
  })

  it('stores the same rows, rejects and report as a one-thread read', async () => {
    const path = spendFile()
    const one = await run(path, '1e15')
    const two = await run(path, '1')
    expect(two.rest).toEqual(one.rest)
    expect(two.rejects).toBe(one.rejects)
    expect(one.rest.rows).toMatchObject({read: 6000, imported: 5999, rejected: 1})
    // Two parts, and no leftover folder of the second half.
    expect(two.parts).toBe(2)
    expect(two.files).toEqual(['dict-join.json', 'entry.json', 'part-00000.arrow', 'part-00001.arrow', 'rejects.csv'])
    expect(two.dictJoin).toMatchObject({part: 1, file: 'dict-join.json'})
  })
})
