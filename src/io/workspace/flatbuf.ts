/**
 * A minimal reader of FlatBuffers tables, the encoding of Arrow IPC metadata
 * (the footer and each message's header). It follows the documented binary
 * format (https://flatbuffers.dev/internals/): a table starts with a signed
 * 32-bit offset back to its vtable; the vtable lists, per field, the field's
 * offset in the table (0: absent, use the default); references to tables,
 * vectors and strings are unsigned 32-bit offsets from where they are stored;
 * a vector is a 32-bit length followed by its elements. Little-endian.
 *
 * Every read is bounds-checked (DataView throws past the end) and vector
 * lengths are checked against the bytes left, so damaged metadata gives an
 * error, never a wild read or a huge allocation.
 */

const utf8 = new TextDecoder('utf-8', {fatal: false})

export class FlatTable {
  private readonly vtable: number
  private readonly vsize: number

  /** The table at `pos` in `view` (see `rootTable`). */
  constructor(private readonly view: DataView, readonly pos: number) {
    this.vtable = pos - view.getInt32(pos, true)
    this.vsize = view.getUint16(this.vtable, true)
    if (this.vsize < 4 || this.vsize % 2 !== 0) throw new Error('bad flatbuffer vtable')
  }

  /** Absolute position of field `slot` (0-based, in schema order), or 0 when it is absent. */
  private field(slot: number): number {
    const at = 4 + 2 * slot
    if (at + 2 > this.vsize) return 0
    const rel = this.view.getUint16(this.vtable + at, true)
    return rel === 0 ? 0 : this.pos + rel
  }

  int8(slot: number, dflt: number): number {
    const p = this.field(slot)
    return p ? this.view.getInt8(p) : dflt
  }

  uint8(slot: number, dflt: number): number {
    const p = this.field(slot)
    return p ? this.view.getUint8(p) : dflt
  }

  bool(slot: number, dflt: boolean): boolean {
    const p = this.field(slot)
    return p ? this.view.getUint8(p) !== 0 : dflt
  }

  int16(slot: number, dflt: number): number {
    const p = this.field(slot)
    return p ? this.view.getInt16(p, true) : dflt
  }

  int32(slot: number, dflt: number): number {
    const p = this.field(slot)
    return p ? this.view.getInt32(p, true) : dflt
  }

  int64(slot: number, dflt: number): number {
    const p = this.field(slot)
    return p ? int64At(this.view, p) : dflt
  }

  /** A sub-table, or null when absent. */
  table(slot: number): FlatTable | null {
    const p = this.field(slot)
    return p ? new FlatTable(this.view, target(this.view, p)) : null
  }

  string(slot: number): string | null {
    const v = this.vector(slot, 1)
    if (!v) return null
    return utf8.decode(new Uint8Array(this.view.buffer, this.view.byteOffset + v.start, v.length))
  }

  /** A vector of tables (empty when absent). */
  tables(slot: number): FlatTable[] {
    const v = this.vector(slot, 4)
    if (!v) return []
    const out: FlatTable[] = []
    for (let k = 0; k < v.length; k++) {
      const p = v.start + 4 * k
      out.push(new FlatTable(this.view, target(this.view, p)))
    }
    return out
  }

  /** A vector of structs of `size` bytes: each element's position (empty when absent). */
  structs(slot: number, size: number): number[] {
    const v = this.vector(slot, size)
    if (!v) return []
    return Array.from({length: v.length}, (_, k) => v.start + size * k)
  }

  /** The signed 64-bit integer at an absolute position (a struct member). */
  int64At(pos: number): number {
    return int64At(this.view, pos)
  }

  int32At(pos: number): number {
    return this.view.getInt32(pos, true)
  }

  private vector(slot: number, elementSize: number): {start: number; length: number} | null {
    const p = this.field(slot)
    if (!p) return null
    const at = target(this.view, p)
    const length = this.view.getUint32(at, true)
    if (length * elementSize > this.view.byteLength - at - 4) throw new Error('flatbuffer vector runs past the end')
    return {start: at + 4, length}
  }
}

/**
 * The root table of a flatbuffer (its first 4 bytes are the root's offset).
 * @example rootTable(footerBytes).int16(0, 0) // the Arrow footer's metadata version
 */
export function rootTable(bytes: Uint8Array): FlatTable {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return new FlatTable(view, view.getUint32(0, true))
}

/** Where the offset stored at `p` points. */
function target(view: DataView, p: number): number {
  const at = p + view.getUint32(p, true)
  if (at >= view.byteLength) throw new Error('flatbuffer offset points past the end')
  return at
}

/** A little-endian int64 as a number; beyond 2^53 is not a size or offset this reader can use. */
function int64At(view: DataView, p: number): number {
  const v = view.getUint32(p, true) + view.getInt32(p + 4, true) * 2 ** 32
  if (!Number.isSafeInteger(v)) throw new Error('flatbuffer int64 out of range')
  return v
}
