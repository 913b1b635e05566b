/**
 * Identical lines: rows whose canonical fields are all the same (buyer, its
 * id, unit, supplier as published, its id, date, amount, currency, category
 * code and label, expense type, invoice number, transaction id and
 * description), wherever in the workspace they come from. Provenance (import,
 * file, line) is not compared. A group of k identical rows counts k - 1
 * `extra` rows: the rows identical to an earlier one.
 *
 * Three passes: a hash of the amount and the columns that tell most rows
 * apart (supplier, date, buyer id, invoice number) marks, in two bitsets of
 * 2^24 bits, the hashes seen once and again, so only rows whose hash came
 * twice (~6% of 1M distinct rows) go on; those are grouped exactly (every
 * dictionary column and the amount compared), then only rows in a group of
 * two or more have their free-text columns read (`pick`), since those hold
 * about one value per row and cost ~1 s to load whole on 1M rows. A Map over
 * every row cost ~0.8 s of CPU on 1M rows; the sieve ~0.15 s.
 */
import type {DictColumn, SpendFrame} from '../model/frame.js'
import type {FrameColumn} from '../model/record.js'
import {amounts, dictColumn} from './frame-access.js'
import {type Rows, rowCount} from './kernel.js'

/** The dictionary columns compared (the supplier as published: `published_supplier` when the frame holds it). */
export const IDENTICAL_DICT_COLUMNS: readonly FrameColumn[] = [
  'buyer_id', 'buyer', 'unit', 'supplier_id', 'published_supplier', 'date', 'currency', 'category_code', 'category',
  'expense_type', 'invoice_number',
]

/** The columns hashed (with the amount) to find candidate twins. */
const HASHED_COLUMNS: readonly FrameColumn[] = ['published_supplier', 'date', 'buyer_id', 'invoice_number']

/** The free-text columns compared, read for candidate rows only. */
export const IDENTICAL_TEXT_COLUMNS = ['transaction_id', 'description'] as const

export type TextPick = (column: (typeof IDENTICAL_TEXT_COLUMNS)[number], rows: ArrayLike<number>) => DictColumn

export interface IdenticalGroups {
  /** Each group's rows in frame order; groups ordered by their first row. */
  groups: Uint32Array[]
  /** Rows identical to an earlier row: the sum of (size - 1). */
  extra: number
  /** Rows in a group (the sum of sizes). */
  inGroups: number
}

/**
 * Group identical rows of a selection.
 * @example identicalGroups(frame, null, pick).extra // 2 for three identical rows
 */
export function identicalGroups(frame: SpendFrame, rows: Rows, pick?: TextPick): IdenticalGroups {
  // One slot per compared column (undefined where the frame has none), in IDENTICAL_DICT_COLUMNS order.
  const all = IDENTICAL_DICT_COLUMNS.map((name) => (dictColumn(frame, name) ?? (name === 'published_supplier' ? dictColumn(frame, 'supplier') : undefined))?.codes)
  const cols = all.filter((c): c is Int32Array => c !== undefined)
  const amount = amounts(frame)
  const m = rowCount(rows, frame.length)
  // The hash reads the columns that tell most rows apart (the rest are compared in `same`).
  const keyCols = HASHED_COLUMNS.map((name) => all[IDENTICAL_DICT_COLUMNS.indexOf(name)]).filter((c) => c !== undefined)
  const [k0, k1, k2, k3] = keyCols
  const hashOf = (i: number): number => {
    let h = 0x811c9dc5
    h = Math.imul(h ^ (k0 ? k0[i] : 0), 0x01000193)
    h = Math.imul(h ^ (k1 ? k1[i] : 0), 0x01000193)
    h = Math.imul(h ^ (k2 ? k2[i] : 0), 0x01000193)
    h = Math.imul(h ^ (k3 ? k3[i] : 0), 0x01000193)
    const a = amount[i]
    h = Math.imul(h ^ (a % 4294967296), 0x01000193)
    h = Math.imul(h ^ Math.floor(a / 4294967296), 0x01000193)
    // A final mix (MurmurHash3's fmix32): the table is indexed by the low bits.
    h ^= h >>> 16
    h = Math.imul(h, 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    return (h ^ (h >>> 16)) >>> 0
  }
  const same = (a: number, b: number): boolean => {
    if (amount[a] !== amount[b]) return false
    for (const c of cols) if (c[a] !== c[b]) return false
    return true
  }
  // A sieve first: two bitsets of 2^24 hash bits (2 MB each, mostly cached) mark hashes seen once and
  // again; only rows whose hash was seen twice can have a twin. A Map over all rows cost ~0.8 s on 1M.
  const hashes = new Uint32Array(m)
  const once = new Int32Array(1 << 19)
  const twice = new Int32Array(1 << 19)
  for (let j = 0; j < m; j++) {
    const h = hashOf(rows ? rows[j] : j)
    hashes[j] = h
    const w = (h >>> 5) & 0x7ffff
    const bit = 1 << (h & 31)
    if (once[w] & bit) twice[w] |= bit
    else once[w] |= bit
  }
  const sieved: number[] = []
  for (let j = 0; j < m; j++) {
    const h = hashes[j]
    if (twice[(h >>> 5) & 0x7ffff] & (1 << (h & 31))) sieved.push(j)
  }
  // Exact groups among the sieved rows: each row's group leader (its first row).
  const head = new Map<number, number>()
  const nextLeader = new Map<number, number>()
  const leaderOf = new Map<number, number>()
  const size = new Map<number, number>()
  for (const j of sieved) {
    const i = rows ? rows[j] : j
    const h = hashes[j]
    let l = head.get(h)
    if (l === undefined) {
      head.set(h, i)
      leaderOf.set(i, i)
      size.set(i, 1)
      continue
    }
    let prev = -1
    while (l !== undefined && !same(l, i)) {
      prev = l
      l = nextLeader.get(l)
    }
    if (l === undefined) {
      nextLeader.set(prev, i)
      leaderOf.set(i, i)
      size.set(i, 1)
    } else {
      leaderOf.set(i, l)
      size.set(l, size.get(l)! + 1)
    }
  }
  const candidates: number[] = []
  for (const j of sieved) {
    const i = rows ? rows[j] : j
    if (size.get(leaderOf.get(i)!)! > 1) candidates.push(i)
  }
  candidates.sort((a, b) => a - b)
  const texts = IDENTICAL_TEXT_COLUMNS.map((name) => dictColumn(frame, name) ?? pick?.(name, candidates))
  const textKey = (i: number): string => texts.map((t) => {
    if (!t) return ''
    const c = t.codes[i]
    return c < 0 ? '\u0001' : `\u0002${t.dict[c]}`
  }).join('\u0000')
  const byGroup = new Map<string, number[]>()
  for (const i of candidates) {
    const key = `${leaderOf.get(i)}\u0000${textKey(i)}`
    const list = byGroup.get(key)
    if (list) list.push(i)
    else byGroup.set(key, [i])
  }
  const groups: Uint32Array[] = []
  let extra = 0
  let inGroups = 0
  for (const list of byGroup.values()) {
    if (list.length < 2) continue
    groups.push(Uint32Array.from(list))
    extra += list.length - 1
    inGroups += list.length
  }
  groups.sort((a, b) => a[0] - b[0])
  return {groups, extra, inGroups}
}
