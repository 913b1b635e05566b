import {describe, expect, it} from 'vitest'
import {decodeChunks, detectEncoding} from '../../../src/io/read/bytes/decode.js'

const L = (s: string): Buffer => Buffer.from(s, 'latin1')

async function decodeAll(chunks: Uint8Array[], enc: Parameters<typeof decodeChunks>[1]): Promise<string> {
  async function* src(): AsyncGenerator<Uint8Array> {
    yield* chunks
  }
  let out = ''
  for await (const s of decodeChunks(src(), enc, 'x.csv')) out += s
  return out
}

describe('detectEncoding', () => {
  it.each([
    ['ASCII as utf-8', Buffer.from('a,b\n1,2\n'), 'utf-8'],
    ['UTF-8', Buffer.from('Café,£1\n'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a')]), 'utf-8-bom'],
    ['UTF-16LE with BOM', Buffer.from([0xff, 0xfe, 0x61, 0]), 'utf-16le'],
    ['UTF-16BE with BOM', Buffer.from([0xfe, 0xff, 0, 0x61]), 'utf-16be'],
    ['Windows-1252 £ (0xA3)', L('Amount\r\n\xa312.50\r\nCaf\xe9\r\n'), 'windows-1252'],
    ['DOS £ (0x9C) beside digits', L('Supplier,Amount\r\nCaf\x82 Ltd,\x9c12.50\r\nM\x81ller,\x9c 3\r\n'), 'cp850'],
    ['Windows œ (0x9C) inside a word', L('c\x9cur,12\r\n'), 'windows-1252'],
    ['Windows curly quotes and dash beside a 0x9C pound', L('\x93Quoted\x94 \x96 note,\x9c1\r\n\x93a\x94 \x93b\x94\r\n'), 'windows-1252'],
  ])('%s', (_label, bytes, want) => {
    expect(detectEncoding(bytes, true)).toBe(want)
  })

  it('does not mistake UTF-8 cut mid-character at the end of the sample for a legacy encoding', () => {
    const b = Buffer.from('a,£')
    expect(detectEncoding(b.subarray(0, b.length - 1), false)).toBe('utf-8')
  })
})

describe('decodeChunks', () => {
  it('joins a UTF-8 character split across chunks, also after ASCII-only chunks', async () => {
    const b = Buffer.from('abc,£12\nxyz,é\n')
    const i = b.indexOf(0xc2)
    expect(await decodeAll([b.subarray(0, 2), b.subarray(2, i + 1), b.subarray(i + 1, i + 2), b.subarray(i + 2)], 'utf-8')).toBe('abc,£12\nxyz,é\n')
  })

  it('strips a UTF-8 BOM and decodes UTF-16 both ways', async () => {
    expect(await decodeAll([Buffer.from([0xef, 0xbb, 0xbf, 0x61])], 'utf-8-bom')).toBe('a')
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('£1', 'utf16le')])
    expect(await decodeAll([le.subarray(0, 3), le.subarray(3)], 'utf-16le')).toBe('£1')
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('£1', 'utf16le').swap16()])
    expect(await decodeAll([be.subarray(0, 3), be.subarray(3)], 'utf-16be')).toBe('£1')
  })

  it('decodes Windows-1252 and cp850 pounds', async () => {
    expect(await decodeAll([L('\xa312 \x80')], 'windows-1252')).toBe('£12 €')
    expect(await decodeAll([L('\x9c12 Caf\x82')], 'cp850')).toBe('£12 Café')
  })

  it('throws NOT_SPEND_DATA on a NUL character anywhere in the text', async () => {
    await expect(decodeAll([Buffer.from('a,b\n'), Buffer.from('c\0d\n')], 'utf-8')).rejects.toMatchObject({code: 'NOT_SPEND_DATA'})
  })
})
