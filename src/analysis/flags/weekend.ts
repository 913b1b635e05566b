/**
 * The `weekend` check: payments dated on a Saturday or a Sunday (weekday from
 * the ISO date with Date.UTC, the same in every time zone), and on the
 * `holidays` listed in the configuration (none by default: public holidays
 * differ by country and region, so the list is the user's).
 *
 * Per buyer and currency: where such dates are routine (more than
 * `routine_share` of its payments, e.g. a file dated by posting run) a note
 * says so and nothing is flagged. Otherwise one flag per (buyer, supplier,
 * date): kind `holiday` for a listed holiday, else `weekend`; a redacted
 * supplier is not one supplier, so each of its payments is its own flag.
 * Score = 1 - share / routine_share (near 1 where the buyer almost never
 * dates a payment so). Amount = the group's sum; evidence = its rows.
 */
import {flagsDigitsDatesMsg as msg} from '../../messages.js'
import type {BoolColumn, DictColumn} from '../../model/frame.js'
import {formatMinor} from '../../model/money.js'
import {ExactSum} from '../kernel.js'
import {buyerGroups, weekdayOf} from './calendar.js'
import {countText} from './share-text.js'
import type {CheckContext, CheckDef, CheckNote, CheckResult, Flag} from './types.js'

export const weekendCheck: CheckDef = {
  name: 'weekend',
  summary: 'Payments dated on a Saturday, a Sunday or a listed public holiday.',
  columns: [],
  params: {
    holidays: {kind: 'dates', default: [], doc: 'public holidays to flag (ISO dates); none by default'},
    routine_share: {kind: 'share', default: 0.05, min: 0, max: 1, doc: 'above this share of a buyer\'s payments on weekends or holidays, such dates are routine: noted, not flagged'},
  },
  run: runWeekend,
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

function runWeekend(ctx: CheckContext): CheckResult {
  const frame = ctx.frame
  const date = frame.columns.date as DictColumn
  const amounts = (frame.columns.amount as {values: Float64Array}).values
  const supplierKey = frame.columns.supplier_key as DictColumn
  const supplier = frame.columns.supplier as DictColumn
  const redacted = frame.columns.redacted as BoolColumn | undefined
  const holidays = new Set(ctx.params.holidays as readonly string[])
  const routine = Number(ctx.params.routine_share)
  // Per distinct date: 0 = an ordinary day, 1 = weekend, 2 = listed holiday (computed once per dictionary entry).
  const dayKind = Uint8Array.from(date.dict, (d) => (holidays.has(d) ? 2 : [0, 6].includes(weekdayOf(d)) ? 1 : 0))
  const flags: Flag[] = []
  const notes: CheckNote[] = []
  for (const g of buyerGroups(frame, ctx.selection)) {
    const hits: number[] = []
    for (const i of g.rows) {
      const c = date.codes[i]
      if (c >= 0 && dayKind[c] > 0) hits.push(i)
    }
    if (hits.length === 0) continue
    const share = hits.length / g.rows.length
    const shareText = `${(share * 100).toFixed(1)}%`
    if (share > routine) {
      notes.push({check: 'weekend', buyer: g.buyer, currency: g.currency, text: msg.weekendRoutine(countText(hits.length), countText(g.rows.length), shareText, String(routine))})
      continue
    }
    const byKey = new Map<string, number[]>()
    for (const i of hits) {
      const own = redacted?.values[i] === 1 || supplierKey.codes[i] < 0
      const key = `${date.codes[i]} ${own ? `row ${i}` : `s ${supplierKey.codes[i]}`}`
      let list = byKey.get(key)
      if (!list) byKey.set(key, (list = []))
      list.push(i)
    }
    for (const rows of byKey.values()) {
      const r = rows[0]
      const iso = date.dict[date.codes[r]]
      const sum = new ExactSum()
      for (const i of rows) sum.add(amounts[i])
      const total = sum.value()
      const holiday = dayKind[date.codes[r]] === 2
      const what = holiday ? `listed holiday, a ${DAY_NAMES[weekdayOf(iso)]}` : DAY_NAMES[weekdayOf(iso)]
      flags.push({
        check: 'weekend', kind: holiday ? 'holiday' : 'weekend', buyer: g.buyer, buyer_id: g.buyer_id,
        supplier: supplier.codes[r] < 0 ? null : supplier.dict[supplier.codes[r]],
        supplier_key: supplierKey.codes[r] < 0 ? null : supplierKey.dict[supplierKey.codes[r]],
        category: null, amount: total, currency: g.currency, score: routine > 0 ? 1 - share / routine : 1,
        explanation: msg.weekendFlag(what, iso, countText(rows.length), `${formatMinor(total, g.currency)} ${g.currency}`, shareText),
        rows: Uint32Array.from(rows),
      })
    }
  }
  return {flags, notes, echo: {score: msg.weekendScore(), weekdays: 'Saturday and Sunday, from the ISO date (UTC)'}}
}
