import {amounts, dictColumn} from '../frame-access.js'
import {rowCount, sumByGroup, type Rows} from '../kernel.js'
import {codePointCompare} from '../../model/entity-name.js'
import type {DictColumn, SpendFrame} from '../../model/frame.js'

/** What the publisher wrote on unclassified rows: the field a rule would test and its value. */
export interface SuggestRow {
  /** `expense_type`; `category_code` or `category` for rows without an expense type; null for rows with neither. */
  field: 'expense_type' | 'category_code' | 'category' | null
  /** The code's scheme (category_code only), as published. */
  scheme: string | null
  value: string | null
  currency: string
  /** Net unclassified spend in minor units. */
  amount: bigint
  rows: number
  /** Distinct buyers (by id) with such rows. */
  buyers: number
}

const NONE = (n: number): DictColumn => ({type: 'dict', codes: new Int32Array(n).fill(-1), dict: []})

/**
 * The texts of unclassified rows (`classified` null) to write rules for:
 * each row's expense type, or, when it has none, its category code (with
 * its scheme) or category text; per currency, largest net spend first (ties
 * by field and value), the first `top` of each currency. `published` holds
 * the columns as published; `classified` is the rows' `classified_by`.
 * @example suggestRules(frame, classifiedBy, null, 20)[0] // {field: 'expense_type', value: 'Agency staff', currency: 'GBP', ...}
 */
export function suggestRules(published: SpendFrame, classified: DictColumn, rows: Rows, top: number): SuggestRow[] {
  const n = published.length
  const col = (c: 'expense_type' | 'category_code' | 'category_scheme' | 'category' | 'currency' | 'buyer_id') => dictColumn(published, c) ?? NONE(n)
  const [expense, code, scheme, text, cur, buyer] = [col('expense_type'), col('category_code'), col('category_scheme'), col('category'), col('currency'), col('buyer_id')]
  const groups: Omit<SuggestRow, 'currency' | 'amount' | 'rows' | 'buyers'>[] = []
  const index = new Map<string, number>()
  const group = (field: SuggestRow['field'], s: string | null, value: string | null): number => {
    const id = JSON.stringify([field, s, value])
    let g = index.get(id)
    if (g === undefined) {
      g = groups.length
      groups.push({field, scheme: s, value})
      index.set(id, g)
    }
    return g
  }
  // Group of each dictionary entry (expense type, category text), worked out once; codes per (scheme, code) pair.
  const ofExpense = expense.dict.map((v) => group('expense_type', null, v))
  const ofText = text.dict.map((v) => group('category', null, v))
  const ofCode = new Map<number, number>()
  const nc = cur.dict.length
  const keys = new Int32Array(n)
  const picked: number[] = []
  const m = rowCount(rows, n)
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j
    if (classified.codes[i] >= 0) continue
    let g: number
    if (expense.codes[i] >= 0) g = ofExpense[expense.codes[i]]
    else if (code.codes[i] >= 0) {
      const pair = code.codes[i] * (scheme.dict.length + 1) + scheme.codes[i] + 1
      let h = ofCode.get(pair)
      if (h === undefined) {
        h = group('category_code', scheme.codes[i] >= 0 ? scheme.dict[scheme.codes[i]] : null, code.dict[code.codes[i]])
        ofCode.set(pair, h)
      }
      g = h
    } else if (text.codes[i] >= 0) g = ofText[text.codes[i]]
    else g = group(null, null, null)
    keys[i] = g * nc + cur.codes[i]
    picked.push(i)
  }
  const size = groups.length * nc
  const sums = sumByGroup(keys, size, amounts(published), Uint32Array.from(picked))
  const buyers = new Map<number, Set<number>>()
  for (const i of picked) {
    const set = buyers.get(keys[i]) ?? new Set<number>()
    set.add(buyer.codes[i])
    buyers.set(keys[i], set)
  }
  const out: SuggestRow[] = []
  for (let k = 0; k < size; k++) {
    if (sums.count[k] === 0) continue
    const g = groups[Math.floor(k / nc)]
    out.push({...g, currency: cur.dict[k % nc], amount: sums.total(k), rows: sums.count[k], buyers: buyers.get(k)?.size ?? 0})
  }
  out.sort((a, b) => codePointCompare(a.currency, b.currency) || (a.amount > b.amount ? -1 : a.amount < b.amount ? 1 : 0)
    || codePointCompare(a.field ?? '~', b.field ?? '~') || codePointCompare(a.scheme ?? '', b.scheme ?? '') || codePointCompare(a.value ?? '', b.value ?? ''))
  const kept = new Map<string, number>()
  return out.filter((r) => {
    const c = kept.get(r.currency) ?? 0
    kept.set(r.currency, c + 1)
    return c < top
  })
}
