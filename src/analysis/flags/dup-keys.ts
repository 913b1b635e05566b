/**
 * Integer keys for the `duplicates` scan: dense dictionary codes, the rows
 * sharing a (key, value) with another row (a hash table of fingerprints),
 * and runs of equal rows in a sorted list. Typed arrays only: these run
 * over every selected row.
 */
import type {SpendFrame} from '../../model/frame.js'
import {dictColumn} from '../frame-access.js'
import type {Rows} from '../kernel.js'

/**
 * Codes with null as one more code (pairKeys needs codes >= 0).
 * @example dense(frame, 'currency').size // distinct currencies + 1
 */
export function dense(frame: SpendFrame, name: 'buyer_id' | 'currency' | 'supplier_key'): {codes: Int32Array; size: number} {
  const col = dictColumn(frame, name)
  if (!col) return {codes: new Int32Array(frame.length), size: 1}
  const size = col.dict.length + 1
  const codes = new Int32Array(frame.length)
  for (let i = 0; i < codes.length; i++) codes[i] = col.codes[i] < 0 ? size - 1 : col.codes[i]
  return {codes, size}
}

/**
 * The selected rows whose (key, value) is shared with another row, from an
 * open-addressing table of 32-bit fingerprints of (key, value) with a count
 * per slot (one random read per row: the table is what costs on 1M rows). A
 * fingerprint collision (about one in 2^32 per probe) only adds a candidate,
 * which the caller's exact run comparison drops; a null value leaves the
 * row out. Rows come out in frame order.
 * @example repeated(null, 3, Int32Array.of(0, 0, 1), (i) => 5) // Uint32Array [0, 1]
 */
export function repeated(sel: Rows, m: number, key: Int32Array, value: (i: number) => number | null): Uint32Array {
  let size = 1024
  while (size < 2 * m) size *= 2
  const table = new Uint32Array(size)
  const count = new Uint8Array(size)
  const slot = new Int32Array(m).fill(-1)
  const mask = size - 1
  for (let j = 0; j < m; j++) {
    const i = sel ? sel[j] : j
    const v = value(i)
    if (v === null) continue
    const h = mix(mix(mix(0x9e3779b9 ^ key[i]) ^ (v % 4294967296)) ^ Math.floor(v / 4294967296))
    const fp = (mix(h ^ 0x27d4eb2f) | 1) >>> 0
    let at = h & mask
    while (table[at] !== 0 && table[at] !== fp) at = (at + 1) & mask
    table[at] = fp
    slot[j] = at
    if (count[at] < 2) count[at]++
  }
  let c = 0
  for (let j = 0; j < m; j++) if (slot[j] >= 0 && count[slot[j]] === 2) c++
  const out = new Uint32Array(c)
  c = 0
  for (let j = 0; j < m; j++) if (slot[j] >= 0 && count[slot[j]] === 2) out[c++] = sel ? sel[j] : j
  return out
}

/** MurmurHash3's 32-bit finaliser: every input bit reaches every output bit. */
function mix(x: number): number {
  let h = x ^ (x >>> 16)
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/**
 * Maximal runs of consecutive rows that `same` joins, of two or more rows.
 * @example runsOf(Uint32Array.of(4, 5, 9), (x, y) => y - x === 1) // [[4, 5]]
 */
export function runsOf(rows: Uint32Array, same: (x: number, y: number) => boolean): number[][] {
  const out: number[][] = []
  for (let r = 0; r < rows.length;) {
    let e = r + 1
    while (e < rows.length && same(rows[r], rows[e])) e++
    if (e - r >= 2) out.push(Array.from(rows.subarray(r, e)))
    r = e
  }
  return out
}
