import {describe, expect, it} from 'vitest'
import {readFileSync} from 'node:fs'
import {REALDATA as ROOT} from '../../helpers/cli.js'
import {openAll} from './helpers.js'

interface Expected {
  kind: string
  encoding?: string | null
  delimiter?: string
  csv_records_incl_header?: number
  physical_lines?: number
  sheets?: Array<[string, number, number]>
}

describe('every real published file opens with the record counts of EXPECTED.json', () => {
  it('opens the whole folder: CSV records, sheet rows, encodings; OCDS as JSON', async () => {
    const expected = JSON.parse(readFileSync(`${ROOT}/EXPECTED.json`, 'utf8')) as Record<string, Expected>
    const got = (await openAll(ROOT)).filter((s) => s.name !== 'README.md' && s.name !== 'EXPECTED.json')
    const names = got.map((s) => s.name)
    // Every expected CSV/sheet/OCDS entry was found, and nothing unexpected came out.
    const wanted = Object.entries(expected).filter(([, e]) => e.kind !== 'zip').map(([k]) => k)
    expect([...names].sort()).toEqual([...wanted].sort())
    let checked = 0
    for (const src of got) {
      const e = expected[src.name]
      if (e.kind === 'ocds') {
        expect(src.kind, src.name).toBe('json')
        expect(() => JSON.parse(src.text), src.name).not.toThrow()
      } else if (e.kind === 'xls') {
        const [, rows] = e.sheets!.find(([, n]) => n > 0)!
        expect(src.rows.length, src.name).toBe(rows)
      } else {
        expect(src.rows.length, src.name).toBe(e.csv_records_incl_header)
        expect(src.rows.at(-1)!.line, src.name).toBe(e.physical_lines)
        expect(src.delimiter, src.name).toBe(e.delimiter)
        const enc = e.encoding === 'cp1252' ? 'windows-1252' : 'utf-8' // ASCII is reported as utf-8
        expect(src.encoding, src.name).toBe(enc)
      }
      checked++
    }
    expect(checked).toBe(wanted.length)
  })
})
