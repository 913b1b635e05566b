import {createHash} from 'node:crypto'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import type {ImportEntry} from '../../src/io/workspace/index.js'
import {readRawLines, sourcePath} from '../../src/services/raw-lines.js'
import {frameOf} from '../helpers/analysis-records.js'

const dir = mkdtempSync(join(tmpdir(), 'spendkit-raw-lines-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

const TEXT = 'Supplier,Amount\r\nA,1.50\r\nB,"2,000.00"\r\n'

/** A manifest entry for a CSV written into the test folder, as the importer would record it. */
function entry(id: string, name: string, text: string, over: Partial<ImportEntry> & {path?: string | null} = {}): ImportEntry {
  writeFileSync(join(dir, name), text)
  return {
    id, file: name, sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text), format: 'csv',
    files: [{file: name, format: 'csv', container: [], encoding: 'utf-8', delimiter: ','}],
    ...over,
  } as unknown as ImportEntry
}

describe('sourcePath', () => {
  it('takes `path` from the workspace folder, else `file` from the current directory; stdin has none', () => {
    expect(sourcePath({file: 'x.csv', path: '../data/x.csv'}, '/w/ws', '/cwd')).toEqual({recorded: '../data/x.csv', absolute: '/w/data/x.csv'})
    expect(sourcePath({file: 'data/x.csv'}, '/w/ws', '/cwd')).toEqual({recorded: 'data/x.csv', absolute: '/cwd/data/x.csv'})
    expect(sourcePath({file: '/abs/x.csv'}, '/w/ws', '/cwd')).toEqual({recorded: '/abs/x.csv', absolute: '/abs/x.csv'})
    expect(sourcePath({file: 'x.csv', path: null}, '/w/ws', '/cwd')).toEqual({recorded: null, absolute: null})
    expect(sourcePath({file: '-'}, '/w/ws', '/cwd')).toEqual({recorded: null, absolute: null})
  })
})

describe('readRawLines', () => {
  it('reads each file once for its rows, in output order, and flags a recorded line the file lacks', async () => {
    const entries = [entry('aaa', 'a.csv', TEXT), entry('bbb', 'b.csv', TEXT, {sha256: '0'.repeat(64)})]
    const frame = frameOf(
      {source: 'aaa', source_file: 'a.csv', source_line: 3},
      {source: 'bbb', source_file: 'b.csv', source_line: 2},
      {source: 'aaa', source_file: 'a.csv', source_line: 2},
      {source: 'aaa', source_file: 'a.csv', source_line: 9},
    )
    const out = await readRawLines(frame, Uint32Array.of(0, 1, 2, 3), {dir, entries, cwd: dir})
    const lines = TEXT.split('\r\n')
    expect(out.raw).toEqual([lines[2], null, lines[1], null])
    expect(out.status).toEqual(['ok', 'file_changed', 'ok', 'line_not_found'])
    expect(out.sources.map((s) => [s.import, s.status, s.rows])).toEqual([['aaa', 'line_not_found', 3], ['bbb', 'file_changed', 1]])
    expect(out.sources[0].note).toMatch(/^1 recorded line is not in the file/)
  })

  it('knows rows of no import (--file) and of an import it does not list', async () => {
    const frame = frameOf({source: 'memory', source_file: 'x.csv', source_line: 2})
    const out = await readRawLines(frame, Uint32Array.of(0), {dir: null, entries: []})
    expect(out.status).toEqual(['not_imported'])
    expect(out.sources[0].path).toBeNull()
  })
})
