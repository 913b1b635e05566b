import type {DimName} from './dims.js'

/**
 * JSON helpers shared by the analyses' `...ToJson` functions: amounts are exact
 * decimal strings (formatMinor), shares plain numbers with 6 significant digits
 * so outputs are short and byte-identical across runs.
 *
 * The one rule for shares in every output: a share (of a parent, of a total,
 * CRn, a change in percent, a quality share...) is rounded here, once, as the
 * JSON is built (shareJson; shareText is the same value as text, for writers
 * that write bytes straight from columns). Every view, CSV/TSV/Markdown and
 * tables alike, shows those rounded values; the writers never round shares.
 */

/** 10 ** k for the usual scales (the same doubles as the operator gives). */
const POW10 = Array.from({length: 23}, (_, k) => 10 ** k)

/** A share rounded to 6 significant digits (null stays null). */
export function shareJson(x: number | null): number | null {
  if (x === null || x === 0 || !Number.isFinite(x)) return x
  // Arithmetic, not toPrecision: this runs once per output row (100k-row cubes).
  const digits = 5 - Math.floor(Math.log10(Math.abs(x)))
  if (digits <= 0) return Number(x.toPrecision(6))
  const scale = digits < POW10.length ? POW10[digits] : 10 ** digits
  return Math.round(x * scale) / scale
}

/**
 * `String(shareJson(x))` without turning a double into text (about 5x
 * faster; a 100k-row cube prints two shares a row). The rounded share is
 * m / 10^d for an integer m of at most 7 digits, and the shortest text that
 * reads back as that double is m's digits with the point put in, trailing
 * zeros dropped; outside plain notation (below 1e-6) it defers to String.
 * @example shareText(0.1234567) // '0.123457'
 */
export function shareText(x: number): string {
  const ax = Math.abs(x)
  if (!(ax >= 1e-6 && ax < 1e15)) return String(shareJson(x))
  const digits = 5 - Math.floor(Math.log10(ax))
  if (digits <= 0) return String(shareJson(x))
  const m = Math.round(x * (digits < POW10.length ? POW10[digits] : 10 ** digits))
  let mm = m < 0 ? -m : m
  let d = digits
  while (d > 0 && mm % 10 === 0) {
    mm /= 10
    d--
  }
  const s = String(mm)
  const sign = m < 0 ? '-' : ''
  if (d === 0) return sign + s
  if (s.length > d) return `${sign}${s.slice(0, s.length - d)}.${s.slice(s.length - d)}`
  return `${sign}0.${'0'.repeat(d - s.length)}${s}`
}

/** Dimensions whose identity differs from the text shown, and the JSON field for the identity. */
export const DIM_ID_FIELDS: Partial<Record<DimName, string>> = {
  buyer: 'buyer_id',
  supplier: 'supplier_key',
  category: 'category_code',
}

/** Per dimension: its index, its JSON field, and the JSON field of its identity (if any). */
export function dimFieldNames(by: readonly DimName[]): [number, string, string | undefined][] {
  return by.map((d, i) => [i, d, DIM_ID_FIELDS[d]])
}

/**
 * The dimension fields of one output row: `{buyer: 'Oxford City Council',
 * buyer_id: 'GB-...', month: '2024-03'}`.
 */
export function dimFields(by: readonly DimName[], ids: readonly (string | null)[], labels: readonly (string | null)[]): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  by.forEach((d, i) => {
    out[d] = labels[i]
    const idField = DIM_ID_FIELDS[d]
    if (idField) out[idField] = ids[i]
  })
  return out
}

/** Order ids ascending with null last (ties after amount). Code-unit order: no locale. */
export function compareIds(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return a < b ? -1 : 1
}
