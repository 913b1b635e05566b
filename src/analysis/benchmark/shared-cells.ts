import type {SpendFrame} from '../../model/frame.js'
import {amounts, dim} from '../dims.js'
import {GroupSums, type Rows} from '../kernel.js'

/**
 * What each peer paid each of the buyer's suppliers, from one pass over the
 * group's rows in frame order (sequential reads) into a dense peer x
 * supplier array of exact sums: the figures of the per-peer passes of
 * sharedSuppliers, summed in the same (row) order.
 */

/** A paying peer's figures for one of the buyer's suppliers. */
export interface PeerSpendEntry {
  peer: string
  total: bigint
  count: number
}

/** The peers paying each supplier slot (`paying[g]`), and their figures in the order of `peers`. */
export interface PeerSpend {
  paying: Int32Array
  entries(g: number): PeerSpendEntry[]
}

/** Peer x supplier cells summed densely up to this many (48 MB of sums and counts). */
export const SHARED_DENSE_CELLS = 4_000_000

/**
 * The peers' spend per supplier slot (`slot[supplier key]`, -1: not the
 * buyer's), over `rows` (sorted row indexes, null: every row; the buyer's own rows are
 * skipped as they belong to no peer), counting only rows `paid` accepts;
 * null when peers x slots exceeds SHARED_DENSE_CELLS (the caller then goes
 * peer by peer).
 * @example peerSpendInOrder(frame, rows, ['b', 'c'], slot, 3, paid)?.entries(0)[0].peer // 'b'
 */
export function peerSpendInOrder(
  frame: SpendFrame, rows: Rows, peers: readonly string[], slot: Int32Array, slots: number, paid: (i: number) => boolean,
): PeerSpend | null {
  const cells = peers.length * slots
  if (cells > SHARED_DENSE_CELLS) return null
  const b = dim(frame, 'buyer')
  const s = dim(frame, 'supplier')
  const v = amounts(frame)
  const peerOf = new Int32Array(b.size).fill(-1)
  const keyOf = new Map(b.ids.map((id, k) => [id, k]))
  peers.forEach((id, p) => {
    const k = keyOf.get(id)
    if (k !== undefined) peerOf[k] = p
  })
  const sums = new GroupSums(cells)
  const m = rows ? rows.length : frame.length
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j
    const p = peerOf[b.keys[i]]
    if (p < 0) continue
    const g = slot[s.keys[i]]
    if (g < 0 || !paid(i)) continue
    sums.add(p * slots + g, v[i])
  }
  const paying = new Int32Array(slots)
  for (let p = 0; p < peers.length; p++) for (let g = 0; g < slots; g++) if (sums.count[p * slots + g] > 0) paying[g]++
  return {
    paying,
    entries(g) {
      const out: PeerSpendEntry[] = []
      for (let p = 0; p < peers.length; p++) {
        const c = p * slots + g
        if (sums.count[c] > 0) out.push({peer: peers[p], total: sums.total(c), count: sums.count[c]})
      }
      return out
    },
  }
}
