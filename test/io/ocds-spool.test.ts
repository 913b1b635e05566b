/**
 * The two-pass deduplication: candidates spooled (memory or temp file) and read
 * back, only winners emitted; the results must not depend on where the spool lives.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Candidate} from '../../src/io/read/ocds/extract.js'
import {decodeAwardSuppliers, decodeCandidate, encodeAwardSuppliers, encodeCandidate} from '../../src/io/read/ocds/row.js'
import {hashOf, KeyTable} from '../../src/io/read/ocds/keys.js'
import {Spool} from '../../src/io/read/ocds/spool.js'
import {REALDATA} from '../helpers/cli.js'
import {read, textSource, totalsByCurrency} from './ocds-helpers.js'

const FX = join(import.meta.dirname, '../../fixtures/ocds')
const REAL = join(REALDATA, 'ocds')

const AWKWARD = ['', 'a\u0001b', 'line\nbreak\r\n', '\u0002', '\u0003x', 'lone \ud800 surrogate', 'emoji \u{1F600}', 'nul\u0000key', 'Ñandutí']

describe('spool', () => {
  const lines = Array.from({length: 4000}, (_, i) => `${i} ${'é€x'.repeat(i % 300)}`)
  const collect = (s: Spool) => {
    const out: string[] = []
    s.forEach((l) => out.push(l))
    return out
  }

  it('gives back every line in order from memory and from its temp file, across block edges', () => {
    const mem = new Spool()
    const disk = new Spool(1)
    for (const l of lines) {
      mem.push(l)
      disk.push(l)
    }
    // A line longer than the read block must come back whole too.
    const long = 'ü'.repeat(1_500_000)
    mem.push(long)
    disk.push(long)
    expect(mem.onDisk).toBe(false)
    expect(disk.onDisk).toBe(true)
    expect(collect(mem)).toEqual([...lines, long])
    expect(collect(disk)).toEqual([...lines, long])
    // Readable twice.
    expect(collect(disk)).toHaveLength(lines.length + 1)
    expect(disk.count).toBe(lines.length + 1)
    disk.dispose()
    mem.dispose()
  })

  it('reads any line by number, in any order, from memory and from its temp file', () => {
    for (const limit of [undefined, 1]) {
      const s = new Spool(limit, true)
      for (const l of lines) s.push(l)
      const order = [3999, 0, 1, 2, 2000, 1999, 3998, 17, 17, 3000]
      expect(order.map((n) => s.line(n))).toEqual(order.map((n) => lines[n]))
      // Sequential reads after a jump, across read-ahead blocks.
      for (let n = 100; n < lines.length; n += 7) expect(s.line(n)).toBe(lines[n])
      // Backwards, then scattered (the read window shrinks and grows again).
      for (let n = lines.length - 1; n >= 0; n -= 5) expect(s.line(n)).toBe(lines[n])
      for (let k = 0; k < lines.length; k++) {
        const n = (k * 2654435761) % lines.length
        expect(s.line(n)).toBe(lines[n])
      }
      expect(() => s.line(lines.length)).toThrow('no line')
      s.dispose()
    }
  })
})

describe('spool rows', () => {
  it('round-trips candidates exactly, awkward strings and nulls included', () => {
    for (const t of AWKWARD) {
      const c: Candidate = {key: `o${t}\u0000a${t}`, kind: 'transaction', version: 0, line: 12, status: t || null, date: null, amount: ` ${t}1.50 `,
        currency: 'EUR', fallbackCurrency: t, suppliers: [{name: t, id: null, scale: t}, {name: 'B', id: 'GB-COH-1', scale: null}], awardKey: null,
        buyer: {name: t, id: t, scale: null}, category: ['cpv', t, null], expenseType: null, description: t}
      // The amount is spooled as its decimal text (trimmed).
      expect(decodeCandidate(encodeCandidate(c))).toEqual({...c, amount: `${t}1.50`.trim()})
    }
    const bare: Candidate = {key: 'k', kind: 'award', version: 0, line: 1, status: null, date: '2024-01-31', amount: null, currency: null,
      fallbackCurrency: null, suppliers: null, awardKey: 'o\u0000a', buyer: null, category: null, expenseType: null, description: null}
    expect(decodeCandidate(encodeCandidate(bare))).toEqual(bare)
    expect(encodeCandidate(bare)).not.toContain('\n')
    expect(decodeAwardSuppliers(encodeAwardSuppliers('a\u0001\n', [{name: '', id: null, scale: null}]))).toEqual(['a\u0001\n', [{name: '', id: null, scale: null}]])
  })
})

describe('results do not depend on where the spool lives', () => {
  const files = [...readdirSync(FX).filter((f) => /\.jsonl?$/.test(f)).map((f) => join(FX, f)), ...readdirSync(REAL).map((f) => join(REAL, f))]
  const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? String(v) : v))).sort()

  for (const level of ['awards', 'contracts', 'transactions'] as const) {
    it(`every fixture and real file at --ocds-level ${level}`, async () => {
      for (const f of files) {
        const text = readFileSync(f, 'utf8')
        const format = f.endsWith('.jsonl') ? 'jsonl' : 'json'
        const name = f.split('/').pop()!
        const mem = await read(textSource(name, text, format), {ocdsLevel: level})
        const disk = await read(textSource(name, text, format), {ocdsLevel: level}, {spoolLimit: 1})
        expect(disk.report).toEqual(mem.report)
        expect(sorted(disk.records)).toEqual(sorted(mem.records))
        expect(sorted(disk.rejects)).toEqual(sorted(mem.rejects))
      }
    })
  }
})

const rel = (ocid: string, date: string, extra: object) => JSON.stringify({ocid, date, buyer: {name: 'Council'}, ...extra})

describe('two-pass deduplication', () => {
  it('emits only the latest version of each award, whatever the order, counting the others as repeats', async () => {
    const lines = [
      rel('o1', '2024-01-01', {awards: [{id: 'a', value: {amount: 1, currency: 'GBP'}, suppliers: [{name: 'Old'}]}]}),
      rel('o2', '2024-01-01', {awards: [{id: 'a', value: {amount: 5, currency: 'GBP'}, suppliers: [{name: 'Other'}]}]}),
      rel('o1', '2024-03-01', {awards: [{id: 'a', value: {amount: 3, currency: 'GBP'}, suppliers: [{name: 'New'}]}]}),
      rel('o1', '2024-02-01', {awards: [{id: 'a', value: {amount: 2, currency: 'GBP'}, suppliers: [{name: 'Middle'}]}]}),
      // Same date as the winner, read later: it wins (ties go to the one read last).
      rel('o2', '2024-01-01', {awards: [{id: 'a', value: {amount: 7, currency: 'GBP'}, suppliers: [{name: 'Tie'}]}]}),
    ]
    for (const spoolLimit of [undefined, 1]) {
      const {records, report} = await read(textSource('d.jsonl', lines.join('\n'), 'jsonl', 50), {}, {spoolLimit})
      expect(records.map((r) => [r.transaction_id, r.amount, r.supplier, r.source_line])).toEqual([['o1/a', 300, 'New', 3], ['o2/a', 700, 'Tie', 5]])
      expect(report.ocds.superseded).toBe(3)
      expect(report.rows).toEqual({read: 2, imported: 2, rejected: 0, skipped: 3})
    }
  })

  it('gives a contract the suppliers of its award stated in a later release (contracts level, spool on disk)', async () => {
    const lines = [
      rel('o1', '2024-01-01', {contracts: [{id: 'c1', awardID: 'a1', value: {amount: 10, currency: 'EUR'}}]}),
      rel('o1', '2024-02-01', {awards: [{id: 'a1', suppliers: [{name: 'First'}]}]}),
      rel('o1', '2024-03-01', {awards: [{id: 'a1', suppliers: [{name: 'Latest'}, {name: 'Second'}]}]}),
    ]
    const {records} = await read(textSource('c.jsonl', lines.join('\n'), 'jsonl'), {ocdsLevel: 'contracts'}, {spoolLimit: 1})
    expect(records.map((r) => [r.supplier, r.amount])).toEqual([['Latest', 500], ['Second', 500]])
  })

  it('keeps totals exact past 2^53 minor units', async () => {
    const big = '9007199254740991'
    const lines = [1, 2, 3].map((i) => rel(`o${i}`, '2024-01-01', {awards: [{id: 'a', value: {amount: big, currency: 'JPY'}}]}))
    const {records, report} = await read(textSource('b.jsonl', lines.join('\n'), 'jsonl'))
    expect(totalsByCurrency(records)).toEqual({JPY: 3n * 9007199254740991n})
    expect(report.totals).toEqual([{currency: 'JPY', source: 3n * 9007199254740991n, imported: 3n * 9007199254740991n, rejected: 0n}])
  })
})

describe('JSON Lines limits', () => {
  it('refuses a line longer than the limit with one clear error, and joins a line split over many chunks', async () => {
    const long = '{"ocid": "x", "pad": "' + 'y'.repeat(5000) + '"}'
    await expect(read(textSource('one.jsonl', long + '\n{}', 'jsonl', 100), {}, {maxLine: 4000}))
      .rejects.toThrow('JSON Lines line 1 is longer than 4000 characters')
    const line = rel('o1', '2024-01-01', {pad: 'z'.repeat(3000), awards: [{id: 'a', value: {amount: 4, currency: 'GBP'}}]})
    const {records} = await read(textSource('ok.jsonl', `${line}\n${line.replace('o1', 'o2')}`, 'jsonl', 7), {}, {maxLine: 4000})
    expect(records.map((r) => [r.transaction_id, r.source_line])).toEqual([['o1/a', 1], ['o2/a', 2]])
  })
})

describe('key table', () => {
  it('gives every distinct key its own id in first-seen order, like a Map, wide characters included', () => {
    const t = new KeyTable()
    const ref = new Map<string, number>()
    for (let i = 0; i < 50_000; i++) {
      const key = `ocds-${i % 7 === 0 ? 'Ñ€' : ''}${(i * 7919) % 30_011}\u0000a${i % 3}`
      const known = ref.get(key)
      const got = t.add(key)
      if (known === undefined) {
        expect(got).toBe(-1 - ref.size)
        ref.set(key, ref.size)
      } else expect(got).toBe(known)
    }
    expect(t.size).toBe(ref.size)
    for (const [k, id] of ref) expect(t.find(k)).toBe(id)
    expect(t.find('absent')).toBe(-1)
  })

  it('keeps two different keys with the same hash apart', () => {
    const seen = new Map<number, string>()
    let pair: [string, string] | null = null
    for (let i = 0; pair === null; i++) {
      const k = `o${i}\u0000a`
      const h = hashOf(k)
      const other = seen.get(h)
      if (other !== undefined) pair = [other, k]
      else seen.set(h, k)
    }
    expect(hashOf(pair[0])).toBe(hashOf(pair[1]))
    const t = new KeyTable()
    expect(t.add(pair[0])).toBe(-1)
    expect(t.add(pair[1])).toBe(-2)
    expect(t.add(pair[0])).toBe(0)
    expect(t.find(pair[1])).toBe(1)
  })
})
