import {amounts, dictColumn} from '../frame-access.js'
import {ratio, rowCount, sumByGroup, type Rows} from '../kernel.js'
import {codePointCompare} from '../../model/entity-name.js'
import type {DictColumn, SpendFrame} from '../../model/frame.js'

/** Classification coverage of one buyer in one currency (amounts in minor units). */
export interface CoverageRow {
  buyer_id: string | null
  buyer: string | null
  currency: string
  rows: number
  rows_classified: number
  amount: bigint
  amount_classified: bigint
  share_rows: number | null
  share_amount: number | null
}

/** Coverage per buyer and currency, and per currency over all buyers. */
export interface Coverage {
  rows: CoverageRow[]
  totals: CoverageRow[]
}

const empty = (c: DictColumn | undefined, n: number): DictColumn => c ?? {type: 'dict', codes: new Int32Array(n).fill(-1), dict: []}

/**
 * How much of the selected spend is classified (has a `classified_by`: a CPV
 * code from the data or from a rule), per buyer and currency, buyers by name
 * then id, currencies in code order; shares are of rows and of net spend
 * (null when the net spend is zero).
 * @example coverage(frame, null).rows[0] // {buyer: 'Oxford', currency: 'GBP', rows: 3, rows_classified: 2, ...}
 */
export function coverage(frame: SpendFrame, rows: Rows): Coverage {
  const n = frame.length
  const by = empty(dictColumn(frame, 'classified_by'), n)
  const ids = empty(dictColumn(frame, 'buyer_id'), n)
  const names = empty(dictColumn(frame, 'buyer'), n)
  const cur = empty(dictColumn(frame, 'currency'), n)
  const nc = cur.dict.length + 1
  const nb = ids.dict.length + 1
  // Key: ((buyer id + 1) * currencies + currency + 1) * 2 + classified; slot 0 of each is null.
  const keys = new Int32Array(n)
  const label = new Int32Array(nb).fill(-1)
  const m = rowCount(rows, n)
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j
    const b = ids.codes[i] + 1
    keys[i] = ((b * nc) + cur.codes[i] + 1) * 2 + (by.codes[i] >= 0 ? 1 : 0)
    if (label[b] < 0) label[b] = names.codes[i]
  }
  const sums = sumByGroup(keys, nb * nc * 2, amounts(frame), rows)
  const out: CoverageRow[] = []
  const totals = new Map<number, CoverageRow>()
  for (let b = 0; b < nb; b++) {
    for (let c = 1; c < nc; c++) {
      const k = (b * nc + c) * 2
      const count = sums.count[k] + sums.count[k + 1]
      if (count === 0) continue
      const row = line(b > 0 ? ids.dict[b - 1] : null, label[b] >= 0 ? names.dict[label[b]] : null, cur.dict[c - 1], count, sums.count[k + 1], sums.total(k) + sums.total(k + 1), sums.total(k + 1))
      out.push(row)
      const t = totals.get(c) ?? line(null, null, row.currency, 0, 0, 0n, 0n)
      totals.set(c, line(null, null, row.currency, t.rows + row.rows, t.rows_classified + row.rows_classified, t.amount + row.amount, t.amount_classified + row.amount_classified))
    }
  }
  out.sort((a, b) => codePointCompare(a.buyer ?? '', b.buyer ?? '') || codePointCompare(a.buyer_id ?? '', b.buyer_id ?? '') || codePointCompare(a.currency, b.currency))
  return {rows: out, totals: [...totals.values()].sort((a, b) => codePointCompare(a.currency, b.currency))}
}

function line(buyerId: string | null, buyer: string | null, currency: string, rows: number, classified: number, amount: bigint, amountClassified: bigint): CoverageRow {
  return {
    buyer_id: buyerId, buyer, currency, rows, rows_classified: classified, amount, amount_classified: amountClassified,
    share_rows: rows === 0 ? null : classified / rows, share_amount: ratio(amountClassified, amount),
  }
}
