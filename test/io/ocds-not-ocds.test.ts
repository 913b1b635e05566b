/**
 * JSON that is not OCDS is an error that says what the file holds, never an
 * import of nothing with a rejected row; nesting millions deep neither crashes
 * nor builds the document (both readers stop building past MAX_JSON_DEPTH and
 * give the same answer). Files with OCDS in them read as before.
 */
import {describe, expect, it} from 'vitest'
import {SpendInputError} from '../../src/errors.js'
import {MAX_JSON_DEPTH, textDepth, valueDepth} from '../../src/io/read/ocds/depth.js'
import type {OcdsTuning} from '../../src/io/read/ocds/index.js'
import {compileReleases} from '../../src/io/read/ocds/compile.js'
import {read, textSource} from './ocds-helpers.js'

const rel = (id: number) =>
  `{"ocid":"o-${id}","id":"r${id}","date":"2024-01-0${id}","buyer":{"name":"B"},` +
  `"awards":[{"id":"a${id}","value":{"amount":10.50,"currency":"GBP"},"suppliers":[{"name":"S${id}"}]}]}`
const nested = (open: string, close: string, n: number) => open.repeat(n) + close.repeat(n)

/** The error of both JSON readers (fast scanner and streaming parser) on a document; they must agree. */
async function refused(text: string, format: 'json' | 'jsonl' = 'json', chunk = 65536): Promise<SpendInputError> {
  const run = (t: OcdsTuning) => read(textSource('x.json', text, format, chunk), {}, t).then(() => null, (e: unknown) => e)
  const fast = await run({})
  expect(fast).toBeInstanceOf(SpendInputError)
  if (format === 'json') expect(await run({fastJson: false})).toEqual(fast)
  const e = fast as SpendInputError
  expect(e.code).toBe('NOT_OCDS')
  expect(e.hint).toMatch(/OCDS release and record packages/)
  return e
}

describe('JSON that is not OCDS is refused, saying what it is', () => {
  it('an array nested 300,000 deep, closed or cut short', async () => {
    for (const text of [nested('[', ']', 300_000), '['.repeat(300_000)]) {
      expect((await refused(text)).message).toBe('a JSON array nested 300,000 deep, not OCDS releases or records')
    }
  })

  it('an object nested 300,000 deep, also when the depth sits inside a package', async () => {
    expect((await refused(nested('{"a":', '}', 300_000).replace('{"a":}', '{"a":1}'))).message)
      .toBe('a JSON object nested 300,000 deep: not an OCDS release or record package')
    const pkg = `{"uri":"u","releases":[${rel(1)},${nested('[', ']', MAX_JSON_DEPTH + 1)}]}`
    expect((await refused(pkg, 'json', 997)).message).toBe(`a JSON object nested ${(MAX_JSON_DEPTH + 3).toLocaleString('en-GB')} deep: not an OCDS release or record package`)
  })

  it('an object with other keys, named by them', async () => {
    expect((await refused('{"foo": 1, "bar": [1, 2]}')).message).toBe('a JSON object with keys foo, bar: not an OCDS release or record package')
    expect((await refused('{"id": 1, "foo": {"x": 2}}')).message).toBe('a JSON object with keys id, foo: not an OCDS release or record package')
    expect((await refused('{}')).message).toBe('an empty JSON object: not an OCDS release or record package')
    const many = `{${Array.from({length: 12}, (_, i) => `"k${i}": ${i}`).join(', ')}}`
    expect((await refused(many)).message).toBe('a JSON object with keys k0, k1, k2, k3, k4, k5, k6, k7 and 4 more: not an OCDS release or record package')
  })

  it('an array of unrelated objects or values', async () => {
    expect((await refused('[{"name": "a", "x": 1}, {"name": "b"}]')).message)
      .toBe('a JSON array of 2 objects with keys name, x: not OCDS releases or records')
    expect((await refused('[1, 2, "three", null]')).message).toBe('a JSON array of 1 string; 2 numbers; 1 null: not OCDS releases or records')
    expect((await refused(`[${nested('[', ']', 5000)}]`)).message).toBe('a JSON array of 1 array nested 5,000 deep: not OCDS releases or records')
  })

  it('a package whose items are not releases (null included, which used to crash)', async () => {
    expect((await refused('{"uri": "u", "releases": [null, {"name": "a"}]}')).message)
      .toBe('a JSON object whose releases or records are 1 object with keys name; 1 null, none with an ocid: not an OCDS release or record package')
    expect((await refused('{"records": [null]}')).code).toBe('NOT_OCDS')
  })

  it('JSON Lines of other objects, of lines that are not JSON, of a line too deep to build', async () => {
    expect((await refused('{"a": 1}\n{"b": 2}\n', 'jsonl')).message).toBe('JSON Lines of 2 objects with keys a, b: not OCDS releases or records')
    expect((await refused('not json\n[1]\n', 'jsonl')).message).toMatch(/^JSON Lines of 1 array; 1 line that is not JSON \(line 1: .+\): not OCDS/)
    // Past 1 MB a line is measured before it is parsed: 2,000,000 levels are never built.
    expect((await refused(`${nested('[', ']', 2_000_000)}\n`, 'jsonl')).message)
      .toBe('JSON Lines of 1 value nested 2,000,000 deep: not OCDS releases or records')
  })
})

describe('files with OCDS in them read as before', () => {
  it('a value that is not a release beside releases is one rejected row, with its line', async () => {
    const {records, rejects} = await read(textSource('a.json', `[${rel(1)}, {"name": "x"}, ${nested('[', ']', 50)}]`))
    expect(records).toHaveLength(1)
    expect(rejects.map((r) => [r.source_line, r.reason])).toEqual([[2, 'not an OCDS release, record or package'], [3, 'not an OCDS release, record or package']])
    const lines = await read(textSource('a.jsonl', `${rel(1)}\n{"name": "x"}\n${nested('[', ']', 600_000)}\n`, 'jsonl'))
    expect(lines.records).toHaveLength(1)
    expect(lines.rejects.map((r) => [r.source_line, r.reason])).toEqual([
      [2, 'not an OCDS release, record or package'],
      [3, 'JSON nested 600,000 deep: not an OCDS release, record or package'],
    ])
  })

  it('a record whose releases carry junk nested 60,000 deep is compiled without overflowing the stack', async () => {
    // A JSON Lines line under 1 MB is parsed as it is (building it costs little); its merge must not recurse 60,000 deep.
    const junk = nested('{"a":', '}', 60_000).replace('{"a":}', '{"a":1}')
    const r = (id: number, date: string, awards = '') => `{"ocid":"o","id":"${id}","date":"${date}","junk":${junk}${awards}}`
    const award = ',"awards":[{"id":"a","value":{"amount":5,"currency":"EUR"},"suppliers":[{"name":"S"}]}]'
    const line = `{"ocid":"o","releases":[${r(1, '2020-01-01')},${r(2, '2021-01-01', award)}]}\n`
    const {records, report} = await read(textSource('r.jsonl', line, 'jsonl'))
    expect(records.map((x) => [x.supplier, x.amount, x.currency])).toEqual([['S', 500, 'EUR']])
    expect(report.ocds.records).toBe(1)
    // Deep objects merge to a bounded depth, then the later one wins whole.
    const a = {ocid: 'o', date: '2020', x: {y: 1}}
    expect(compileReleases([a, {ocid: 'o', date: '2021', x: {z: 2}}])).toMatchObject({x: {y: 1, z: 2}})
  })
})

describe('depth helpers', () => {
  it('measure text and values without recursion', () => {
    expect(textDepth('{"a": [1, "]]\\"[["], "b": {}}')).toBe(2)
    expect(textDepth(nested('[', ']', 1_000_000))).toBe(1_000_000)
    expect(valueDepth(JSON.parse(nested('[', ']', 200_000)))).toBe(200_000)
    expect(valueDepth([[1], [[2]], {a: {}}])).toBe(3)
    expect(valueDepth('x')).toBe(0)
  })
})
