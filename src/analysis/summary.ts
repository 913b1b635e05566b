import {type Column, type DictColumn, type SpendFrame} from '../model/frame.js'
import {formatMinor} from '../model/money.js'
import type {RecordColumn} from '../model/record.js'
import {shareJson} from './json.js'
import {GroupSums} from './kernel.js'

/** The columns `summarise` reads: load exactly these. */
export const SUMMARY_COLUMNS = [
  'source', 'buyer_id', 'buyer', 'buyer_origin', 'supplier_id', 'supplier_key', 'date', 'amount', 'currency',
  'category_code', 'category', 'redacted',
] as const satisfies readonly RecordColumn[]

/** What summary needs of a workspace import (an ImportEntry has all of it). */
export interface SummaryImport {
  id: string
  file: string
  rows: {read: number; imported: number; rejected: number; skipped: number}
}

export interface CurrencyTotal {
  currency: string
  /** Exact decimal in major units, e.g. "1234.50". */
  amount: string
}

/** Data-quality counts: rows with a supplier id, with a category, redacted, with no date. */
export interface QualityCounts {
  with_supplier_id: number
  with_category: number
  redacted: number
  no_date: number
}

/** The same as shares of rows (6 significant digits), null for no rows. */
export type QualityShares = Record<keyof QualityCounts, number | null>

export interface SummaryCore {
  rows: number
  buyers: number
  suppliers: number
  from: string | null
  to: string | null
  totals: CurrencyTotal[]
  quality: QualityCounts
  shares: QualityShares
}

export interface BuyerSummary {
  buyer_id: string
  /** The name most rows give (ties: first in code-unit order). */
  buyer: string
  /** Where the buyer came from: column, flag, title, filename, ocds. */
  origins: string[]
  rows: number
}

export interface ImportSummary extends SummaryCore {
  id: string
  /** The file as given at import; null for rows whose import is not in the manifest. */
  file: string | null
  rejected: number
  skipped: number
}

/** JSON contract: rows, buyers, suppliers, from, to, totals first; then the extras. */
export interface SpendSummary extends SummaryCore {
  imports: number
  by_buyer: BuyerSummary[]
  per_import: ImportSummary[]
}

/**
 * Summarise a frame: row count, distinct buyers (buyer_id) and suppliers
 * (supplier_key), date range, exact totals per currency (never added across
 * currencies), data-quality counts, where each buyer came from, and the same
 * per import. Rows with no date count under `no_date` and do not move
 * from/to; an empty frame gives zeros, nulls and empty lists.
 * @example summarise(frame, await ws.list()).totals // [{currency: 'GBP', amount: '1234.50'}]
 */
export function summarise(frame: SpendFrame, imports: readonly SummaryImport[]): SpendSummary {
  const col = (name: (typeof SUMMARY_COLUMNS)[number]): Column => {
    const c = frame.columns[name]
    if (!c) throw new Error(`bug: summarise needs column ${name}`)
    return c
  }
  const dict = (name: (typeof SUMMARY_COLUMNS)[number]): DictColumn => col(name) as DictColumn
  const source = dict('source')
  const acc = accumulate(frame.length, {
    source, buyerId: dict('buyer_id'), buyer: dict('buyer'), origin: dict('buyer_origin'), supplierId: dict('supplier_id'),
    supplierKey: dict('supplier_key'), date: dict('date'), currency: dict('currency'), categoryCode: dict('category_code'),
    category: dict('category'), amount: (col('amount') as {values: Float64Array}).values, redacted: (col('redacted') as {values: Uint8Array}).values,
  })
  const overall = acc.core(null)
  const byId = new Map(imports.map((e) => [e.id, e]))
  const ids = [...new Set([...imports.map((e) => e.id), ...source.dict])].sort(cmp)
  const per_import: ImportSummary[] = ids.map((id) => {
    const g = source.dict.indexOf(id)
    const e = byId.get(id)
    return {id, file: e?.file ?? null, ...acc.core(g < 0 ? -1 : g), rejected: e?.rows.rejected ?? 0, skipped: e?.rows.skipped ?? 0}
  })
  // People look imports up by file: order by file, then id (imports not in the manifest last).
  per_import.sort((a, b) => cmp(a.file ?? '\uffff', b.file ?? '\uffff') || cmp(a.id, b.id))
  return {...overall, imports: ids.length, by_buyer: acc.buyers(), per_import}
}

type DictInputs = 'source' | 'buyerId' | 'buyer' | 'origin' | 'supplierId' | 'supplierKey' | 'date' | 'currency' | 'categoryCode' | 'category'
type Inputs = Record<DictInputs, DictColumn> & {amount: Float64Array; redacted: Uint8Array}

/** One pass over the rows, grouped by import (source code); `core(null)` is all groups together. */
function accumulate(n: number, x: Inputs) {
  // One group per import, plus a last one for rows with no source (none expected).
  const G = x.source.dict.length + 1
  const C = Math.max(1, x.currency.dict.length)
  const sums = new GroupSums(G * C)
  const rows = new Int32Array(G)
  const quality = Array.from({length: G}, () => ({with_supplier_id: 0, with_category: 0, redacted: 0, no_date: 0}))
  const buyers = bitsets(G, x.buyerId.dict.length)
  const suppliers = bitsets(G, x.supplierKey.dict.length)
  const dates = bitsets(G, x.date.dict.length)
  const buyerRows = new Int32Array(x.buyerId.dict.length)
  const buyerOrigins = new Int32Array(x.buyerId.dict.length)
  // Rows per (buyer_id, buyer name), to name each buyer by its commonest name. Counted in runs,
  // since rows of one buyer come together, to keep Map updates off the per-row path.
  const names = new Map<number, number>()
  const NB = x.buyer.dict.length + 1
  let runKey = -1
  let runLength = 0
  for (let i = 0; i < n; i++) {
    const g = x.source.codes[i] < 0 ? G - 1 : x.source.codes[i]
    rows[g]++
    const c = x.currency.codes[i]
    if (c >= 0) sums.add(g * C + c, x.amount[i])
    const q = quality[g]
    if (x.supplierId.codes[i] >= 0) q.with_supplier_id++
    if (x.categoryCode.codes[i] >= 0 || x.category.codes[i] >= 0) q.with_category++
    if (x.redacted[i]) q.redacted++
    const d = x.date.codes[i]
    if (d < 0) q.no_date++
    else setBit(dates[g], d)
    const s = x.supplierKey.codes[i]
    if (s >= 0) setBit(suppliers[g], s)
    const b = x.buyerId.codes[i]
    if (b >= 0) {
      setBit(buyers[g], b)
      buyerRows[b]++
      const o = x.origin.codes[i]
      if (o >= 0 && o < 31) buyerOrigins[b] |= 1 << o
      const key = b * NB + x.buyer.codes[i] + 1
      if (key !== runKey) {
        if (runLength > 0) names.set(runKey, (names.get(runKey) ?? 0) + runLength)
        runKey = key
        runLength = 0
      }
      runLength++
    }
  }
  if (runLength > 0) names.set(runKey, (names.get(runKey) ?? 0) + runLength)
  const pick = (g: number | null) => (g === null ? [...Array(G).keys()] : g < 0 ? [] : [g])
  return {
    core(g: number | null): SummaryCore {
      const gs = pick(g)
      const count = gs.reduce((t, k) => t + rows[k], 0)
      const q: QualityCounts = {with_supplier_id: 0, with_category: 0, redacted: 0, no_date: 0}
      for (const k of gs) for (const f of Object.keys(q) as (keyof QualityCounts)[]) q[f] += quality[k][f]
      const usedDates = setCodes(union(gs.map((k) => dates[k]))).map((d) => x.date.dict[d]).sort(cmp)
      const totals: CurrencyTotal[] = []
      for (let c = 0; c < x.currency.dict.length; c++) {
        let total = 0n
        let any = false
        for (const k of gs) {
          if (sums.count[k * C + c] > 0) any = true
          total += sums.total(k * C + c)
        }
        if (any) totals.push({currency: x.currency.dict[c], amount: formatMinor(total, x.currency.dict[c])})
      }
      totals.sort((a, b) => cmp(a.currency, b.currency))
      const share = (v: number) => (count === 0 ? null : shareJson(v / count))
      return {
        rows: count,
        buyers: countBits(union(gs.map((k) => buyers[k]))),
        suppliers: countBits(union(gs.map((k) => suppliers[k]))),
        from: usedDates[0] ?? null,
        to: usedDates.at(-1) ?? null,
        totals,
        quality: q,
        shares: {with_supplier_id: share(q.with_supplier_id), with_category: share(q.with_category), redacted: share(q.redacted), no_date: share(q.no_date)},
      }
    },
    buyers(): BuyerSummary[] {
      const best = new Map<number, {name: string; rows: number}>()
      for (const [key, count] of names) {
        const b = Math.floor(key / NB)
        const nameCode = (key % NB) - 1
        const name = nameCode < 0 ? '' : x.buyer.dict[nameCode]
        const cur = best.get(b)
        if (!cur || count > cur.rows || (count === cur.rows && cmp(name, cur.name) < 0)) best.set(b, {name, rows: count})
      }
      const out: BuyerSummary[] = []
      for (let b = 0; b < buyerRows.length; b++) {
        if (buyerRows[b] === 0) continue
        const origins = x.origin.dict.filter((_, o) => o < 31 && (buyerOrigins[b] >> o) & 1).sort(cmp)
        out.push({buyer_id: x.buyerId.dict[b], buyer: best.get(b)?.name ?? '', origins, rows: buyerRows[b]})
      }
      return out.sort((a, b) => cmp(a.buyer_id, b.buyer_id))
    },
  }
}

function bitsets(groups: number, size: number): Uint32Array[] {
  return Array.from({length: groups}, () => new Uint32Array((size + 31) >>> 5))
}

function setBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5] |= 1 << (i & 31)
}

/** Bitwise OR of bitsets of equal size. */
function union(sets: readonly Uint32Array[]): Uint32Array {
  if (sets.length === 1) return sets[0]
  const out = new Uint32Array(sets[0]?.length ?? 0)
  for (const s of sets) for (let w = 0; w < s.length; w++) out[w] |= s[w]
  return out
}

function countBits(bits: Uint32Array): number {
  let n = 0
  for (let w = 0; w < bits.length; w++) {
    let v = bits[w]
    v -= (v >>> 1) & 0x55555555
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
    n += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
  }
  return n
}

/** The codes whose bit is set, ascending. */
function setCodes(bits: Uint32Array): number[] {
  const out: number[] = []
  for (let w = 0; w < bits.length; w++) {
    if (bits[w] === 0) continue
    for (let j = 0; j < 32; j++) if ((bits[w] >>> j) & 1) out.push(w * 32 + j)
  }
  return out
}

/** Code-unit order: the same in every locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
