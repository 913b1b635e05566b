/**
 * A header row again below the header: an exact repeat (files concatenated
 * into one) or a second header naming the same columns in other words
 * (`Vendor Name, Payment Amount` under `Supplier, Amount`). Such a row is
 * skipped and counted (`repeated_header`), not rejected as data. Decided from
 * the plan alone, so both halves of a split read (src/io/read/split) decide
 * every row the same way.
 */
import {toIsoDate} from '../../../model/dates.js'
import {type Field, normHeader, SYNONYMS} from './mapping.js'
import type {TablePlan} from './tableplan.js'

/**
 * A test for rows whose amount cell did not parse as an amount: true when
 * the row names the header's columns again. It must (1) name the amount
 * column in its amount cell, (2) have no readable date in the date cell, and
 * (3) name the same field as the header in most of its filled cells (at least
 * two): each cell is the column's own header text, or a synonym the mapper
 * knows for the field that column is mapped to (or the preset's name for it).
 * A data row with a bad amount names a supplier, a date or a number where the
 * header names fields, so it is rejected as before.
 *
 * @example headerAgain(plan)(['Vendor Name', 'Payment Amount', 'Payment Date']) // true under Supplier,Amount,Date
 */
export function headerAgain(plan: TablePlan): (cells: readonly string[]) => boolean {
  const ix = plan.mapping.index
  const fieldOf = new Map<number, Field>()
  for (const [f, i] of Object.entries(ix)) fieldOf.set(i, f as Field)
  // Per column: the normalised names that mean the same column.
  const names = plan.header.map((h, j) => {
    const set = new Set<string>()
    const own = normHeader(h)
    if (own !== '') set.add(own)
    const f = fieldOf.get(j)
    if (f !== undefined) {
      for (const s of SYNONYMS[f]) set.add(s)
      for (const c of plan.preset?.fields[f] ?? []) set.add(c)
    }
    return set
  })
  const amountCol = ix.amount as number
  const dateCol = ix.date
  const order = plan.dateOrder
  return (cells) => {
    if (!names[amountCol]?.has(normHeader(cells[amountCol] ?? ''))) return false
    if (dateCol !== undefined && order !== null && typeof toIsoDate(cells[dateCol] ?? '', order) === 'string') return false
    let filled = 0
    let same = 0
    for (let j = 0; j < cells.length; j++) {
      const c = cells[j] as string
      if (c === '' || c.trim() === '') continue
      filled++
      if (names[j]?.has(normHeader(c))) same++
    }
    return same >= 2 && same * 2 > filled
  }
}
