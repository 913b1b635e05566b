import {describe, expect, it} from 'vitest'
import {bitWidth, encodeDefLevels, encodeHybrid, plainBool, plainStrings} from '../../src/io/write/export/parquet/encode.js'
import {i32, i64, list, serializeStruct, str, struct} from '../../src/io/write/export/parquet/thrift.js'

/** The reader's side of the RLE/bit-packed hybrid (parquet-format Encodings.md). */
function decodeHybrid(buf: Buffer, width: number, n: number): number[] {
  const out: number[] = []
  let at = 0
  const varint = () => {
    let v = 0
    let shift = 0
    for (;;) {
      const b = buf[at++]
      v += (b & 0x7f) * 2 ** shift
      if (b < 0x80) return v
      shift += 7
    }
  }
  while (out.length < n) {
    const h = varint()
    if (h & 1) {
      const count = (h >>> 1) * 8
      let bitPos = 0
      for (let k = 0; k < count; k++) {
        let v = 0
        for (let b = 0; b < width; b++, bitPos++) if (buf[at + (bitPos >> 3)] & (1 << (bitPos & 7))) v += 2 ** b
        out.push(v)
      }
      at += (count * width) / 8
    } else {
      const count = h >>> 1
      let v = 0
      for (let b = 0; b < Math.ceil(width / 8); b++) v += buf[at++] * 256 ** b
      for (let k = 0; k < count; k++) out.push(v)
    }
  }
  expect(at).toBe(buf.length)
  return out.slice(0, n)
}

describe('the RLE/bit-packed hybrid', () => {
  const cases: [string, number[], number][] = [
    ['empty', [], 1],
    ['one value', [1], 1],
    ['a long run', Array(1000).fill(3), 2],
    ['literals then a run mid-group', [1, 0, 1, 1, 0, ...Array(20).fill(1), 0, 1], 1],
    ['wide values', Array.from({length: 300}, (_, i) => (i * 7919) % 70000), 17],
    ['past 24 bits', Array.from({length: 40}, (_, i) => 2 ** 30 - 1 - i), 30],
    ['runs and noise', Array.from({length: 5000}, (_, i) => (i % 100 < 60 ? 5 : i % 13)), 4],
  ]
  for (const [name, values, width] of cases) {
    it(`round-trips ${name}`, () => {
      expect(decodeHybrid(encodeHybrid(values, values.length, width), width, values.length)).toEqual(values)
    })
  }

  it('uses an RLE run for repeated values (small output)', () => {
    expect(encodeHybrid(Array(1000).fill(1), 1000, 1)).toEqual(Buffer.from([0xd0, 0x0f, 0x01]))
  })

  it('prefixes definition levels with their length', () => {
    const levels = Uint8Array.from([1, 1, 0, 1])
    const buf = encodeDefLevels(levels, 4)
    expect(buf.readUInt32LE(0)).toBe(buf.length - 4)
    expect(decodeHybrid(buf.subarray(4), 1, 4)).toEqual([1, 1, 0, 1])
  })

  it('sizes bit widths', () => {
    expect([0, 1, 2, 3, 4, 255, 256, 2 ** 20].map(bitWidth)).toEqual([1, 1, 2, 2, 3, 8, 9, 21])
  })
})

describe('PLAIN', () => {
  it('packs booleans LSB first', () => {
    expect(plainBool(Uint8Array.from([1, 0, 1, 1, 0, 0, 0, 0, 1]), 9)).toEqual(Buffer.from([0b1101, 1]))
  })

  it('writes UTF-8 strings after their byte length', () => {
    expect(plainStrings(['é', ''], 2, 2)).toEqual(Buffer.from([2, 0, 0, 0, 0xc3, 0xa9, 0, 0, 0, 0]))
  })
})

describe('the Thrift compact protocol', () => {
  it('writes field headers, zigzag varints, strings and lists', () => {
    const bytes = serializeStruct([[1, i32(-1)], [2, i64(300)], [4, str('ab')], [20, list('i32', [i32(1), i32(2)])], [21, struct([])]])
    expect([...bytes]).toEqual([0x15, 0x01, 0x16, 0xd8, 0x04, 0x28, 0x02, 0x61, 0x62, 0x09, 0x28, 0x25, 0x02, 0x04, 0x1c, 0x00, 0x00])
  })

  it('writes an int64 past 2^53 exactly', () => {
    const bytes = serializeStruct([[1, i64(2n ** 62n)]])
    // zigzag(2^62) = 2^63: nine 7-bit groups of zeros then 1
    expect([...bytes]).toEqual([0x16, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00])
  })
})
