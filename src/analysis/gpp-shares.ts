import type {SpendFrame} from '../model/frame.js'
import {dictColumn} from './frame-access.js'
import {dim} from './dims.js'
import {compareIds} from './json.js'
import {amounts} from './frame-access.js'
import {ratio, rowCount, type Rows, sumByGroup} from './kernel.js'

/**
 * Spend in the EU green public procurement (GPP) product groups per buyer and
 * currency (`spend classify gpp`, the report's gpp section): how much of a
 * buyer's spend, and of its classified spend (rows with a CPV code, from the
 * data or a rule), falls in a group with EU GPP criteria. Exact sums; shares
 * are of the buyer's spend in the currency.
 */

/** One GPP group of a buyer. */
export interface GppGroupAmount {
  group: string
  amount: bigint
  /** Share of the buyer's spend in the currency (null when it is zero). */
  share: number | null
}

/** One buyer in one currency. */
export interface GppBuyerRow {
  buyer: string | null
  buyerId: string | null
  currency: string | null
  rows: number
  amount: bigint
  /** Spend of rows with a CPV code (classified_by set). */
  amountClassified: bigint
  /** Spend of rows in a GPP group. */
  amountGpp: bigint
  /** The groups, largest first (ties by name). */
  groups: GppGroupAmount[]
}

/**
 * The per-buyer GPP table of the selected rows: ordered by currency, then
 * GPP spend (largest first), then buyer id. The frame needs buyer_id/buyer,
 * currency, amount, classified_by and gpp_group.
 * @example gppShares(frame, null)[0].amountGpp // 150000n
 */
export function gppShares(frame: SpendFrame, selection: Rows): GppBuyerRow[] {
  const buyer = dim(frame, 'buyer')
  const currency = dim(frame, 'currency')
  const gpp = dim(frame, 'gpp_group')
  const classified = dictColumn(frame, 'classified_by')
  const values = amounts(frame)
  const G = gpp.size
  // Cell = (buyer, currency) x (gpp key, with the null key last) x classified (0/1).
  const bc = (i: number) => buyer.keys[i] * currency.size + currency.keys[i]
  const width = G * 2
  const size = buyer.size * currency.size * width
  const keys = new Int32Array(frame.length)
  const m = rowCount(selection, frame.length)
  for (let j = 0; j < m; j++) {
    const i = selection ? selection[j] : j
    const c = classified && classified.codes[i] >= 0 ? 1 : 0
    keys[i] = bc(i) * width + gpp.keys[i] * 2 + c
  }
  const sums = sumByGroup(keys, size, values, selection)
  const out: GppBuyerRow[] = []
  for (let b = 0; b < buyer.size; b++) {
    for (let k = 0; k < currency.size; k++) {
      const base = (b * currency.size + k) * width
      let n = 0
      for (let w = 0; w < width; w++) n += sums.count[base + w]
      if (n === 0) continue
      let amount = 0n
      let amountClassified = 0n
      let amountGpp = 0n
      const groups: {group: string; amount: bigint}[] = []
      for (let g = 0; g < G; g++) {
        const plain = sums.total(base + g * 2)
        const cls = sums.total(base + g * 2 + 1)
        amount += plain + cls
        amountClassified += cls
        const id = gpp.ids[g]
        const rowsIn = sums.count[base + g * 2] + sums.count[base + g * 2 + 1]
        if (id !== null && rowsIn > 0) {
          amountGpp += plain + cls
          groups.push({group: id, amount: plain + cls})
        }
      }
      groups.sort((x, y) => (x.amount !== y.amount ? (x.amount > y.amount ? -1 : 1) : compareIds(x.group, y.group)))
      out.push({
        buyer: buyer.labels[b], buyerId: buyer.ids[b], currency: currency.ids[k], rows: n, amount, amountClassified, amountGpp,
        groups: groups.map((g) => ({...g, share: ratio(g.amount, amount)})),
      })
    }
  }
  return out.sort((x, y) => compareIds(x.currency, y.currency) || (x.amountGpp !== y.amountGpp ? (x.amountGpp > y.amountGpp ? -1 : 1) : 0) || compareIds(x.buyerId, y.buyerId))
}
