import {SpendInputError} from '../../errors.js'
import type {SpendFrame} from '../../model/frame.js'
import {benchmarkMsg} from '../../messages.js'
import {amounts, dictColumn, dim} from '../dims.js'
import {pairKeys, type Rows} from '../kernel.js'
import {monthIndex} from '../period.js'

/** The lookback of the new-supplier share: who the buyer paid in the 12 months before the period. */

/** What "new supplier" is measured against: the 12 months before the period. */
export interface NewSupplierWindow {
  /** First day of the period, `YYYY-MM-DD`. */
  periodFrom: string
  /** Whether the data reaches back 12 months before `periodFrom`: one answer for all, or per buyer id. */
  lookbackAvailable: boolean | ((buyerId: string | null) => boolean)
  /** Rows to look back in (default: every row of the frame; only rows dated in the 12 months are read). */
  lookback?: Rows
}

export interface Window extends NewSupplierWindow {
  /** First day of the lookback: `periodFrom` a year earlier. */
  start: string
}

export function checkWindow(w: NewSupplierWindow): Window {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(w.periodFrom) || monthIndex(w.periodFrom) < 0) {
    throw new SpendInputError('BAD_PERIOD', benchmarkMsg.badPeriodFrom(w.periodFrom), {where: '--from', hint: benchmarkMsg.badPeriodFromHint()})
  }
  return {...w, start: `${String(Number(w.periodFrom.slice(0, 4)) - 1).padStart(4, '0')}${w.periodFrom.slice(4)}`}
}

/** Whether a buyer paid a supplier in the lookback (by their dimension ids). */
export interface PaidBefore {
  has(buyer: string | null, supplier: string | null): boolean
}

/**
 * Which (buyer, supplier) pairs had a payment at or above the floor dated in
 * [start, periodFrom), in the currency.
 * @example lookbackPairs(frame, checkWindow({periodFrom: '2024-01-01', lookbackAvailable: true}), 'GBP', 0).has('buyer-a', 'acme')
 */
export function lookbackPairs(frame: SpendFrame, w: Window, currency: string, floor: number): PaidBefore {
  const date = dictColumn(frame, 'date')
  const cur = dim(frame, 'currency')
  const key = cur.ids.indexOf(currency)
  const values = amounts(frame)
  // ISO dates compare as text: decide once per dictionary entry, not per row.
  const inWindow = Uint8Array.from(date?.dict ?? [], (d) => (d >= w.start && d < w.periodFrom ? 1 : 0))
  const sel = w.lookback ?? null
  const m = sel ? sel.length : frame.length
  const rows = new Uint32Array(m)
  let n = 0
  for (let j = 0; j < m; j++) {
    const i = sel ? sel[j] : j
    const dc = date ? date.codes[i] : -1
    if (dc >= 0 && inWindow[dc] === 1 && cur.keys[i] === key && values[i] > 0 && values[i] >= floor) rows[n++] = i
  }
  const b = dim(frame, 'buyer')
  const s = dim(frame, 'supplier')
  const pairs = pairKeys(b.keys, b.size, s.keys, s.size, rows.subarray(0, n))
  // One number per pair (buyer key * suppliers + supplier key), far below 2^53.
  const seen = new Set<number>()
  for (let g = 0; g < pairs.size; g++) seen.add(pairs.parent[g] * s.size + pairs.child[g])
  const buyerKeys = new Map(b.ids.map((id, k) => [id, k]))
  let supplierKeys: Map<string | null, number> | undefined
  return {
    has(buyer, supplier) {
      supplierKeys ??= new Map(s.ids.map((id, k) => [id, k]))
      const bk = buyerKeys.get(buyer)
      const sk = supplierKeys.get(supplier)
      return bk !== undefined && sk !== undefined && seen.has(bk * s.size + sk)
    },
  }
}
