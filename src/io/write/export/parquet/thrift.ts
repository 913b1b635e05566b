/**
 * The Thrift compact protocol, as much of it as a Parquet writer needs:
 * structs of i32, i64, binary, bool, struct and list fields. Values are built
 * as small trees (`struct([[1, i32(2)], ...])`) and serialised in one pass.
 */

export type TValue =
  | {t: 'i32'; v: number}
  | {t: 'i64'; v: bigint}
  | {t: 'bin'; v: Uint8Array}
  | {t: 'bool'; v: boolean}
  | {t: 'struct'; v: TField[]}
  | {t: 'list'; elem: 'i32' | 'bin' | 'struct'; v: TValue[]}

/** A field id and its value; undefined values are left out (optional fields). */
export type TField = readonly [number, TValue | undefined]

const enc = new TextEncoder()
export const i32 = (v: number): TValue => ({t: 'i32', v})
export const i64 = (v: number | bigint): TValue => ({t: 'i64', v: BigInt(v)})
export const str = (v: string): TValue => ({t: 'bin', v: enc.encode(v)})
export const bin = (v: Uint8Array): TValue => ({t: 'bin', v})
export const bool = (v: boolean): TValue => ({t: 'bool', v})
export const struct = (v: TField[]): TValue => ({t: 'struct', v})
export const list = (elem: 'i32' | 'bin' | 'struct', v: TValue[]): TValue => ({t: 'list', elem, v})

const TYPE = {bool: 1, i32: 5, i64: 6, bin: 8, list: 9, struct: 12} as const
const MASK64 = (1n << 64n) - 1n

class Out {
  bytes: number[] = []
  varint(n: number): void {
    while (n > 0x7f) {
      this.bytes.push((n & 0x7f) | 0x80)
      n = Math.floor(n / 128)
    }
    this.bytes.push(n)
  }
  varint64(n: bigint): void {
    while (n > 0x7fn) {
      this.bytes.push(Number(n & 0x7fn) | 0x80)
      n >>= 7n
    }
    this.bytes.push(Number(n))
  }
}

const zigzag32 = (n: number): number => ((n << 1) ^ (n >> 31)) >>> 0
const zigzag64 = (n: bigint): bigint => ((n << 1n) ^ (n >> 63n)) & MASK64

function typeCode(v: TValue): number {
  if (v.t === 'bool') return v.v ? 1 : 2
  return TYPE[v.t]
}

function writeValue(out: Out, v: TValue): void {
  switch (v.t) {
    case 'i32': out.varint(zigzag32(v.v)); break
    case 'i64': out.varint64(zigzag64(v.v)); break
    case 'bin':
      out.varint(v.v.length)
      for (const b of v.v) out.bytes.push(b)
      break
    case 'bool': out.bytes.push(v.v ? 1 : 2); break // only reached inside lists
    case 'struct': writeStruct(out, v.v); break
    case 'list': {
      const code = TYPE[v.elem]
      if (v.v.length < 15) out.bytes.push((v.v.length << 4) | code)
      else {
        out.bytes.push(0xf0 | code)
        out.varint(v.v.length)
      }
      for (const item of v.v) writeValue(out, item)
      break
    }
  }
}

function writeStruct(out: Out, fields: readonly TField[]): void {
  let last = 0
  for (const [id, value] of fields) {
    if (value === undefined) continue
    if (id <= last) throw new Error(`thrift: field ${id} after ${last}`)
    const code = typeCode(value)
    const delta = id - last
    if (delta <= 15) out.bytes.push((delta << 4) | code)
    else {
      out.bytes.push(code)
      out.varint(zigzag32(id))
    }
    if (value.t !== 'bool') writeValue(out, value)
    last = id
  }
  out.bytes.push(0)
}

/** Serialise a struct's fields in the compact protocol. */
export function serializeStruct(fields: readonly TField[]): Buffer {
  const out = new Out()
  writeStruct(out, fields)
  return Buffer.from(out.bytes)
}
