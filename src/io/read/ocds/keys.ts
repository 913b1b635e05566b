/**
 * An exact string -> dense id table kept in typed arrays: a 32-bit hash picks
 * the bucket, the key's characters (bytes when all are below U+0100, else
 * UTF-16 units) are compared in full, so different keys never share an id.
 * A million award keys are ~60 MB of flat arrays the garbage collector never
 * walks, where a Map would hold a million strings it copies and marks.
 */

/** A growable typed array of `T`. */
class Grow<T extends Uint8Array | Uint16Array | Int32Array> {
  constructor(public data: T, private readonly make: (n: number) => T) {}
  ensure(n: number): void {
    if (n <= this.data.length) return
    const bigger = this.make(Math.max(this.data.length * 2, n))
    bigger.set(this.data)
    this.data = bigger
  }
}

/**
 * FNV-1a over UTF-16 code units (exported for the collision test).
 *
 * @example hashOf('a') === hashOf('a') // true
 */
export function hashOf(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return h | 0
}

export class KeyTable {
  /** Bucket -> id + 1 (0: empty). */
  private buckets = new Int32Array(1 << 12)
  private readonly hashes = new Grow(new Int32Array(1024), (n) => new Int32Array(n))
  /** Start of each key in its arena; negative: in `wide` (one's complement). */
  private readonly starts = new Grow(new Int32Array(1024), (n) => new Int32Array(n))
  private readonly lengths = new Grow(new Int32Array(1024), (n) => new Int32Array(n))
  private readonly narrow = new Grow(new Uint8Array(1 << 16), (n) => new Uint8Array(n))
  private readonly wide = new Grow(new Uint16Array(16), (n) => new Uint16Array(n))
  private narrowUsed = 0
  private wideUsed = 0
  /** Distinct keys; ids are 0..size-1 in first-seen order. */
  size = 0

  /**
   * The id of `key` when already known; when new, adds it and returns
   * `-1 - id` (negative), so the caller learns both without an allocation.
   *
   * @example const t = new KeyTable(); t.add('a') // -1 (new, id 0); t.add('b') // -2; t.add('a') // 0
   */
  add(key: string): number {
    const h = hashOf(key)
    const mask = this.buckets.length - 1
    for (let b = h & mask; ; b = (b + 1) & mask) {
      const e = this.buckets[b]
      if (e === 0) break
      if (this.hashes.data[e - 1] === h && this.equals(e - 1, key)) return e - 1
    }
    const id = this.size++
    this.store(id, key, h)
    if (this.size * 2 > this.buckets.length) this.rehash(this.buckets.length * 2)
    else this.place(id, h)
    return -1 - id
  }

  /** The id of `key`, or -1. */
  find(key: string): number {
    const h = hashOf(key)
    const mask = this.buckets.length - 1
    for (let b = h & mask; ; b = (b + 1) & mask) {
      const e = this.buckets[b]
      if (e === 0) return -1
      if (this.hashes.data[e - 1] === h && this.equals(e - 1, key)) return e - 1
    }
  }

  private store(id: number, key: string, h: number): void {
    this.hashes.ensure(id + 1)
    this.starts.ensure(id + 1)
    this.lengths.ensure(id + 1)
    this.hashes.data[id] = h
    this.lengths.data[id] = key.length
    let isNarrow = true
    for (let i = 0; i < key.length; i++) {
      if (key.charCodeAt(i) > 0xff) {
        isNarrow = false
        break
      }
    }
    if (isNarrow) {
      this.narrow.ensure(this.narrowUsed + key.length)
      const a = this.narrow.data
      for (let i = 0; i < key.length; i++) a[this.narrowUsed + i] = key.charCodeAt(i)
      this.starts.data[id] = this.narrowUsed
      this.narrowUsed += key.length
    } else {
      this.wide.ensure(this.wideUsed + key.length)
      const a = this.wide.data
      for (let i = 0; i < key.length; i++) a[this.wideUsed + i] = key.charCodeAt(i)
      this.starts.data[id] = ~this.wideUsed
      this.wideUsed += key.length
    }
  }

  private equals(id: number, key: string): boolean {
    if (this.lengths.data[id] !== key.length) return false
    const s = this.starts.data[id]
    const a = s >= 0 ? this.narrow.data : this.wide.data
    const at = s >= 0 ? s : ~s
    for (let i = 0; i < key.length; i++) if (a[at + i] !== key.charCodeAt(i)) return false
    return true
  }

  private place(id: number, h: number): void {
    const mask = this.buckets.length - 1
    let b = h & mask
    while (this.buckets[b] !== 0) b = (b + 1) & mask
    this.buckets[b] = id + 1
  }

  private rehash(n: number): void {
    this.buckets = new Int32Array(n)
    for (let id = 0; id < this.size; id++) this.place(id, this.hashes.data[id])
  }
}
