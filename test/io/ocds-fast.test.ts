/**
 * The fast path for JSON documents (fast-doc.ts) against the streaming reader it
 * replaces: the same records, rejects and report for every shape, chunking and
 * fixture; exact amounts; errors with the line they are on; bytes counted once.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {SpendInputError} from '../../src/errors.js'
import {DocScanner} from '../../src/io/read/ocds/fast-doc.js'
import type {OcdsTuning} from '../../src/io/read/ocds/index.js'
import type {TopItem} from '../../src/io/read/ocds/json-stream.js'
import {REALDATA} from '../helpers/cli.js'
import {read, textSource} from './ocds-helpers.js'

const rel = (id: number, amount = '100.50', supplier = `"S${id}"`) =>
  `{"ocid":"o-${id}","id":"r${id}","date":"2024-01-0${(id % 9) + 1}","tag":["award"],"buyer":{"name":"B"},` +
  `"awards":[{"id":"a${id}","value":{"amount":${amount},"currency":"GBP"},"suppliers":[{"name":${supplier}}]}]}`

/** Valid documents of every shape the streaming reader knew, including the odd ones the fast path hands back to it. */
const SHAPES: Record<string, string> = {
  package: `{"uri":"u","publisher":{"name":"p"},"releases":[${rel(1)},${rel(2, '7')},${rel(3, '1.50')}]}`,
  metaAfter: `{"releases":[${rel(1)}], "publisher":{"name":"p"}, "extensions":[1,2.50]}`,
  amounts: `{"uri":"u","releases":[${rel(1, '100.00')},${rel(2, '1e3')},${rel(3, '-0')},${rel(4, '0.00')},` +
    `${rel(5, '12345678901234567.5')},${rel(6, '0.005')},${rel(7, '-12.5E+1')}]}`,
  emptyPackage: `{"uri":"x","releases":[]}`,
  releasesObject: `{"records":[], "uri":"u","releases":{"2":${rel(1)},"1":${rel(2)}}}`,
  primitives: `{"uri":"u","releases":[1,"s",[],{},true,${rel(4)}]}`,
  bareRelease: rel(7),
  bareRecord: `{"ocid":"o-9","releases":[${rel(9)}],"compiledRelease":${rel(9)}}`,
  bareRecordOcidLast: `{"releases":[${rel(9)}],"compiledRelease":${rel(8)},"ocid":"o-9"}`,
  ocidBetweenLists: `{"releases":[${rel(1)}],"ocid":"o-1","releases":[${rel(2)}]}`,
  repeatedKey: `{"releases":[${rel(1)}],"uri":"x","releases":[${rel(2)},${rel(1, '5')}]}`,
  recordsAndReleases: `{"records":[{"ocid":"o-5","compiledRelease":${rel(5)}}],"releases":[${rel(6)}]}`,
  topArray: `[${rel(1)},5,${rel(2)},"x",{"uri":"u","releases":[${rel(3)}]}]`,
  proto: `{"releases":[{"__proto__":{"ocid":"evil"},"id":"x"},${rel(1)}]}`,
  escapes: `{"releases":[${rel(1, '1', '"S\\"1\\\\\\\\\\u00e9\\/x]}"')},${rel(2, '2', '"\\\\"')}]}`,
  whitespace: `\uFEFF  {\n "uri" : "u" ,\n "releases" : [\n  ${rel(1)} ,\n  ${rel(2)}\n ]\n}\n  `,
  deepItem: `{"uri":"u","releases":[${'['.repeat(5000)}${']'.repeat(5000)},${rel(1)}]}`,
}

async function both(text: string, chunk: number, tuning: OcdsTuning = {}) {
  const run = (t: OcdsTuning) => read(textSource('doc.json', text, 'json', chunk), {}, t).catch((e: unknown) => e)
  return {fast: await run(tuning), slow: await run({fastJson: false})}
}

describe('JSON documents: the fast path gives what the streaming reader gave', () => {
  for (const [name, text] of Object.entries(SHAPES)) {
    it(`${name}, cut into chunks of 1, 7 and 997 characters`, async () => {
      for (const chunk of [1, 7, 997]) {
        const {fast, slow} = await both(text, chunk)
        expect(fast).not.toBeInstanceOf(Error)
        expect(fast).toEqual(slow)
      }
    })
  }

  it('items longer than the text limit are streamed into the exact parser, with the same result', async () => {
    for (const name of ['package', 'amounts', 'escapes', 'bareRecordOcidLast', 'releasesObject', 'topArray']) {
      const {fast, slow} = await both(SHAPES[name], 13, {unitLimit: 40})
      expect(fast).toEqual(slow)
    }
  })

  it('every fixture and real OCDS file', async () => {
    const dirs = [join(import.meta.dirname, '../../fixtures/ocds'), join(REALDATA, 'ocds')]
    const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.json')).map((f) => join(d, f)))
    expect(files.length).toBeGreaterThan(12)
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      for (const ocdsLevel of ['awards', 'transactions'] as const) {
        const run = (t: OcdsTuning) => read(textSource('f.json', text, 'json', 65536), {ocdsLevel}, t).catch((e: unknown) => e)
        expect(await run({})).toEqual(await run({fastJson: false}))
      }
    }
  })
})

describe('JSON documents: amounts stay as written', () => {
  it('a literal a double would rewrite (0.00, 1e3, 17 digits) keeps its text in rejects and imports exactly', async () => {
    const {fast} = await both(SHAPES.amounts, 997)
    const {records, rejects} = fast as Awaited<ReturnType<typeof read>>
    expect(records.map((r) => r.amount)).toEqual([10000, 100000, -12500])
    expect(rejects.map((r) => r.raw[2])).toEqual(['-0', '0.00', '12345678901234567.5', '0.005'])
  })
})

describe('JSON documents: broken text', () => {
  const error = async (text: string) => {
    const {fast, slow} = await both(text, 997)
    expect(fast).toBeInstanceOf(SpendInputError)
    expect(slow).toBeInstanceOf(SpendInputError)
    expect((fast as SpendInputError).code).toBe((slow as SpendInputError).code)
    return (fast as SpendInputError).message
  }

  it('a broken item is refused with the line it is on', async () => {
    expect(await error(`{"releases":[${rel(1)},\n${rel(2).replace('"S2"', '"S2" x')}]}`)).toBe('not valid JSON near line 2 (Unexpected "x")')
    expect(await error(`[${rel(1)}\n,\n{"a":}]`)).toMatch(/near line 3 \(Unexpected RIGHT_BRACE/)
  })

  it('a document cut short, a trailing comma or text after the end is refused', async () => {
    expect(await error(`{"releases":[${rel(1)},\n${rel(2)}`)).toBe('not valid JSON near line 2 (the document ends too early)')
    expect(await error(`{"releases":[${rel(1)},]}`)).toMatch(/near line 1 \(Unexpected RIGHT_BRACKET/)
    expect(await error(`{"releases":[${rel(1)}]\n}\n}`)).toMatch(/near line 3 \(Unexpected RIGHT_BRACE/)
    expect(await error(`{"releases":[${rel(1)}] "x":1}`)).toMatch(/Unexpected STRING \("x"\)/)
    expect(await error(`{"releases":[1 2]}`)).toMatch(/^not valid JSON near line 1/)
  })

  it('broken text before the first list is worded by the streaming reader, exactly as before', async () => {
    const text = `{"uri" "x","releases":[]}`
    const {fast, slow} = await both(text, 997)
    expect(fast).toEqual(slow)
    expect((fast as Error).message).toMatch(/Unexpected STRING/)
  })
})

describe('JSON documents: progress', () => {
  it('counts every byte once, also when a bare release is replayed into the streaming reader', async () => {
    for (const text of [SHAPES.package, SHAPES.bareRelease, SHAPES.escapes]) {
      let bytes = 0
      await read(textSource('d.json', text, 'json', 7), {onProgress: (n: number) => (bytes = n)})
      expect(bytes).toBe(Buffer.byteLength(text))
    }
  })
})

describe('DocScanner', () => {
  it('commits at the first list and hands each item on as soon as it ends', () => {
    const items: TopItem[] = []
    const scanner = new DocScanner('p.json', (i) => items.push(i))
    expect(scanner.write('{"uri":"u","releases":[')).toBe(true)
    expect(scanner.committed).toBe(true)
    scanner.write(`${rel(1)},${rel(2).slice(0, 30)}`)
    expect(items.map((i) => i.line)).toEqual([1])
    scanner.write(`${rel(2).slice(30)}]}`)
    expect(scanner.finish()).toBe(true)
    expect(items.map((i) => [i.kind, i.line])).toEqual([['release', 1], ['release', 2]])
  })

  it('gives a bare release back to the streaming reader (nothing committed)', () => {
    const scanner = new DocScanner('r.json', () => {
      throw new Error('no item expected')
    })
    expect(scanner.write(rel(1))).toBe(false)
    expect(scanner.committed).toBe(false)
    // A release's field before any list: handed back at once, not read to its end first.
    expect(new DocScanner('r.json', () => {}).write('{"contracts": [{"id": "c1"')).toBe(false)
    const meta = new DocScanner('m.json', () => {})
    expect(meta.write(`{"uri":"x","next_page":{"href":"y"}}`)).toBe(true)
    expect(meta.finish()).toBe(false)
  })
})
