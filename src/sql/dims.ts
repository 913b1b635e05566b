import {CATEGORY_LEVELS, type CategoryLevel, type DimName} from '../analysis/dims.js'
import type {Dialect} from './dialect.js'

/**
 * The analyses' dimensions as SQL expressions over the exported records,
 * resolved as src/analysis/dims.ts resolves them over a frame:
 * - `id`: the dimension's identity per row (text, NULL for no value), the key
 *   the kernels group by: buyer_id, supplier_key, the category code (CPV codes
 *   normalised to 8 digits and cut to --level; the category text when there is
 *   no code), the column itself for the plain ones; for periods the period
 *   number (an integer, see `period`), whose label the JSON writer makes.
 * - `label`: for buyer and supplier, the column whose most frequent text per id
 *   is the display name (ties: the bytewise-first text; see modeLabels in
 *   src/analysis/labels.ts); null where the id is its own label (categories
 *   take their CPV label or text in the JSON writer, see JsonContext).
 */
export interface SqlDim {
  name: DimName
  id: string
  /** Column whose modal text labels the id (buyer, supplier), else null. */
  label: string | null
  /** True for year/quarter/month: `id` is an integer period number. */
  period: boolean
}

export interface SqlDimOptions {
  level?: CategoryLevel
  /** First month of the fiscal year, 1-12 (default 1). */
  fiscalYearStart?: number
}

/**
 * Month index of the row's date (year * 12 + month - 1), as periodOfMonth's input.
 * EXTRACT gives each engine's own numeric type: cast to BIGINT.
 */
export function monthIndexSql(d: Dialect, date = 'date'): string {
  return `(CAST(EXTRACT(YEAR FROM ${date}) AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM ${date}) AS BIGINT) - 1)`
}

/**
 * Period number of the row's date (src/analysis/period.ts periodOfMonth):
 * month: the month index; year: floor((m - (fs - 1)) / 12); quarter:
 * year * 4 + floor((shifted - year * 12) / 3). Dates are after year 0, so the
 * shifted month index is never negative and integer division is floor.
 */
export function periodSql(d: Dialect, kind: 'year' | 'quarter' | 'month', fiscalYearStart = 1, date = 'date'): string {
  const m = monthIndexSql(d, date)
  if (kind === 'month') return m
  const shifted = `(${m} - ${fiscalYearStart - 1})`
  if (kind === 'year') return d.floorDiv(shifted, '12')
  // year * 4 + (shifted mod 12) / 3
  return `(${d.floorDiv(shifted, '12')} * 4 + ${d.floorDiv(`(${shifted} - ${d.floorDiv(shifted, '12')} * 12)`, '3')})`
}

/** Whether category_code is CPV-style: 8 digits, an optional check digit. */
const isCpvSql = (d: Dialect) => d.matches('trim(category_code)', '^[0-9]{8}(-[0-9])?$')
/** A CPV-style category_code as 8 digits. */
const CPV_SQL = 'substr(trim(category_code), 1, 8)'
/** A CPV-style category_code cut to the level (padded back to 8 digits with zeros). */
const cpvCutSql = (d: Dialect, level: CategoryLevel) => d.rpad(`substr(trim(category_code), 1, ${CATEGORY_LEVELS[level]})`, 8, '0')

/** The category id: CPV-style codes (8 digits, optional check digit) as 8 digits cut to the level; other codes as they are; no code: the text. */
export function categoryIdSql(d: Dialect, level?: CategoryLevel): string {
  return `(CASE WHEN category_code IS NULL THEN category WHEN ${isCpvSql(d)} THEN ${level ? cpvCutSql(d, level) : CPV_SQL} ELSE category_code END)`
}

/** A dimension as SQL (see SqlDim). */
export function sqlDim(name: DimName, d: Dialect, opts: SqlDimOptions = {}): SqlDim {
  switch (name) {
    case 'buyer':
      return {name, id: 'buyer_id', label: 'buyer', period: false}
    case 'supplier':
      return {name, id: 'supplier_key', label: 'supplier', period: false}
    case 'category':
      return {name, id: categoryIdSql(d, opts.level), label: null, period: false}
    case 'year':
    case 'quarter':
    case 'month':
      return {name, id: `CASE WHEN date IS NULL THEN NULL ELSE ${periodSql(d, name, opts.fiscalYearStart ?? 1)} END`, label: null, period: true}
    default:
      return {name, id: name, label: null, period: false}
  }
}

/**
 * The modal text per id (ties: the bytewise-first text), over every record
 * of the source (labels, like the native dimensions, come from the whole
 * workspace, not the selection).
 */
export function modalCte(d: Dialect, name: string, id: string, text: string, source: string, only = 'TRUE'): string {
  return `${name} AS (
  SELECT id, label FROM (
    SELECT ${id} AS id, ${text} AS label,
      ROW_NUMBER() OVER (PARTITION BY ${id} ORDER BY COUNT(*) DESC, ${d.bytewise(text)}) AS rn
    FROM ${source}
    WHERE ${text} IS NOT NULL AND ${only}
    GROUP BY ${id}, ${text}
  ) ranked WHERE rn = 1
)`
}

/**
 * The label CTE of a dimension (`id`, `label`), or null where the id is its
 * own label: buyers and suppliers by their modal name, categories by their
 * modal text. With --level, a CPV code cut to the level is a coarser category
 * than its row's text names: those rows label nothing.
 */
export function dimLabelCte(d: Dialect, cte: string, x: SqlDim, source: string, level?: CategoryLevel): string | null {
  const text = x.label ?? (x.name === 'category' ? 'category' : null)
  if (!text) return null
  const uncut = x.name === 'category' && level ? `NOT (category_code IS NOT NULL AND ${isCpvSql(d)} AND ${cpvCutSql(d, level)} <> ${CPV_SQL})` : 'TRUE'
  return modalCte(d, cte, x.id, text, source, uncut)
}
