/**
 * Identical lines: rows whose canonical fields are all the same (buyer, its
 * id, unit, supplier as published, its id, date, amount, currency, category
 * code and label, expense type, invoice number, transaction id and
 * description), wherever in the workspace they come from. Provenance (import,
 * file, line) is not compared. A group of k identical rows counts k - 1
 * `extra` rows: the rows identical to an earlier one.
 *
 * Two passes: rows are grouped by a hash of the dictionary and amount
 * columns (equal rows confirmed field by field), then only rows in a group
 * of two or more have their free-text columns read (`pick`), since those hold
 * about one value per row and cost ~1 s to load whole on 1M rows.
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
  const cols: Int32Array[] = []
  for (const name of IDENTICAL_DICT_COLUMNS) {
    const c = dictColumn(frame, name) ?? (name === 'published_supplier' ? dictColumn(frame, 'supplier') : undefined)
    if (c) cols.push(c.codes)
  }
  const amount = amounts(frame)
  const m = rowCount(rows, frame.length)
  const hashOf = (i: number): number => {
    let h = 0x811c9dc5
    for (const c of cols) h = Math.imul(h ^ c[i], 0x01000193)
    const a = amount[i]
    h = Math.imul(h ^ (a % 4294967296), 0x01000193)
    h = Math.imul(h ^ Math.floor(a / 4294967296), 0x01000193)
    return h >>> 0
  }
  const same = (a: number, b: number): boolean => {
    if (amount[a] !== amount[b]) return false
    for (const c of cols) if (c[a] !== c[b]) return false
    return true
  }
  const head = new Map<number, number>()
  const nextLeader = new Int32Array(frame.length).fill(-1)
  const leaderOf = new Int32Array(frame.length).fill(-1)
  const size = new Int32Array(frame.length)
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j
    const h = hashOf(i)
    let l = head.get(h)
    if (l === undefined) {
      head.set(h, i)
      leaderOf[i] = i
      size[i] = 1
      continue
    }
    let prev = -1
    while (l !== -1 && !same(l, i)) {
      prev = l
      l = nextLeader[l]
    }
    if (l === -1) {
      nextLeader[prev] = i
      leaderOf[i] = i
      size[i] = 1
    } else {
      leaderOf[i] = l
      size[l]++
    }
  }
  const candidates: number[] = []
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j
    if (size[leaderOf[i]] > 1) candidates.push(i)
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
    const key = `${leaderOf[i]}\u0000${textKey(i)}`
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
