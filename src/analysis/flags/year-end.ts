/**
 * The `year-end` check: per buyer, currency and fiscal year (starting in
 * month `fiscalYearStart`, from --config `fiscal_year_start`), the spend
 * dated in the year's last month against the year's monthly average (the
 * year's spend / 12). A ratio above `ratio` (default 2: the last month holds
 * more than 2/12 = 16.7% of the year's spend, twice its even share) raises
 * one flag, kind `last-month`, supplier and category null, evidence = the
 * last month's rows, amount = their sum, score = the ratio.
 *
 * Only years with payments dated in each of their 12 months are tested (a
 * year cut by the data's start or end would compare a part with a whole); a
 * note lists the others. Years whose spend is zero or negative are skipped.
 * Sums are exact (minor units; the ratio is a double of exact totals).
 */
import {flagsDigitsDatesMsg as msg} from '../../messages.js'
import type {DictColumn} from '../../model/frame.js'
import {formatMinor} from '../../model/money.js'
import {ExactSum, GroupSums, sumByGroup} from '../kernel.js'
import {buyerKeys, fiscalYearOf, monthIndex, monthText} from './calendar.js'
import type {CheckContext, CheckDef, CheckNote, CheckResult, Flag} from './types.js'

export const yearEndCheck: CheckDef = {
  name: 'year-end',
  summary: 'Spend in the last month of the fiscal year against the year\'s monthly average.',
  columns: [],
  params: {
    ratio: {kind: 'number', default: 2, min: 1, doc: 'flag when the last month\'s spend passes this many times the year\'s monthly average'},
  },
  run: runYearEnd,
}

function runYearEnd(ctx: CheckContext): CheckResult {
  const date = ctx.frame.columns.date as DictColumn
  const amounts = (ctx.frame.columns.amount as {values: Float64Array}).values
  const start = ctx.fiscalYearStart
  const limit = Number(ctx.params.ratio)
  const month = Int32Array.from(date.dict, monthIndex)
  let low = Infinity
  let high = -1
  for (const mo of month) {
    if (mo < 0) continue
    if (mo < low) low = mo
    if (mo > high) high = mo
  }
  const {keys, size, groups} = buyerKeys(ctx.frame, ctx.selection)
  const span = high < 0 ? 0 : high - low + 1
  // One exact sum per (buyer group, month): a dense key, so the pass over the rows is typed arrays only.
  const cellOf = new Int32Array(ctx.frame.length).fill(-1)
  for (let i = 0; i < keys.length; i++) {
    const c = date.codes[i]
    if (keys[i] < 0 || c < 0 || month[c] < 0) continue
    cellOf[i] = keys[i] * span + month[c] - low
  }
  const sums = span === 0 ? new GroupSums(0) : sumByGroup(cellOf.map((v) => (v < 0 ? size * span : v)), size * span + 1, amounts, null)
  const flags: Flag[] = []
  const notes: CheckNote[] = []
  const lastMonth = (fy: number) => fy * 12 + start - 1 + 11
  groups.forEach((g, k) => {
    const present: number[] = []
    for (let m = 0; m < span; m++) if (sums.count[k * span + m] > 0) present.push(m + low)
    if (present.length === 0) return
    const years = [...new Set(present.map((mo) => fiscalYearOf(mo, start)))].sort((a, b) => a - b)
    const partial: number[] = []
    for (const fy of years) {
      const first = lastMonth(fy) - 11
      const total = new ExactSum()
      let months = 0
      for (let mo = first; mo <= lastMonth(fy); mo++) {
        if (mo < low || mo > high || sums.count[k * span + mo - low] === 0) continue
        months++
        total.addGroup(sums, k * span + mo - low)
      }
      if (months < 12) {
        partial.push(fy)
        continue
      }
      const t = total.value()
      const lastCell = k * span + lastMonth(fy) - low
      const last = sums.total(lastCell)
      if (t <= 0n) continue
      // last / (total / 12), from exact totals.
      const r = (Number(last) * 12) / Number(t)
      if (!(r > limit)) continue
      const rows: number[] = []
      for (let i = 0; i < cellOf.length; i++) if (cellOf[i] === lastCell) rows.push(i)
      const avg = (t + 6n) / 12n
      flags.push({
        check: 'year-end', kind: 'last-month', buyer: g.buyer, buyer_id: g.buyer_id, supplier: null, supplier_key: null, category: null,
        amount: last, currency: g.currency, score: r,
        explanation: msg.yearEndFlag(monthText(lastMonth(fy)), money(last, g.currency), money(avg, g.currency), r.toFixed(2), yearName(fy, start)),
        rows: Uint32Array.from(rows),
      })
    }
    if (partial.length > 0) notes.push({check: 'year-end', buyer: g.buyer, currency: g.currency, text: msg.yearEndPartial(partial.map((y) => yearName(y, start)).join(', '))})
  })
  return {flags, notes, echo: {score: msg.yearEndScore(), fiscal_year_start: start}}
}

const money = (minor: bigint, currency: string) => `${formatMinor(minor, currency)} ${currency}`

/** A fiscal year's name: `2024-25` when it starts after January, else `2024`. */
function yearName(fy: number, start: number): string {
  return start === 1 ? String(fy) : `${fy}-${String((fy + 1) % 100).padStart(2, '0')}`
}
