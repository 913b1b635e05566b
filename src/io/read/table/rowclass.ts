/**
 * Row classification below the header: every physical row is data, or one of
 * the skipped kinds (blank, repeated header, total, NIL return, note).
 */

export type SkipKind = 'blank' | 'title' | 'header' | 'repeated_header' | 'total' | 'nil' | 'note'

export const SKIP_KINDS: readonly SkipKind[] = ['blank', 'title', 'header', 'repeated_header', 'total', 'nil', 'note']

const TOTAL_WORDS = new Set(['total', 'totals', 'sum', 'grandtotal', 'subtotal', 'totalt', 'sumtotal', 'totalspend', 'totalamount', 'isum', 'sumtotalt'])

/**
 * True for a label like `Total`, `Grand total:`, `Sub-total`, `Sum`, `Totalt`.
 *
 * @example isTotalLabel('Grand Total:') // true
 */
export function isTotalLabel(text: string): boolean {
  const n = text.toLowerCase().replace(/[^a-zæøå]+/g, '')
  return n.length > 0 && n.length <= 12 && TOTAL_WORDS.has(n)
}

export interface RowFacts {
  /** Non-empty cells in the row. */
  filled: number
  /** All non-empty cells are NIL. */
  allNil: boolean
  /** Some cell is a total label. */
  totalLabel: boolean
}

/**
 * Count what the classifier needs in one pass over the cells.
 *
 * @example rowFacts(['NIL', 'nil', '']) // {filled: 2, allNil: true, totalLabel: false}
 */
export function rowFacts(cells: readonly string[]): RowFacts {
  let filled = 0
  let nil = 0
  let totalLabel = false
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as string
    if (c === '') continue
    const t = c.trim()
    if (t === '') continue
    filled++
    if (t.length === 3 && t.toUpperCase() === 'NIL') nil++
    else if (t.length <= 14 && isTotalLabel(t)) totalLabel = true
  }
  return {filled, allNil: filled > 0 && nil === filled, totalLabel}
}

/**
 * Decide a non-header row's kind. `amountOk` says whether the amount cell
 * parsed as a number; `hasSupplier`/`hasDate` whether those cells are filled.
 * Rules: blank; every filled cell NIL -> nil; an amount with no supplier and
 * no date, and either nothing else or a Total/Sum label -> total; no numeric
 * amount, no date, no supplier and at most max(2, a quarter of the columns)
 * filled -> note (a row naming a supplier is data, rejected if unusable);
 * anything else is data (imported, or rejected with a reason).
 *
 * @example classify(rowFacts(['', '15,232,841.74']), 8, true, false, false) // 'total'
 */
export function classify(
  f: RowFacts,
  width: number,
  amountOk: boolean,
  hasSupplier: boolean,
  hasDate: boolean,
): SkipKind | 'data' {
  if (f.filled === 0) return 'blank'
  if (f.allNil) return 'nil'
  if (amountOk && !hasSupplier && !hasDate && (f.filled === 1 || f.totalLabel)) return 'total'
  if (!amountOk && !hasDate && !hasSupplier && f.filled <= Math.max(2, Math.floor(width / 4))) return 'note'
  return 'data'
}

/** Values that mean "nothing here" in optional text columns. */
const MISSING = new Set(['NA', 'N/A', '#N/A', 'NULL', 'n/a', 'na', 'null', '-'])

/**
 * An optional text cell: trimmed, with blanks and NA-style markers as null.
 *
 * @example opt([' NA '], 0) // null
 */
export function opt(cells: readonly string[], i: number | undefined): string | null {
  if (i === undefined) return null
  const raw = cells[i]
  if (raw === undefined || raw === '') return null
  const t = raw.trim()
  return t === '' || (t.length <= 4 && MISSING.has(t)) ? null : t
}

/**
 * Cheap pre-check before the label test: totals are short and start with t, s or g.
 *
 * @example mayBeTotal('TOTAL') // true
 */
export function mayBeTotal(s: string): boolean {
  if (s.length > 14) return false
  const c = s.charCodeAt(0) | 32
  return (c === 116 || c === 115 || c === 103) && isTotalLabel(s)
}
