import {codePointCompare} from '../../model/entity-name.js'
import {CROSSWALK_COLUMNS, type CrosswalkRow} from '../../model/crosswalk.js'

/**
 * The crosswalk as CSV (RFC 4180, CRLF-free: `\n` line ends), the file
 * `spend entities suggest` writes and `spend entities apply` stores. Cells
 * that a spreadsheet would read as a formula (starting with = + - @ TAB or
 * CR, after any leading `'`) get one leading `'`, which parseCrosswalk drops
 * again, so the text round-trips exactly.
 */

const FORMULA_START = /^'*[=+\-@\t\r]/

/**
 * One CSV cell: formula-guarded, quoted when it holds a quote, comma or line break.
 * @example crosswalkCell('=1+1') // "'=1+1"
 */
export function crosswalkCell(value: string): string {
  const v = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v
}

/**
 * The stable order of a crosswalk: entity key, then variant, then supplier id (no id first), in code-point order.
 * @example rows.sort(crosswalkOrder)
 */
export function crosswalkOrder(a: CrosswalkRow, b: CrosswalkRow): number {
  return codePointCompare(a.entity_key, b.entity_key) || codePointCompare(a.variant, b.variant) || codePointCompare(a.supplier_id ?? '', b.supplier_id ?? '')
}

/** A score as written: up to six decimals, no exponent, blank when null. */
function scoreText(score: number | null): string {
  if (score === null) return ''
  return String(Number(score.toFixed(6)))
}

/**
 * The crosswalk CSV of `rows`, in the order given (sort with crosswalkOrder first for the stored form).
 * @example crosswalkCsv([{variant: 'ACME Ltd', entity_key: 'acme', entity_name: 'ACME', score: 1, evidence: 'key', decision: 'auto', supplier_id: null}])
 */
export function crosswalkCsv(rows: readonly CrosswalkRow[]): string {
  const lines = [CROSSWALK_COLUMNS.join(',')]
  for (const r of rows) {
    lines.push([r.variant, r.entity_key, r.entity_name, scoreText(r.score), r.evidence, r.decision, r.supplier_id ?? ''].map(crosswalkCell).join(','))
  }
  return `${lines.join('\n')}\n`
}
