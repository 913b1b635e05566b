import {type Column, type DictColumn, type SpendFrame} from '../model/frame.js'
import {formatMinor} from '../model/money.js'
import type {FrameColumn} from '../model/record.js'
import {shareJson} from './json.js'
import {GroupSums, ratio, type Rows} from './kernel.js'
import {isUnidentifiedKey} from '../model/supplier.js'
import {identicalGroups} from './identical.js'
import {bitsets, cmp, countBits, setBit, setCodes, union} from './bitset.js'
import {IDENTICAL_RULE, SUPPLIER_RULE, type BuyerSummary, type CurrencyTotal, type ImportSummary, type QualityCounts, type SpendSummary, type SummaryCore, type SummaryImport, type SummaryOptions, type UnidentifiedTotal} from './summary-types.js'

export * from './summary-types.js'

/** The columns `summarise` reads: load exactly these. */
export const SUMMARY_COLUMNS = [
  'source', 'buyer_id', 'buyer', 'buyer_origin', 'supplier_id', 'supplier_key', 'supplier', 'date', 'amount', 'currency',
  'category_code', 'category', 'redacted', 'unit', 'published_supplier', 'expense_type', 'invoice_number',
] as const satisfies readonly FrameColumn[]

/**
 * Summarise a frame: row count, distinct buyers (buyer_id), suppliers
 * (supplier_key: the id when the file gives one, else the normalised name)
 * and supplier names (as published, case-folded), date range, exact totals
 * per currency (never added across currencies), data-quality counts, where
 * each buyer came from, and the same per import. Redacted and blank suppliers
 * are left out of both supplier counts (their spend per currency is in
 * `unidentified`) unless `redactedAsSupplier`. Rows with no date count under
 * `no_date` and do not move from/to; an empty frame gives zeros, nulls and
 * empty lists.
 * @example summarise(frame, await ws.list()).totals // [{currency: 'GBP', amount: '1234.50'}]
 */
export function summarise(frame: SpendFrame, imports: readonly SummaryImport[], opts: SummaryOptions = {}): SpendSummary {
  const col = (name: (typeof SUMMARY_COLUMNS)[number]): Column => {
    const c = frame.columns[name]
    if (!c) throw new Error(`bug: summarise needs column ${name}`)
    return c
  }
  const dict = (name: (typeof SUMMARY_COLUMNS)[number]): DictColumn => col(name) as DictColumn
  const source = dict('source')
  const acc = accumulate(frame.length, {
    source, buyerId: dict('buyer_id'), buyer: dict('buyer'), origin: dict('buyer_origin'), supplierId: dict('supplier_id'),
    supplierKey: dict('supplier_key'), supplier: dict('supplier'), date: dict('date'), currency: dict('currency'), categoryCode: dict('category_code'),
    category: dict('category'), amount: (col('amount') as {values: Float64Array}).values, redacted: (col('redacted') as {values: Uint8Array}).values,
  }, opts.selection ?? null, !!opts.redactedAsSupplier)
  const same = identicalCounts(frame, source, opts)
  const overall = {...acc.core(null), identical_rows: same.rows, identical_groups: same.groups}
  const byId = new Map(imports.map((e) => [e.id, e]))
  const ids = [...new Set([...imports.map((e) => e.id), ...source.dict])].sort(cmp)
  const per_import: ImportSummary[] = ids.map((id) => {
    const g = source.dict.indexOf(id)
    const e = byId.get(id)
    const ig = g < 0 ? {rows: 0, groups: 0} : {rows: same.perRows[g], groups: same.perGroups[g]}
    return {id, file: e?.file ?? null, ...acc.core(g < 0 ? -1 : g), identical_rows: ig.rows, identical_groups: ig.groups, rejected: e?.rows.rejected ?? 0, skipped: e?.rows.skipped ?? 0}
  })
  // People look imports up by file: order by file, then id (imports not in the manifest last).
  per_import.sort((a, b) => cmp(a.file ?? '\uffff', b.file ?? '\uffff') || cmp(a.id, b.id))
  const supplier_rule = {
    suppliers: SUPPLIER_RULE.suppliers, supplier_names: SUPPLIER_RULE.supplier_names,
    unidentified: opts.redactedAsSupplier ? SUPPLIER_RULE.as_supplier : SUPPLIER_RULE.unidentified,
  }
  const {rows, buyers, suppliers, from, to, totals, ...rest} = overall
  // The contract's fields first, in their order; then the extras.
  return {rows, buyers, suppliers, from, to, totals, ...rest, supplier_rule, identical_rule: IDENTICAL_RULE, imports: ids.length, by_buyer: acc.buyers(), per_import}
}

/**
 * Identical rows (identicalGroups over the selection), overall and per import
 * (source code): within an import, a group's rows from that import form its
 * group there (two or more), counting k - 1.
 */
function identicalCounts(frame: SpendFrame, source: DictColumn, opts: SummaryOptions) {
  const found = identicalGroups(frame, opts.selection ?? null, opts.pick)
  const perRows = new Int32Array(source.dict.length)
  const perGroups = new Int32Array(source.dict.length)
  const seen = new Int32Array(source.dict.length)
  for (const group of found.groups) {
    for (const i of group) if (source.codes[i] >= 0) seen[source.codes[i]]++
    for (const i of group) {
      const g = source.codes[i]
      if (g < 0 || seen[g] === 0) continue
      if (seen[g] > 1) {
        perRows[g] += seen[g] - 1
        perGroups[g]++
      }
      seen[g] = 0
    }
  }
  return {rows: found.extra, groups: found.groups.length, perRows, perGroups}
}

type DictInputs = 'source' | 'buyerId' | 'buyer' | 'origin' | 'supplierId' | 'supplierKey' | 'supplier' | 'date' | 'currency' | 'categoryCode' | 'category'
type Inputs = Record<DictInputs, DictColumn> & {amount: Float64Array; redacted: Uint8Array}

/** Case-folded name number per name code (names differing only in case share one); a plain loop, 50k names. */
function foldedNames(names: readonly string[]): {codes: Int32Array; size: number} {
  const index = new Map<string, number>()
  const codes = new Int32Array(names.length)
  let size = 0
  for (let i = 0; i < names.length; i++) {
    const lower = names[i].toLowerCase()
    const k = index.get(lower)
    if (k === undefined) {
      index.set(lower, size)
      codes[i] = size++
    } else {
      codes[i] = k
    }
  }
  return {codes, size}
}

/**
 * One pass over the (selected) rows, grouped by import (source code);
 * `core(null)` is all groups together. Rows whose supplier key is the
 * redacted/blank one count in `unidentified` instead of the supplier counts
 * (a mask per key, built once), unless `asSupplier`.
 */
function accumulate(length: number, x: Inputs, selection: Rows, asSupplier: boolean) {
  // One group per import, plus a last one for rows with no source (none expected).
  const G = x.source.dict.length + 1
  const C = Math.max(1, x.currency.dict.length)
  const sums = new GroupSums(G * C)
  const rows = new Int32Array(G)
  const quality = Array.from({length: G}, () => ({with_supplier_id: 0, with_category: 0, redacted: 0, no_date: 0}))
  const buyers = bitsets(G, x.buyerId.dict.length)
  const suppliers = bitsets(G, x.supplierKey.dict.length)
  const folded = foldedNames(x.supplier.dict)
  const names = bitsets(G, folded.size)
  // Per key: 1 = no identified supplier. Counted as one supplier, only rows with no key at all stay out (as before).
  const unknown = Uint8Array.from(x.supplierKey.dict, (k) => (!asSupplier && isUnidentifiedKey(k) ? 1 : 0))
  const unknownSums = new GroupSums(G * C)
  const dates = bitsets(G, x.date.dict.length)
  const buyerRows = new Int32Array(x.buyerId.dict.length)
  const buyerOrigins = new Int32Array(x.buyerId.dict.length)
  // Rows per (buyer_id, buyer name), to name each buyer by its commonest name. Counted in runs,
  // since rows of one buyer come together, to keep Map updates off the per-row path.
  const buyerNames = new Map<number, number>()
  const NB = x.buyer.dict.length + 1
  let runKey = -1
  let runLength = 0
  const n = selection ? selection.length : length
  for (let j = 0; j < n; j++) {
    const i = selection ? selection[j] : j
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
    if (s >= 0 && unknown[s] === 0) {
      setBit(suppliers[g], s)
      const nc = x.supplier.codes[i]
      if (nc >= 0) setBit(names[g], folded.codes[nc])
    } else if (!asSupplier && c >= 0) {
      unknownSums.add(g * C + c, x.amount[i])
    }
    const b = x.buyerId.codes[i]
    if (b >= 0) {
      setBit(buyers[g], b)
      buyerRows[b]++
      const o = x.origin.codes[i]
      if (o >= 0 && o < 31) buyerOrigins[b] |= 1 << o
      const key = b * NB + x.buyer.codes[i] + 1
      if (key !== runKey) {
        if (runLength > 0) buyerNames.set(runKey, (buyerNames.get(runKey) ?? 0) + runLength)
        runKey = key
        runLength = 0
      }
      runLength++
    }
  }
  if (runLength > 0) buyerNames.set(runKey, (buyerNames.get(runKey) ?? 0) + runLength)
  const pick = (g: number | null) => (g === null ? [...Array(G).keys()] : g < 0 ? [] : [g])
  return {
    core(g: number | null): Omit<SummaryCore, 'identical_rows' | 'identical_groups'> {
      const gs = pick(g)
      const count = gs.reduce((t, k) => t + rows[k], 0)
      const q: QualityCounts = {with_supplier_id: 0, with_category: 0, redacted: 0, no_date: 0}
      for (const k of gs) for (const f of Object.keys(q) as (keyof QualityCounts)[]) q[f] += quality[k][f]
      const usedDates = setCodes(union(gs.map((k) => dates[k]))).map((d) => x.date.dict[d]).sort(cmp)
      const totals: CurrencyTotal[] = []
      const unidentified: UnidentifiedTotal[] = []
      for (let c = 0; c < x.currency.dict.length; c++) {
        let total = 0n
        let left = 0n
        let leftRows = 0
        let any = false
        for (const k of gs) {
          if (sums.count[k * C + c] > 0) any = true
          total += sums.total(k * C + c)
          left += unknownSums.total(k * C + c)
          leftRows += unknownSums.count[k * C + c]
        }
        if (!any) continue
        const currency = x.currency.dict[c]
        totals.push({currency, amount: formatMinor(total, currency)})
        unidentified.push({currency, amount: formatMinor(left, currency), count: leftRows, share: shareJson(ratio(left, total))})
      }
      totals.sort((a, b) => cmp(a.currency, b.currency))
      unidentified.sort((a, b) => cmp(a.currency, b.currency))
      const share = (v: number) => (count === 0 ? null : shareJson(v / count))
      return {
        rows: count,
        buyers: countBits(union(gs.map((k) => buyers[k]))),
        suppliers: countBits(union(gs.map((k) => suppliers[k]))),
        from: usedDates[0] ?? null,
        to: usedDates.at(-1) ?? null,
        totals,
        supplier_names: countBits(union(gs.map((k) => names[k]))),
        unidentified,
        quality: q,
        shares: {with_supplier_id: share(q.with_supplier_id), with_category: share(q.with_category), redacted: share(q.redacted), no_date: share(q.no_date)},
      }
    },
    buyers(): BuyerSummary[] {
      const best = new Map<number, {name: string; rows: number}>()
      for (const [key, count] of buyerNames) {
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
